/**
 * cdktf constructs for the OpenAI Admin API. They synthesize to `openai_*` resources and the
 * `openai_user` and `openai_project_api_keys` data sources in cdk.tf.json, which orgform (not Terraform) plans and applies.
 * Each construct's props are its type's arguments schema (schemas.ts) in camelCase, checked when
 * the construct is made by that same schema (providers/spec-construct.ts).
 */
import type { IResolvable } from "cdktf";
import type { Construct } from "constructs";
import type { SecretDeliveryProps } from "../construct-kit";
import { SpecDataSource, SpecProvider, SpecResource, SpecSecretResource, type PropsOf, type ProviderPropsOf } from "../spec-construct";
import * as s from "./schemas";

export type OpenaiProviderConfig = ProviderPropsOf<typeof s.providerConfig>;

export class OpenaiProvider extends SpecProvider<typeof s.providerConfig> {
  constructor(scope: Construct, id: string, config: OpenaiProviderConfig = {}) {
    super(scope, id, "openai", config, s.providerConfig);
  }
}

export type OpenaiAdminApiKeyConfig = PropsOf<typeof s.adminApiKeyArguments> & SecretDeliveryProps;

/** An admin key; a new name or lifetime replaces it (OpenAI cannot change admin keys). */
export class OpenaiAdminApiKey extends SpecSecretResource<typeof s.adminApiKeyArguments> {
  static readonly tfResourceType = "openai_admin_api_key";
  constructor(scope: Construct, id: string, c: OpenaiAdminApiKeyConfig) {
    super(scope, id, OpenaiAdminApiKey.tfResourceType, c, s.adminApiKeyArguments);
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
}

export type OpenaiProjectConfig = PropsOf<typeof s.projectArguments>;

/** A project, renamed in place. Destroy archives it (OpenAI cannot delete projects). */
export class OpenaiProject extends SpecResource<typeof s.projectArguments> {
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
}

export type OpenaiProjectUserConfig = PropsOf<typeof s.projectUserArguments>;

/** An organization member's role in a project (the user id from DataOpenaiUser, say). */
export class OpenaiProjectUser extends SpecResource<typeof s.projectUserArguments> {
  static readonly tfResourceType = "openai_project_user";
  constructor(scope: Construct, id: string, c: OpenaiProjectUserConfig) {
    super(scope, id, OpenaiProjectUser.tfResourceType, c, s.projectUserArguments);
  }
  get email(): string {
    return this.getStringAttribute("email");
  }
  get addedAt(): string {
    return this.getStringAttribute("added_at");
  }
}

export type OpenaiProjectServiceAccountConfig = PropsOf<typeof s.projectServiceAccountArguments> & SecretDeliveryProps;

export class OpenaiProjectServiceAccount extends SpecSecretResource<typeof s.projectServiceAccountArguments> {
  static readonly tfResourceType = "openai_project_service_account";
  constructor(scope: Construct, id: string, c: OpenaiProjectServiceAccountConfig) {
    super(scope, id, OpenaiProjectServiceAccount.tfResourceType, c, s.projectServiceAccountArguments);
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
}

export type OpenaiProjectApiKeyConfig = PropsOf<typeof s.projectApiKeyArguments>;

/**
 * An existing project API key, adopted by id (see DataOpenaiProjectApiKeys): the Admin API cannot
 * create project keys. Destroy revokes it.
 */
export class OpenaiProjectApiKey extends SpecResource<typeof s.projectApiKeyArguments> {
  static readonly tfResourceType = "openai_project_api_key";
  constructor(scope: Construct, id: string, c: OpenaiProjectApiKeyConfig) {
    super(scope, id, OpenaiProjectApiKey.tfResourceType, c, s.projectApiKeyArguments);
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
}

export type OpenaiProjectRateLimitConfig = PropsOf<typeof s.projectRateLimitArguments>;

/** A model's existing limits in a project, adopted; each limit is optional (unset ones are left alone). */
export class OpenaiProjectRateLimit extends SpecResource<typeof s.projectRateLimitArguments> {
  static readonly tfResourceType = "openai_project_rate_limit";
  constructor(scope: Construct, id: string, c: OpenaiProjectRateLimitConfig) {
    super(scope, id, OpenaiProjectRateLimit.tfResourceType, c, s.projectRateLimitArguments);
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
}

export type OpenaiInviteConfig = PropsOf<typeof s.inviteArguments>;

/** An invite; any change replaces it (OpenAI cannot modify invites). */
export class OpenaiInvite extends SpecResource<typeof s.inviteArguments> {
  static readonly tfResourceType = "openai_invite";
  constructor(scope: Construct, id: string, c: OpenaiInviteConfig) {
    super(scope, id, OpenaiInvite.tfResourceType, c, s.inviteArguments);
  }
  get status(): string {
    return this.getStringAttribute("status");
  }
  get expiresAt(): string {
    return this.getStringAttribute("expires_at");
  }
}

export type OpenaiOrganizationUserConfig = PropsOf<typeof s.organizationUserArguments>;

/** An existing member's organization role (people join through invites): creating it adopts them. */
export class OpenaiOrganizationUser extends SpecResource<typeof s.organizationUserArguments> {
  static readonly tfResourceType = "openai_organization_user";
  constructor(scope: Construct, id: string, c: OpenaiOrganizationUserConfig) {
    super(scope, id, OpenaiOrganizationUser.tfResourceType, c, s.organizationUserArguments);
  }
  get email(): string {
    return this.getStringAttribute("email");
  }
  get addedAt(): string {
    return this.getStringAttribute("added_at");
  }
}

export type DataOpenaiUserConfig = PropsOf<typeof s.userLookupArguments>;

/** Looks an organization member up by email. */
export class DataOpenaiUser extends SpecDataSource<typeof s.userLookupArguments> {
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
}

export type DataOpenaiProjectApiKeysConfig = PropsOf<typeof s.projectApiKeysLookupArguments>;

/** Every API key of a project (never a secret), to adopt or report keys without knowing their ids. */
export class DataOpenaiProjectApiKeys extends SpecDataSource<typeof s.projectApiKeysLookupArguments> {
  static readonly tfResourceType = "openai_project_api_keys";
  constructor(scope: Construct, id: string, c: DataOpenaiProjectApiKeysConfig) {
    super(scope, id, DataOpenaiProjectApiKeys.tfResourceType, c, s.projectApiKeysLookupArguments);
  }
  get ids(): string[] {
    return this.getListAttribute("ids");
  }
  /** Objects with id, name, redacted_value, created_at, last_used_at, owner_type, owner_id, owner_name, owner_email, owner_project_access. */
  get keys(): IResolvable {
    return this.interpolationForAttribute("keys");
  }
}
