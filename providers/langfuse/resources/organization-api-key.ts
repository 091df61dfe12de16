/**
 * `langfuse_organization_api_key`: the API has no GET for one key and no update, so reads go
 * through the organization's key list and a note change replaces the key. The secret key is only
 * in the create response: it is kept as a sensitive attribute.
 */
import type { Attributes, ResourceType } from "../../../src/provider/contract";
import { unlessNotFound } from "../../../src/provider/not-found";
import { ROUTES, type LangfuseSession } from "../client";
import { apiKeyCreated, apiKeyList, deleted, organizationApiKeyArguments, type ApiKeySummary, keyPairComputed } from "../spec";
import { childImportId, parseImportId } from "../../../src/provider/kit/import-id";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

/** A key pair as a listing shows it (organization and project keys alike), under its parent: `{ organization_id }` or `{ project_id }`. */
export function keyPairAttributes(parent: Readonly<Record<string, string>>, key: ApiKeySummary): Attributes {
  return {
    id: key.id,
    ...parent,
    note: key.note ?? null,
    public_key: key.publicKey,
    display_secret_key: key.displaySecretKey,
    created_at: key.createdAt,
    expires_at: key.expiresAt ?? null,
    last_used_at: key.lastUsedAt ?? null,
  };
}

/** The organization's keys; empty when the organization itself is gone (so are its keys). */
async function listKeys(session: LangfuseSession, organizationId: string): Promise<Attributes[]> {
  const listed = await unlessNotFound(() => session.http.request({ method: "GET", path: ROUTES.apiKeys(organizationId), schema: apiKeyList }), { apiKeys: [] });
  return listed.apiKeys.map((key) => keyPairAttributes({ organization_id: organizationId }, key));
}

export const organizationApiKeyType: ResourceType<LangfuseSession> = {
  type: "langfuse_organization_api_key",
  importId: childImportId("organization_id"),
  ...declarationsOf(organizationApiKeyArguments, keyPairComputed),
  keyReport: { createdAt: "created_at", lastUsedAt: "last_used_at", expiresAt: "expires_at", label: ["note", "public_key"] },

  async read({ session }, prior) {
    const keys = await listKeys(session, String(prior.organization_id));
    return keys.find((key) => key.id === prior.id) ?? null;
  },

  list: {
    scope: (attributes) => String(attributes.organization_id),
    parent: { type: "langfuse_organization", scopeOf: (parent) => String(parent.id) },
    fetch: ({ session }, organizationId) => listKeys(session, organizationId),
  },

  async create({ session }, args) {
    const organizationId = String(args.organization_id);
    const key = await session.http.request({
      method: "POST",
      path: ROUTES.apiKeys(organizationId),
      body: { note: args.note ?? undefined },
      schema: apiKeyCreated,
    });
    session.http.addSecret(key.secretKey);
    return {
      ...keyPairAttributes({ organization_id: organizationId }, { ...key, expiresAt: null, lastUsedAt: null }),
      secret_key: key.secretKey,
    };
  },

  async delete({ session }, prior) {
    await unlessNotFound(() => session.http.request({
      method: "DELETE",
      path: ROUTES.apiKey(String(prior.organization_id), String(prior.id)),
      schema: deleted,
    }), undefined);
  },

  // Import ids are "<organization id>/<key id>": the key is found through its organization's list.
  async importById({ session }, id) {
    const [organizationId, keyId] = parseImportId("langfuse_organization_api_key", id, ["organization id", "api key id"]);
    const keys = await listKeys(session, organizationId);
    return keys.find((key) => key.id === keyId) ?? null;
  },
};
