/**
 * cdktf constructs for the Projects API. They synthesize to `projects_*` resources and data
 * sources in cdk.tf.json, which orgform (not Terraform) plans and applies. Props are validated
 * with the same zod pieces the resource types use, when the construct is created.
 */
import type { IResolvable, TerraformMetaArguments } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import { KeyPairResource, OrgformProvider, OrgformResource } from "../construct-base";
import { secretDeliveryAttributes, type RateLimitProps, type SecretDeliveryProps, type SecretSinkProps } from "../construct-kit";
import { projectIdSchema } from "./data-constructs";
import { ACCESS, email, isoInstant, projectName, role, roleProblems, type Role } from "./schemas";

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

export interface ProjectConfig extends TerraformMetaArguments {
  /** 3–60 characters, no HTML; renamed in place. */
  readonly name: string;
}

const projectProps = z.object({ name: projectName });

/** A project, with the key pair the API makes for it. */
export class Project extends KeyPairResource<ProjectConfig> {
  static readonly tfResourceType = "projects_project";
  constructor(scope: Construct, id: string, config: ProjectConfig) {
    super(scope, id, Project.tfResourceType, config, projectProps);
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
  protected override terraformArguments(p: ProjectConfig): Record<string, unknown> {
    return { name: p.name };
  }
}

export interface ProjectApiKeyConfig extends TerraformMetaArguments, SecretDeliveryProps {
  readonly projectId: string;
  /** Updated in place. */
  readonly label: string;
  /** ISO 8601; a change replaces the key. */
  readonly expiresAt?: string;
}

const apiKeyProps = z.object({ projectId: projectIdSchema, label: z.string().min(1), expiresAt: isoInstant.optional() });

export class ProjectApiKey extends KeyPairResource<ProjectApiKeyConfig> {
  static readonly tfResourceType = "projects_api_key";
  constructor(scope: Construct, id: string, config: ProjectApiKeyConfig) {
    super(scope, id, ProjectApiKey.tfResourceType, config, apiKeyProps);
  }
  get createdAt(): string {
    return this.getStringAttribute("created_at");
  }
  protected override terraformArguments(p: ProjectApiKeyConfig): Record<string, unknown> {
    return { project_id: p.projectId, label: p.label, expires_at: p.expiresAt, ...secretDeliveryAttributes(p) };
  }
}

export interface ProjectLlmApiKeyConfig extends TerraformMetaArguments {
  readonly projectId: string;
  /**
   * The LLM provider, e.g. "openai", "anthropic" (the API's `provider`; named llmProvider because
   * `provider` is a Terraform meta-argument on every resource).
   */
  readonly llmProvider: string;
  /** The provider's key: sensitive and write-only (pass a sensitive variable, never a literal). */
  readonly secretKey: string;
  readonly customModels?: string[];
  /** Default true. */
  readonly withDefaultModels?: boolean;
}

const llmApiKeyProps = z.object({ projectId: projectIdSchema, llmProvider: z.string().min(1), secretKey: z.string().min(1), customModels: z.array(z.string()).optional(), withDefaultModels: z.boolean().optional() });

/** Any change replaces the key: the API can only create and delete. */
export class ProjectLlmApiKey extends OrgformResource<ProjectLlmApiKeyConfig> {
  static readonly tfResourceType = "projects_llm_api_key";
  constructor(scope: Construct, id: string, config: ProjectLlmApiKeyConfig) {
    super(scope, id, ProjectLlmApiKey.tfResourceType, config, llmApiKeyProps);
  }
  get displaySecretKey(): string {
    return this.getStringAttribute("display_secret_key");
  }
  protected override terraformArguments(p: ProjectLlmApiKeyConfig): Record<string, unknown> {
    return { project_id: p.projectId, llm_provider: p.llmProvider, secret_key: p.secretKey, custom_models: p.customModels, with_default_models: p.withDefaultModels };
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
