/**
 * The Anthropic Admin API session: one HttpClient with the admin key in `x-api-key` (a Sensitive
 * value) and `anthropic-version`, the routes in one place, the cursor walk every list shares, and
 * the API's error text (both the live nested shape and the seed's flat one) with its request id.
 */
import { walkCursor } from "../../src/provider/kit/pages";
import { isNotFound } from "../../src/provider/not-found";
import type { z } from "zod";
import type { HttpClient } from "../../src/http/client";
import type { HostLimits } from "../../src/http/host-limiter";
import { limitsFor } from "../../src/http/limits";
import { OrgformError } from "../../src/errors";
import type { Attributes } from "../../src/provider/contract";
import { page, providerConfig, type User, type Workspace } from "./spec";
import { fromBlockOrEnv, missingSetting, parseProviderBlock } from "../../src/provider/kit/settings";
import { apiClient, keyHeader } from "../../src/provider/kit/session";

export const ANTHROPIC_VERSION = "2023-06-01";
export const DEFAULT_BASE_URL = "https://api.anthropic.com";
/** The API's largest page: refresh of N objects costs ceil(N / 1000) calls per collection. */
export const MAX_PAGE_SIZE = 1000;

const enc = encodeURIComponent;
export const ROUTES = {
  me: "/v1/organizations/me",
  users: "/v1/organizations/users",
  user: (id: string) => `/v1/organizations/users/${enc(id)}`,
  invites: "/v1/organizations/invites",
  invite: (id: string) => `/v1/organizations/invites/${enc(id)}`,
  workspaces: "/v1/organizations/workspaces",
  workspace: (id: string) => `/v1/organizations/workspaces/${enc(id)}`,
  archive: (id: string) => `/v1/organizations/workspaces/${enc(id)}/archive`,
  members: (workspaceId: string) => `/v1/organizations/workspaces/${enc(workspaceId)}/members`,
  member: (workspaceId: string, userId: string) => `/v1/organizations/workspaces/${enc(workspaceId)}/members/${enc(userId)}`,
  apiKeys: "/v1/organizations/api_keys",
  apiKey: (id: string) => `/v1/organizations/api_keys/${enc(id)}`,
} as const;

/**
 * Plan-time facts shared by the validations of one plan: the count of active workspaces is read
 * once, and each workspace the plan creates is counted, so the 100-workspace limit is checked
 * for the plan as a whole rather than resource by resource.
 */
export interface PlanningMemo {
  activeWorkspaces?: Promise<number>;
  readonly plannedWorkspaces: Set<string>;
  readonly users: Map<string, Promise<User | null>>;
  readonly workspaces: Map<string, Promise<Workspace | null>>;
}

export interface AnthropicSession {
  readonly http: HttpClient;
  /** Items per list call; 1000 in use, smaller in tests to exercise the cursor walk. */
  readonly pageSize: number;
  readonly planning: PlanningMemo;
}

export interface SessionOptions {
  readonly baseUrl: string;
  readonly adminApiKey: string;
  readonly pageSize?: number;
  readonly maxRetries?: number;
  /** The host's concurrency cap and bucket; default: the HttpClient's. */
  readonly limits?: HostLimits;
}

export function configureAnthropic(config: Attributes, env: NodeJS.ProcessEnv): AnthropicSession {
  const settings = parseProviderBlock("anthropic", providerConfig, config);
  const baseUrl = fromBlockOrEnv(settings.base_url, env, ["ANTHROPIC_BASE_URL"]) ?? DEFAULT_BASE_URL;
  const adminApiKey = fromBlockOrEnv(settings.admin_api_key, env, ["ANTHROPIC_ADMIN_API_KEY"]);
  if (!adminApiKey) throw missingSetting("anthropic", "admin API key", ["ANTHROPIC_ADMIN_API_KEY"], "adminApiKey", "AnthropicProvider", "(an sk-ant-admin… key from Console → Settings → Admin keys)");
  const envPageSize = Number(env.ORGFORM_ANTHROPIC_PAGE_SIZE);
  const pageSize = settings.page_size ?? (Number.isInteger(envPageSize) && envPageSize > 0 ? envPageSize : undefined);
  const limits = limitsFor("anthropic", baseUrl, settings.rate_limit, env);
  return createAnthropicSession({ baseUrl, adminApiKey, pageSize, limits });
}

export function createAnthropicSession(options: SessionOptions): AnthropicSession {
  const http = apiClient({
    service: "Anthropic Admin API",
    baseUrl: options.baseUrl,
    credentials: keyHeader("x-api-key", options.adminApiKey),
    headers: { "anthropic-version": ANTHROPIC_VERSION },
    authHint: "Check ANTHROPIC_ADMIN_API_KEY: it must be an Admin API key (sk-ant-admin…) of the organization, not a regular API key",
    errorMessage: anthropicErrorMessage,
    maxRetries: options.maxRetries,
    limits: options.limits,
  });
  return {
    http,
    pageSize: Math.min(MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? MAX_PAGE_SIZE)),
    planning: { plannedWorkspaces: new Set(), users: new Map(), workspaces: new Map() },
  };
}

/**
 * The API's own words from an error body. The live API nests them
 * (`{type:"error", error:{type, message}, request_id}`); the seed shows them flat
 * (`{type, message}`). The request id is kept so support can trace the call.
 */
export function anthropicErrorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.length > 0 ? body : undefined;
  if (!body || typeof body !== "object") return undefined;
  const record = body as Record<string, unknown>;
  const inner = record.error && typeof record.error === "object" ? (record.error as Record<string, unknown>) : record;
  const type = typeof inner.type === "string" && inner.type !== "error" ? inner.type : undefined;
  const message = typeof inner.message === "string" ? inner.message : undefined;
  if (!type && !message) return undefined;
  const requestId = typeof record.request_id === "string" ? ` (request id ${record.request_id})` : "";
  return `${type ? `${type}: ` : ""}${message ?? "(no message)"}${requestId}`;
}

/**
 * Walks a collection with the API's cursor: `limit`, then `after_id = last_id` while
 * `has_more`. One walk per collection is all a refresh needs.
 */
export async function listAll<T extends z.ZodType>(
  session: AnthropicSession,
  path: string,
  item: T,
  query: Readonly<Record<string, string | number | boolean | undefined>> = {},
): Promise<Array<z.infer<T>>> {
  const schema = page(item);
  return walkCursor(`Anthropic Admin API: GET ${path}`, async (afterId) => {
    const result = await session.http.request({ method: "GET", path, query: { ...query, limit: session.pageSize, after_id: afterId }, schema });
    return { items: result.data as Array<z.infer<T>>, hasMore: result.has_more, next: result.last_id ?? undefined };
  });
}

/** Whether an error is a 4xx the API answered (not a transport failure). */
export function isClientError(error: unknown, status?: number): boolean {
  if (!(error instanceof OrgformError)) return false;
  const got = error.details.status;
  return typeof got === "number" && got >= 400 && got < 500 && (status === undefined || got === status);
}


// Shared by every provider; re-exported for this provider's resource files.
export { isNotFound };
