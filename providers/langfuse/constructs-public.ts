/**
 * cdktf constructs for what the Langfuse public API manages with an organization- or
 * project-scoped key pair: projects, project API keys, organization and project memberships, LLM
 * connections, and the data sources. Credentials travel as references to key resources (so the
 * engine orders creates and deletes by them: a project is deleted before the organization key it
 * uses, and that key before its organization) or come from the provider; never from ids.
 */
import { TerraformDataSource, TerraformResource, type TerraformMetaArguments } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import { compact, validateProps, secretDeliveryAttributes, type SecretDeliveryProps } from "../construct-kit";
import type { LangfuseOrganizationApiKey } from "./constructs";
import { metadata } from "./schemas";
import { email, llmAdapter, projectName, retentionDays, role, type ROLES } from "./schemas-public";

const GENERATOR = { providerName: "langfuse" };
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

export class LangfuseProject extends TerraformResource implements LangfuseProjectRef {
  static readonly tfResourceType = "langfuse_project";
  readonly orgApiKey?: LangfuseOrganizationApiKey;
  private readonly props: LangfuseProjectConfig;

  constructor(scope: Construct, id: string, config: LangfuseProjectConfig) {
    super(scope, id, { ...config, terraformResourceType: LangfuseProject.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    validateProps(scope, id, z.object({ name: projectName, retentionDays: retentionDays.optional(), metadata: metadata.optional() }), {
      name: config.name,
      retentionDays: config.retentionDays,
      metadata: config.metadata,
    });
    this.props = config;
    this.orgApiKey = config.orgApiKey;
  }
  get id(): string {
    return this.getStringAttribute("id");
  }
  get name(): string {
    return this.getStringAttribute("name");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return compact({ ...orgKeyAttributes(this.orgApiKey), name: this.props.name, retention_days: this.props.retentionDays, metadata: this.props.metadata });
  }
}

export interface LangfuseProjectApiKeyConfig extends TerraformMetaArguments, SecretDeliveryProps {
  readonly project: LangfuseProjectRef;
  /** A note change replaces the key (the API cannot update keys). */
  readonly note?: string;
}

export class LangfuseProjectApiKey extends TerraformResource {
  static readonly tfResourceType = "langfuse_project_api_key";
  private readonly props: LangfuseProjectApiKeyConfig;

  constructor(scope: Construct, id: string, config: LangfuseProjectApiKeyConfig) {
    super(scope, id, { ...config, terraformResourceType: LangfuseProjectApiKey.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    validateProps(scope, id, z.object({ note: z.string().optional() }), { note: config.note });
    this.props = config;
  }
  get id(): string {
    return this.getStringAttribute("id");
  }
  get projectId(): string {
    return this.getStringAttribute("project_id");
  }
  get publicKey(): string {
    return this.getStringAttribute("public_key");
  }
  /** Sensitive: only returned when the key is created; reference it from sensitive outputs. */
  get secretKey(): string {
    return this.getStringAttribute("secret_key");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return compact({ ...orgKeyAttributes(this.props.project.orgApiKey), project_id: this.props.project.id, note: this.props.note, ...secretDeliveryAttributes(this.props) });
  }
}

export interface LangfuseOrganizationMembershipConfig extends TerraformMetaArguments, OrgKeyProps {
  /** The Langfuse user to adopt; a new email replaces the membership. */
  readonly email: string;
  readonly role: Role;
}

export class LangfuseOrganizationMembership extends TerraformResource {
  static readonly tfResourceType = "langfuse_organization_membership";
  private readonly props: LangfuseOrganizationMembershipConfig;

  constructor(scope: Construct, id: string, config: LangfuseOrganizationMembershipConfig) {
    super(scope, id, { ...config, terraformResourceType: LangfuseOrganizationMembership.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    validateProps(scope, id, z.object({ email, role }), { email: config.email, role: config.role });
    this.props = config;
  }
  get userId(): string {
    return this.getStringAttribute("user_id");
  }
  /** Reference this from a LangfuseProjectMembership so the organization membership comes first. */
  get email(): string {
    return this.getStringAttribute("email");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return compact({ ...orgKeyAttributes(this.props.orgApiKey), email: this.props.email, role: this.props.role });
  }
}

export interface LangfuseProjectMembershipConfig extends TerraformMetaArguments {
  readonly project: LangfuseProjectRef;
  /** An organization member: pass a LangfuseOrganizationMembership's `email`. */
  readonly email: string;
  readonly role: Role;
}

export class LangfuseProjectMembership extends TerraformResource {
  static readonly tfResourceType = "langfuse_project_membership";
  private readonly props: LangfuseProjectMembershipConfig;

  constructor(scope: Construct, id: string, config: LangfuseProjectMembershipConfig) {
    super(scope, id, { ...config, terraformResourceType: LangfuseProjectMembership.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    validateProps(scope, id, z.object({ email, role }), { email: config.email, role: config.role });
    this.props = config;
  }
  get userId(): string {
    return this.getStringAttribute("user_id");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return compact({ ...orgKeyAttributes(this.props.project.orgApiKey), project_id: this.props.project.id, email: this.props.email, role: this.props.role });
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
}

export class LangfuseLlmConnection extends TerraformResource {
  static readonly tfResourceType = "langfuse_llm_connection";
  private readonly props: LangfuseLlmConnectionConfig;

  constructor(scope: Construct, id: string, config: LangfuseLlmConnectionConfig) {
    super(scope, id, { ...config, terraformResourceType: LangfuseLlmConnection.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    validateProps(
      scope,
      id,
      z.object({ providerName: z.string().min(1), adapter: llmAdapter, baseUrl: z.string().url().optional(), customModels: z.array(z.string().min(1)).optional() }),
      { providerName: config.providerName, adapter: config.adapter, baseUrl: config.baseUrl, customModels: config.customModels },
    );
    this.props = config;
  }
  get id(): string {
    return this.getStringAttribute("id");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    const key = this.props.projectApiKey;
    return compact({
      project_id: key.projectId,
      project_public_key: key.publicKey,
      project_secret_key: key.secretKey,
      provider_name: this.props.providerName,
      adapter: this.props.adapter,
      secret_key: this.props.secretKey,
      base_url: this.props.baseUrl,
      custom_models: this.props.customModels,
      with_default_models: this.props.withDefaultModels,
    });
  }
}

// ── data sources ───────────────────────────────────────────────────────────
export class DataLangfuseOrganization extends TerraformDataSource {
  static readonly tfResourceType = "langfuse_organization";
  constructor(scope: Construct, id: string, private readonly config: TerraformMetaArguments & { readonly name: string }) {
    super(scope, id, { ...config, terraformResourceType: DataLangfuseOrganization.tfResourceType, terraformGeneratorMetadata: GENERATOR });
  }
  get id(): string {
    return this.getStringAttribute("id");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return { name: this.config.name };
  }
}

export interface DataLangfuseProjectConfig extends TerraformMetaArguments, OrgKeyProps {
  readonly name: string;
}

/** A project found by name (e.g. made in the UI), usable wherever a LangfuseProject is. */
export class DataLangfuseProject extends TerraformDataSource implements LangfuseProjectRef {
  static readonly tfResourceType = "langfuse_project";
  readonly orgApiKey?: LangfuseOrganizationApiKey;
  constructor(scope: Construct, id: string, private readonly config: DataLangfuseProjectConfig) {
    super(scope, id, { ...config, terraformResourceType: DataLangfuseProject.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    this.orgApiKey = config.orgApiKey;
  }
  get id(): string {
    return this.getStringAttribute("id");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return compact({ ...orgKeyAttributes(this.orgApiKey), name: this.config.name });
  }
}

export interface DataLangfuseMembershipsConfig extends TerraformMetaArguments, OrgKeyProps {
  /** Members of this project; absent: members of the organization. */
  readonly projectId?: string;
}

export class DataLangfuseMemberships extends TerraformDataSource {
  static readonly tfResourceType = "langfuse_memberships";
  constructor(scope: Construct, id: string, private readonly config: DataLangfuseMembershipsConfig = {}) {
    super(scope, id, { ...config, terraformResourceType: DataLangfuseMemberships.tfResourceType, terraformGeneratorMetadata: GENERATOR });
  }
  get emails(): string[] {
    return this.getListAttribute("emails");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return compact({ ...orgKeyAttributes(this.config.orgApiKey), project_id: this.config.projectId });
  }
}
