/**
 * cdktf constructs for what the Langfuse public API manages with an organization- or
 * project-scoped key pair: projects, project API keys, organization and project memberships, LLM
 * connections, and the data sources. Credentials travel as references to key resources (so the
 * engine orders creates and deletes by them: a project is deleted before the organization key it
 * uses, and that key before its organization) or come from the provider; never from ids.
 */
import type { TerraformMetaArguments } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import { KeyPairResource, OrgformDataSource, OrgformResource } from "../construct-base";
import { secretDeliveryAttributes, type SecretDeliveryProps } from "../construct-kit";
import type { LangfuseOrganizationApiKey } from "./constructs";
import { metadata } from "./schemas";
import { email, llmAdapter, llmConfigProblem, projectName, retentionDays, role, type ROLES } from "./schemas-public";

type Role = (typeof ROLES)[number];

/** Where a resource gets its organization key: a LangfuseOrganizationApiKey, else the provider's. */
export interface OrgKeyProps {
  readonly orgApiKey?: LangfuseOrganizationApiKey;
}

/** A project to attach things to: a managed LangfuseProject or a DataLangfuseProject. */
export interface LangfuseProjectRef {
  readonly id: string;
  readonly orgApiKey?: LangfuseOrganizationApiKey;
}

function orgKeyAttributes(key: LangfuseOrganizationApiKey | undefined): Record<string, unknown> {
  return key ? { org_public_key: key.publicKey, org_secret_key: key.secretKey } : {};
}

export interface LangfuseProjectConfig extends TerraformMetaArguments, OrgKeyProps {
  /** 3–60 characters, unique in the organization. Renamed in place. */
  readonly name: string;
  /** Days to keep data: 0 (default) keeps forever, else at least 3. */
  readonly retentionDays?: number;
  readonly metadata?: Record<string, unknown>;
}

// Construct references (orgApiKey, project, projectApiKey) are listed unchecked: known props, not API values.
const projectProps = z.object({ name: projectName, retentionDays: retentionDays.optional(), metadata: metadata.optional(), orgApiKey: z.unknown().optional() });

export class LangfuseProject extends OrgformResource<LangfuseProjectConfig> implements LangfuseProjectRef {
  static readonly tfResourceType = "langfuse_project";
  readonly orgApiKey?: LangfuseOrganizationApiKey;
  constructor(scope: Construct, id: string, config: LangfuseProjectConfig) {
    super(scope, id, LangfuseProject.tfResourceType, config, projectProps);
    this.orgApiKey = config.orgApiKey;
  }
  get name(): string {
    return this.getStringAttribute("name");
  }
  protected override terraformArguments(p: LangfuseProjectConfig): Record<string, unknown> {
    return { ...orgKeyAttributes(p.orgApiKey), name: p.name, retention_days: p.retentionDays, metadata: p.metadata };
  }
}

export interface LangfuseProjectApiKeyConfig extends TerraformMetaArguments, SecretDeliveryProps {
  readonly project: LangfuseProjectRef;
  /** A note change replaces the key (the API cannot update keys). */
  readonly note?: string;
}

const projectApiKeyProps = z.object({ note: z.string().optional(), project: z.unknown().optional() });

export class LangfuseProjectApiKey extends KeyPairResource<LangfuseProjectApiKeyConfig> {
  static readonly tfResourceType = "langfuse_project_api_key";
  constructor(scope: Construct, id: string, config: LangfuseProjectApiKeyConfig) {
    super(scope, id, LangfuseProjectApiKey.tfResourceType, config, projectApiKeyProps);
  }
  get projectId(): string {
    return this.getStringAttribute("project_id");
  }
  protected override terraformArguments(p: LangfuseProjectApiKeyConfig): Record<string, unknown> {
    return { ...orgKeyAttributes(p.project.orgApiKey), project_id: p.project.id, note: p.note, ...secretDeliveryAttributes(p) };
  }
}

export interface LangfuseOrganizationMembershipConfig extends TerraformMetaArguments, OrgKeyProps {
  /** The Langfuse user to adopt; a new email replaces the membership. */
  readonly email: string;
  readonly role: Role;
}

/** Both membership kinds check the same two fields. */
const membershipProps = z.object({ email, role, orgApiKey: z.unknown().optional(), project: z.unknown().optional() });

export class LangfuseOrganizationMembership extends OrgformResource<LangfuseOrganizationMembershipConfig> {
  static readonly tfResourceType = "langfuse_organization_membership";
  constructor(scope: Construct, id: string, config: LangfuseOrganizationMembershipConfig) {
    super(scope, id, LangfuseOrganizationMembership.tfResourceType, config, membershipProps);
  }
  get userId(): string {
    return this.getStringAttribute("user_id");
  }
  /** Reference this from a LangfuseProjectMembership so the organization membership comes first. */
  get email(): string {
    return this.getStringAttribute("email");
  }
  protected override terraformArguments(p: LangfuseOrganizationMembershipConfig): Record<string, unknown> {
    return { ...orgKeyAttributes(p.orgApiKey), email: p.email, role: p.role };
  }
}

export interface LangfuseProjectMembershipConfig extends TerraformMetaArguments {
  readonly project: LangfuseProjectRef;
  /** An organization member: pass a LangfuseOrganizationMembership's `email`. */
  readonly email: string;
  readonly role: Role;
}

