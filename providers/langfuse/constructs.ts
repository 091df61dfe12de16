/**
 * cdktf constructs for Langfuse. They synthesize to `langfuse_*` resources in cdk.tf.json, which
 * orgform (not Terraform) plans and applies. The admin API's constructs take their type's
 * arguments schema in camelCase (providers/spec-construct.ts); the public API's are in
 * constructs-public.ts.
 */
import type { Construct } from "constructs";
import { z } from "zod";
import { OrgformProvider } from "../construct-base";
import type { RateLimitProps, SecretDeliveryProps, SecretSinkProps } from "../construct-kit";
import { SpecKeyPairResource, SpecResource, type PropsOf } from "../spec-construct";
import { organizationApiKeyArguments, organizationArguments } from "./schemas";

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

export type LangfuseOrganizationConfig = PropsOf<typeof organizationArguments>;

/** An organization (admin API); its metadata is replaced wholesale on update. */
export class LangfuseOrganization extends SpecResource<typeof organizationArguments> {
  static readonly tfResourceType = "langfuse_organization";
  constructor(scope: Construct, id: string, config: LangfuseOrganizationConfig) {
    super(scope, id, LangfuseOrganization.tfResourceType, config, organizationArguments);
  }
  get name(): string {
    return this.getStringAttribute("name");
  }
  get createdAt(): string {
    return this.getStringAttribute("created_at");
  }
}

export type LangfuseOrganizationApiKeyConfig = PropsOf<typeof organizationApiKeyArguments> & SecretDeliveryProps;

/** An organization-scoped key pair; a note change replaces it (the API cannot update keys). */
export class LangfuseOrganizationApiKey extends SpecKeyPairResource<typeof organizationApiKeyArguments, SecretDeliveryProps> {
  static readonly tfResourceType = "langfuse_organization_api_key";
  constructor(scope: Construct, id: string, config: LangfuseOrganizationApiKeyConfig) {
    super(scope, id, LangfuseOrganizationApiKey.tfResourceType, config, organizationApiKeyArguments);
  }
  get displaySecretKey(): string {
    return this.getStringAttribute("display_secret_key");
  }
}
