/**
 * `langfuse_llm_connection`: an LLM provider connection of one project (used by the playground
 * and evaluations). The API upserts by provider name (PUT), so create and update are the same
 * call, and creating a connection whose provider name already exists overwrites it. The routes
 * answer project-scoped keys only. The LLM secret is write-only: Langfuse never returns it
 * (only a masked display), so a secret changed outside orgform cannot be detected; orgform keeps
 * a fingerprint and sends the secret again when the stack's value changes. Listing is paginated
 * (page, limit; meta.totalPages).
 */
import { Gone, type Attributes, type OperationContext, type ResourceType } from "../../../src/provider/contract";
import { walkNumbered } from "../../../src/provider/kit/pages";
import { OrgformError } from "../../../src/errors";
import type { KeyPair, LangfuseSession } from "../client";
import { PUBLIC_ROUTES, callWith, projectCredentials } from "./public-api";
import { llmConnection, llmConnectionArguments, llmConnectionDeleted, llmConnectionPage, type LlmConnection, llmConnectionComputed } from "../spec";
import { unlessNotFound } from "../../../src/provider/not-found";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

/** The largest page the API serves. */
const PAGE_LIMIT = 100;

function connectionAttributes(found: LlmConnection): Attributes {
  return {
    id: found.id,
    provider_name: found.provider,
    adapter: found.adapter,
    base_url: found.baseURL,
    custom_models: found.customModels,
    with_default_models: found.withDefaultModels,
    config: found.config && Object.keys(found.config).length > 0 ? (found.config as Record<string, unknown>) : null,
    display_secret_key: found.displaySecretKey,
    created_at: found.createdAt,
    updated_at: found.updatedAt,
  };
}

/** Every connection of the key's project, walking pages until meta.totalPages. */
export function listConnections(session: LangfuseSession, key: KeyPair): Promise<LlmConnection[]> {
  return walkNumbered(async (page) => {
    const { data, meta } = await callWith(session.projectHttp, key, { method: "GET", path: PUBLIC_ROUTES.llmConnections, query: { page, limit: PAGE_LIMIT }, schema: llmConnectionPage });
    return { items: data, totalPages: meta.totalPages };
  });
}

async function upsert(ctx: OperationContext<LangfuseSession>, args: Attributes): Promise<Attributes> {
  const key = projectCredentials(args, ctx.address);
  ctx.session.projectHttp.addSecret(String(args.secret_key));
  const headers = (args.extra_headers ?? null) as Record<string, string> | null;
  for (const value of Object.values(headers ?? {})) if (value) ctx.session.projectHttp.addSecret(value);
  const found = await callWith(ctx.session.projectHttp, key, {
    method: "PUT",
    path: PUBLIC_ROUTES.llmConnections,
    idempotent: true,
    body: upsertBody(args, headers),
    schema: llmConnection,
  });
  return connectionAttributes(found);
}

/**
 * The upsert replaces the whole connection, and a field left out takes Langfuse's default
 * (no base URL, no custom models, default models on, no headers, no config): only what the stack
 * set is sent.
 */
function upsertBody(args: Attributes, headers: Record<string, string> | null): Record<string, unknown> {
  const body: Record<string, unknown> = { provider: args.provider_name, adapter: args.adapter, secretKey: args.secret_key };
  if (args.base_url) body.baseURL = args.base_url;
  if (Array.isArray(args.custom_models) && args.custom_models.length > 0) body.customModels = args.custom_models;
  if (args.with_default_models === false) body.withDefaultModels = false;
  if (headers && Object.keys(headers).length > 0) body.extraHeaders = headers;
  if (args.config && Object.keys(args.config).length > 0) body.config = args.config;
  return body;
}

export const llmConnectionType: ResourceType<LangfuseSession> = {
  type: "langfuse_llm_connection",
  ...declarationsOf(llmConnectionArguments, llmConnectionComputed),

  async read({ session, address }, prior) {
    let connections: LlmConnection[];
    try {
      connections = await listConnections(session, projectCredentials(prior, address));
    } catch (error) {
      // The project key was deleted (or its project): the connection cannot be reached with it.
      // Creating it again is an upsert with the stack's current key, so nothing is duplicated.
      if (error instanceof OrgformError && error.details.status === 401) return new Gone("unreachable: the project key it was managed with no longer authenticates");
      throw error;
    }
    // The provider name is the connection's key in its project (the upsert matches on it).
    const found = connections.find((connection) => connection.provider === prior.provider_name);
    return found ? connectionAttributes(found) : null;
  },

  create: upsert,
  update: (ctx, _prior, args) => upsert(ctx, args),

  async delete({ session, address }, prior) {
    await unlessNotFound(() => callWith(session.projectHttp, projectCredentials(prior, address), {
      method: "DELETE",
      path: PUBLIC_ROUTES.llmConnection(String(prior.id)),
      schema: llmConnectionDeleted,
    }), undefined);
  },
  // No importById: reading a connection needs a project key, and import ids never carry keys.
};
