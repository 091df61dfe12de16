/**
 * cdktf constructs for Langfuse. They synthesize to `langfuse_*` resources in cdk.tf.json, which
 * orgform (not Terraform) plans and applies. The admin API's constructs take their type's
 * arguments schema in camelCase (providers/spec-construct.ts); the public API's are in
 * constructs-public.ts.
 */
import type { Construct } from "constructs";
import type { SecretDeliveryProps } from "../construct-kit";
import { SpecKeyPairResource, SpecProvider, SpecResource, type PropsOf, type ProviderPropsOf } from "../spec-construct";
import { organizationApiKeyArguments, organizationArguments, providerConfig } from "./schemas";

export type LangfuseProviderConfig = ProviderPropsOf<typeof providerConfig>;

export class LangfuseProvider extends SpecProvider<typeof providerConfig> {
  constructor(scope: Construct, id: string, config: LangfuseProviderConfig = {}) {
    super(scope, id, "langfuse", config, providerConfig);
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
export class LangfuseOrganizationApiKey extends SpecKeyPairResource<typeof organizationApiKeyArguments> {
  static readonly tfResourceType = "langfuse_organization_api_key";
  constructor(scope: Construct, id: string, config: LangfuseOrganizationApiKeyConfig) {
    super(scope, id, LangfuseOrganizationApiKey.tfResourceType, config, organizationApiKeyArguments);
  }
  get displaySecretKey(): string {
    return this.getStringAttribute("display_secret_key");
  }
}
