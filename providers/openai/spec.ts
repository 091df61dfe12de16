/**
 * zod schemas for the OpenAI Admin API (seed 003 and OpenAI's published reference): the arguments
 * a stack sets and the responses the API returns. Shared by the constructs (synth-time
 * validation), the resource types (plan-time validation) and the emulator (request validation).
 *
 * The API speaks unix seconds; orgform's attributes are RFC 3339 strings. Response schemas convert
 * with `unixTime` so every resource type gets the same format without thinking about it.
 */
import { z } from "zod";
import type { ConstructSpec } from "../spec-construct";
import { rateLimitSchema } from "../../src/http/limits";
import { oncePerItem } from "../../src/http/schema-per-item";
import { forceNew, sensitive } from "../../src/provider/kit/modifiers";

/** Seconds since the epoch → `2024-03-26T16:45:33Z` (no fraction: the API has whole seconds). */
export function rfc3339(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

const unixTime = z.number().int().transform(rfc3339);
const optionalUnixTime = unixTime.nullable().optional().transform((value) => value ?? null);

// ── Arguments ──────────────────────────────────────────────────────────────
/** One year: the API's maximum for expires_in_seconds. */
export const MAX_EXPIRY_SECONDS = 31_536_000;

export const keyName = z.string().min(1, "must not be empty").max(256, "must be at most 256 characters");
export const expiresInSeconds = z
  .number()
  .int("must be a whole number of seconds")
  .min(1, "must be at least 1 second")
  .max(MAX_EXPIRY_SECONDS, "must be at most 31536000 seconds (one year)");

export const projectRole = z.enum(["owner", "member"]);
export const organizationRole = z.enum(["owner", "reader"]);
export const email = z.string().email("must be an email address");

export const adminApiKeyArguments = z.object({
  name: forceNew(keyName.describe("A new name replaces the key: OpenAI cannot rename admin keys.")),
  expires_in_seconds: forceNew(expiresInSeconds.nullable().default(null).describe("Lifetime in seconds (1 to one year); absent: the key never expires. Changing it replaces the key.")),
});

export const projectArguments = z.object({
  name: z
    .string()
    .min(1, "must not be empty")
    .max(256, "must be at most 256 characters")
    .describe("Renamed in place. Destroying the resource archives the project (OpenAI cannot delete projects)."),
});

const projectIdArgument = z.string().min(1, "must be a project id (proj_…)").describe("The project's id (`proj_…`), e.g. an OpenaiProject's `id`.");
const memberRole = projectRole.default("member").describe("The role in the project: `owner` or `member` (the default).");

export const projectUserArguments = z.object({
  project_id: forceNew(projectIdArgument),
  user_id: forceNew(z.string().min(1, "must be a user id (user-…)").describe("An organization member's id (`user-…`), e.g. from DataOpenaiUser.")),
  role: memberRole,
});

export const projectServiceAccountArguments = z.object({
  project_id: forceNew(projectIdArgument),
  name: keyName.describe("Renamed in place."),
  role: memberRole,
});

const limit = z.number().int("must be a whole number").min(0, "must not be negative").optional().describe("Optional: an unset limit is left as it is.");
/** The limits OpenAI lets an admin lower per model; each is optional: unset ones are left alone. */
export const RATE_LIMIT_FIELDS = [
  "max_requests_per_1_minute",
  "max_tokens_per_1_minute",
  "max_images_per_1_minute",
  "max_audio_megabytes_per_1_minute",
  "max_requests_per_1_day",
  "batch_1_day_max_input_tokens",
] as const;
export type RateLimitField = (typeof RATE_LIMIT_FIELDS)[number];

export const rateLimitValues = z.object({
  max_requests_per_1_minute: limit,
  max_tokens_per_1_minute: limit,
  max_images_per_1_minute: limit,
  max_audio_megabytes_per_1_minute: limit,
  max_requests_per_1_day: limit,
  batch_1_day_max_input_tokens: limit,
});

export const projectRateLimitArguments = rateLimitValues.extend({
  project_id: forceNew(projectIdArgument),
  model: forceNew(z.string().min(1, "must be a model name such as gpt-4o").describe('The model whose existing limits are adopted, e.g. "gpt-4o".')),
});

export const inviteProject = z.object({ id: z.string().min(1, "must be a project id"), role: projectRole });

const organizationRoleArgument = organizationRole.describe("The organization role: `owner` or `reader`.");

export const inviteArguments = z.object({
  email: forceNew(email.describe("Whom to invite. Any change replaces the invite: OpenAI cannot modify invites.")),
  role: forceNew(organizationRoleArgument),
  // Always sent: [] grants no project. OpenAI's legacy default (omitted = Default project) is not used.
  projects: forceNew(z.array(inviteProject).default([]).describe("Project memberships granted on acceptance (`{ id, role }`). Default none (orgform sends []).")),
});

export const organizationUserArguments = z.object({
  user_id: forceNew(z.string().min(1, "must be a user id (user-…)").describe("An existing member (people join through invites): creating this resource adopts them.")),
  role: organizationRoleArgument,
});

export const userLookupArguments = z.object({ email: email.describe("The member's email, matched case-insensitively.") });

/** A project API key to adopt: the API cannot create one, so the stack names an existing key. */
export const projectApiKeyArguments = z.object({
  project_id: forceNew(projectIdArgument),
  api_key_id: forceNew(
    z
      .string()
      .min(1, "must be a project API key id (key_…)")
      .describe("The key to adopt (`key_…`; see DataOpenaiProjectApiKeys). The Admin API cannot create project keys; destroy revokes the key."),
  ),
});

/** Whose keys a listing shows: the API hides keys of owners who left the project unless asked for `any`. */
export const OWNER_PROJECT_ACCESS = ["active", "inactive", "any"] as const;
export const projectApiKeysLookupArguments = z.object({
  project_id: projectIdArgument,
  owner_project_access: z
    .enum(OWNER_PROJECT_ACCESS)
    .default("any")
    .describe('Whose keys: "any" (the default: also keys of owners who left the project), "active" or "inactive".'),
});

export const providerConfig = z.object({
  base_url: z.string().url("must be a URL such as https://api.openai.com/v1").optional().describe("Default: env OPENAI_BASE_URL, else https://api.openai.com/v1."),
  admin_key: z.string().min(1).optional().describe("Default: env OPENAI_ADMIN_KEY. Never write a secret in source code."),
  page_size: z.number().int().min(1).max(100).optional().describe("Page size of list walks, 1–100 (default 100). Tests use 1 to exercise pagination."),
  rate_limit: rateLimitSchema.optional(),
  alias: z.string().optional(),
});

// ── Computed attributes (typed; each resource type's `computed` names are their keys) ──
const id = z.string().describe("The object's id.");
const time = (what: string) => z.string().nullable().describe(`${what} (RFC 3339); null when the API has none.`);
const ownerProjectAccess = z.enum(["active", "inactive"]).nullable();

export const adminApiKeyComputed = z.object({
  id,
  value: sensitive(z.string().describe("Sensitive: the `sk-admin-…` value, only known from the create response; reference it from sensitive outputs.")),
  redacted_value: z.string().describe("The value as the API shows it after create (`sk-admin-…abcd`)."),
  created_at: time("When the key was made"),
  last_used_at: time("When the key was last used"),
  expires_at: time("When the key expires"),
  owner_id: z.string().nullable().describe("The user who owns the key."),
});
export const projectComputed = z.object({
  id,
  status: z.string().describe('"active", or "archived" once destroyed.'),
  created_at: time("When the project was made"),
  archived_at: time("When the project was archived"),
});
const memberComputed = z.object({
  id,
  email: z.string().nullable().describe("The member's email."),
  name: z.string().nullable().describe("The member's name."),
  added_at: time("When the member joined"),
});
export const projectUserComputed = memberComputed;
export const organizationUserComputed = memberComputed;
export const projectServiceAccountComputed = z.object({
  id: z.string().describe("`<project id>/<service account id>`."),
  service_account_id: z.string().describe("The service account's own id."),
  created_at: time("When the account was made"),
  api_key_id: z.string().nullable().describe("The id of the account's first API key."),
  api_key_value: sensitive(z.string().nullable().describe("Sensitive: the account's first API key, only known from the create response.")),
});
export const projectApiKeyComputed = z.object({
  id,
  name: z.string().describe("The key's name."),
  redacted_value: z.string().describe("The key as the API shows it (`sk-…abcd`)."),
  created_at: time("When the key was made"),
  last_used_at: time("When the key was last used"),
  owner_type: z.enum(["user", "service_account"]).nullable().describe('"user" or "service_account".'),
  owner_id: z.string().nullable().describe("The id of the user or service account that owns the key."),
  owner_name: z.string().nullable().describe("The owner's name."),
  owner_email: z.string().nullable().describe("The owning user's email."),
  owner_project_access: ownerProjectAccess.describe('"active", or "inactive" once the owner has left the project.'),
});
// Absent where the model has no such limit (the API lists only the limits that apply to it: images per minute only for image models).
const limitNow = (what: string) => z.number().int().nullish().describe(`The model's ${what} as the API has it now (absent when the model has none).`);
export const projectRateLimitComputed = z.object({
  id,
  rate_limit_id: z.string().describe("The API's id of the limit (`rl-…`)."),
  max_requests_per_1_minute: limitNow("requests per minute"),
  max_tokens_per_1_minute: limitNow("tokens per minute"),
  max_images_per_1_minute: limitNow("images per minute"),
  max_audio_megabytes_per_1_minute: limitNow("audio megabytes per minute"),
  max_requests_per_1_day: limitNow("requests per day"),
  batch_1_day_max_input_tokens: limitNow("batch input tokens per day"),
});
export const inviteComputed = z.object({
  id,
  status: z.enum(["accepted", "expired", "pending"]).describe('"pending", "accepted" or "expired".'),
  created_at: time("When the invite was sent"),
  expires_at: time("When the invite expires"),
  accepted_at: time("When the invite was accepted"),
});
export const userLookupComputed = z.object({
  name: z.string().nullable().describe("The member's name."),
  role: z.string().nullable().describe("The member's organization role."),
});
export const projectApiKeysLookupComputed = z.object({
  ids: z.array(z.string()).describe("The keys' ids."),
  keys: z
    .array(z.record(z.string(), z.unknown()))
    .describe("Objects with id, name, redacted_value, created_at, last_used_at, owner_type, owner_id, owner_name, owner_email, owner_project_access."),
});

/** The constructs scripts/generate-constructs.ts writes into constructs.generated.ts. */
export const constructSpecs: readonly ConstructSpec[] = [
  { construct: "OpenaiProvider", kind: "provider", type: "openai", arguments: providerConfig },
  {
    construct: "OpenaiAdminApiKey",
    kind: "resource",
    type: "openai_admin_api_key",
    doc: "An admin key; a new name or lifetime replaces it (OpenAI cannot change admin keys).",
    arguments: adminApiKeyArguments,
    attributes: adminApiKeyComputed,
    secret: true,
  },
  { construct: "OpenaiProject", kind: "resource", type: "openai_project", doc: "A project, renamed in place. Destroy archives it (OpenAI cannot delete projects).", arguments: projectArguments, attributes: projectComputed },
  {
    construct: "OpenaiProjectUser",
    kind: "resource",
    type: "openai_project_user",
    doc: "An organization member's role in a project (the user id from DataOpenaiUser, say).",
    arguments: projectUserArguments,
    attributes: projectUserComputed,
  },
  {
    construct: "OpenaiProjectServiceAccount",
    kind: "resource",
    type: "openai_project_service_account",
    doc: "A project's service account; its first API key is delivered like any minted secret.",
    arguments: projectServiceAccountArguments,
    attributes: projectServiceAccountComputed,
    secret: true,
  },
  {
    construct: "OpenaiProjectApiKey",
    kind: "resource",
    type: "openai_project_api_key",
    doc: "An existing project API key, adopted by id (see DataOpenaiProjectApiKeys): the Admin API cannot create project keys. Destroy revokes it.",
    arguments: projectApiKeyArguments,
    attributes: projectApiKeyComputed,
  },
  {
    construct: "OpenaiProjectRateLimit",
    kind: "resource",
    type: "openai_project_rate_limit",
    doc: "A model's existing limits in a project, adopted; each limit is optional (unset ones are left alone).",
    arguments: projectRateLimitArguments,
    attributes: projectRateLimitComputed,
  },
  { construct: "OpenaiInvite", kind: "resource", type: "openai_invite", doc: "An invite; any change replaces it (OpenAI cannot modify invites).", arguments: inviteArguments, attributes: inviteComputed },
  {
    construct: "OpenaiOrganizationUser",
    kind: "resource",
    type: "openai_organization_user",
    doc: "An existing member's organization role (people join through invites): creating it adopts them.",
    arguments: organizationUserArguments,
    attributes: organizationUserComputed,
  },
  { construct: "DataOpenaiUser", kind: "data", type: "openai_user", doc: "Looks an organization member up by email.", arguments: userLookupArguments, attributes: userLookupComputed },
  {
    construct: "DataOpenaiProjectApiKeys",
    kind: "data",
    type: "openai_project_api_keys",
    doc: "Every API key of a project (never a secret), to adopt or report keys without knowing their ids.",
    arguments: projectApiKeysLookupArguments,
    attributes: projectApiKeysLookupComputed,
  },
];

// ── API responses ──────────────────────────────────────────────────────────
/** Every list answer: `data` plus the cursor fields. */
export const listPage = oncePerItem(<T extends z.ZodType>(item: T) =>
  z.object({
    object: z.literal("list").optional(),
    data: z.array(item),
    first_id: z.string().nullable().optional(),
    last_id: z.string().nullable().optional(),
    has_more: z.boolean().optional().default(false),
  }),
);

export const adminApiKey = z.object({
  id: z.string(),
  name: z.string().nullable().optional(),
  redacted_value: z.string(),
  created_at: unixTime,
  last_used_at: optionalUnixTime,
  expires_at: optionalUnixTime,
  owner: z.object({ id: z.string().optional() }).partial().nullable().optional(),
});
export type AdminApiKey = z.infer<typeof adminApiKey>;
export const adminApiKeyCreated = adminApiKey.extend({ value: z.string() });

export const project = z.object({
  id: z.string(),
  name: z.string().nullable().optional(),
  created_at: unixTime,
  archived_at: optionalUnixTime,
  status: z.string().nullable().optional(),
});
export type Project = z.infer<typeof project>;

export const projectUser = z.object({
  id: z.string(),
  email: z.string().nullable().optional(),
  name: z.string().nullable().optional(),
  role: z.string(),
  added_at: unixTime,
});
export type ProjectUser = z.infer<typeof projectUser>;

export const serviceAccount = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  created_at: unixTime,
});
export type ServiceAccount = z.infer<typeof serviceAccount>;
export const serviceAccountCreated = serviceAccount.extend({
  api_key: z.object({ id: z.string(), value: z.string(), name: z.string().nullable().optional(), created_at: unixTime }).nullable(),
});

