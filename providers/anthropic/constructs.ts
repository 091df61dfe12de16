/**
 * cdktf constructs for the Anthropic Admin API. They synthesize to `anthropic_*` resources and
 * data sources in cdk.tf.json (snake_case attributes), which orgform (not Terraform) plans and
 * applies. Props are validated when the construct is created, with the same field schemas the
 * provider uses at plan time.
 */
import type { IResolvable, TerraformMetaArguments } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import { OrgformDataSource, OrgformProvider, OrgformResource } from "../construct-base";
import type { RateLimitProps } from "../construct-kit";
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

export interface AnthropicProviderConfig {
  /** Default: env ANTHROPIC_BASE_URL, else https://api.anthropic.com. */
  readonly baseUrl?: string;
  /** Default: env ANTHROPIC_ADMIN_API_KEY. Never write a secret in source code. */
  readonly adminApiKey?: string;
  /** Client-side rate limit for the API host (env ORGFORM_ANTHROPIC_REQUESTS_PER_MINUTE, _BURST, _CONCURRENCY). */
  readonly rateLimit?: RateLimitProps;
  readonly alias?: string;
}

const providerSettings = z.object({ baseUrl: z.string().url().optional(), adminApiKey: z.string().optional() });

export class AnthropicProvider extends OrgformProvider<AnthropicProviderConfig> {
  constructor(scope: Construct, id: string, config: AnthropicProviderConfig = {}) {
    super(scope, id, "anthropic", config, providerSettings);
  }
  protected override providerArguments(c: AnthropicProviderConfig): Record<string, unknown> {
    return { base_url: c.baseUrl, admin_api_key: c.adminApiKey };
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
export class AnthropicWorkspace extends OrgformResource<AnthropicWorkspaceConfig> {
  static readonly tfResourceType = "anthropic_workspace";
  constructor(scope: Construct, id: string, config: AnthropicWorkspaceConfig) {
    super(scope, id, AnthropicWorkspace.tfResourceType, config, workspaceProps);
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
  protected override terraformArguments(p: AnthropicWorkspaceConfig): Record<string, unknown> {
    return {
      name: p.name,
      display_color: p.displayColor,
      tags: p.tags,
      workspace_geo: p.workspaceGeo,
      allowed_inference_geos: p.allowedInferenceGeos,
      default_inference_geo: p.defaultInferenceGeo,
    };
  }
}

export interface AnthropicWorkspaceMemberConfig extends TerraformMetaArguments {
  readonly workspaceId: string;
  readonly userId: string;
  /** workspace_user, workspace_developer, workspace_restricted_developer or workspace_admin. */
  readonly workspaceRole: string;
}

const workspaceMemberProps = z.object({ workspaceId: z.string().min(1), userId: z.string().min(1), workspaceRole: assignableWorkspaceRole });

/** A user's role in a workspace; its id is "<workspace id>/<user id>". */
export class AnthropicWorkspaceMember extends OrgformResource<AnthropicWorkspaceMemberConfig> {
  static readonly tfResourceType = "anthropic_workspace_member";
  constructor(scope: Construct, id: string, config: AnthropicWorkspaceMemberConfig) {
    super(scope, id, AnthropicWorkspaceMember.tfResourceType, config, workspaceMemberProps);
  }
  protected override terraformArguments(p: AnthropicWorkspaceMemberConfig): Record<string, unknown> {
    return { workspace_id: p.workspaceId, user_id: p.userId, workspace_role: p.workspaceRole };
  }
}

export interface AnthropicOrganizationMemberConfig extends TerraformMetaArguments {
  /** Exactly one of userId or email names the (existing) member to adopt. */
  readonly userId?: string;
  readonly email?: string;
  /** user, developer, billing or claude_code_user ("admin" cannot be assigned through the API). */
  readonly role: string;
}

const organizationMemberProps = z
  .object({ userId: z.string().min(1).optional(), email: email.optional(), role: assignableOrganizationRole })
  .refine((p) => (p.userId === undefined) !== (p.email === undefined), { message: "set exactly one of userId or email", path: ["userId"] });

/**
 * Adopts an existing member (users join only by invite); destroy removes them from the
 * organization. Its id is the user id.
 */
export class AnthropicOrganizationMember extends OrgformResource<AnthropicOrganizationMemberConfig> {
  static readonly tfResourceType = "anthropic_organization_member";
  constructor(scope: Construct, id: string, config: AnthropicOrganizationMemberConfig) {
    super(scope, id, AnthropicOrganizationMember.tfResourceType, config, organizationMemberProps);
  }
  get userEmail(): string {
    return this.getStringAttribute("user_email");
  }
  get userName(): string {
    return this.getStringAttribute("user_name");
  }
  protected override terraformArguments(p: AnthropicOrganizationMemberConfig): Record<string, unknown> {
    return { user_id: p.userId, email: p.email, role: p.role };
  }
}

export interface AnthropicInviteConfig extends TerraformMetaArguments {
  readonly email: string;
  /** user, developer, billing or claude_code_user. A changed email or role replaces the invite. */
  readonly role: string;
}

const inviteProps = z.object({ email, role: assignableOrganizationRole });

export class AnthropicInvite extends OrgformResource<AnthropicInviteConfig> {
  static readonly tfResourceType = "anthropic_invite";
  constructor(scope: Construct, id: string, config: AnthropicInviteConfig) {
    super(scope, id, AnthropicInvite.tfResourceType, config, inviteProps);
  }
  /** pending, accepted (the job is done) or expired. */
  get status(): string {
    return this.getStringAttribute("status");
  }
  get expiresAt(): string {
    return this.getStringAttribute("expires_at");
  }
  protected override terraformArguments(p: AnthropicInviteConfig): Record<string, unknown> {
    return { email: p.email, role: p.role };
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

const apiKeyProps = z.object({
  apiKeyId: z.string().min(1),
  name: apiKeyName.optional(),
  status: z.enum(SETTABLE_API_KEY_STATUSES).optional(),
  archiveOnDestroy: z.boolean().optional(),
});

export class AnthropicApiKey extends OrgformResource<AnthropicApiKeyConfig> {
  static readonly tfResourceType = "anthropic_api_key";
  constructor(scope: Construct, id: string, config: AnthropicApiKeyConfig) {
    super(scope, id, AnthropicApiKey.tfResourceType, config, apiKeyProps);
  }
  get workspaceId(): string {
    return this.getStringAttribute("workspace_id");
  }
  /** The key's redacted hint; the secret itself is never returned by the API. */
  get partialKeyHint(): string {
    return this.getStringAttribute("partial_key_hint");
  }
  protected override terraformArguments(p: AnthropicApiKeyConfig): Record<string, unknown> {
    return { api_key_id: p.apiKeyId, name: p.name, status: p.status, archive_on_destroy: p.archiveOnDestroy };
  }
}

/** It takes no props but cdktf's meta-arguments: anything else is a mistake worth naming. */
const dataOrganizationProps = z.object({});

/** The organization the admin key belongs to. */
export class DataAnthropicOrganization extends OrgformDataSource<TerraformMetaArguments> {
  static readonly tfResourceType = "anthropic_organization";
  constructor(scope: Construct, id: string, config: TerraformMetaArguments = {}) {
    super(scope, id, DataAnthropicOrganization.tfResourceType, config, dataOrganizationProps);
  }
  get name(): string {
    return this.getStringAttribute("name");
  }
  protected override terraformArguments(): Record<string, unknown> {
    return {};
  }
}

export interface DataAnthropicUserConfig extends TerraformMetaArguments {
  readonly email: string;
}

const userLookupProps = z.object({ email });

/** An organization member found by email, so stacks need not hold opaque user ids. */
export class DataAnthropicUser extends OrgformDataSource<DataAnthropicUserConfig> {
  static readonly tfResourceType = "anthropic_user";
  constructor(scope: Construct, id: string, config: DataAnthropicUserConfig) {
    super(scope, id, DataAnthropicUser.tfResourceType, config, userLookupProps);
  }
  get name(): string {
    return this.getStringAttribute("name");
  }
  get role(): string {
    return this.getStringAttribute("role");
  }
  protected override terraformArguments(p: DataAnthropicUserConfig): Record<string, unknown> {
    return { email: p.email };
  }
}

export interface DataAnthropicWorkspaceConfig extends TerraformMetaArguments {
  /** The exact name of an active workspace. */
  readonly name: string;
}

const workspaceLookupProps = z.object({ name: workspaceName });

export class DataAnthropicWorkspace extends OrgformDataSource<DataAnthropicWorkspaceConfig> {
  static readonly tfResourceType = "anthropic_workspace";
  constructor(scope: Construct, id: string, config: DataAnthropicWorkspaceConfig) {
    super(scope, id, DataAnthropicWorkspace.tfResourceType, config, workspaceLookupProps);
  }
  get displayColor(): string {
    return this.getStringAttribute("display_color");
  }
  protected override terraformArguments(p: DataAnthropicWorkspaceConfig): Record<string, unknown> {
    return { name: p.name };
  }
}

export interface DataAnthropicApiKeysConfig extends TerraformMetaArguments {
  /** Only keys with this status. */
  readonly status?: (typeof SETTABLE_API_KEY_STATUSES)[number];
  /** Only keys of this workspace. */
  readonly workspaceId?: string;
  /** Only keys this user created. */
  readonly createdByUserId?: string;
}

const apiKeysLookupProps = z.object({
  status: z.enum(SETTABLE_API_KEY_STATUSES).optional(),
  workspaceId: z.string().min(1).optional(),
  createdByUserId: z.string().min(1).optional(),
});

/** The organization's API keys (never their secrets), filtered as the API filters them. */
export class DataAnthropicApiKeys extends OrgformDataSource<DataAnthropicApiKeysConfig> {
  static readonly tfResourceType = "anthropic_api_keys";
  constructor(scope: Construct, id: string, config: DataAnthropicApiKeysConfig = {}) {
    super(scope, id, DataAnthropicApiKeys.tfResourceType, config, apiKeysLookupProps);
  }
  get ids(): string[] {
    return this.getListAttribute("ids");
  }
  /** Objects with id, name, status, workspace_id, created_at, created_by, partial_key_hint, expires_at, last_used_at. */
  get keys(): IResolvable {
    return this.interpolationForAttribute("keys");
  }
  protected override terraformArguments(p: DataAnthropicApiKeysConfig): Record<string, unknown> {
    return { status: p.status, workspace_id: p.workspaceId, created_by_user_id: p.createdByUserId };
  }
}
