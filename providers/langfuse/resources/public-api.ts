/**
 * Calls to the Langfuse public API with a key pair chosen per call. Credentials come from a
 * resource's arguments (references to a key resource's attributes) or, for organization keys,
 * from the provider; they never come from ids. Every secret is registered with the HttpClient
 * before use, so no error message can print it. Listings shared by several resource types live
 * here; within a plan, drift or report the engine's shared reads send each once per key pair
 * (calls carry a fingerprint of the pair), so N projects under one organization key cost one
 * list request, not N.
 */
import { createHash } from "node:crypto";
import { isNotFound } from "../../../src/provider/not-found";
import type { z } from "zod";
import { OrgformError } from "../../../src/errors";
import type { HttpMethod, HttpClient } from "../../../src/http/client";
import type { Attributes, ConstructProp } from "../../../src/provider/contract";
import { revealDeep } from "../../../src/values/sensitive";
import type { KeyPair, LangfuseSession } from "../client";
import { membershipList, organizationProjects, type Membership } from "../spec";
import { basic, headersFor } from "../../../src/provider/kit/session";

export const PUBLIC_ROUTES = {
  projects: "/api/public/projects",
  project: (id: string) => `/api/public/projects/${encodeURIComponent(id)}`,
  organizationProjects: "/api/public/organizations/projects",
  projectApiKeys: (projectId: string) => `/api/public/projects/${encodeURIComponent(projectId)}/apiKeys`,
  projectApiKey: (projectId: string, keyId: string) =>
    `/api/public/projects/${encodeURIComponent(projectId)}/apiKeys/${encodeURIComponent(keyId)}`,
  organizationMemberships: "/api/public/organizations/memberships",
  projectMemberships: (projectId: string) => `/api/public/projects/${encodeURIComponent(projectId)}/memberships`,
  scimUsers: "/api/public/scim/Users",
  llmConnections: "/api/public/llm-connections",
  llmConnection: (id: string) => `/api/public/llm-connections/${encodeURIComponent(id)}`,
} as const;

/** Why a resource has no organization key to use, or undefined when it has one. */
/**
 * How generated constructs spell the organization key and the project (ResourceType.constructProps):
 * the key is the provider's unless the stack passes `orgApiKey`; a project is `{ id }`.
 */
export const ORG_KEY_FROM_PROVIDER = { org_public_key: null, org_secret_key: null } as const;
export const PROJECT_BY_ID: ConstructProp = { prop: "project", code: (value) => `{ id: ${value("project_id")} }` };

export function missingOrgKey(session: LangfuseSession, attributes: Attributes): string | undefined {
  const values = revealDeep(attributes) as Record<string, unknown>;
  const given = [values.org_public_key, values.org_secret_key].filter((value) => value !== undefined && value !== null).length;
  if (given === 2) return undefined;
  if (given === 1) return "set both org_public_key and org_secret_key (orgApiKey on the construct sets both), or neither to use the provider's organization key.";
  if (session.orgKey) return undefined;
  return "no organization key. Pass orgApiKey (a LangfuseOrganizationApiKey) to the construct, or set LANGFUSE_ORG_PUBLIC_KEY and LANGFUSE_ORG_SECRET_KEY.";
}

/** Plan-time check, so a missing key fails the plan rather than half an apply. */
export async function validateOrgKey(ctx: { session: LangfuseSession }, args: Attributes): Promise<readonly string[]> {
  const problem = missingOrgKey(ctx.session, args);
  return problem ? [problem] : [];
}

/** The organization key pair for a resource: its own arguments, else the provider's. */
export function orgCredentials(session: LangfuseSession, attributes: Attributes, address: string): KeyPair {
  const problem = missingOrgKey(session, attributes);
  if (problem) throw new OrgformError("ARGUMENT_INVALID", `${address}: ${problem}`);
  const values = revealDeep(attributes) as Record<string, unknown>;
  if (typeof values.org_public_key === "string" && typeof values.org_secret_key === "string") {
    return { publicKey: values.org_public_key, secretKey: values.org_secret_key };
  }
  return session.orgKey!;
}

/** The project key pair an LLM connection authenticates with. */
export function projectCredentials(attributes: Attributes, address: string): KeyPair {
  const values = revealDeep(attributes) as Record<string, unknown>;
  if (typeof values.project_public_key === "string" && typeof values.project_secret_key === "string") {
    return { publicKey: values.project_public_key, secretKey: values.project_secret_key };
  }
  throw new OrgformError("ARGUMENT_INVALID", `${address}: no project key. Pass projectApiKey (a LangfuseProjectApiKey) to the construct.`);
}

export interface PublicCall<T> {
  readonly method: HttpMethod;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  readonly schema: z.ZodType<T>;
  readonly idempotent?: boolean;
}

/** One call with Basic auth from `key`; the secret and the header are redacted from errors. */
export function callWith<T>(http: HttpClient, key: KeyPair, call: PublicCall<T>): Promise<T> {
  const headers = headersFor(http, basic(key.publicKey, key.secretKey));
  // Reads with one key pair share answers within a plan (N projects of one key: one listing).
  const shareAs = createHash("sha256").update(`${key.publicKey}:${key.secretKey}`).digest("hex").slice(0, 32);
  return http.request({ ...call, headers, shareAs });
}

export type OrganizationProject = z.infer<typeof organizationProjects>["projects"][number];

/** Every project the organization key sees (one request however many projects refresh reads). */
export async function listOrganizationProjects(session: LangfuseSession, key: KeyPair): Promise<OrganizationProject[]> {
  const { projects } = await callWith(session.orgHttp, key, { method: "GET", path: PUBLIC_ROUTES.organizationProjects, schema: organizationProjects });
  return projects;
}

/** Every member of the key's organization. */
export async function listOrganizationMemberships(session: LangfuseSession, key: KeyPair): Promise<Membership[]> {
  const { memberships } = await callWith(session.orgHttp, key, { method: "GET", path: PUBLIC_ROUTES.organizationMemberships, schema: membershipList });
  return memberships;
}

/** Every member of one project; null when the project is gone. */
export async function listProjectMemberships(session: LangfuseSession, key: KeyPair, projectId: string): Promise<Membership[] | null> {
  try {
    const { memberships } = await callWith(session.orgHttp, key, { method: "GET", path: PUBLIC_ROUTES.projectMemberships(projectId), schema: membershipList });
    return memberships;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** The organization member with this email (Langfuse stores emails lower-cased). */
export async function findMemberByEmail(session: LangfuseSession, key: KeyPair, email: string): Promise<Membership | undefined> {
  const members = await listOrganizationMemberships(session, key);
  return members.find((member) => member.email.toLowerCase() === email.toLowerCase());
}

/** Arguments that only say how to authenticate: changing them alone needs no API write. */
export const CREDENTIAL_ARGUMENTS = ["org_public_key", "org_secret_key", "project_public_key", "project_secret_key"] as const;

export function onlyCredentialsChanged(prior: Attributes, args: Attributes, compared: readonly string[]): boolean {
  const a = revealDeep(prior) as Record<string, unknown>;
  const b = revealDeep(args) as Record<string, unknown>;
  return compared.every((key) => JSON.stringify(a[key] ?? null) === JSON.stringify(b[key] ?? null));
}

// Shared by every provider; re-exported for this provider's resource files.
export { isNotFound };
