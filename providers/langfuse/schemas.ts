/**
 * zod schemas for the Langfuse admin Organizations API (seed 000): the arguments a stack sets and
 * the responses the API returns. Shared by the constructs (synth-time validation), the resource
 * types (plan-time validation) and the emulator (request validation), so the three agree.
 */
import { z } from "zod";
import type { ConstructSpec } from "../spec-construct";
import { rateLimitSchema } from "../../src/http/limits";

const NO_HTML = /^[^<>]*$/;

/** Organization names: 3 to 60 characters, no HTML (as the real service validates). */
export const organizationName = z
  .string()
  .min(3, "must be at least 3 characters")
  .max(60, "must be at most 60 characters")
  .regex(NO_HTML, "must not contain HTML (< or >)");

export const metadata = z.record(z.string(), z.unknown());

export const organizationArguments = z.object({
  name: organizationName.meta({ description: "3–60 characters, no HTML.", getter: true }),
  metadata: metadata.default({}).describe("Replaced wholesale on update."),
});

export const organizationApiKeyArguments = z.object({
  organization_id: z.string().min(1, "must be an organization id").describe("The organization's id, e.g. a LangfuseOrganization's `id`."),
  note: z.string().nullable().default(null).describe("A note change replaces the key (the API cannot update keys)."),
});

export const providerConfig = z.object({
  base_url: z.string().url("must be a URL such as https://langfuse.example.com").optional().describe("Default: env LANGFUSE_BASE_URL."),
  admin_api_key: z.string().min(1).optional().describe("Default: env LANGFUSE_ADMIN_API_KEY. Never write a secret in source code."),
  org_public_key: z
    .string()
    .min(1)
    .optional()
    .describe("An organization-scoped key pair for projects and memberships that name none. Default: env LANGFUSE_ORG_PUBLIC_KEY."),
  org_secret_key: z.string().min(1).optional().describe("Default: env LANGFUSE_ORG_SECRET_KEY. Never write a secret in source code."),
  rate_limit: rateLimitSchema.optional(),
  alias: z.string().optional(),
});

// ── Computed attributes (typed; each resource type's `computed` names are their keys) ──
const time = (what: string) => z.string().nullable().describe(`${what} (ISO 8601); null when the API has none.`);

/** What an organization or project key pair computes. */
export const keyPairComputed = z.object({
  id: z.string().describe("The key's id."),
  public_key: z.string().describe("The key pair's public key (`pk-lf-…`)."),
  secret_key: z.string().describe("Sensitive: the API returns it only when the object is made (state keeps it); reference it only from sensitive outputs."),
  display_secret_key: z.string().describe("The secret key as the API shows it (`sk-lf-…abcd`)."),
  created_at: time("When the key was made"),
  expires_at: time("When the key expires"),
  last_used_at: time("When the key was last used"),
});
export const organizationComputed = z.object({
  id: z.string().describe("The organization's id."),
  created_at: time("When the organization was made"),
  project_ids: z.array(z.string()).describe("The ids of the organization's projects."),
});

/** The admin API's constructs, which scripts/generate-constructs.ts writes into constructs.generated.ts. */
export const constructSpecs: readonly ConstructSpec[] = [
  { construct: "LangfuseProvider", kind: "provider", type: "langfuse", arguments: providerConfig },
  { construct: "LangfuseOrganization", kind: "resource", type: "langfuse_organization", doc: "An organization (admin API); its metadata is replaced wholesale on update.", arguments: organizationArguments, attributes: organizationComputed },
  {
    construct: "LangfuseOrganizationApiKey",
    kind: "resource",
    type: "langfuse_organization_api_key",
    doc: "An organization-scoped key pair; a note change replaces it (the API cannot update keys).",
    arguments: organizationApiKeyArguments,
    attributes: keyPairComputed,
    secret: true,
  },
];

// ── API responses ──────────────────────────────────────────────────────────
export const organizationProject = z.object({
  id: z.string(),
  name: z.string(),
  metadata: metadata.nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const organization = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  metadata: metadata.nullable().transform((value) => value ?? {}),
  projects: z.array(organizationProject),
});
export type Organization = z.infer<typeof organization>;

export const organizationList = z.object({ organizations: z.array(organization) });

export const apiKeySummary = z.object({
  id: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable().optional(),
  lastUsedAt: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
  publicKey: z.string(),
  displaySecretKey: z.string(),
});
export type ApiKeySummary = z.infer<typeof apiKeySummary>;

export const apiKeyList = z.object({ apiKeys: z.array(apiKeySummary) });

export const apiKeyCreated = z.object({
  id: z.string(),
  createdAt: z.string(),
  publicKey: z.string(),
  secretKey: z.string(),
  displaySecretKey: z.string(),
  note: z.string().nullable().optional(),
});

export const deleted = z.object({ success: z.boolean() });
