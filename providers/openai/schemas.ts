/**
 * zod schemas for the OpenAI Admin API (seed 003 and OpenAI's published reference): the arguments
 * a stack sets and the responses the API returns. Shared by the constructs (synth-time
 * validation), the resource types (plan-time validation) and the emulator (request validation).
 *
 * The API speaks unix seconds; orgform's attributes are RFC 3339 strings. Response schemas convert
 * with `unixTime` so every resource type gets the same format without thinking about it.
 */
import { z } from "zod";
import { rateLimitSchema } from "../../src/http/limits";
import { oncePerItem } from "../../src/http/schema-per-item";

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
  name: keyName,
  expires_in_seconds: expiresInSeconds.nullable().default(null),
});

export const projectArguments = z.object({
  name: z.string().min(1, "must not be empty").max(256, "must be at most 256 characters"),
});

export const projectUserArguments = z.object({
  project_id: z.string().min(1, "must be a project id (proj_…)"),
  user_id: z.string().min(1, "must be a user id (user-…)"),
  role: projectRole.default("member"),
});

export const projectServiceAccountArguments = z.object({
  project_id: z.string().min(1, "must be a project id (proj_…)"),
  name: keyName,
  role: projectRole.default("member"),
});

const limit = z.number().int("must be a whole number").min(0, "must not be negative");
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
  max_requests_per_1_minute: limit.optional(),
  max_tokens_per_1_minute: limit.optional(),
  max_images_per_1_minute: limit.optional(),
  max_audio_megabytes_per_1_minute: limit.optional(),
  max_requests_per_1_day: limit.optional(),
  batch_1_day_max_input_tokens: limit.optional(),
});

export const projectRateLimitArguments = rateLimitValues.extend({
  project_id: z.string().min(1, "must be a project id (proj_…)"),
  model: z.string().min(1, "must be a model name such as gpt-4o"),
});

export const inviteProject = z.object({ id: z.string().min(1, "must be a project id"), role: projectRole });

export const inviteArguments = z.object({
  email,
  role: organizationRole,
  // Always sent: [] grants no project. OpenAI's legacy default (omitted = Default project) is not used.
  projects: z.array(inviteProject).default([]),
});

export const organizationUserArguments = z.object({
  user_id: z.string().min(1, "must be a user id (user-…)"),
  role: organizationRole,
});

export const userLookupArguments = z.object({ email });

const projectId = z.string().min(1, "must be a project id (proj_…)");

/** A project API key to adopt: the API cannot create one, so the stack names an existing key. */
export const projectApiKeyArguments = z.object({
  project_id: projectId,
  api_key_id: z.string().min(1, "must be a project API key id (key_…)"),
});

/** Whose keys a listing shows: the API hides keys of owners who left the project unless asked for `any`. */
export const OWNER_PROJECT_ACCESS = ["active", "inactive", "any"] as const;
export const projectApiKeysLookupArguments = z.object({
  project_id: projectId,
  owner_project_access: z.enum(OWNER_PROJECT_ACCESS).default("any"),
});

export const providerConfig = z.object({
  /** Default: env OPENAI_BASE_URL, else https://api.openai.com/v1. */
  base_url: z.string().url("must be a URL such as https://api.openai.com/v1").optional(),
  /** Default: env OPENAI_ADMIN_KEY. Never write a secret in source code. */
  admin_key: z.string().min(1).optional(),
  /** Page size for list walks (1–100). Tests use 1 to exercise pagination. */
  page_size: z.number().int().min(1).max(100).optional(),
  rate_limit: rateLimitSchema.optional(),
  alias: z.string().optional(),
});

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
