/**
 * The Langfuse session: the admin API client (Bearer ADMIN_API_KEY, seed 000) and the public API
 * clients (Basic auth with a key pair given per call: organization-scoped for projects, keys and
 * memberships; project-scoped for LLM connections). The admin key is only demanded when an admin
 * route is used, so a stack that manages projects with an organization key needs no admin key.
 */
import type { HttpClient } from "../../src/http/client";
import { limitsFor } from "../../src/http/limits";
import { OrgformError } from "../../src/errors";
import type { Attributes } from "../../src/provider/contract";
import { providerConfig } from "./spec";
import { fromBlockOrEnv, missingSetting, parseProviderBlock } from "../../src/provider/kit/settings";
import { apiClient, bearer } from "../../src/provider/kit/session";

export const ROUTES = {
  organizations: "/api/admin/organizations",
  organization: (id: string) => `/api/admin/organizations/${encodeURIComponent(id)}`,
  apiKeys: (orgId: string) => `/api/admin/organizations/${encodeURIComponent(orgId)}/apiKeys`,
  apiKey: (orgId: string, keyId: string) =>
    `/api/admin/organizations/${encodeURIComponent(orgId)}/apiKeys/${encodeURIComponent(keyId)}`,
} as const;

/** A Langfuse key pair: the public key is the Basic auth username, the secret the password. */
export interface KeyPair {
  readonly publicKey: string;
  readonly secretKey: string;
}

export interface LangfuseSession {
  /** The admin API client; throws the "no admin API key" error when none is configured. */
  readonly http: HttpClient;
  /** Public API routes that need an organization-scoped key. */
  readonly orgHttp: HttpClient;
  /** Public API routes that need a project-scoped key. */
  readonly projectHttp: HttpClient;
  /** The provider's organization key (block or env), used when a resource names none. */
  readonly orgKey: KeyPair | undefined;
}

export function configureLangfuse(config: Attributes, env: NodeJS.ProcessEnv): LangfuseSession {
  const parsed = { data: parseProviderBlock("langfuse", providerConfig, config) };
  const baseUrl = fromBlockOrEnv(parsed.data.base_url, env, ["LANGFUSE_BASE_URL"]);
  const adminKey = fromBlockOrEnv(parsed.data.admin_api_key, env, ["LANGFUSE_ADMIN_API_KEY"]);
  if (!baseUrl) throw missingSetting("langfuse", "base URL", ["LANGFUSE_BASE_URL"], "baseUrl", "LangfuseProvider");
  const orgKey = organizationKey(parsed.data.org_public_key ?? env.LANGFUSE_ORG_PUBLIC_KEY, parsed.data.org_secret_key ?? env.LANGFUSE_ORG_SECRET_KEY);
  // One host behind all three clients: they share its limiter, so they get the same limits.
  const limits = limitsFor("langfuse", baseUrl, parsed.data.rate_limit, env);
  const publicClient = (authHint: string) => {
    const http = apiClient({ service: "Langfuse public API", baseUrl, authHint, errorMessage: langfuseErrorMessage, limits });
    if (orgKey) http.addSecret(orgKey.secretKey);
    return http;
  };
  let admin: HttpClient | undefined;
  return {
    get http(): HttpClient {
      if (admin) return admin;
      if (!adminKey) {
        throw new OrgformError(
          "ARGUMENT_INVALID",
          `provider "langfuse": no admin API key. Set LANGFUSE_ADMIN_API_KEY (the ADMIN_API_KEY of your self-hosted Langfuse).`,
        );
      }
      admin = apiClient({
        service: "Langfuse admin API",
        baseUrl,
        credentials: bearer(adminKey),
        authHint: "Check LANGFUSE_ADMIN_API_KEY: it must equal the ADMIN_API_KEY your Langfuse server was started with",
        errorMessage: langfuseErrorMessage,
        limits,
      });
      return admin;
    },
    orgHttp: publicClient(
      "These routes need an organization-scoped key pair: reference a LangfuseOrganizationApiKey (orgApiKey) or set LANGFUSE_ORG_PUBLIC_KEY and LANGFUSE_ORG_SECRET_KEY; a project key is refused",
    ),
    projectHttp: publicClient("LLM connection routes need a project-scoped key pair: reference a LangfuseProjectApiKey (projectApiKey); an organization key is refused"),
    orgKey,
  };
}

function organizationKey(publicKey: string | undefined, secretKey: string | undefined): KeyPair | undefined {
  if (!publicKey && !secretKey) return undefined;
  if (!publicKey || !secretKey) {
    throw new OrgformError(
      "ARGUMENT_INVALID",
      `provider "langfuse": an organization key needs both halves. Set both LANGFUSE_ORG_PUBLIC_KEY and LANGFUSE_ORG_SECRET_KEY (or orgPublicKey and orgSecretKey on LangfuseProvider).`,
    );
  }
  return { publicKey, secretKey };
}

export function langfuseErrorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body;
  if (body && typeof body === "object") {
    const { error, message, details, detail } = body as { error?: unknown; message?: unknown; details?: unknown; detail?: unknown };
    // Langfuse answers `{error, message}`: the error names the kind, the message says why; show both.
    const parts = [error, message, detail].filter((part, i, all): part is string => typeof part === "string" && part !== "" && all.indexOf(part) === i);
    const text = parts.length > 0 ? parts.join(": ") : undefined;
    if (text && details !== undefined) return `${text} (${JSON.stringify(details)})`;
    return text;
  }
  return undefined;
}
