/**
 * cdktf constructs for the Projects API. They synthesize to `projects_*` resources and data
 * sources in cdk.tf.json, which orgform (not Terraform) plans and applies. Projects and keys take
 * their type's arguments schema in camelCase as props (providers/spec-construct.ts); members and
 * invitations still spell theirs out, with the seed's role rule checked at synth.
 */
import type { IResolvable, TerraformMetaArguments } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import { OrgformProvider, OrgformResource } from "../construct-base";
import type { RateLimitProps, SecretDeliveryProps, SecretSinkProps } from "../construct-kit";
import { SpecKeyPairResource, SpecResource, type PropsOf } from "../spec-construct";
import { projectIdSchema } from "./data-constructs";
import { ACCESS, apiKeyArguments, email, llmApiKeyArguments, projectArguments, role, roleProblems, type Role } from "./schemas";

/** The seed's role rule, at synth time, when both roles are plain values. */
function withRoleRule<T extends z.ZodType<{ role?: string; organizationRole?: string; projectOnly?: boolean }>>(schema: T) {
  return schema.superRefine((props, ctx) => {
    const problems = roleProblems({ role: props.role ?? "MEMBER", organization_role: props.organizationRole ?? null, project_only: props.projectOnly ?? false });
    for (const problem of problems) ctx.addIssue({ code: "custom", path: ["organizationRole"], message: problem.replace(/^organization_role: /, "") });
  });
}

export interface ProjectsProviderConfig {
  /** Default: env ORGANIZATIONS_API_BASE_URL (or REACT_APP_ORGANIZATIONS_API_BASE_URL). */
  readonly baseUrl?: string;
  /** The Api-Key header. Default: env ORGANIZATIONS_API_KEY. Never write a secret in source code. */
  readonly apiKey?: string;
  /** The bearer token. Default: env ORGANIZATIONS_API_TOKEN. Never write a secret in source code. */
  readonly token?: string;
  /** Default: env ORGANIZATIONS_API_ORGANIZATION_ID. */
  readonly organizationId?: string;
  /** Analytics (Langfuse public API). Default: env LANGFUSE_API_URL (or REACT_APP_LANGFUSE_API_URL). */
  readonly langfuseUrl?: string;
  /** Where every key this provider mints delivers its secret, unless the key says otherwise. */
  readonly secretSink?: SecretSinkProps;
  /** Client-side rate limit for the API and analytics hosts (env ORGFORM_PROJECTS_REQUESTS_PER_MINUTE, _BURST, _CONCURRENCY). */
  readonly rateLimit?: RateLimitProps;
  readonly alias?: string;
}

const providerSettings = z.object({ baseUrl: z.url().optional(), apiKey: z.string().optional(), token: z.string().optional(), organizationId: z.string().optional(), langfuseUrl: z.url().optional() });

export class ProjectsProvider extends OrgformProvider<ProjectsProviderConfig> {
  constructor(scope: Construct, id: string, config: ProjectsProviderConfig = {}) {
    super(scope, id, "projects", config, providerSettings);
  }
  protected override providerArguments(c: ProjectsProviderConfig): Record<string, unknown> {
    return { base_url: c.baseUrl, api_key: c.apiKey, token: c.token, organization_id: c.organizationId, langfuse_url: c.langfuseUrl };
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
export class ProjectApiKey extends SpecKeyPairResource<typeof apiKeyArguments, SecretDeliveryProps> {
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

export interface ProjectMemberConfig extends TerraformMetaArguments {
  readonly projectId: string;
  readonly email: string;
  /** Project role, changed in place. */
  readonly role: Role | Lowercase<Role>;
  /** Required unless projectOnly; must be equal to or higher than `role`. A change replaces. */
  readonly organizationRole?: Role | Lowercase<Role>;
  /** Add to the project without touching organization membership. Default false. */
  readonly projectOnly?: boolean;
  /** "denied" takes access away in place, "active" (default) restores it with `role`. */
  readonly access?: (typeof ACCESS)[number];
}

const memberProps = withRoleRule(
  z.object({ projectId: projectIdSchema, email, role, organizationRole: role.optional(), projectOnly: z.boolean().optional(), access: z.enum(ACCESS).optional() }),
);

/** A project member; its id is the user's id. */
export class ProjectMember extends OrgformResource<ProjectMemberConfig> {
  static readonly tfResourceType = "projects_member";
  constructor(scope: Construct, id: string, config: ProjectMemberConfig) {
    super(scope, id, ProjectMember.tfResourceType, config, memberProps);
  }
  protected override terraformArguments(p: ProjectMemberConfig): Record<string, unknown> {
    return { project_id: p.projectId, email: p.email, role: p.role, organization_role: p.organizationRole, project_only: p.projectOnly, access: p.access };
  }
}

export interface ProjectInvitationConfig extends TerraformMetaArguments {
  readonly projectId: string;
  readonly email: string;
  /** Project role on acceptance. Default MEMBER. */
  readonly role?: Role | Lowercase<Role>;
  /** Organization role on acceptance; required unless projectOnly. */
  readonly organizationRole?: Role | Lowercase<Role>;
  readonly projectOnly?: boolean;
  /** A trigger: change it (a date, a counter) to resend the invitation on the next apply. */
  readonly resendOnApply?: string | number;
}

const invitationProps = withRoleRule(
  z.object({
    projectId: projectIdSchema,
    email,
    role: role.optional(),
    organizationRole: role.optional(),
    projectOnly: z.boolean().optional(),
    resendOnApply: z.union([z.string(), z.number()]).optional(),
  }),
);

/** Any change but resendOnApply replaces the invitation; an accepted one is left alone. */
export class ProjectInvitation extends OrgformResource<ProjectInvitationConfig> {
  static readonly tfResourceType = "projects_invitation";
  constructor(scope: Construct, id: string, config: ProjectInvitationConfig) {
    super(scope, id, ProjectInvitation.tfResourceType, config, invitationProps);
  }
  /** "pending", or "accepted" once the invitee joined. */
  get status(): string {
    return this.getStringAttribute("status");
  }
  get expiresAt(): string {
    return this.getStringAttribute("expires_at");
  }
  protected override terraformArguments(p: ProjectInvitationConfig): Record<string, unknown> {
    return {
      project_id: p.projectId,
      email: p.email,
      role: p.role,
      organization_role: p.organizationRole,
      project_only: p.projectOnly,
      resend_on_apply: p.resendOnApply === undefined ? undefined : String(p.resendOnApply),
    };
  }
}

// ── Data sources ───────────────────────────────────────────────────────────
export { DataProjects, DataProjectDailyMetrics, DataProjectTraces } from "./data-constructs";
export type { DataProjectsConfig, DataProjectDailyMetricsConfig, DataProjectTracesConfig } from "./data-constructs";
