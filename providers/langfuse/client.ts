/**
 * The Langfuse admin API session: one HttpClient with Bearer auth, and the routes in one place.
 */
import { HttpClient } from "../../src/http/client";
import { OrgformError } from "../../src/errors";
import { Sensitive, revealDeep } from "../../src/values/sensitive";
import type { Attributes } from "../../src/provider/contract";
import { providerConfig } from "./schemas";

export const ROUTES = {
  organizations: "/api/admin/organizations",
  organization: (id: string) => `/api/admin/organizations/${encodeURIComponent(id)}`,
  apiKeys: (orgId: string) => `/api/admin/organizations/${encodeURIComponent(orgId)}/apiKeys`,
  apiKey: (orgId: string, keyId: string) =>
    `/api/admin/organizations/${encodeURIComponent(orgId)}/apiKeys/${encodeURIComponent(keyId)}`,
} as const;

export interface LangfuseSession {
  readonly http: HttpClient;
}

export function configureLangfuse(config: Attributes, env: NodeJS.ProcessEnv): LangfuseSession {
  const parsed = providerConfig.safeParse(revealDeep(config));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OrgformError("ARGUMENT_INVALID", `provider "langfuse": ${issue.path.join(".")}: ${issue.message}.`);
  }
  const baseUrl = parsed.data.base_url ?? env.LANGFUSE_BASE_URL;
  const adminKey = parsed.data.admin_api_key ?? env.LANGFUSE_ADMIN_API_KEY;
  if (!baseUrl) {
    throw new OrgformError("ARGUMENT_INVALID", `provider "langfuse": no base URL. Set LANGFUSE_BASE_URL or baseUrl on LangfuseProvider.`);
  }
  if (!adminKey) {
    throw new OrgformError(
      "ARGUMENT_INVALID",
      `provider "langfuse": no admin API key. Set LANGFUSE_ADMIN_API_KEY (the ADMIN_API_KEY of your self-hosted Langfuse).`,
    );
  }
  const http = new HttpClient({
    service: "Langfuse admin API",
    baseUrl,
    headers: { authorization: new Sensitive(`Bearer ${adminKey}`) },
    authHint: "Check LANGFUSE_ADMIN_API_KEY: it must equal the ADMIN_API_KEY your Langfuse server was started with",
    errorMessage: (_status, body) => langfuseErrorMessage(body),
  });
  http.addSecret(adminKey);
  return { http };
}

function langfuseErrorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body;
  if (body && typeof body === "object") {
    const { error, message, details } = body as { error?: unknown; message?: unknown; details?: unknown };
    const text = typeof error === "string" ? error : typeof message === "string" ? message : undefined;
    if (text && details !== undefined) return `${text} (${JSON.stringify(details)})`;
    return text;
  }
  return undefined;
}
