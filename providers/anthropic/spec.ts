/**
 * zod schemas for the Anthropic Admin API (seed 002, completed from the live API where the seed
 * is silent): the arguments a stack sets and the responses the API returns. Shared by the
 * constructs (synth-time validation), the resource types (plan-time validation) and the emulator
 * (request validation), so the three agree.
 */
import { z } from "zod";
import type { ConstructSpec } from "../spec-construct";
import { rateLimitSchema } from "../../src/http/limits";
import { oncePerItem } from "../../src/http/schema-per-item";
import { forceNew } from "../../src/provider/kit/modifiers";

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
    name: workspaceName.meta({ description: "The workspace's name, 1–40 characters.", getter: true }),
    display_color: displayColor.optional().meta({ description: "#RRGGBB; absent: the API picks one and orgform leaves it alone.", getter: true }),
    tags: tags.default({}).describe('Keys may not begin with "anthropic".'),
    workspace_geo: forceNew(geo.default("us").describe('Where data is stored; fixed at creation, so a change replaces the workspace. Default "us".')),
    allowed_inference_geos: allowedInferenceGeos.default("unrestricted").describe('"unrestricted" (default) or a list of geos such as ["us"].'),
    default_inference_geo: geo.default("global").describe('Default "global"; must be one of allowedInferenceGeos unless those are unrestricted.'),
  })
  .superRefine((args, ctx) => {
    const problem = residencyProblem(args);
    if (problem) ctx.addIssue({ code: "custom", path: ["default_inference_geo"], message: problem });
  });

export const workspaceMemberArguments = z.object({
  workspace_id: forceNew(z.string().min(1, "must be a workspace id (wrkspc_…)").describe("The workspace's id (`wrkspc_…`), e.g. an AnthropicWorkspace's `id`.")),
  user_id: forceNew(z.string().min(1, "must be a user id (user_…)").describe("An organization member's id (`user_…`), e.g. from DataAnthropicUser.")),
  workspace_role: assignableWorkspaceRole.describe("workspace_user, workspace_developer, workspace_restricted_developer or workspace_admin."),
});

export const organizationMemberArguments = z
  .object({
    user_id: forceNew(z.string().min(1, "must be a user id (user_…)").optional().describe("Exactly one of userId or email names the (existing) member to adopt.")),
    email: forceNew(email.optional().describe("Exactly one of userId or email names the (existing) member to adopt.")),
    role: assignableOrganizationRole.describe('user, developer, billing or claude_code_user ("admin" cannot be assigned through the API).'),
  })
  .superRefine((args, ctx) => {
    const problem = namingProblem(args);
    if (problem) ctx.addIssue({ code: "custom", path: ["user_id"], message: problem });
  });

export const inviteArguments = z.object({
  email: forceNew(email.describe("Whom to invite. A changed email replaces the invite.")),
  role: forceNew(assignableOrganizationRole.describe("user, developer, billing or claude_code_user. A changed role replaces the invite.")),
});

export const apiKeyArguments = z.object({
  api_key_id: forceNew(z.string().min(1, "must be an API key id (apikey_…)").describe("The existing key to adopt (`apikey_…`): the Admin API cannot create keys.")),
  name: apiKeyName.optional().describe("1–500 characters; absent: the name is left as it is."),
  status: z.enum(SETTABLE_API_KEY_STATUSES).default("active").describe("active (default), inactive or archived (terminal)."),
  archive_on_destroy: z.boolean().default(false).describe("Destroy archives the key (terminal) instead of deactivating it."),
});

export const organizationDataArguments = z.object({});
export const userDataArguments = z.object({ email: email.describe("The member's email.") });
export const workspaceDataArguments = z.object({ name: workspaceName.describe("The exact name of an active workspace.") });
/** The List Api Keys filters (seed 002); each optional, all sent as query parameters when set. */
export const apiKeysDataArguments = z.object({
  status: z.enum(SETTABLE_API_KEY_STATUSES).optional().describe("Only keys with this status."),
  workspace_id: z.string().min(1, "must be a workspace id (wrkspc_…)").optional().describe("Only keys of this workspace."),
  created_by_user_id: z.string().min(1, "must be a user id (user_…)").optional().describe("Only keys this user created."),
});

export const providerConfig = z.object({
  base_url: z.string().url("must be a URL such as https://api.anthropic.com").optional().describe("Default: env ANTHROPIC_BASE_URL, else https://api.anthropic.com."),
  admin_api_key: z.string().min(1).optional().describe("Default: env ANTHROPIC_ADMIN_API_KEY. Never write a secret in source code."),
  page_size: z.number().int().min(1).max(1000).optional().describe("List page size, 1–1000 (default 1000); also env ORGFORM_ANTHROPIC_PAGE_SIZE. Tests use 1."),
  rate_limit: rateLimitSchema.optional(),
  alias: z.string().optional(),
});

