/**
 * cdktf constructs for Langfuse. They synthesize to `langfuse_*` resources in cdk.tf.json, which
 * orgform (not Terraform) plans and applies. Props are validated when the construct is created.
 */
import type { TerraformMetaArguments } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import { KeyPairResource, OrgformProvider, OrgformResource } from "../construct-base";
import { secretDeliveryAttributes, type RateLimitProps, type SecretDeliveryProps, type SecretSinkProps } from "../construct-kit";
import { metadata, organizationName } from "./schemas";

export interface LangfuseProviderConfig {
  /** Default: env LANGFUSE_BASE_URL. */
  readonly baseUrl?: string;
  /** Default: env LANGFUSE_ADMIN_API_KEY. Never write a secret in source code. */
  readonly adminApiKey?: string;
  /** Where every key this provider mints delivers its secret, unless the key says otherwise. */
  readonly secretSink?: SecretSinkProps;
  /** An organization-scoped key pair for projects and memberships that name none. Default: env LANGFUSE_ORG_PUBLIC_KEY. */
  readonly orgPublicKey?: string;
  /** Default: env LANGFUSE_ORG_SECRET_KEY. Never write a secret in source code. */
  readonly orgSecretKey?: string;
  /** Client-side rate limit for the Langfuse host (env ORGFORM_LANGFUSE_REQUESTS_PER_MINUTE, _BURST, _CONCURRENCY). */
  readonly rateLimit?: RateLimitProps;
  readonly alias?: string;
}

const providerSettings = z.object({ baseUrl: z.string().url().optional(), adminApiKey: z.string().optional(), orgPublicKey: z.string().optional(), orgSecretKey: z.string().optional() });

export class LangfuseProvider extends OrgformProvider<LangfuseProviderConfig> {
  constructor(scope: Construct, id: string, config: LangfuseProviderConfig = {}) {
    super(scope, id, "langfuse", config, providerSettings);
  }
  protected override providerArguments(c: LangfuseProviderConfig): Record<string, unknown> {
    return { base_url: c.baseUrl, admin_api_key: c.adminApiKey, org_public_key: c.orgPublicKey, org_secret_key: c.orgSecretKey };
  }
}

export interface LangfuseOrganizationConfig extends TerraformMetaArguments {
  /** 3–60 characters, no HTML. */
  readonly name: string;
  /** Replaced wholesale on update. */
  readonly metadata?: Record<string, unknown>;
}

const organizationProps = z.object({ name: organizationName, metadata: metadata.optional() });

export class LangfuseOrganization extends OrgformResource<LangfuseOrganizationConfig> {
  static readonly tfResourceType = "langfuse_organization";
  constructor(scope: Construct, id: string, config: LangfuseOrganizationConfig) {
    super(scope, id, LangfuseOrganization.tfResourceType, config, organizationProps);
  }
  get name(): string {
    return this.getStringAttribute("name");
  }
  get createdAt(): string {
    return this.getStringAttribute("created_at");
  }
  protected override terraformArguments(p: LangfuseOrganizationConfig): Record<string, unknown> {
    return { name: p.name, metadata: p.metadata };
  }
}

export interface LangfuseOrganizationApiKeyConfig extends TerraformMetaArguments, SecretDeliveryProps {
  readonly organizationId: string;
  /** A note change replaces the key (the API cannot update keys). */
  readonly note?: string;
}

const organizationApiKeyProps = z.object({ organizationId: z.string().min(1), note: z.string().optional() });

export class LangfuseOrganizationApiKey extends KeyPairResource<LangfuseOrganizationApiKeyConfig> {
  static readonly tfResourceType = "langfuse_organization_api_key";
  constructor(scope: Construct, id: string, config: LangfuseOrganizationApiKeyConfig) {
    super(scope, id, LangfuseOrganizationApiKey.tfResourceType, config, organizationApiKeyProps);
  }
  get displaySecretKey(): string {
    return this.getStringAttribute("display_secret_key");
  }
  protected override terraformArguments(p: LangfuseOrganizationApiKeyConfig): Record<string, unknown> {
    return { organization_id: p.organizationId, note: p.note, ...secretDeliveryAttributes(p) };
  }
}
