/**
 * The Langfuse provider's spec: zod schemas for the admin Organizations API (seed 000) and, below,
 * for the public API routes an organization- or project-scoped key pair administers (projects,
 * project API keys, organization and project memberships, SCIM users, LLM connections): the
 * arguments a stack sets and the responses the APIs return. Shared by the constructs (synth-time validation), the resource
 * types (plan-time validation) and the emulator (request validation), so the three agree.
 */
import { z } from "zod";
import type { ConstructSpec } from "../spec-construct";
import { rateLimitSchema } from "../../src/http/limits";
import { isUnknown, type Unknown } from "../../src/values/unknown";
import { forceNew, sensitive, volatile, writeOnly } from "../../src/provider/kit/modifiers";

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
  organization_id: forceNew(z.string().min(1, "must be an organization id").describe("The organization's id, e.g. a LangfuseOrganization's `id`.")),
  note: forceNew(z.string().nullable().default(null).describe("A note change replaces the key (the API cannot update keys).")),
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
  secret_key: sensitive(z.string().describe("Sensitive: the API returns it only when the object is made (state keeps it); reference it only from sensitive outputs.")),
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

// ── the public API (organization- or project-scoped key pairs) ──────────────────────────────

/** Project names follow the same rule as organization names: 3–60 characters, no HTML. */
export const projectName = organizationName;

