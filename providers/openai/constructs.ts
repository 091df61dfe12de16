/**
 * cdktf constructs for the OpenAI Admin API. They synthesize to `openai_*` resources and the
 * `openai_user` and `openai_project_api_keys` data sources in cdk.tf.json, which orgform (not Terraform) plans and applies.
 * Props are validated with the same zod schemas the resource types use, when the construct is made.
 */
import type { IResolvable, TerraformMetaArguments } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import { OrgformDataSource, OrgformProvider, OrgformResource } from "../construct-base";
import { compact, secretDeliveryAttributes, type RateLimitProps, type SecretDeliveryProps, type SecretSinkProps } from "../construct-kit";
import * as s from "./schemas";

export interface OpenaiProviderConfig {
  /** Default: env OPENAI_BASE_URL, else https://api.openai.com/v1. */
  readonly baseUrl?: string;
  /** Default: env OPENAI_ADMIN_KEY. Never write a secret in source code. */
  readonly adminKey?: string;
  /** Page size of list walks, 1–100 (default 100). */
  readonly pageSize?: number;
  /** Client-side rate limit; default for api.openai.com: 7 requests a minute (env ORGFORM_OPENAI_REQUESTS_PER_MINUTE). */
  readonly rateLimit?: RateLimitProps;
  /** Where every key this provider mints delivers its value, unless the key says otherwise. */
  readonly secretSink?: SecretSinkProps;
  readonly alias?: string;
}

const providerSettings = z.object({ baseUrl: z.string().url().optional(), adminKey: z.string().optional(), pageSize: z.number().int().min(1).max(100).optional() });

export class OpenaiProvider extends OrgformProvider<OpenaiProviderConfig> {
  constructor(scope: Construct, id: string, config: OpenaiProviderConfig = {}) {
    super(scope, id, "openai", config, providerSettings);
  }
  protected override providerArguments(c: OpenaiProviderConfig): Record<string, unknown> {
    return { base_url: c.baseUrl, admin_key: c.adminKey, page_size: c.pageSize };
  }
}

export interface OpenaiAdminApiKeyConfig extends TerraformMetaArguments, SecretDeliveryProps {
  /** A new name replaces the key: OpenAI cannot rename admin keys. */
  readonly name: string;
  /** Lifetime in seconds (1 to one year); absent: the key never expires. Changing it replaces the key. */
  readonly expiresInSeconds?: number;
}

const adminApiKeyProps = z.object({ name: s.keyName, expiresInSeconds: s.expiresInSeconds.optional() });

export class OpenaiAdminApiKey extends OrgformResource<OpenaiAdminApiKeyConfig> {
  static readonly tfResourceType = "openai_admin_api_key";
  constructor(scope: Construct, id: string, c: OpenaiAdminApiKeyConfig) {
    super(scope, id, OpenaiAdminApiKey.tfResourceType, c, adminApiKeyProps);
  }
  /** Sensitive: the `sk-admin-…` value, only known from the create response; reference it from sensitive outputs. */
  get value(): string {
    return this.getStringAttribute("value");
  }
  get redactedValue(): string {
    return this.getStringAttribute("redacted_value");
  }
  get createdAt(): string {
    return this.getStringAttribute("created_at");
  }
  get lastUsedAt(): string {
    return this.getStringAttribute("last_used_at");
  }
  get expiresAt(): string {
    return this.getStringAttribute("expires_at");
  }
  protected override terraformArguments(c: OpenaiAdminApiKeyConfig): Record<string, unknown> {
    return { name: c.name, expires_in_seconds: c.expiresInSeconds, ...secretDeliveryAttributes(c) };
  }
}

export interface OpenaiProjectConfig extends TerraformMetaArguments {
  /** Renamed in place. Destroying the resource archives the project (OpenAI cannot delete projects). */
  readonly name: string;
}

export class OpenaiProject extends OrgformResource<OpenaiProjectConfig> {
  static readonly tfResourceType = "openai_project";
  constructor(scope: Construct, id: string, c: OpenaiProjectConfig) {
    super(scope, id, OpenaiProject.tfResourceType, c, s.projectArguments);
  }
  get status(): string {
    return this.getStringAttribute("status");
  }
  get createdAt(): string {
    return this.getStringAttribute("created_at");
  }
  get archivedAt(): string {
    return this.getStringAttribute("archived_at");
  }
  protected override terraformArguments(c: OpenaiProjectConfig): Record<string, unknown> {
    return { name: c.name };
  }
}

export interface OpenaiProjectUserConfig extends TerraformMetaArguments {
  readonly projectId: string;
  /** An organization member's id, e.g. from DataOpenaiUser. */
  readonly userId: string;
  /** Default member. */
  readonly role?: "owner" | "member";
}

const projectUserProps = z.object({ projectId: z.string().min(1), userId: z.string().min(1), role: s.projectRole.optional() });

