/**
 * cdktf constructs for the Projects API. They synthesize to `projects_*` resources and data
 * sources in cdk.tf.json, which orgform (not Terraform) plans and applies. Each construct takes
 * its type's arguments schema in camelCase as props (providers/spec-construct.ts), the seed's role
 * rule included.
 */
import type { IResolvable } from "cdktf";
import type { Construct } from "constructs";
import type { SecretDeliveryProps } from "../construct-kit";
import { SpecKeyPairResource, SpecProvider, SpecResource, type PropsOf, type ProviderPropsOf } from "../spec-construct";
import { apiKeyArguments, invitationArguments, llmApiKeyArguments, memberArguments, projectArguments, providerConfig } from "./schemas";

export type ProjectsProviderConfig = ProviderPropsOf<typeof providerConfig>;

export class ProjectsProvider extends SpecProvider<typeof providerConfig> {
  constructor(scope: Construct, id: string, config: ProjectsProviderConfig = {}) {
    super(scope, id, "projects", config, providerConfig);
  }
}

export type ProjectConfig = PropsOf<typeof projectArguments>;

/** A project, with the key pair the API makes for it. Renamed in place. */
export class Project extends SpecKeyPairResource<typeof projectArguments> {
  static readonly tfResourceType = "projects_project";
  constructor(scope: Construct, id: string, config: ProjectConfig) {
    super(scope, id, Project.tfResourceType, config, projectArguments);
  }
  get name(): string {
    return this.getStringAttribute("name");
  }
  get organizationId(): string {
    return this.getStringAttribute("organization_id");
  }
  get isDefault(): IResolvable {
    return this.getBooleanAttribute("is_default");
  }
  get createdAt(): string {
    return this.getStringAttribute("created_at");
  }
}

export type ProjectApiKeyConfig = PropsOf<typeof apiKeyArguments> & SecretDeliveryProps;

/** A project key: its label is updated in place, a new expiry replaces it. */
export class ProjectApiKey extends SpecKeyPairResource<typeof apiKeyArguments> {
  static readonly tfResourceType = "projects_api_key";
  constructor(scope: Construct, id: string, config: ProjectApiKeyConfig) {
    super(scope, id, ProjectApiKey.tfResourceType, config, apiKeyArguments);
  }
  get createdAt(): string {
    return this.getStringAttribute("created_at");
  }
}

/**
 * An LLM provider's key in a project. `llmProvider` is the API's `provider` (a Terraform
 * meta-argument on every resource); `secretKey` is sensitive and write-only (pass a sensitive
 * variable, never a literal). Any change replaces the key: the API can only create and delete.
 */
export type ProjectLlmApiKeyConfig = PropsOf<typeof llmApiKeyArguments>;

export class ProjectLlmApiKey extends SpecResource<typeof llmApiKeyArguments> {
  static readonly tfResourceType = "projects_llm_api_key";
  constructor(scope: Construct, id: string, config: ProjectLlmApiKeyConfig) {
    super(scope, id, ProjectLlmApiKey.tfResourceType, config, llmApiKeyArguments);
  }
  get displaySecretKey(): string {
    return this.getStringAttribute("display_secret_key");
  }
}

export type ProjectMemberConfig = PropsOf<typeof memberArguments>;

/**
 * A project member; its id is the user's id. The role changes in place, a new organization role
 * replaces it; `access: "denied"` takes access away in place and "active" restores it.
 */
export class ProjectMember extends SpecResource<typeof memberArguments> {
  static readonly tfResourceType = "projects_member";
  constructor(scope: Construct, id: string, config: ProjectMemberConfig) {
    super(scope, id, ProjectMember.tfResourceType, config, memberArguments);
  }
}

export type ProjectInvitationConfig = PropsOf<typeof invitationArguments>;

/** Any change but resendOnApply replaces the invitation; an accepted one is left alone. */
export class ProjectInvitation extends SpecResource<typeof invitationArguments> {
  static readonly tfResourceType = "projects_invitation";
  constructor(scope: Construct, id: string, config: ProjectInvitationConfig) {
    super(scope, id, ProjectInvitation.tfResourceType, config, invitationArguments);
  }
  /** "pending", or "accepted" once the invitee joined. */
  get status(): string {
    return this.getStringAttribute("status");
  }
  get expiresAt(): string {
    return this.getStringAttribute("expires_at");
  }
}

// ── Data sources ───────────────────────────────────────────────────────────
export { DataProjects, DataProjectDailyMetrics, DataProjectTraces } from "./data-constructs";
export type { DataProjectsConfig, DataProjectDailyMetricsConfig, DataProjectTracesConfig } from "./data-constructs";
