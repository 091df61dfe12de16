/**
 * cdktf constructs for the Anthropic Admin API. They synthesize to `anthropic_*` resources and
 * data sources in cdk.tf.json (snake_case attributes), which orgform (not Terraform) plans and
 * applies. Each construct's props are its type's arguments schema (schemas.ts) in camelCase,
 * checked when the construct is created by that same schema (providers/spec-construct.ts).
 */
import type { IResolvable } from "cdktf";
import type { Construct } from "constructs";
import { SpecDataSource, SpecProvider, SpecResource, type PropsOf, type ProviderPropsOf } from "../spec-construct";
import {
  apiKeyArguments,
  apiKeysDataArguments,
  inviteArguments,
  organizationDataArguments,
  organizationMemberArguments,
  providerConfig,
  userDataArguments,
  workspaceArguments,
  workspaceDataArguments,
  workspaceMemberArguments,
} from "./schemas";

export type AnthropicProviderConfig = ProviderPropsOf<typeof providerConfig>;

export class AnthropicProvider extends SpecProvider<typeof providerConfig> {
  constructor(scope: Construct, id: string, config: AnthropicProviderConfig = {}) {
    super(scope, id, "anthropic", config, providerConfig);
  }
}

export type AnthropicWorkspaceConfig = PropsOf<typeof workspaceArguments>;

/** A workspace. Destroy archives it: the Admin API cannot delete workspaces. */
export class AnthropicWorkspace extends SpecResource<typeof workspaceArguments> {
  static readonly tfResourceType = "anthropic_workspace";
  constructor(scope: Construct, id: string, config: AnthropicWorkspaceConfig) {
    super(scope, id, AnthropicWorkspace.tfResourceType, config, workspaceArguments);
  }
  get name(): string {
    return this.getStringAttribute("name");
  }
  get displayColor(): string {
    return this.getStringAttribute("display_color");
  }
  get createdAt(): string {
    return this.getStringAttribute("created_at");
  }
}

export type AnthropicWorkspaceMemberConfig = PropsOf<typeof workspaceMemberArguments>;

/** A user's role in a workspace; its id is "<workspace id>/<user id>". */
export class AnthropicWorkspaceMember extends SpecResource<typeof workspaceMemberArguments> {
  static readonly tfResourceType = "anthropic_workspace_member";
  constructor(scope: Construct, id: string, config: AnthropicWorkspaceMemberConfig) {
    super(scope, id, AnthropicWorkspaceMember.tfResourceType, config, workspaceMemberArguments);
  }
}

export type AnthropicOrganizationMemberConfig = PropsOf<typeof organizationMemberArguments>;

/**
 * Adopts an existing member (users join only by invite); destroy removes them from the
 * organization. Its id is the user id.
 */
export class AnthropicOrganizationMember extends SpecResource<typeof organizationMemberArguments> {
  static readonly tfResourceType = "anthropic_organization_member";
  constructor(scope: Construct, id: string, config: AnthropicOrganizationMemberConfig) {
    super(scope, id, AnthropicOrganizationMember.tfResourceType, config, organizationMemberArguments);
  }
  get userEmail(): string {
    return this.getStringAttribute("user_email");
  }
  get userName(): string {
    return this.getStringAttribute("user_name");
  }
}

export type AnthropicInviteConfig = PropsOf<typeof inviteArguments>;

export class AnthropicInvite extends SpecResource<typeof inviteArguments> {
  static readonly tfResourceType = "anthropic_invite";
  constructor(scope: Construct, id: string, config: AnthropicInviteConfig) {
    super(scope, id, AnthropicInvite.tfResourceType, config, inviteArguments);
  }
  /** pending, accepted (the job is done) or expired. */
  get status(): string {
    return this.getStringAttribute("status");
  }
  get expiresAt(): string {
    return this.getStringAttribute("expires_at");
  }
}

export type AnthropicApiKeyConfig = PropsOf<typeof apiKeyArguments>;

export class AnthropicApiKey extends SpecResource<typeof apiKeyArguments> {
  static readonly tfResourceType = "anthropic_api_key";
  constructor(scope: Construct, id: string, config: AnthropicApiKeyConfig) {
    super(scope, id, AnthropicApiKey.tfResourceType, config, apiKeyArguments);
  }
  get workspaceId(): string {
    return this.getStringAttribute("workspace_id");
  }
  /** The key's redacted hint; the secret itself is never returned by the API. */
  get partialKeyHint(): string {
    return this.getStringAttribute("partial_key_hint");
  }
}

/** The organization the admin key belongs to. It takes no props but cdktf's meta-arguments. */
export class DataAnthropicOrganization extends SpecDataSource<typeof organizationDataArguments> {
  static readonly tfResourceType = "anthropic_organization";
  constructor(scope: Construct, id: string, config: PropsOf<typeof organizationDataArguments> = {}) {
    super(scope, id, DataAnthropicOrganization.tfResourceType, config, organizationDataArguments);
  }
  get name(): string {
    return this.getStringAttribute("name");
  }
}

export type DataAnthropicUserConfig = PropsOf<typeof userDataArguments>;

/** An organization member found by email, so stacks need not hold opaque user ids. */
export class DataAnthropicUser extends SpecDataSource<typeof userDataArguments> {
  static readonly tfResourceType = "anthropic_user";
  constructor(scope: Construct, id: string, config: DataAnthropicUserConfig) {
    super(scope, id, DataAnthropicUser.tfResourceType, config, userDataArguments);
  }
  get name(): string {
    return this.getStringAttribute("name");
  }
  get role(): string {
    return this.getStringAttribute("role");
  }
}

export type DataAnthropicWorkspaceConfig = PropsOf<typeof workspaceDataArguments>;

export class DataAnthropicWorkspace extends SpecDataSource<typeof workspaceDataArguments> {
  static readonly tfResourceType = "anthropic_workspace";
  constructor(scope: Construct, id: string, config: DataAnthropicWorkspaceConfig) {
    super(scope, id, DataAnthropicWorkspace.tfResourceType, config, workspaceDataArguments);
  }
  get displayColor(): string {
    return this.getStringAttribute("display_color");
  }
}

export type DataAnthropicApiKeysConfig = PropsOf<typeof apiKeysDataArguments>;

/** The organization's API keys (never their secrets), filtered as the API filters them. */
export class DataAnthropicApiKeys extends SpecDataSource<typeof apiKeysDataArguments> {
  static readonly tfResourceType = "anthropic_api_keys";
  constructor(scope: Construct, id: string, config: DataAnthropicApiKeysConfig = {}) {
    super(scope, id, DataAnthropicApiKeys.tfResourceType, config, apiKeysDataArguments);
  }
  get ids(): string[] {
    return this.getListAttribute("ids");
  }
  /** Objects with id, name, status, workspace_id, created_at, created_by, partial_key_hint, expires_at, last_used_at. */
  get keys(): IResolvable {
    return this.interpolationForAttribute("keys");
  }
}
