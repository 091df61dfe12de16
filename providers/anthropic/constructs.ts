/**
 * cdktf constructs for the Anthropic Admin API. They synthesize to `anthropic_*` resources and
 * data sources in cdk.tf.json (snake_case attributes), which orgform (not Terraform) plans and
 * applies. Props are validated when the construct is created, with the same field schemas the
 * provider uses at plan time.
 */
import { TerraformDataSource, TerraformProvider, TerraformResource, type TerraformMetaArguments } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import { PROVIDER_VERSION, compact, rateLimitAttribute, rateLimitProps, validateProps, type RateLimitProps } from "../construct-kit";
import {
  SETTABLE_API_KEY_STATUSES,
  allowedInferenceGeos,
  apiKeyName,
  assignableOrganizationRole,
  assignableWorkspaceRole,
  displayColor,
  email,
  geo,
  tags,
  workspaceName,
} from "./schemas";

const GENERATOR = { providerName: "anthropic" };

export interface AnthropicProviderConfig {
  /** Default: env ANTHROPIC_BASE_URL, else https://api.anthropic.com. */
  readonly baseUrl?: string;
  /** Default: env ANTHROPIC_ADMIN_API_KEY. Never write a secret in source code. */
  readonly adminApiKey?: string;
  /** Client-side rate limit for the API host (env ORGFORM_ANTHROPIC_REQUESTS_PER_MINUTE, _BURST, _CONCURRENCY). */
  readonly rateLimit?: RateLimitProps;
  readonly alias?: string;
}

export class AnthropicProvider extends TerraformProvider {
  constructor(scope: Construct, id: string, private readonly config: AnthropicProviderConfig = {}) {
    super(scope, id, { terraformResourceType: "anthropic", terraformGeneratorMetadata: { ...GENERATOR, providerVersion: PROVIDER_VERSION }, terraformProviderSource: "orgform/anthropic" });
    validateProps(
      scope,
      id,
      z.object({ baseUrl: z.string().url().optional(), adminApiKey: z.string().optional(), rateLimit: rateLimitProps.optional(), alias: z.string().optional() }),
      config,
    );
    this.alias = config.alias;
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return compact({ base_url: this.config.baseUrl, admin_api_key: this.config.adminApiKey, alias: this.alias, rate_limit: rateLimitAttribute(this.config.rateLimit) });
  }
}

export interface AnthropicWorkspaceConfig extends TerraformMetaArguments {
  /** 1–40 characters. */
  readonly name: string;
  /** #RRGGBB; absent: the API picks one. */
  readonly displayColor?: string;
  /** Keys may not begin with "anthropic". */
  readonly tags?: Record<string, string>;
  /** Where data is stored; fixed at creation, so a change replaces the workspace. Default "us". */
  readonly workspaceGeo?: string;
  /** "unrestricted" (default) or a list of geos such as ["us"]. */
  readonly allowedInferenceGeos?: "unrestricted" | string[];
  /** Default "global"; must be one of allowedInferenceGeos unless those are unrestricted. */
  readonly defaultInferenceGeo?: string;
}

const workspaceProps = z
  .object({
    name: workspaceName,
    displayColor: displayColor.optional(),
    tags: tags.optional(),
    workspaceGeo: geo.optional(),
    allowedInferenceGeos: allowedInferenceGeos.optional(),
    defaultInferenceGeo: geo.optional(),
  })
  .superRefine((props, ctx) => {
    const allowed = props.allowedInferenceGeos;
    if (Array.isArray(allowed) && !allowed.includes(props.defaultInferenceGeo ?? "global")) {
      ctx.addIssue({ code: "custom", path: ["defaultInferenceGeo"], message: "must be one of allowedInferenceGeos" });
    }
  });

/** A workspace. Destroy archives it: the Admin API cannot delete workspaces. */
export class AnthropicWorkspace extends TerraformResource {
  static readonly tfResourceType = "anthropic_workspace";
  private readonly props: AnthropicWorkspaceConfig;

