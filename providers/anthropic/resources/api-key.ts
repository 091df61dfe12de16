/**
 * `anthropic_api_key`: the API can neither create nor delete keys, so this resource adopts an
 * existing key by id and manages its name and status. Destroy deactivates the key (or archives
 * it when `archive_on_destroy` is set). "archived" is terminal and "expired" is read-only: the
 * plan refuses to change either. The secret is never returned; `partial_key_hint` identifies it.
 */
import type { Attributes, OperationContext, ResourceType } from "../../../src/provider/contract";
import { OrgformError } from "../../../src/errors";
import { ROUTES, isNotFound, listAll, type AnthropicSession } from "../client";
import { apiKey, apiKeyArguments, type ApiKey, apiKeyComputed } from "../spec";
import { unlessNotFound } from "../../../src/provider/not-found";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

/** `archive_on_destroy` is orgform's own setting: reads leave it out so the stack's value stays. */
export function apiKeyAttributes(found: ApiKey): Attributes {
  return {
    id: found.id,
    api_key_id: found.id,
    name: found.name,
    status: found.status,
    workspace_id: found.workspace_id ?? found.scope?.workspace_id ?? null,
    created_at: found.created_at,
    created_by: found.created_by?.id ?? null,
    partial_key_hint: found.partial_key_hint ?? null,
    expires_at: found.expires_at ?? null,
    last_used_at: found.last_used_at ?? null,
  };
}

async function getKey(session: AnthropicSession, id: string): Promise<ApiKey | null> {
  try {
    return await session.http.request({ method: "GET", path: ROUTES.apiKey(id), schema: apiKey });
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

function changes(current: Attributes, args: Attributes): { name?: string; status?: string } {
  const body: { name?: string; status?: string } = {};
  if (typeof args.name === "string" && args.name !== current.name) body.name = args.name;
  if (typeof args.status === "string" && args.status !== current.status) body.status = args.status;
  return body;
}

/** Why a key in this state cannot take these arguments, or undefined when it can. */
export function refusal(current: Attributes, args: Attributes): string | undefined {
  const wanted = changes(current, args);
  if (Object.keys(wanted).length === 0) return undefined;
  const what = Object.entries(wanted)
    .map(([field, value]) => `${field} → ${JSON.stringify(value)}`)
    .join(", ");
  if (current.status === "archived") {
    return `API key ${String(current.id)} is archived, which is terminal: it cannot be changed (${what}). Remove it from the stack or adopt another key.`;
  }
  if (current.status === "expired") {
    const when = typeof current.expires_at === "string" ? ` at ${current.expires_at}` : "";
    return `API key ${String(current.id)} expired${when}; expired keys are read-only (${what}). Remove it from the stack or adopt another key.`;
  }
  return undefined;
}

async function applyChanges(ctx: OperationContext<AnthropicSession>, current: Attributes, args: Attributes): Promise<Attributes> {
  const body = changes(current, args);
  if (Object.keys(body).length === 0) return current;
  const updated = await ctx.session.http.request({
    method: "POST",
    path: ROUTES.apiKey(String(current.id)),
    idempotent: true,
    body,
    schema: apiKey,
  });
  return apiKeyAttributes(updated);
}

export const apiKeyType: ResourceType<AnthropicSession> = {
  type: "anthropic_api_key",
  ...declarationsOf(apiKeyArguments, apiKeyComputed),
  keyReport: { createdAt: "created_at", lastUsedAt: "last_used_at", expiresAt: "expires_at", label: ["name", "partial_key_hint"] },
  verbs: {
    create: "adopted",
    delete: "deactivated",
    deleteNote: "the Admin API cannot delete API keys: it is set inactive, or archived when archive_on_destroy is true",
  },

  refuseChange(prior, args) {
    return refusal(prior, args);
  },

  async read({ session }, prior) {
    const found = await getKey(session, String(prior.id));
    return found ? apiKeyAttributes(found) : null;
  },

  // A key lives in a workspace ("" for the Default workspace, which has no id): drift reads the
  // keys of every managed workspace, so one made there in the Console is reported.
  list: {
    scope: (attributes) => String(attributes.workspace_id ?? ""),
    parent: { type: "anthropic_workspace", scopeOf: (workspace) => String(workspace.id) },
    async fetch({ session }, workspaceId) {
      if (workspaceId) return (await listAll(session, ROUTES.apiKeys, apiKey, { workspace_id: workspaceId })).map(apiKeyAttributes);
      // The API has no filter for the Default workspace: every key is read and those in a workspace left out.
      return (await listAll(session, ROUTES.apiKeys, apiKey)).map(apiKeyAttributes).filter((key) => key.workspace_id === null);
    },
  },

  // "Create" adopts the key and makes its name and status match.
  async create(ctx, args) {
    const id = String(args.api_key_id);
    const found = await getKey(ctx.session, id);
    if (!found) {
      throw new OrgformError(
        "API_NOT_FOUND",
        `there is no API key ${id} in the organization. The Admin API cannot create keys: create one in the Claude Console, then adopt it here by its id.`,
      );
    }
    const current = apiKeyAttributes(found);
    const refused = refusal(current, args);
    if (refused) throw new OrgformError("OPERATION_UNSUPPORTED", refused);
    return { ...(await applyChanges(ctx, current, args)), archive_on_destroy: args.archive_on_destroy };
  },

  async update(ctx, prior, args) {
    const refused = refusal(prior, args);
    if (refused) throw new OrgformError("OPERATION_UNSUPPORTED", refused);
    return { ...(await applyChanges(ctx, prior, args)), archive_on_destroy: args.archive_on_destroy };
  },

  async delete(ctx, prior) {
    // Archived and expired keys are already out of use, and cannot be changed anyway.
    if (prior.status === "archived" || prior.status === "expired") return;
    const status = prior.archive_on_destroy === true ? "archived" : "inactive";
    if (prior.status === status) return;
    await unlessNotFound(() => applyChanges(ctx, prior, { status }), undefined);
  },

  async importById({ session }, id) {
    const found = await getKey(session, id);
    return found ? { ...apiKeyAttributes(found), archive_on_destroy: false } : null;
  },
};
