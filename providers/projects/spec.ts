/**
 * zod schemas for the Projects ("Organizations") API (seed 001) and the Langfuse public API it
 * uses for analytics: the arguments a stack sets and the responses the APIs return. Shared by the
 * constructs (synth-time validation), the resource types (plan-time validation) and the emulator
 * (request validation), so the three agree.
 */
import { z } from "zod";
import { rateLimitSchema } from "../../src/http/limits";
import { oncePerItem } from "../../src/http/schema-per-item";
import { forceNew, writeOnly } from "../../src/provider/kit/modifiers";

// ── Roles ──────────────────────────────────────────────────────────────────
export const ROLES = ["OWNER", "ADMIN", "MEMBER", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

/** Higher is more powerful; the organization role must rank at least the project role. */
const ROLE_RANK: Readonly<Record<Role, number>> = { OWNER: 4, ADMIN: 3, MEMBER: 2, VIEWER: 1 };

// The seed writes the invitation default as "member": roles are accepted in any case.
export const role = z
  .string()
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` }));

/**
 * The seed's rule for adding users (and, by the same logic, inviting them): unless the grant is
 * project-only, an organization role is required and must be equal to or higher than the project
 * role. Values that are not known yet (references) are skipped; they are checked again at apply.
 */
export function roleProblems(args: Readonly<Record<string, unknown>>): string[] {
  if (args.project_only === true) return [];
  const projectRole = typeof args.role === "string" ? (args.role.toUpperCase() as Role) : undefined;
  const orgRole = args.organization_role;
  if (orgRole === null || orgRole === undefined) {
    return ['organization_role: required when project_only is false (set it, or set project_only = true)'];
  }
  if (typeof orgRole !== "string" || !projectRole || !(projectRole in ROLE_RANK)) return [];
  const upper = orgRole.toUpperCase() as Role;
  if (!(upper in ROLE_RANK)) return [];
  if (ROLE_RANK[upper] < ROLE_RANK[projectRole]) {
    return [`organization_role: ${upper} is lower than the project role ${projectRole}; it must be equal or higher (or set project_only = true)`];
  }
  return [];
}

// ── Shared value shapes ────────────────────────────────────────────────────
const NO_HTML = /^[^<>]*$/;

/** Project names as Langfuse validates them (the API fronts Langfuse projects): 3–60, no HTML. */
export const projectName = z
  .string()
  .min(3, "must be at least 3 characters")
  .max(60, "must be at most 60 characters")
  .regex(NO_HTML, "must not contain HTML (< or >)");

/**
 * ISO 8601 instants, canonicalized to `toISOString()` form on both sides (arguments and API
 * responses) so "2027-01-01T00:00:00Z" and "2027-01-01T00:00:00.000Z" never show as drift.
 */
export const isoInstant = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), "must be an ISO 8601 timestamp such as 2027-01-01T00:00:00Z")
  .transform(canonicalInstant);

/** The canonical form of an instant; text that is not one is kept as it is. */
export function canonicalInstant(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

// Emails compare case-insensitively at the API; lower-casing both sides avoids phantom drift.
export const email = z.email("must be an email address").transform((value) => value.toLowerCase());

const projectId = z.string().min(1, "must be a project id").describe("The project's id, e.g. a Project's `id`.");

// ── Resource arguments ─────────────────────────────────────────────────────
export const projectArguments = z.object({ name: projectName.meta({ description: "3–60 characters, no HTML; renamed in place.", getter: true }) });

export const apiKeyArguments = z.object({
  project_id: forceNew(projectId),
  label: z.string().min(1, "must not be empty").max(100, "must be at most 100 characters").describe("Updated in place."),
  expires_at: forceNew(isoInstant.nullable().default(null).describe("ISO 8601; absent: the key never expires. A change replaces the key.")),
});

export const llmApiKeyArguments = z.object({
  project_id: forceNew(projectId),
  // The API's `provider`; `provider` itself is a Terraform meta-argument in resource blocks.
  llm_provider: forceNew(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]*$/, "must be a provider name such as openai or anthropic")
      .describe('The LLM provider, e.g. "openai", "anthropic" (the API\'s `provider`; named llmProvider because `provider` is a Terraform meta-argument on every resource).'),
  ),
  // Write-only, and a new key replaces the object: the API cannot change a key's secret.
  secret_key: forceNew(writeOnly(z.string().min(1, "must be the provider's API key").describe("The provider's key: sensitive and write-only (pass a sensitive variable, never a literal)."))),
  custom_models: forceNew(z.array(z.string().min(1)).default([]).describe("Model names the key serves besides the provider's defaults.")),
  with_default_models: forceNew(z.boolean().default(true).describe("Whether the provider's default models come with the key. Default true.")),
});

export const ACCESS = ["active", "denied"] as const;
const organizationRole = role.nullable().default(null);
const projectOnly = z.boolean().default(false).describe("Add to the project without touching organization membership. Default false.");

/**
 * The seed's role rule on a whole object. The engine checks arguments field by field, so it runs
 * again in the types' `validate` (plan time, once references are known); constructs meet it here.
 */
function withRoleRule<T extends z.ZodObject>(schema: T): T {
  return schema.superRefine((args, ctx) => {
    for (const problem of roleProblems(args as Record<string, unknown>)) ctx.addIssue({ code: "custom", path: ["organization_role"], message: problem.replace(/^organization_role: /, "") });
  });
}

export const memberArguments = withRoleRule(
  z.object({
    project_id: forceNew(projectId),
    email: forceNew(email.describe("The member's email.")),
    role: role.describe("Project role (OWNER, ADMIN, MEMBER or VIEWER, any case), changed in place."),
    organization_role: forceNew(organizationRole.describe("Required unless projectOnly; must be equal to or higher than `role`. A change replaces.")),
    project_only: forceNew(projectOnly),
    access: z.enum(ACCESS, { message: "must be active or denied" }).default("active").describe('"denied" takes access away in place, "active" (default) restores it with `role`.'),
  }),
);

export const invitationArguments = withRoleRule(
  z.object({
    project_id: forceNew(projectId),
    email: forceNew(email.describe("Whom to invite.")),
    role: forceNew(role.default("MEMBER").describe("Project role on acceptance. Default MEMBER.")),
    organization_role: forceNew(organizationRole.describe("Organization role on acceptance; required unless projectOnly, equal to or higher than `role`.")),
    project_only: forceNew(projectOnly),
    // See invitation.ts.
    resend_on_apply: z
      .union([z.string(), z.number()])
      .transform(String)
      .nullable()
      .default(null)
      .describe("A trigger: change it (a date, a counter) to resend the invitation on the next apply."),
  }),
);

// ── Data source arguments ──────────────────────────────────────────────────
export const PROJECT_SORTS = [
  "name",
  "created_at",
  "updated_at",
  "alphabetical",
  "members_count",
  "tools_count",
  "notebooks_count",
  "recent_activity",
] as const;

/** A sort field, optionally prefixed with "-" for descending (the JSON:API convention). */
export const projectSort = z
  .string()
  .refine((value) => (PROJECT_SORTS as readonly string[]).includes(value.replace(/^-/, "")), {
    message: `must be one of ${PROJECT_SORTS.join(", ")}, optionally prefixed with "-" for descending`,
  });

export const projectsQueryArguments = z.object({
  role: z.array(role).optional().describe("Projects where the authenticated user has one of these roles."),
  has_wallet: z.boolean().optional().describe("true: only projects with a wallet; false: only those without."),
  has_tools: z.boolean().optional().describe("true: only projects with tools; false: only those without."),
  has_notebooks: z.boolean().optional().describe("true: only projects with notebooks; false: only those without."),
  min_members: z.number().int().min(0).optional().describe("Only projects with at least this many members."),
  max_members: z.number().int().min(0).optional().describe("Only projects with at most this many members."),
  name: z.string().optional().describe("Case-insensitive substring of the name."),
  sort: projectSort
    .optional()
    .describe('name, created_at, updated_at, alphabetical, members_count, tools_count, notebooks_count, recent_activity; "-" prefix: descending.'),
  created_after: isoInstant.optional().describe("Only projects made after this instant (ISO 8601)."),
  created_before: isoInstant.optional().describe("Only projects made before this instant (ISO 8601)."),
});

const pageSize = z.number().int().min(1).max(100).default(50).describe("Items per page while reading every page (1–100, default 50).");
const from = isoInstant.optional().describe("From this instant (ISO 8601).");
const to = isoInstant.optional().describe("Up to this instant (ISO 8601).");
const tags = z.array(z.string().min(1)).default([]).describe("Only what carries all of these tags.");

export const dailyMetricsArguments = z.object({
  project_id: projectId,
  from,
  to,
  tags,
  page_size: pageSize,
});

export const tracesArguments = z.object({
  project_id: projectId,
  name: z.string().optional().describe("Only traces of this name."),
  user_id: z.string().optional().describe("Only traces of this user."),
  session_id: z.string().optional().describe("Only traces of this session."),
  from,
  to,
  order_by: z.string().regex(/^[A-Za-z]+(\.(asc|desc))?$/, 'must look like "timestamp.desc"').optional().describe('e.g. "timestamp.desc".'),
  tags,
  page_size: pageSize,
});

export const providerConfig = z.object({
  base_url: z.url("must be a URL such as https://api.example.com").optional().describe("Default: env ORGANIZATIONS_API_BASE_URL (or REACT_APP_ORGANIZATIONS_API_BASE_URL)."),
  api_key: z.string().min(1).optional().describe("The Api-Key header. Default: env ORGANIZATIONS_API_KEY. Never write a secret in source code."),
  token: z.string().min(1).optional().describe("The bearer token. Default: env ORGANIZATIONS_API_TOKEN. Never write a secret in source code."),
  organization_id: z.string().min(1).optional().describe("Default: env ORGANIZATIONS_API_ORGANIZATION_ID."),
  langfuse_url: z.url("must be a URL such as https://cloud.langfuse.com").optional().describe("Analytics (Langfuse public API). Default: env LANGFUSE_API_URL (or REACT_APP_LANGFUSE_API_URL)."),
  rate_limit: rateLimitSchema.optional(),
  alias: z.string().optional(),
});

// ── Projects API responses (JSON:API) ──────────────────────────────────────
const nullableString = z.string().nullable().optional();

/** One JSON:API resource object with its attributes schema. */
export function resourceObject<A extends z.ZodType>(attributes: A) {
  return z.object({ type: z.string(), id: z.string(), attributes });
}

export const projectAttributes = z.object({
  name: z.string(),
  isDefault: z.boolean().default(false),
  createdAt: z.string(),
  updatedAt: nullableString,
  membersCount: z.number().optional(),
  toolsCount: z.number().optional(),
  notebooksCount: z.number().optional(),
  hasWallet: z.boolean().optional(),
  role: nullableString,
});
export const projectObject = resourceObject(projectAttributes);
export type ProjectObject = z.infer<typeof projectObject>;

/** Related objects under `included`: typed loosely here, parsed per type by their resource. */
export const includedObject = resourceObject(z.record(z.string(), z.unknown()));

export const projectDocument = z.object({
  data: projectObject,
  meta: z.object({ secrets: z.object({ publicKey: z.string(), secretKey: z.string() }).optional() }).optional(),
  included: z.array(includedObject).default([]),
});

export const projectList = z.object({ data: z.array(projectObject) });

export const apiKeyAttributes = z.object({
  label: z.string(),
  publicKey: z.string(),
  secretKey: z.string().optional(),
  expiresAt: nullableString,
  createdAt: z.string(),
  lastUsedAt: nullableString,
});
export const apiKeyObject = resourceObject(apiKeyAttributes);
export type ApiKeyObject = z.infer<typeof apiKeyObject>;

export const llmApiKeyAttributes = z.object({
  provider: z.string(),
  displaySecretKey: z.string(),
  customModels: z.array(z.string()).default([]),
  withDefaultModels: z.boolean().default(true),
  createdAt: z.string(),
});
export const llmApiKeyObject = resourceObject(llmApiKeyAttributes);
export type LlmApiKeyObject = z.infer<typeof llmApiKeyObject>;

export const memberAttributes = z.object({
  email: z.string(),
  /** "NONE" while access is denied (restore brings back the previous role). */
  role: z.string(),
  orgRole: nullableString,
  projectOnly: z.boolean().default(false),
  createdAt: nullableString,
});
export const memberObject = resourceObject(memberAttributes);
export type MemberObject = z.infer<typeof memberObject>;
export const memberList = z.object({ data: z.array(memberObject) });

export const invitationAttributes = z.object({
  email: z.string(),
  role: z.string(),
  orgRole: nullableString,
  projectOnly: z.boolean().default(false),
  status: z.string().default("pending"),
  createdAt: z.string(),
  expiresAt: nullableString,
  lastSentAt: nullableString,
});
export const invitationObject = resourceObject(invitationAttributes);
export type InvitationObject = z.infer<typeof invitationObject>;
export const invitationList = z.object({ data: z.array(invitationObject) });

export const one = oncePerItem(<T extends z.ZodType>(object: T) => z.object({ data: object }));

/** DELETE answers 204 with no body (or a body nobody needs). */
export const noContent = z.unknown();

// ── Langfuse public API responses ──────────────────────────────────────────
export const pageMeta = z.object({
  page: z.number(),
  limit: z.number(),
  totalItems: z.number(),
  totalPages: z.number(),
});

export const usageByModel = z.object({
  model: z.string().nullable(),
  inputUsage: z.number(),
  outputUsage: z.number(),
  totalUsage: z.number(),
});

export const dailyMetric = z.object({
  date: z.string(),
  countTraces: z.number(),
  countObservations: z.number().default(0),
  totalCost: z.number(),
  usage: z.array(usageByModel).default([]),
});
export const dailyMetricsPage = z.object({ data: z.array(dailyMetric), meta: pageMeta });

export const trace = z.object({
  id: z.string(),
  timestamp: z.string(),
  name: z.string().nullable(),
  userId: z.string().nullable(),
  sessionId: z.string().nullable(),
  release: z.string().nullable().optional(),
  version: z.string().nullable().optional(),
  tags: z.array(z.string()).default([]),
  totalCost: z.number().nullable().optional(),
  latency: z.number().nullable().optional(),
});
export const tracesPage = z.object({ data: z.array(trace), meta: pageMeta });