/** `owner` is a user (with their project role) or a service account; either may be absent. */
const keyOwner = z.object({ id: z.string(), name: z.string().nullable().optional(), email: z.string().nullable().optional(), role: z.string().nullable().optional() });
export const projectApiKey = z.object({
  id: z.string(),
  name: z.string().nullable().optional(),
  redacted_value: z.string(),
  created_at: unixTime,
  last_used_at: optionalUnixTime,
  owner: z
    .object({ type: z.enum(["user", "service_account"]).optional(), user: keyOwner.nullable().optional(), service_account: keyOwner.nullable().optional() })
    .nullable()
    .optional(),
  owner_project_access: z.enum(["active", "inactive"]).nullable().optional(),
});
export type ProjectApiKey = z.infer<typeof projectApiKey>;

export const rateLimit = z.object({
  id: z.string(),
  model: z.string(),
  max_requests_per_1_minute: z.number().int(),
  max_tokens_per_1_minute: z.number().int(),
  max_images_per_1_minute: z.number().int().optional(),
  max_audio_megabytes_per_1_minute: z.number().int().optional(),
  max_requests_per_1_day: z.number().int().optional(),
  batch_1_day_max_input_tokens: z.number().int().optional(),
});
export type RateLimit = z.infer<typeof rateLimit>;

export const invite = z.object({
  id: z.string(),
  email: z.string(),
  role: organizationRole,
  status: z.enum(["accepted", "expired", "pending"]),
  projects: z.array(z.object({ id: z.string(), role: projectRole })).nullable().optional().transform((value) => value ?? []),
  created_at: unixTime,
  expires_at: optionalUnixTime,
  accepted_at: optionalUnixTime,
});
export type Invite = z.infer<typeof invite>;

export const organizationUser = z.object({
  id: z.string(),
  email: z.string().nullable().optional(),
  name: z.string().nullable().optional(),
  role: z.string().nullable().optional(),
  added_at: unixTime,
});
export type OrganizationUser = z.infer<typeof organizationUser>;

export const deleted = z.object({ id: z.string().optional(), deleted: z.boolean().optional() });