export class OpenaiProjectUser extends OrgformResource<OpenaiProjectUserConfig> {
  static readonly tfResourceType = "openai_project_user";
  constructor(scope: Construct, id: string, c: OpenaiProjectUserConfig) {
    super(scope, id, OpenaiProjectUser.tfResourceType, c, projectUserProps);
  }
  get email(): string {
    return this.getStringAttribute("email");
  }
  get addedAt(): string {
    return this.getStringAttribute("added_at");
  }
  protected override terraformArguments(c: OpenaiProjectUserConfig): Record<string, unknown> {
    return { project_id: c.projectId, user_id: c.userId, role: c.role };
  }
}

export interface OpenaiProjectServiceAccountConfig extends TerraformMetaArguments, SecretDeliveryProps {
  readonly projectId: string;
  /** Renamed in place. */
  readonly name: string;
  /** Default member. */
  readonly role?: "owner" | "member";
}

const serviceAccountProps = z.object({ projectId: z.string().min(1), name: s.keyName, role: s.projectRole.optional() });

export class OpenaiProjectServiceAccount extends OrgformResource<OpenaiProjectServiceAccountConfig> {
  static readonly tfResourceType = "openai_project_service_account";
  constructor(scope: Construct, id: string, c: OpenaiProjectServiceAccountConfig) {
    super(scope, id, OpenaiProjectServiceAccount.tfResourceType, c, serviceAccountProps);
  }
  get serviceAccountId(): string {
    return this.getStringAttribute("service_account_id");
  }
  get apiKeyId(): string {
    return this.getStringAttribute("api_key_id");
  }
  /** Sensitive: the account's first API key, only known from the create response. */
  get apiKeyValue(): string {
    return this.getStringAttribute("api_key_value");
  }
  get createdAt(): string {
    return this.getStringAttribute("created_at");
  }
  protected override terraformArguments(c: OpenaiProjectServiceAccountConfig): Record<string, unknown> {
    return { project_id: c.projectId, name: c.name, role: c.role, ...secretDeliveryAttributes(c) };
  }
}

export interface OpenaiProjectApiKeyConfig extends TerraformMetaArguments {
  readonly projectId: string;
  /**
   * The key to adopt (`key_…`; see DataOpenaiProjectApiKeys). The Admin API cannot create project
   * keys; destroy revokes the key.
   */
  readonly apiKeyId: string;
}

const projectApiKeyProps = z.object({ projectId: s.projectApiKeyArguments.shape.project_id, apiKeyId: s.projectApiKeyArguments.shape.api_key_id });

/** An existing project API key, adopted by id; destroy revokes it. */
export class OpenaiProjectApiKey extends OrgformResource<OpenaiProjectApiKeyConfig> {
  static readonly tfResourceType = "openai_project_api_key";
  constructor(scope: Construct, id: string, c: OpenaiProjectApiKeyConfig) {
    super(scope, id, OpenaiProjectApiKey.tfResourceType, c, projectApiKeyProps);
  }
  get name(): string {
    return this.getStringAttribute("name");
  }
  get redactedValue(): string {
    return this.getStringAttribute("redacted_value");
  }
  /** "user" or "service_account". */
  get ownerType(): string {
    return this.getStringAttribute("owner_type");
  }
  get ownerId(): string {
    return this.getStringAttribute("owner_id");
  }
  get lastUsedAt(): string {
    return this.getStringAttribute("last_used_at");
  }
  protected override terraformArguments(c: OpenaiProjectApiKeyConfig): Record<string, unknown> {
    return { project_id: c.projectId, api_key_id: c.apiKeyId };
  }
}

export interface OpenaiProjectRateLimitConfig extends TerraformMetaArguments {
  readonly projectId: string;
  /** The model whose existing limit is adopted, e.g. "gpt-4o". */
  readonly model: string;
  /** Each limit is optional: unset ones are left as they are. */
  readonly maxRequestsPer1Minute?: number;
  readonly maxTokensPer1Minute?: number;
  readonly maxImagesPer1Minute?: number;
  readonly maxAudioMegabytesPer1Minute?: number;
  readonly maxRequestsPer1Day?: number;
  readonly batch1DayMaxInputTokens?: number;
}

export class OpenaiProjectRateLimit extends OrgformResource<OpenaiProjectRateLimitConfig> {
  static readonly tfResourceType = "openai_project_rate_limit";
  constructor(scope: Construct, id: string, c: OpenaiProjectRateLimitConfig) {
    // Validated in the snake_case shape the resource type uses, so messages name the same fields.
    super(scope, id, OpenaiProjectRateLimit.tfResourceType, c, s.projectRateLimitArguments, compact(rateLimitArguments(c)));
  }
  get rateLimitId(): string {
    return this.getStringAttribute("rate_limit_id");
  }
  get maxRequestsPer1Minute(): number {
    return this.getNumberAttribute("max_requests_per_1_minute");
  }
  get maxTokensPer1Minute(): number {
    return this.getNumberAttribute("max_tokens_per_1_minute");
  }
  protected override terraformArguments(c: OpenaiProjectRateLimitConfig): Record<string, unknown> {
    return rateLimitArguments(c);
  }
}