/** Langfuse's Role enum, used for organization and project memberships alike. */
export const ROLES = ["OWNER", "ADMIN", "MEMBER", "VIEWER", "NONE"] as const;
export const role = z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` });

export const email = z.string().trim().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "must be an email address");

/** 0 means "keep forever"; otherwise at least 3 days (the real service refuses 1 and 2). */
export const retentionDays = z
  .number()
  .int("must be a whole number of days")
  .refine((days) => days === 0 || days >= 3, "must be 0 (keep forever) or at least 3 days");

/** The adapters Langfuse's LLM connections speak. */
export const LLM_ADAPTERS = ["openai", "anthropic", "azure", "bedrock", "google-vertex-ai", "google-ai-studio"] as const;
export const llmAdapter = z.enum(LLM_ADAPTERS, { message: `must be one of ${LLM_ADAPTERS.join(", ")}` });

/**
 * The `config` each adapter takes, as Langfuse validates it: Bedrock needs the AWS region, Vertex
 * AI may name a location, the other adapters take none.
 */
const ADAPTER_CONFIG: Readonly<Record<string, { readonly required: readonly string[]; readonly optional: readonly string[] }>> = {
  bedrock: { required: ["region"], optional: [] },
  "google-vertex-ai": { required: [], optional: ["location"] },
};

/** What is wrong with `config` for `adapter`, in one clause, or undefined. */
export function llmConfigProblem(adapter: string, config: Readonly<Record<string, unknown>> | null | undefined): string | undefined {
  const rule = ADAPTER_CONFIG[adapter];
  const given = Object.keys(config ?? {});
  if (!rule) return given.length > 0 ? `the ${adapter} adapter takes no config (only bedrock and google-vertex-ai do); remove it` : undefined;
  const missing = rule.required.filter((field) => typeof config?.[field] !== "string" || config[field] === "");
  if (missing.length > 0) return `the ${adapter} adapter requires config.${missing[0]} (e.g. { region: "us-east-1" })`;
  const allowed = [...rule.required, ...rule.optional];
  const extra = given.find((field) => !allowed.includes(field));
  return extra ? `the ${adapter} adapter takes config.${allowed.join(", config.")} only, not config.${extra}` : undefined;
}

/** Header names are HTTP tokens; values are secrets (often auth), kept out of every output. */
export const extraHeaders = z.record(z.string(), z.string()).superRefine((headers, ctx) => {
  for (const name of Object.keys(headers)) {
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) ctx.addIssue({ code: "custom", path: [name], message: "must be an HTTP header name" });
  }
});

// ── credentials carried by resources (never in ids) ─────────────────────────
/**
 * A secret taken from a key resource's attributes. While that key is still to be created the
 * engine hands the argument over as a sensitive wrapper around "unknown", which it does not
 * recognise as unknown (see README, "Engine notes"); accepting it here lets the plan go on, and
 * apply checks the real string once the key exists.
 */
const referencedSecret = (message: string) => z.union([z.string().min(1, message), z.custom<Unknown>(isUnknown)]);

// Absent: the provider's configured organization key is used.
const orgKeyArguments = {
  org_public_key: z.string().min(1).optional(),
  org_secret_key: sensitive(referencedSecret("must be an organization secret key").optional()),
};
/** The arguments constructs fill from an organization key (`orgApiKey`), and from a project (`project`). */
export const ORG_KEY_FILLS = ["org_public_key", "org_secret_key"] as const;
export const PROJECT_FILLS = [...ORG_KEY_FILLS, "project_id"] as const;
/** The arguments an LLM connection's construct fills from its `projectApiKey`. */
export const PROJECT_KEY_FILLS = ["project_id", "project_public_key", "project_secret_key"] as const;
const roleArgument = role.describe("OWNER, ADMIN, MEMBER, VIEWER or NONE.");

// ── resource arguments ─────────────────────────────────────────────────────
export const projectArguments = z.object({
  ...orgKeyArguments,
  name: projectName.meta({ description: "3–60 characters, unique in the organization. Renamed in place.", getter: true }),
  retention_days: retentionDays.default(0).describe("Days to keep data: 0 (default) keeps forever, else at least 3."),
  metadata: metadata.default({}).describe("Replaced wholesale on update."),
});

export const projectApiKeyArguments = z.object({
  ...orgKeyArguments,
  project_id: forceNew(z.string().min(1, "must be a project id").meta({ description: "The key's project.", getter: true })),
  note: forceNew(z.string().nullable().default(null).describe("A note change replaces the key (the API cannot update keys).")),
});

export const organizationMembershipArguments = z.object({
  ...orgKeyArguments,
  email: forceNew(
    email.meta({
      description: "The Langfuse user to adopt; a new email replaces the membership. Reference it from a LangfuseProjectMembership so the organization membership comes first.",
      getter: true,
    }),
  ),
  role: roleArgument,
});

export const projectMembershipArguments = z.object({
  ...orgKeyArguments,
  project_id: forceNew(z.string().min(1, "must be a project id")),
  email: forceNew(email.describe("An organization member: pass a LangfuseOrganizationMembership's `email`.")),
  role: roleArgument,
});

export const llmConnectionArguments = z.object({
  project_id: forceNew(z.string().min(1, "must be a project id")),
  /** LLM connection routes answer project-scoped keys only. */
  project_public_key: z.string().min(1, "must be a project public key (pk-lf-…)"),
  project_secret_key: sensitive(referencedSecret("must be a project secret key")),
  provider_name: forceNew(
    z
      .string()
      .min(1, "must name the connection (unique in the project), e.g. openai")
      .describe('The connection\'s name, unique in the project (e.g. "openai"; the API\'s `provider`, a Terraform meta-argument); a new name replaces it.'),
  ),
  adapter: llmAdapter.describe("openai, anthropic, azure, bedrock, google-vertex-ai or google-ai-studio."),
  secret_key: writeOnly(z.string().min(1, "must be the LLM provider's API key").describe("The LLM provider's API key: write-only, pass a sensitive variable, never a literal.")),
  base_url: z.string().url("must be a URL").nullable().default(null).describe("The LLM provider's base URL; absent: the adapter's own."),
  custom_models: z.array(z.string().min(1)).default([]).describe("Model names the connection serves besides the adapter's defaults."),
  with_default_models: z.boolean().default(true).describe("Whether the adapter's default models come with the connection. Default true."),
  config: z
    .record(z.string(), z.string())
    .nullable()
    .default(null)
    .describe('Adapter settings: required by "bedrock" ({ region: "us-east-1" }); "google-vertex-ai" may set { location }; others take none.'),
  extra_headers: writeOnly(
    extraHeaders
      .nullable()
      .default(null)
      .describe("Headers sent with every call to the LLM provider: sensitive and write-only (Langfuse returns the names only), pass a sensitive variable."),
  ),
}).superRefine((args, ctx) => {
  const problem = llmConfigProblem(args.adapter, args.config);
  if (problem) ctx.addIssue({ code: "custom", path: ["config"], message: problem });
});

// ── data source arguments ──────────────────────────────────────────────────
export const organizationDataArguments = z.object({ name: z.string().min(1).describe("The organization's name.") });
export const projectDataArguments = z.object({ ...orgKeyArguments, name: z.string().min(1).describe("The project's exact name.") });
export const membershipsDataArguments = z.object({
  ...orgKeyArguments,
  project_id: z.string().min(1).nullable().default(null).describe("Members of this project; absent: members of the organization."),
});

// ── computed attributes and constructs ─────────────────────────────────────
const membershipComputed = z.object({
  id: z.string().describe("The membership's id."),
  user_id: z.string().describe("The Langfuse user's id."),
  user_email: z.string().describe("The user's email."),
  user_name: z.string().nullable().describe("The user's name."),
});
export const projectComputed = z.object({ id: z.string().describe("The project's id.") });
export const projectApiKeyComputed = keyPairComputed;
export const organizationMembershipComputed = membershipComputed;
export const projectMembershipComputed = membershipComputed;
export const llmConnectionComputed = z.object({
  id: z.string().describe("The connection's id."),
  display_secret_key: volatile(z.string().describe("The LLM provider's key as Langfuse shows it (redacted).")),
  created_at: z.string().describe("When the connection was made (ISO 8601)."),
  updated_at: volatile(z.string().describe("When the connection last changed (ISO 8601).")),
});
const organizationDataComputed = z.object({
  id: z.string().describe("The organization's id."),
  metadata: metadata.describe("The organization's metadata ({} when it has none)."),
  created_at: time("When the organization was made"),
  project_ids: z.array(z.string()).describe("The ids of the organization's projects."),
});
const projectDataComputed = z.object({
  id: z.string().describe("The project's id."),
  metadata: metadata.describe("The project's metadata ({} when it has none)."),
  created_at: time("When the project was made"),
  updated_at: time("When the project last changed"),
});
const membershipsDataComputed = z.object({
  emails: z.array(z.string()).describe("The members' emails, sorted."),
  memberships: z.array(z.record(z.string(), z.unknown())).describe("Objects with user_id, email, name, role."),
});

/**
 * The public API's constructs (scripts/generate-constructs.ts writes constructs-public.generated.ts):
 * the credentials they fill from other constructs make most of the classes hand-written
 * (index.ts) on generated props and attribute getters.
 */
export const publicConstructSpecs: readonly ConstructSpec[] = [
  { construct: "LangfuseProject", kind: "resource", type: "langfuse_project", arguments: projectArguments, attributes: projectComputed, fills: ORG_KEY_FILLS },
  { construct: "LangfuseProjectApiKey", kind: "resource", type: "langfuse_project_api_key", arguments: projectApiKeyArguments, attributes: projectApiKeyComputed, secret: true, fills: PROJECT_FILLS },
  { construct: "LangfuseOrganizationMembership", kind: "resource", type: "langfuse_organization_membership", arguments: organizationMembershipArguments, attributes: organizationMembershipComputed, fills: ORG_KEY_FILLS },
  { construct: "LangfuseProjectMembership", kind: "resource", type: "langfuse_project_membership", arguments: projectMembershipArguments, attributes: projectMembershipComputed, fills: PROJECT_FILLS },
  { construct: "LangfuseLlmConnection", kind: "resource", type: "langfuse_llm_connection", arguments: llmConnectionArguments, attributes: llmConnectionComputed, fills: PROJECT_KEY_FILLS },
  { construct: "DataLangfuseOrganization", kind: "data", type: "langfuse_organization", doc: "The organization the provider's organization key belongs to, by name.", arguments: organizationDataArguments, attributes: organizationDataComputed },
  { construct: "DataLangfuseProject", kind: "data", type: "langfuse_project", arguments: projectDataArguments, attributes: projectDataComputed, fills: ORG_KEY_FILLS },
  { construct: "DataLangfuseMemberships", kind: "data", type: "langfuse_memberships", arguments: membershipsDataArguments, attributes: membershipsDataComputed, fills: ORG_KEY_FILLS },
];

// ── API bodies and responses ───────────────────────────────────────────────
/** POST /api/public/projects and PUT /api/public/projects/{id}. */
export const projectBody = z.object({
  name: projectName,
  retention: retentionDays.optional(),
  metadata: metadata.optional(),
});

/** What create and update answer: retentionDays is left out when it is 0 or unset. */
export const publicProject = z.object({
  id: z.string(),
  name: z.string(),
  metadata: metadata.nullable().optional().transform((value) => value ?? {}),
  retentionDays: z.number().nullable().optional(),
});
export type PublicProject = z.infer<typeof publicProject>;

/** GET /api/public/organizations/projects: the org key's projects, without retention. */
export const organizationProjects = z.object({
  projects: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      metadata: metadata.nullable().optional().transform((value) => value ?? {}),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
});

/** GET /api/public/projects with a project key: that key's project. */
export const projectKeyProjects = z.object({ data: z.array(publicProject) });

export const projectDeleted = z.object({ success: z.boolean(), message: z.string().optional() });

export const membership = z.object({
  userId: z.string(),
  role,
  email: z.string(),
  name: z.string().nullable().optional(),
});
export type Membership = z.infer<typeof membership>;
export const membershipList = z.object({ memberships: z.array(membership) });
export const membershipBody = z.object({ userId: z.string().min(1), role });
export const membershipDeleteBody = z.object({ userId: z.string().min(1) });
export const membershipDeleted = z.object({ message: z.string(), userId: z.string() });

/** SCIM POST /api/public/scim/Users: creates the user if the email is new, joins them to the org. */
export const scimUserBody = z.object({
  userName: z.string().min(1),
  name: z.object({ formatted: z.string().optional() }).optional(),
  roles: z.array(role).optional(),
});
export const scimUser = z.object({ id: z.string(), userName: z.string() });

export const llmConnection = z.object({
  id: z.string(),
  provider: z.string(),
  adapter: z.string(),
  displaySecretKey: z.string(),
  baseURL: z.string().nullable(),
  customModels: z.array(z.string()),
  withDefaultModels: z.boolean(),
  extraHeaderKeys: z.array(z.string()),
  config: z.record(z.string(), z.unknown()).nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LlmConnection = z.infer<typeof llmConnection>;

export const paginationMeta = z.object({ page: z.number(), limit: z.number(), totalItems: z.number(), totalPages: z.number() });
export const llmConnectionPage = z.object({ data: z.array(llmConnection), meta: paginationMeta });

export const llmConnectionBody = z.object({
  provider: z.string().min(1),
  adapter: llmAdapter,
  secretKey: z.string().min(1),
  baseURL: z.string().url().nullable().optional(),
  customModels: z.array(z.string().min(1)).optional(),
  withDefaultModels: z.boolean().optional(),
  extraHeaders: z.record(z.string(), z.string()).optional(),
  config: z.record(z.string(), z.unknown()).nullable().optional(),
});

export const llmConnectionDeleted = z.object({ message: z.string() });
