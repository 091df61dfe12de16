/**
 * cdktf constructs for Langfuse. They synthesize to `langfuse_*` resources in cdk.tf.json, which
 * orgform (not Terraform) plans and applies. Props are validated when the construct is created.
 */
import { TerraformProvider, TerraformResource, type TerraformMetaArguments } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import {
  PROVIDER_VERSION,
  compact,
  rateLimitAttribute,
  rateLimitProps,
  secretDeliveryAttributes,
  validateProps,
  type RateLimitProps,
  type SecretDeliveryProps,
  type SecretSinkProps,
} from "../construct-kit";
import { metadata, organizationName } from "./schemas";

const GENERATOR = { providerName: "langfuse" };

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

export class LangfuseProvider extends TerraformProvider {
  constructor(scope: Construct, id: string, private readonly config: LangfuseProviderConfig = {}) {
    super(scope, id, { terraformResourceType: "langfuse", terraformGeneratorMetadata: { ...GENERATOR, providerVersion: PROVIDER_VERSION }, terraformProviderSource: "orgform/langfuse" });
    validateProps(
      scope,
      id,
      z.object({
        baseUrl: z.string().url().optional(),
        adminApiKey: z.string().optional(),
        orgPublicKey: z.string().optional(),
        orgSecretKey: z.string().optional(),
        rateLimit: rateLimitProps.optional(),
        alias: z.string().optional(),
      }),
      config,
    );
    this.alias = config.alias;
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return compact({
      base_url: this.config.baseUrl,
      admin_api_key: this.config.adminApiKey,
      org_public_key: this.config.orgPublicKey,
      org_secret_key: this.config.orgSecretKey,
      alias: this.alias,
      rate_limit: rateLimitAttribute(this.config.rateLimit),
      secret_sink: this.config.secretSink,
    });
  }
}

export interface LangfuseOrganizationConfig extends TerraformMetaArguments {
  /** 3–60 characters, no HTML. */
  readonly name: string;
  /** Replaced wholesale on update. */
  readonly metadata?: Record<string, unknown>;
}

export class LangfuseOrganization extends TerraformResource {
  static readonly tfResourceType = "langfuse_organization";
  private readonly props: LangfuseOrganizationConfig;

  constructor(scope: Construct, id: string, config: LangfuseOrganizationConfig) {
    super(scope, id, { ...config, terraformResourceType: LangfuseOrganization.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    validateProps(scope, id, z.object({ name: organizationName, metadata: metadata.optional() }), { name: config.name, metadata: config.metadata });
    this.props = config;
  }
  get id(): string {
    return this.getStringAttribute("id");
  }
  get name(): string {
    return this.getStringAttribute("name");
  }
  get createdAt(): string {
    return this.getStringAttribute("created_at");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return compact({ name: this.props.name, metadata: this.props.metadata });
  }
}

export interface LangfuseOrganizationApiKeyConfig extends TerraformMetaArguments, SecretDeliveryProps {
  readonly organizationId: string;
  /** A note change replaces the key (the API cannot update keys). */
  readonly note?: string;
}

export class LangfuseOrganizationApiKey extends TerraformResource {
  static readonly tfResourceType = "langfuse_organization_api_key";
  private readonly props: LangfuseOrganizationApiKeyConfig;

  constructor(scope: Construct, id: string, config: LangfuseOrganizationApiKeyConfig) {
    super(scope, id, { ...config, terraformResourceType: LangfuseOrganizationApiKey.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    validateProps(scope, id, z.object({ organizationId: z.string().min(1), note: z.string().optional() }), {
      organizationId: config.organizationId,
      note: config.note,
    });
    this.props = config;
  }
  get id(): string {
    return this.getStringAttribute("id");
  }
  get publicKey(): string {
    return this.getStringAttribute("public_key");
  }
  /** Sensitive: only returned when the key is created; reference it from sensitive outputs. */
  get secretKey(): string {
    return this.getStringAttribute("secret_key");
  }
  get displaySecretKey(): string {
    return this.getStringAttribute("display_secret_key");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return compact({ organization_id: this.props.organizationId, note: this.props.note, ...secretDeliveryAttributes(this.props) });
  }
}
