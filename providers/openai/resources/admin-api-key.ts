/**
 * `openai_admin_api_key`: create, read, delete. The API has no update, so a new name (or expiry)
 * replaces the key. The value (`sk-admin-…`) is only in the create response: it is kept in state
 * as the sensitive attribute `value`; reads return `redacted_value` only and the engine keeps the
 * prior `value`. A key past its `expires_at` reads as Gone, so the plan offers a fresh one.
 */
import { Gone, type Attributes, type ResourceType } from "../../../src/provider/contract";
import { ROUTES, listAll, unlessNotFound, type OpenaiSession } from "../client";
import { adminApiKey, type AdminApiKey, adminApiKeyArguments, adminApiKeyComputed, adminApiKeyCreated, deleted } from "../spec";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

function toAttributes(key: AdminApiKey): Attributes {
  return {
    id: key.id,
    name: key.name ?? "",
    redacted_value: key.redacted_value,
    created_at: key.created_at,
    last_used_at: key.last_used_at,
    expires_at: key.expires_at,
    owner_id: key.owner?.id ?? null,
  };
}

/** An expired key cannot authenticate any more: drift the plan should show, not a live object. */
function liveOrGone(key: AdminApiKey): Attributes | Gone {
  if (key.expires_at !== null && Date.parse(key.expires_at) <= Date.now()) {
    return new Gone(`expired at ${key.expires_at}`, key.id);
  }
  return toAttributes(key);
}

export const adminApiKeyType: ResourceType<OpenaiSession> = {
  type: "openai_admin_api_key",
  ...declarationsOf(adminApiKeyArguments, adminApiKeyComputed),
  keyReport: { createdAt: "created_at", lastUsedAt: "last_used_at", expiresAt: "expires_at", label: ["name", "redacted_value"] },
  // Not writeOnly: reads omit expires_in_seconds (the API answers expires_at), so the engine keeps
  // the value from create in state and a change still shows as a replace, without a warning.

  async read({ session }, prior) {
    const key = await unlessNotFound(
      () => session.http.request({ method: "GET", path: ROUTES.adminApiKey(String(prior.id)), schema: adminApiKey }),
      null,
    );
    return key && liveOrGone(key);
  },

  // One walk over the organization's admin keys refreshes every key in the state.
  list: {
    scope: () => "",
    async fetch({ session }) {
      const keys = await listAll(session, ROUTES.adminApiKeys, adminApiKey);
      return keys.map(liveOrGone);
    },
  },

  async create({ session }, args) {
    const key = await session.http.request({
      method: "POST",
      path: ROUTES.adminApiKeys,
      body: { name: args.name, expires_in_seconds: args.expires_in_seconds ?? undefined },
      schema: adminApiKeyCreated,
    });
    // From here on the value cannot appear in any error text of this session.
    session.http.addSecret(key.value);
    return { ...toAttributes(key), value: key.value };
  },

  async delete({ session }, prior) {
    await unlessNotFound(
      () => session.http.request({ method: "DELETE", path: ROUTES.adminApiKey(String(prior.id)), schema: deleted }),
      undefined,
    );
  },

  async importById({ session }, id) {
    const key = await unlessNotFound(
      () => session.http.request({ method: "GET", path: ROUTES.adminApiKey(id), schema: adminApiKey }),
      null,
    );
    // The value cannot be imported: OpenAI shows it only once, at creation.
    return key && toAttributes(key);
  },
};
