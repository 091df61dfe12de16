/**
 * The OpenAI Admin API session: one HttpClient with `Authorization: Bearer <admin key>`, the
 * routes in one place, the error message extractor, and `listAll`, the one paginated walk
 * (after, limit, order, has_more, last_id) every list and refresh goes through.
 */
import { walkCursor } from "../../src/provider/kit/pages";
import { unlessNotFound } from "../../src/provider/not-found";
import type { z } from "zod";
import type { HttpClient } from "../../src/http/client";
import { limitsFor } from "../../src/http/limits";
import type { Attributes } from "../../src/provider/contract";
import { listPage, providerConfig } from "./spec";
import { parseImportId } from "../../src/provider/kit/import-id";
import { fromBlockOrEnv, missingSetting, parseProviderBlock } from "../../src/provider/kit/settings";
import { apiClient, bearer } from "../../src/provider/kit/session";

export const DEFAULT_BASE_URL = "https://api.openai.com/v1";
const DEFAULT_PAGE_SIZE = 100;

const seg = encodeURIComponent;
export const ROUTES = {
  adminApiKeys: "/organization/admin_api_keys",
  adminApiKey: (id: string) => `/organization/admin_api_keys/${seg(id)}`,
  projects: "/organization/projects",
  project: (id: string) => `/organization/projects/${seg(id)}`,
  archiveProject: (id: string) => `/organization/projects/${seg(id)}/archive`,
  projectUsers: (projectId: string) => `/organization/projects/${seg(projectId)}/users`,
  projectUser: (projectId: string, userId: string) => `/organization/projects/${seg(projectId)}/users/${seg(userId)}`,
  serviceAccounts: (projectId: string) => `/organization/projects/${seg(projectId)}/service_accounts`,
  serviceAccount: (projectId: string, id: string) => `/organization/projects/${seg(projectId)}/service_accounts/${seg(id)}`,
  projectApiKeys: (projectId: string) => `/organization/projects/${seg(projectId)}/api_keys`,
  projectApiKey: (projectId: string, id: string) => `/organization/projects/${seg(projectId)}/api_keys/${seg(id)}`,
  rateLimits: (projectId: string) => `/organization/projects/${seg(projectId)}/rate_limits`,
  rateLimit: (projectId: string, id: string) => `/organization/projects/${seg(projectId)}/rate_limits/${seg(id)}`,
  invites: "/organization/invites",
  invite: (id: string) => `/organization/invites/${seg(id)}`,
  users: "/organization/users",
  user: (id: string) => `/organization/users/${seg(id)}`,
} as const;

export interface OpenaiSession {
  readonly http: HttpClient;
  /** `limit` for every list call (1–100). */
  readonly pageSize: number;
}

export function configureOpenai(config: Attributes, env: NodeJS.ProcessEnv): OpenaiSession {
  const parsed = { data: parseProviderBlock("openai", providerConfig, config) };
  const baseUrl = fromBlockOrEnv(parsed.data.base_url, env, ["OPENAI_BASE_URL"]) ?? DEFAULT_BASE_URL;
  const adminKey = fromBlockOrEnv(parsed.data.admin_key, env, ["OPENAI_ADMIN_KEY"]);
  if (!adminKey) throw missingSetting("openai", "admin key", ["OPENAI_ADMIN_KEY"], "adminKey", "OpenaiProvider", "(an admin key from https://platform.openai.com/settings/organization/admin-keys)");
  const http = apiClient({
    service: "OpenAI Admin API",
    baseUrl,
    credentials: bearer(adminKey),
    authHint: "Check OPENAI_ADMIN_KEY: it must be an admin key (sk-admin-…) of an organization owner, not a project key",
    errorMessage: openaiErrorMessage,
    limits: limitsFor("openai", baseUrl, parsed.data.rate_limit, env, { host: "api.openai.com", requestsPerMinute: 7, burst: 3, concurrency: 4 }),
  });
  return { http, pageSize: parsed.data.page_size ?? DEFAULT_PAGE_SIZE };
}

/** `{ error: { message, type, param, code } }` → `message (type, code, param: x)`. */
export function openaiErrorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body || undefined;
  if (!body || typeof body !== "object") return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error === "string") return error;
  if (!error || typeof error !== "object") return undefined;
  const { message, type, code, param } = error as Record<string, unknown>;
  const facts = [type, code, param ? `param: ${String(param)}` : undefined].filter((fact) => typeof fact === "string" && fact.length > 0);
  const text = typeof message === "string" && message.length > 0 ? message : "no message";
  return facts.length > 0 ? `${text} (${facts.join(", ")})` : text;
}

/**
 * Every item of a collection, walking pages with `after` until `has_more` is false. The cursor is
 * `last_id`, or the last item's id where the API leaves `last_id` out. `query` adds filters.
 */
export async function listAll<T>(
  session: OpenaiSession,
  path: string,
  item: z.ZodType<T>,
  query: Readonly<Record<string, string | number | boolean | undefined>> = {},
): Promise<T[]> {
  const page = listPage(item);
  return walkCursor(`OpenAI Admin API: GET ${path}`, async (after) => {
    const answer = await session.http.request({
      method: "GET",
      path,
      // `order` is sent unless the caller leaves it out (`order: undefined`) for a list whose docs lack it.
      query: { ...query, limit: session.pageSize, order: "order" in query ? query.order : "asc", after },
      schema: page,
    });
    const last = answer.data[answer.data.length - 1] as { id?: unknown } | undefined;
    return { items: answer.data as T[], hasMore: answer.has_more, next: answer.last_id ?? (typeof last?.id === "string" ? last.id : undefined) };
  });
}

/** Composite ids of project children: `<project id>/<object id>`; the import id has the same form. */
export function splitChildId(type: string, id: string, what: string): [string, string] {
  return parseImportId(type, id, ["project id", what]) as [string, string];
}

export { unlessNotFound };
