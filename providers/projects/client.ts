/**
 * The Projects API session: one HttpClient for the Organizations API (both `Api-Key` and
 * `Authorization: Bearer` headers, JSON:API bodies and errors), the route table in one place, and
 * a factory for Langfuse public API clients authenticated with a project's key pair.
 */
import { isNotFound } from "../../src/provider/not-found";
import type { HttpClient } from "../../src/http/client";
import { limitsFor } from "../../src/http/limits";
import type { Attributes } from "../../src/provider/contract";
import { providerConfig } from "./spec";
import { fromBlockOrEnv, missingSetting, parseProviderBlock } from "../../src/provider/kit/settings";
import { apiClient, basic, bearer, keyHeader, together } from "../../src/provider/kit/session";

const e = encodeURIComponent;
/** Every path of the deployment hangs off this prefix: another deployment is a one-line change. */
const ORG = (o: string) => `/organizations/${e(o)}`;

export const ROUTES = {
  projects: (o: string) => `${ORG(o)}/projects`,
  project: (o: string, p: string) => `${ORG(o)}/projects/${e(p)}`,
  apiKeys: (o: string, p: string) => `${ORG(o)}/projects/${e(p)}/api-keys`,
  apiKey: (o: string, p: string, id: string) => `${ORG(o)}/projects/${e(p)}/api-keys/${e(id)}`,
  llmApiKeys: (o: string, p: string) => `${ORG(o)}/projects/${e(p)}/llm-api-keys`,
  llmApiKey: (o: string, p: string, id: string) => `${ORG(o)}/projects/${e(p)}/llm-api-keys/${e(id)}`,
  members: (o: string, p: string) => `${ORG(o)}/projects/${e(p)}/users`,
  member: (o: string, p: string, u: string) => `${ORG(o)}/projects/${e(p)}/users/${e(u)}`,
  denyMember: (o: string, p: string, u: string) => `${ORG(o)}/projects/${e(p)}/users/${e(u)}/deny`,
  restoreMember: (o: string, p: string, u: string) => `${ORG(o)}/projects/${e(p)}/users/${e(u)}/restore`,
  invitations: (o: string, p: string) => `${ORG(o)}/projects/${e(p)}/invitations`,
  invitation: (o: string, p: string, id: string) => `${ORG(o)}/projects/${e(p)}/invitations/${e(id)}`,
  resendInvitation: (o: string, p: string, id: string) => `${ORG(o)}/projects/${e(p)}/invitations/${e(id)}/resend`,
  // Langfuse public API (analytics), relative to the Langfuse URL.
  dailyMetrics: () => "/api/public/metrics/daily",
  traces: () => "/api/public/traces",
} as const;

/** Environment defaults, first match wins. The REACT_APP_* names are the seed's own. */
export const ENV = {
  baseUrl: ["ORGANIZATIONS_API_BASE_URL", "REACT_APP_ORGANIZATIONS_API_BASE_URL"],
  apiKey: ["ORGANIZATIONS_API_KEY"],
  token: ["ORGANIZATIONS_API_TOKEN"],
  organizationId: ["ORGANIZATIONS_API_ORGANIZATION_ID"],
  langfuseUrl: ["LANGFUSE_API_URL", "REACT_APP_LANGFUSE_API_URL"],
} as const;

export interface ProjectsSession {
  /** The Organizations API. */
  readonly http: HttpClient;
  readonly organizationId: string;
  /** A Langfuse public API client for one project's key pair (analytics data sources). */
  langfuse(publicKey: string, secretKey: string): HttpClient;
}

export function configureProjects(config: Attributes, env: NodeJS.ProcessEnv): ProjectsSession {
  const settings = parseProviderBlock("projects", providerConfig, config);
  const baseUrl = fromBlockOrEnv(settings.base_url, env, ENV.baseUrl);
  const apiKey = fromBlockOrEnv(settings.api_key, env, ENV.apiKey);
  const token = fromBlockOrEnv(settings.token, env, ENV.token);
  const organizationId = fromBlockOrEnv(settings.organization_id, env, ENV.organizationId);
  const langfuseUrl = fromBlockOrEnv(settings.langfuse_url, env, ENV.langfuseUrl);
  const missing = (what: string, names: readonly string[], prop: string) => missingSetting("projects", what, names, prop, "ProjectsProvider");
  if (!baseUrl) throw missing("base URL", ENV.baseUrl, "baseUrl");
  if (!apiKey) throw missing("API key (Api-Key header)", ENV.apiKey, "apiKey");
  if (!token) throw missing("bearer token (Authorization header)", ENV.token, "token");
  if (!organizationId) throw missing("organization id", ENV.organizationId, "organizationId");

  const http = apiClient({
    service: "Projects API",
    baseUrl,
    credentials: together(keyHeader("api-key", apiKey), bearer(token)),
    authHint: `Check ${ENV.apiKey[0]} and ${ENV.token[0]}: the API needs both the Api-Key header and the bearer token`,
    errorMessage: jsonApiErrorMessage,
    limits: limitsFor("projects", baseUrl, settings.rate_limit, env),
  });

  return {
    http,
    organizationId,
    langfuse(publicKey, secretKey) {
      if (!langfuseUrl) throw missing("Langfuse API URL (analytics)", ENV.langfuseUrl, "langfuseUrl");
      return apiClient({
        service: "Langfuse public API",
        baseUrl: langfuseUrl,
        credentials: basic(publicKey, secretKey),
        authHint: "The project's key pair was refused: check the project still exists and its keys were not rotated",
        errorMessage: langfuseErrorMessage,
        // The analytics host is the projects provider's too: the same rate_limit and env apply.
        limits: limitsFor("projects", langfuseUrl, settings.rate_limit, env),
      });
    },
  };
}

/** JSON:API errors: `{ errors: [{ status, title, detail }] }` → "title: detail; …". */
export function jsonApiErrorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body || undefined;
  if (!body || typeof body !== "object") return undefined;
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return errors
    .map((error: unknown) => {
      const { title, detail } = (error ?? {}) as { title?: unknown; detail?: unknown };
      return [title, detail].filter((part): part is string => typeof part === "string" && part.length > 0).join(": ");
    })
    .filter((text) => text.length > 0)
    .join("; ");
}

function langfuseErrorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body || undefined;
  if (!body || typeof body !== "object") return undefined;
  const { message, error } = body as { message?: unknown; error?: unknown };
  return typeof message === "string" ? message : typeof error === "string" ? error : undefined;
}

/** A JSON:API request document: `{ data: { type, id?, attributes } }`. */
export function document(type: string, attributes: Record<string, unknown>, id?: string): { data: Record<string, unknown> } {
  return { data: { type, ...(id === undefined ? {} : { id }), attributes } };
}

/**
 * List Projects bypasses the API's 5-minute list cache, or a plan after apply shows phantom drift.
 * The seed documents `forceRefresh` for List Projects only: no other request may send it (a
 * JSON:API server that refuses unknown query parameters answers 400). Members are read through
 * Get Project `include=users`, which is not cached.
 */
export const FRESH = { forceRefresh: true } as const;


// Shared by every provider; re-exported for this provider's resource files.
export { isNotFound };
