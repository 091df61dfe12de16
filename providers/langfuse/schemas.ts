/**
 * zod schemas for the Langfuse admin Organizations API (seed 000): the arguments a stack sets and
 * the responses the API returns. Shared by the constructs (synth-time validation), the resource
 * types (plan-time validation) and the emulator (request validation), so the three agree.
 */
import { z } from "zod";
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
  name: organizationName,
  metadata: metadata.default({}),
});

export const organizationApiKeyArguments = z.object({
  organization_id: z.string().min(1, "must be an organization id"),
  note: z.string().nullable().default(null),
});

export const providerConfig = z.object({
  /** Default: env LANGFUSE_BASE_URL. */
  base_url: z.string().url("must be a URL such as https://langfuse.example.com").optional(),
  /** Default: env LANGFUSE_ADMIN_API_KEY. Never write a secret in source code. */
  admin_api_key: z.string().min(1).optional(),
  /** An organization-scoped key pair for projects and memberships that name none. Default: env LANGFUSE_ORG_PUBLIC_KEY. */
  org_public_key: z.string().min(1).optional(),
  /** Default: env LANGFUSE_ORG_SECRET_KEY. Never write a secret in source code. */
  org_secret_key: z.string().min(1).optional(),
  rate_limit: rateLimitSchema.optional(),
  alias: z.string().optional(),
});

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
