/**
 * zod schemas for the Anthropic Admin API (seed 002, completed from the live API where the seed
 * is silent): the arguments a stack sets and the responses the API returns. Shared by the
 * constructs (synth-time validation), the resource types (plan-time validation) and the emulator
 * (request validation), so the three agree.
 */
import { z } from "zod";
import { rateLimitSchema } from "../../src/http/limits";
import { oncePerItem } from "../../src/http/schema-per-item";

// ── Vocabulary ─────────────────────────────────────────────────────────────
/** Every organization role the API may report. */
export const ORGANIZATION_ROLES = ["user", "developer", "billing", "claude_code_user", "admin"] as const;
/** Roles the API lets a caller give: admin is granted only in the Console. */
export const ASSIGNABLE_ORGANIZATION_ROLES = ["user", "developer", "billing", "claude_code_user"] as const;
export const WORKSPACE_ROLES = [
  "workspace_user",
  "workspace_developer",
  "workspace_restricted_developer",
  "workspace_admin",
  "workspace_billing",
] as const;
export const INVITE_STATUSES = ["pending", "accepted", "expired", "deleted"] as const;
export const API_KEY_STATUSES = ["active", "inactive", "archived", "expired"] as const;
/** Statuses a caller may set: expired is reached only by time. */
export const SETTABLE_API_KEY_STATUSES = ["active", "inactive", "archived"] as const;

export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

const ADMIN_MESSAGE = 'the "admin" role cannot be assigned through the Admin API; grant it in the Claude Console';
const BILLING_MESSAGE =
  'workspace_billing cannot be assigned: it is inherited from the organization "billing" role; choose workspace_user, workspace_developer, workspace_restricted_developer or workspace_admin';

export const organizationRole = z.enum(ORGANIZATION_ROLES);
export const assignableOrganizationRole = z
  .string()
  .refine((role) => role !== "admin", ADMIN_MESSAGE)
  .pipe(z.enum(ASSIGNABLE_ORGANIZATION_ROLES, { message: `must be one of ${ASSIGNABLE_ORGANIZATION_ROLES.join(", ")}` }));
export const workspaceRole = z.enum(WORKSPACE_ROLES);
export const assignableWorkspaceRole = z
  .string()
  .refine((role) => role !== "workspace_billing", BILLING_MESSAGE)
  .pipe(z.enum(WORKSPACE_ROLES, { message: `must be one of ${WORKSPACE_ROLES.filter((r) => r !== "workspace_billing").join(", ")}` }));

/** Workspace names: 1 to 40 characters (the API's limit). */
export const workspaceName = z.string().min(1, "must not be empty").max(40, "must be at most 40 characters");
export const displayColor = z.string().regex(/^#[0-9A-Fa-f]{6}$/, "must be a hex color #RRGGBB");
/** Tag keys may not begin with "anthropic" (reserved by the API). */
export const tags = z.record(
  z.string().min(1).refine((key) => !key.toLowerCase().startsWith("anthropic"), 'tag keys may not begin with "anthropic"'),
  z.string(),
);
export const geo = z.string().regex(/^[a-z]{2,16}$/, 'must be a geo such as "us" or "global"');
export const allowedInferenceGeos = z.union([z.literal("unrestricted"), z.array(geo).min(1, "must list at least one geo")]);
export const email = z.string().email("must be an email address");
export const apiKeyName = z.string().min(1, "must not be empty").max(500, "must be at most 500 characters");

// ── Arguments (snake_case, as in cdk.tf.json) ─────────────────────────────
/**
 * Cross-field rules. The engine checks arguments field by field, so these run again in the
 * resource types' `validate` (plan time); the schemas apply them too for whole-object parses.
 */
export function residencyProblem(args: { allowed_inference_geos?: unknown; default_inference_geo?: unknown }): string | undefined {
  const allowed = args.allowed_inference_geos;
  const fallback = args.default_inference_geo ?? "global";
  if (Array.isArray(allowed) && typeof fallback === "string" && !allowed.includes(fallback)) {
    return `default_inference_geo "${fallback}" must be one of allowed_inference_geos (${allowed.join(", ")}) unless those are "unrestricted"`;
  }
  return undefined;
}

export function namingProblem(args: { user_id?: unknown; email?: unknown }): string | undefined {
  const absent = (value: unknown) => value === undefined || value === null;
  return absent(args.user_id) === absent(args.email) ? "set exactly one of user_id or email" : undefined;
}

export const workspaceArguments = z
  .object({
    name: workspaceName,
    /** Absent: the API picks a color and orgform leaves it alone. */
    display_color: displayColor.optional(),
    tags: tags.default({}),
    /** Immutable after creation: a change replaces the workspace. */
    workspace_geo: geo.default("us"),
    allowed_inference_geos: allowedInferenceGeos.default("unrestricted"),
    default_inference_geo: geo.default("global"),
  })
  .superRefine((args, ctx) => {
    const problem = residencyProblem(args);
    if (problem) ctx.addIssue({ code: "custom", path: ["default_inference_geo"], message: problem });
  });

export const workspaceMemberArguments = z.object({
  workspace_id: z.string().min(1, "must be a workspace id (wrkspc_…)"),
  user_id: z.string().min(1, "must be a user id (user_…)"),
  workspace_role: assignableWorkspaceRole,
});

export const organizationMemberArguments = z
  .object({
    user_id: z.string().min(1, "must be a user id (user_…)").optional(),
    email: email.optional(),
    role: assignableOrganizationRole,
  })
  .superRefine((args, ctx) => {
    const problem = namingProblem(args);
    if (problem) ctx.addIssue({ code: "custom", path: ["user_id"], message: problem });
  });

export const inviteArguments = z.object({
  email,
  role: assignableOrganizationRole,
});

export const apiKeyArguments = z.object({
  /** The key to adopt: the API cannot create keys. */
  api_key_id: z.string().min(1, "must be an API key id (apikey_…)"),
  /** Absent: orgform leaves the name as it is. */
  name: apiKeyName.optional(),
  status: z.enum(SETTABLE_API_KEY_STATUSES).default("active"),
  /** On destroy: archive (terminal) instead of deactivating. */
  archive_on_destroy: z.boolean().default(false),
});

export const organizationDataArguments = z.object({});
export const userDataArguments = z.object({ email });
export const workspaceDataArguments = z.object({ name: workspaceName });
/** The List Api Keys filters (seed 002); each optional, all sent as query parameters when set. */
export const apiKeysDataArguments = z.object({
  status: z.enum(SETTABLE_API_KEY_STATUSES).optional(),
  workspace_id: z.string().min(1, "must be a workspace id (wrkspc_…)").optional(),
  created_by_user_id: z.string().min(1, "must be a user id (user_…)").optional(),
});

export const providerConfig = z.object({
  /** Default: env ANTHROPIC_BASE_URL, else https://api.anthropic.com. */
  base_url: z.string().url("must be a URL such as https://api.anthropic.com").optional(),
  /** Default: env ANTHROPIC_ADMIN_API_KEY. Never write a secret in source code. */
  admin_api_key: z.string().min(1).optional(),
  /** List page size, 1–1000 (default 1000); also env ORGFORM_ANTHROPIC_PAGE_SIZE. Tests use 1. */
  page_size: z.number().int().min(1).max(1000).optional(),
  rate_limit: rateLimitSchema.optional(),
  alias: z.string().optional(),
});

// ── API responses ──────────────────────────────────────────────────────────
/** Every list answers with the same cursor envelope. */
export const page = oncePerItem(<T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    has_more: z.boolean(),
    first_id: z.string().nullable().optional(),
    last_id: z.string().nullable().optional(),
  }),
);