function rateLimitArguments(c: OpenaiProjectRateLimitConfig): Record<string, unknown> {
  return {
    project_id: c.projectId,
    model: c.model,
    max_requests_per_1_minute: c.maxRequestsPer1Minute,
    max_tokens_per_1_minute: c.maxTokensPer1Minute,
    max_images_per_1_minute: c.maxImagesPer1Minute,
    max_audio_megabytes_per_1_minute: c.maxAudioMegabytesPer1Minute,
    max_requests_per_1_day: c.maxRequestsPer1Day,
    batch_1_day_max_input_tokens: c.batch1DayMaxInputTokens,
  };
}

export interface OpenaiInviteConfig extends TerraformMetaArguments {
  /** Any change replaces the invite: OpenAI cannot modify invites. */
  readonly email: string;
  readonly role: "owner" | "reader";
  /** Project memberships granted on acceptance. Default none (orgform sends []). */
  readonly projects?: ReadonlyArray<{ readonly id: string; readonly role: "owner" | "member" }>;
}

const inviteProps = z.object({ email: s.email, role: s.organizationRole, projects: z.array(s.inviteProject).optional() });

export class OpenaiInvite extends OrgformResource<OpenaiInviteConfig> {
  static readonly tfResourceType = "openai_invite";
  constructor(scope: Construct, id: string, c: OpenaiInviteConfig) {
    super(scope, id, OpenaiInvite.tfResourceType, c, inviteProps);
  }
  get status(): string {
    return this.getStringAttribute("status");
  }
  get expiresAt(): string {
    return this.getStringAttribute("expires_at");
  }
  protected override terraformArguments(c: OpenaiInviteConfig): Record<string, unknown> {
    return { email: c.email, role: c.role, projects: c.projects?.map((grant) => ({ id: grant.id, role: grant.role })) };
  }
}

export interface OpenaiOrganizationUserConfig extends TerraformMetaArguments {
  /** An existing member (people join through invites): creating this resource adopts them. */
  readonly userId: string;
  readonly role: "owner" | "reader";
}

const organizationUserProps = z.object({ userId: z.string().min(1), role: s.organizationRole });

export class OpenaiOrganizationUser extends OrgformResource<OpenaiOrganizationUserConfig> {
  static readonly tfResourceType = "openai_organization_user";
  constructor(scope: Construct, id: string, c: OpenaiOrganizationUserConfig) {
    super(scope, id, OpenaiOrganizationUser.tfResourceType, c, organizationUserProps);
  }
  get email(): string {
    return this.getStringAttribute("email");
  }
  get addedAt(): string {
    return this.getStringAttribute("added_at");
  }
  protected override terraformArguments(c: OpenaiOrganizationUserConfig): Record<string, unknown> {
    return { user_id: c.userId, role: c.role };
  }
}

export interface DataOpenaiUserConfig extends TerraformMetaArguments {
  readonly email: string;
}

/** Looks an organization member up by email. */
export class DataOpenaiUser extends OrgformDataSource<DataOpenaiUserConfig> {
  static readonly tfResourceType = "openai_user";
  constructor(scope: Construct, id: string, c: DataOpenaiUserConfig) {
    super(scope, id, DataOpenaiUser.tfResourceType, c, s.userLookupArguments);
  }
  get name(): string {
    return this.getStringAttribute("name");
  }
  get role(): string {
    return this.getStringAttribute("role");
  }
  protected override terraformArguments(c: DataOpenaiUserConfig): Record<string, unknown> {
    return { email: c.email };
  }
}

export interface DataOpenaiProjectApiKeysConfig extends TerraformMetaArguments {
  readonly projectId: string;
  /** Whose keys: "any" (default: also keys of owners who left the project), "active" or "inactive". */
  readonly ownerProjectAccess?: (typeof s.OWNER_PROJECT_ACCESS)[number];
}

const projectApiKeysProps = z.object({ projectId: s.projectApiKeysLookupArguments.shape.project_id, ownerProjectAccess: z.enum(s.OWNER_PROJECT_ACCESS).optional() });

/** Every API key of a project (never a secret), to adopt or report keys without knowing their ids. */
export class DataOpenaiProjectApiKeys extends OrgformDataSource<DataOpenaiProjectApiKeysConfig> {
  static readonly tfResourceType = "openai_project_api_keys";
  constructor(scope: Construct, id: string, c: DataOpenaiProjectApiKeysConfig) {
    super(scope, id, DataOpenaiProjectApiKeys.tfResourceType, c, projectApiKeysProps);
  }
  get ids(): string[] {
    return this.getListAttribute("ids");
  }
  /** Objects with id, name, redacted_value, created_at, last_used_at, owner_type, owner_id, owner_name, owner_email, owner_project_access. */
  get keys(): IResolvable {
    return this.interpolationForAttribute("keys");
  }
  protected override terraformArguments(c: DataOpenaiProjectApiKeysConfig): Record<string, unknown> {
    return { project_id: c.projectId, owner_project_access: c.ownerProjectAccess };
  }
}