// ── Computed attributes (typed; each resource type's `computed` names are their keys) ──
const id = z.string().describe("The object's id.");
const time = (what: string) => z.string().nullable().describe(`${what} (RFC 3339); null when the API has none.`);

export const workspaceComputed = z.object({ id, created_at: time("When the workspace was made") });
export const workspaceMemberComputed = z.object({ id: z.string().describe("`<workspace id>/<user id>`.") });
export const organizationMemberComputed = z.object({
  id: z.string().describe("The member's user id."),
  user_email: z.string().describe("The member's email."),
  user_name: z.string().describe("The member's name."),
  added_at: time("When the member joined"),
});
export const inviteComputed = z.object({
  id,
  status: z.enum(INVITE_STATUSES).describe("pending, accepted (the job is done) or expired."),
  invited_at: time("When the invite was sent"),
  expires_at: z.string().describe("When the invite expires (RFC 3339)."),
});
export const apiKeyComputed = z.object({
  id,
  workspace_id: z.string().nullable().describe("The key's workspace; null for the Default workspace."),
  created_at: time("When the key was made"),
  created_by: z.string().nullable().describe("The id of the user who made the key."),
  partial_key_hint: z.string().nullable().describe("The key's redacted hint; the secret itself is never returned by the API."),
  expires_at: time("When the key expires"),
  last_used_at: time("When the key was last used"),
});
export const organizationDataComputed = z.object({ name: z.string().describe("The organization's name.") });
export const userDataComputed = z.object({ name: z.string().describe("The member's name."), role: z.string().describe("The member's organization role.") });
export const workspaceDataComputed = z.object({ display_color: z.string().describe("The workspace's color, #RRGGBB.") });
export const apiKeysDataComputed = z.object({
  ids: z.array(z.string()).describe("The keys' ids."),
  keys: z.array(z.record(z.string(), z.unknown())).describe("Objects with id, name, status, workspace_id, created_at, created_by, partial_key_hint, expires_at, last_used_at."),
});

/** The constructs scripts/generate-constructs.ts writes into constructs.generated.ts. */
export const constructSpecs: readonly ConstructSpec[] = [
  { construct: "AnthropicProvider", kind: "provider", type: "anthropic", arguments: providerConfig },
  { construct: "AnthropicWorkspace", kind: "resource", type: "anthropic_workspace", doc: "A workspace. Destroy archives it: the Admin API cannot delete workspaces.", arguments: workspaceArguments, attributes: workspaceComputed },
  { construct: "AnthropicWorkspaceMember", kind: "resource", type: "anthropic_workspace_member", doc: 'A user\'s role in a workspace; its id is "<workspace id>/<user id>".', arguments: workspaceMemberArguments, attributes: workspaceMemberComputed },
  {
    construct: "AnthropicOrganizationMember",
    kind: "resource",
    type: "anthropic_organization_member",
    doc: "Adopts an existing member (users join only by invite); destroy removes them from the organization. Its id is the user id.",
    arguments: organizationMemberArguments,
    attributes: organizationMemberComputed,
  },
  { construct: "AnthropicInvite", kind: "resource", type: "anthropic_invite", doc: "An invite to the organization; a changed email or role replaces it.", arguments: inviteArguments, attributes: inviteComputed },
  { construct: "AnthropicApiKey", kind: "resource", type: "anthropic_api_key", doc: "An existing API key, adopted by id: its name and status are managed.", arguments: apiKeyArguments, attributes: apiKeyComputed },
  { construct: "DataAnthropicOrganization", kind: "data", type: "anthropic_organization", doc: "The organization the admin key belongs to. It takes no props but cdktf's meta-arguments.", arguments: organizationDataArguments, attributes: organizationDataComputed },
  { construct: "DataAnthropicUser", kind: "data", type: "anthropic_user", doc: "An organization member found by email, so stacks need not hold opaque user ids.", arguments: userDataArguments, attributes: userDataComputed },
  { construct: "DataAnthropicWorkspace", kind: "data", type: "anthropic_workspace", doc: "An active workspace found by its exact name.", arguments: workspaceDataArguments, attributes: workspaceDataComputed },
  { construct: "DataAnthropicApiKeys", kind: "data", type: "anthropic_api_keys", doc: "The organization's API keys (never their secrets), filtered as the API filters them.", arguments: apiKeysDataArguments, attributes: apiKeysDataComputed },
];

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