  constructor(scope: Construct, id: string, config: AnthropicWorkspaceConfig) {
    super(scope, id, { ...config, terraformResourceType: AnthropicWorkspace.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    validateProps(scope, id, workspaceProps, pick(config, ["name", "displayColor", "tags", "workspaceGeo", "allowedInferenceGeos", "defaultInferenceGeo"]));
    this.props = config;
  }
  get id(): string {
    return this.getStringAttribute("id");
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
  protected override synthesizeAttributes(): Record<string, unknown> {
    const p = this.props;
    return compact({
      name: p.name,
      display_color: p.displayColor,
      tags: p.tags,
      workspace_geo: p.workspaceGeo,
      allowed_inference_geos: p.allowedInferenceGeos,
      default_inference_geo: p.defaultInferenceGeo,
    });
  }
}

export interface AnthropicWorkspaceMemberConfig extends TerraformMetaArguments {
  readonly workspaceId: string;
  readonly userId: string;
  /** workspace_user, workspace_developer, workspace_restricted_developer or workspace_admin. */
  readonly workspaceRole: string;
}

export class AnthropicWorkspaceMember extends TerraformResource {
  static readonly tfResourceType = "anthropic_workspace_member";
  private readonly props: AnthropicWorkspaceMemberConfig;

  constructor(scope: Construct, id: string, config: AnthropicWorkspaceMemberConfig) {
    super(scope, id, { ...config, terraformResourceType: AnthropicWorkspaceMember.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    const schema = z.object({ workspaceId: z.string().min(1), userId: z.string().min(1), workspaceRole: assignableWorkspaceRole });
    validateProps(scope, id, schema, pick(config, ["workspaceId", "userId", "workspaceRole"]));
    this.props = config;
  }
  /** "<workspace id>/<user id>". */
  get id(): string {
    return this.getStringAttribute("id");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return { workspace_id: this.props.workspaceId, user_id: this.props.userId, workspace_role: this.props.workspaceRole };
  }
}

export interface AnthropicOrganizationMemberConfig extends TerraformMetaArguments {
  /** Exactly one of userId or email names the (existing) member to adopt. */
  readonly userId?: string;
  readonly email?: string;
  /** user, developer, billing or claude_code_user ("admin" cannot be assigned through the API). */
  readonly role: string;
}

/** Adopts an existing member (users join only by invite); destroy removes them from the organization. */
export class AnthropicOrganizationMember extends TerraformResource {
  static readonly tfResourceType = "anthropic_organization_member";
  private readonly props: AnthropicOrganizationMemberConfig;

  constructor(scope: Construct, id: string, config: AnthropicOrganizationMemberConfig) {
    super(scope, id, { ...config, terraformResourceType: AnthropicOrganizationMember.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    const schema = z
      .object({ userId: z.string().min(1).optional(), email: email.optional(), role: assignableOrganizationRole })
      .refine((p) => (p.userId === undefined) !== (p.email === undefined), { message: "set exactly one of userId or email", path: ["userId"] });
    validateProps(scope, id, schema, pick(config, ["userId", "email", "role"]));
    this.props = config;
  }
  /** The user id. */
  get id(): string {
    return this.getStringAttribute("id");
  }
  get userEmail(): string {
    return this.getStringAttribute("user_email");
  }
  get userName(): string {
    return this.getStringAttribute("user_name");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return compact({ user_id: this.props.userId, email: this.props.email, role: this.props.role });
  }
}

export interface AnthropicInviteConfig extends TerraformMetaArguments {
  readonly email: string;
  /** user, developer, billing or claude_code_user. A changed email or role replaces the invite. */
  readonly role: string;
}

export class AnthropicInvite extends TerraformResource {
  static readonly tfResourceType = "anthropic_invite";
  private readonly props: AnthropicInviteConfig;

  constructor(scope: Construct, id: string, config: AnthropicInviteConfig) {
    super(scope, id, { ...config, terraformResourceType: AnthropicInvite.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    validateProps(scope, id, z.object({ email, role: assignableOrganizationRole }), pick(config, ["email", "role"]));
    this.props = config;
  }
  get id(): string {
    return this.getStringAttribute("id");
  }
  /** pending, accepted (the job is done) or expired. */
  get status(): string {
    return this.getStringAttribute("status");
  }
  get expiresAt(): string {
    return this.getStringAttribute("expires_at");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return { email: this.props.email, role: this.props.role };
  }
}

export interface AnthropicApiKeyConfig extends TerraformMetaArguments {
  /** The existing key to adopt (apikey_…): the Admin API cannot create keys. */
  readonly apiKeyId: string;
  /** 1–500 characters; absent: the name is left as it is. */
  readonly name?: string;
  /** active (default), inactive or archived (terminal). */
  readonly status?: (typeof SETTABLE_API_KEY_STATUSES)[number];
  /** Destroy archives the key instead of deactivating it. */
  readonly archiveOnDestroy?: boolean;
}

export class AnthropicApiKey extends TerraformResource {
  static readonly tfResourceType = "anthropic_api_key";
  private readonly props: AnthropicApiKeyConfig;

  constructor(scope: Construct, id: string, config: AnthropicApiKeyConfig) {
    super(scope, id, { ...config, terraformResourceType: AnthropicApiKey.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    const schema = z.object({
      apiKeyId: z.string().min(1),
      name: apiKeyName.optional(),
      status: z.enum(SETTABLE_API_KEY_STATUSES).optional(),
      archiveOnDestroy: z.boolean().optional(),
    });
    validateProps(scope, id, schema, pick(config, ["apiKeyId", "name", "status", "archiveOnDestroy"]));
    this.props = config;
  }
  get id(): string {
    return this.getStringAttribute("id");
  }
  get workspaceId(): string {
    return this.getStringAttribute("workspace_id");
  }
  /** The key's redacted hint; the secret itself is never returned by the API. */
  get partialKeyHint(): string {
    return this.getStringAttribute("partial_key_hint");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    const p = this.props;
    return compact({ api_key_id: p.apiKeyId, name: p.name, status: p.status, archive_on_destroy: p.archiveOnDestroy });
  }
}

/** The organization the admin key belongs to. */
export class DataAnthropicOrganization extends TerraformDataSource {
  static readonly tfResourceType = "anthropic_organization";
  constructor(scope: Construct, id: string, config: TerraformMetaArguments = {}) {
    super(scope, id, { ...config, terraformResourceType: DataAnthropicOrganization.tfResourceType, terraformGeneratorMetadata: GENERATOR });
  }
  get id(): string {
    return this.getStringAttribute("id");
  }
  get name(): string {
    return this.getStringAttribute("name");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return {};
  }
}

export interface DataAnthropicUserConfig extends TerraformMetaArguments {
  readonly email: string;
}

/** An organization member found by email, so stacks need not hold opaque user ids. */
export class DataAnthropicUser extends TerraformDataSource {
  static readonly tfResourceType = "anthropic_user";
  private readonly props: DataAnthropicUserConfig;
  constructor(scope: Construct, id: string, config: DataAnthropicUserConfig) {
    super(scope, id, { ...config, terraformResourceType: DataAnthropicUser.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    validateProps(scope, id, z.object({ email }), { email: config.email });
    this.props = config;
  }
  get id(): string {
    return this.getStringAttribute("id");
  }
  get name(): string {
    return this.getStringAttribute("name");
  }
  get role(): string {
    return this.getStringAttribute("role");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return { email: this.props.email };
  }
}

export interface DataAnthropicWorkspaceConfig extends TerraformMetaArguments {
  /** The exact name of an active workspace. */
  readonly name: string;
}

export class DataAnthropicWorkspace extends TerraformDataSource {
  static readonly tfResourceType = "anthropic_workspace";
  private readonly props: DataAnthropicWorkspaceConfig;
  constructor(scope: Construct, id: string, config: DataAnthropicWorkspaceConfig) {
    super(scope, id, { ...config, terraformResourceType: DataAnthropicWorkspace.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    validateProps(scope, id, z.object({ name: workspaceName }), { name: config.name });
    this.props = config;
  }
  get id(): string {
    return this.getStringAttribute("id");
  }
  get displayColor(): string {
    return this.getStringAttribute("display_color");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return { name: this.props.name };
  }
}

/** Only the props a schema checks (meta-arguments such as dependsOn are cdktf's business). */
function pick<T extends object, K extends keyof T>(config: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, config[key]])) as Pick<T, K>;
}