export class LangfuseProjectMembership extends OrgformResource<LangfuseProjectMembershipConfig> {
  static readonly tfResourceType = "langfuse_project_membership";
  constructor(scope: Construct, id: string, config: LangfuseProjectMembershipConfig) {
    super(scope, id, LangfuseProjectMembership.tfResourceType, config, membershipProps);
  }
  get userId(): string {
    return this.getStringAttribute("user_id");
  }
  protected override terraformArguments(p: LangfuseProjectMembershipConfig): Record<string, unknown> {
    return { ...orgKeyAttributes(p.project.orgApiKey), project_id: p.project.id, email: p.email, role: p.role };
  }
}

export interface LangfuseLlmConnectionConfig extends TerraformMetaArguments {
  /** The project key the connection's routes authenticate with; its project owns the connection. */
  readonly projectApiKey: LangfuseProjectApiKey;
  /** The connection's name, unique in the project (e.g. "openai"); a new name replaces it. */
  readonly providerName: string;
  readonly adapter: z.infer<typeof llmAdapter>;
  /** The LLM provider's API key: write-only, pass a sensitive variable, never a literal. */
  readonly secretKey: string;
  readonly baseUrl?: string;
  readonly customModels?: string[];
  /** Default true. */
  readonly withDefaultModels?: boolean;
  /** Adapter settings: required by "bedrock" ({ region: "us-east-1" }); "google-vertex-ai" may set { location }; others take none. */
  readonly config?: Record<string, string>;
  /** Headers sent with every call to the LLM provider: sensitive and write-only, pass a sensitive variable. */
  readonly extraHeaders?: Record<string, string>;
}

const llmConnectionProps = z
  .object({ providerName: z.string().min(1), adapter: llmAdapter, baseUrl: z.string().url().optional(), customModels: z.array(z.string().min(1)).optional(), projectApiKey: z.unknown().optional(), secretKey: z.unknown().optional(), withDefaultModels: z.boolean().optional(), config: z.record(z.string(), z.string()).optional(), extraHeaders: z.unknown().optional() })
  .superRefine((props, ctx) => {
    const problem = llmConfigProblem(props.adapter, props.config);
    if (problem) ctx.addIssue({ code: "custom", path: ["config"], message: problem });
  });

export class LangfuseLlmConnection extends OrgformResource<LangfuseLlmConnectionConfig> {
  static readonly tfResourceType = "langfuse_llm_connection";
  constructor(scope: Construct, id: string, config: LangfuseLlmConnectionConfig) {
    super(scope, id, LangfuseLlmConnection.tfResourceType, config, llmConnectionProps);
  }
  protected override terraformArguments(p: LangfuseLlmConnectionConfig): Record<string, unknown> {
    const key = p.projectApiKey;
    return {
      project_id: key.projectId,
      project_public_key: key.publicKey,
      project_secret_key: key.secretKey,
      provider_name: p.providerName,
      adapter: p.adapter,
      secret_key: p.secretKey,
      base_url: p.baseUrl,
      custom_models: p.customModels,
      with_default_models: p.withDefaultModels,
      config: p.config,
      extra_headers: p.extraHeaders,
    };
  }
}

// ── data sources ───────────────────────────────────────────────────────────
type DataLangfuseOrganizationConfig = TerraformMetaArguments & { readonly name: string };
// Data sources check their props too, so a misspelled one is named instead of dropped.
const dataOrganizationProps = z.object({ name: z.string().min(1) });
const dataProjectProps = z.object({ name: z.string().min(1), orgApiKey: z.unknown().optional() });
const dataMembershipsProps = z.object({ projectId: z.string().optional(), orgApiKey: z.unknown().optional() });

export class DataLangfuseOrganization extends OrgformDataSource<DataLangfuseOrganizationConfig> {
  static readonly tfResourceType = "langfuse_organization";
  constructor(scope: Construct, id: string, config: DataLangfuseOrganizationConfig) {
    super(scope, id, DataLangfuseOrganization.tfResourceType, config, dataOrganizationProps);
  }
  protected override terraformArguments(p: DataLangfuseOrganizationConfig): Record<string, unknown> {
    return { name: p.name };
  }
}

export interface DataLangfuseProjectConfig extends TerraformMetaArguments, OrgKeyProps {
  readonly name: string;
}

/** A project found by name (e.g. made in the UI), usable wherever a LangfuseProject is. */
export class DataLangfuseProject extends OrgformDataSource<DataLangfuseProjectConfig> implements LangfuseProjectRef {
  static readonly tfResourceType = "langfuse_project";
  readonly orgApiKey?: LangfuseOrganizationApiKey;
  constructor(scope: Construct, id: string, config: DataLangfuseProjectConfig) {
    super(scope, id, DataLangfuseProject.tfResourceType, config, dataProjectProps);
    this.orgApiKey = config.orgApiKey;
  }
  protected override terraformArguments(p: DataLangfuseProjectConfig): Record<string, unknown> {
    return { ...orgKeyAttributes(p.orgApiKey), name: p.name };
  }
}

export interface DataLangfuseMembershipsConfig extends TerraformMetaArguments, OrgKeyProps {
  /** Members of this project; absent: members of the organization. */
  readonly projectId?: string;
}

export class DataLangfuseMemberships extends OrgformDataSource<DataLangfuseMembershipsConfig> {
  static readonly tfResourceType = "langfuse_memberships";
  constructor(scope: Construct, id: string, config: DataLangfuseMembershipsConfig = {}) {
    super(scope, id, DataLangfuseMemberships.tfResourceType, config, dataMembershipsProps);
  }
  get emails(): string[] {
    return this.getListAttribute("emails");
  }
  protected override terraformArguments(p: DataLangfuseMembershipsConfig): Record<string, unknown> {
    return { ...orgKeyAttributes(p.orgApiKey), project_id: p.projectId };
  }
}