export const organization = z.object({ id: z.string(), type: z.literal("organization").optional(), name: z.string() });

export const user = z.object({
  id: z.string(),
  type: z.literal("user").optional(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  added_at: z.string(),
});
export type User = z.infer<typeof user>;

export const userDeleted = z.object({ id: z.string(), type: z.literal("user_deleted").optional() });

export const invite = z.object({
  id: z.string(),
  type: z.literal("invite").optional(),
  email: z.string(),
  role: z.string(),
  status: z.enum(INVITE_STATUSES),
  invited_at: z.string(),
  expires_at: z.string(),
});
export type Invite = z.infer<typeof invite>;

export const inviteDeleted = z.object({ id: z.string(), type: z.literal("invite_deleted").optional() });

/** The seed has no data residency; the live API always returns it: absent means the defaults. */
export const dataResidency = z.object({
  workspace_geo: z.string(),
  allowed_inference_geos: z.union([z.literal("unrestricted"), z.array(z.string())]),
  default_inference_geo: z.string(),
});

export const workspace = z.object({
  id: z.string(),
  type: z.literal("workspace").optional(),
  name: z.string(),
  display_color: z.string(),
  created_at: z.string(),
  archived_at: z.string().nullable(),
  tags: z.record(z.string(), z.string()).nullable().optional(),
  data_residency: dataResidency.nullable().optional(),
});
export type Workspace = z.infer<typeof workspace>;

export const workspaceMember = z.object({
  type: z.literal("workspace_member").optional(),
  user_id: z.string(),
  workspace_id: z.string(),
  workspace_role: z.string(),
});
export type WorkspaceMember = z.infer<typeof workspaceMember>;

export const workspaceMemberDeleted = z.object({
  type: z.literal("workspace_member_deleted").optional(),
  user_id: z.string(),
  workspace_id: z.string(),
});

export const apiKey = z.object({
  id: z.string(),
  type: z.literal("api_key").optional(),
  name: z.string(),
  /** The seed has workspace_id; the live API adds `scope`: either may carry the workspace. */
  workspace_id: z.string().nullable().optional(),
  scope: z.object({ type: z.string(), workspace_id: z.string().optional() }).nullable().optional(),
  created_at: z.string(),
  created_by: z.object({ id: z.string(), type: z.string() }).nullable().optional(),
  status: z.enum(API_KEY_STATUSES),
  partial_key_hint: z.string().nullable().optional(),
  expires_at: z.string().nullable().optional(),
  last_used_at: z.string().nullable().optional(),
});
export type ApiKey = z.infer<typeof apiKey>;
