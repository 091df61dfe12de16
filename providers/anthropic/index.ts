/**
 * cdktf constructs for the Anthropic Admin API. They synthesize to `anthropic_*` resources and
 * data sources in cdk.tf.json (snake_case attributes), which orgform (not Terraform) plans and
 * applies. Every one is generated (constructs.generated.ts, `npm run generate:constructs`) from
 * its type's arguments and attributes schemas (spec.ts): props in camelCase with each field's
 * description, checked when the construct is created by that same schema, cross-field rules
 * included (providers/spec-construct.ts).
 */

export {
  AnthropicProvider,
  AnthropicWorkspace,
  AnthropicWorkspaceMember,
  AnthropicOrganizationMember,
  AnthropicInvite,
  AnthropicApiKey,
  DataAnthropicOrganization,
  DataAnthropicUser,
  DataAnthropicWorkspace,
  DataAnthropicApiKeys,
} from "./constructs.generated";
export type {
  AnthropicProviderConfig,
  AnthropicWorkspaceConfig,
  AnthropicWorkspaceMemberConfig,
  AnthropicOrganizationMemberConfig,
  AnthropicInviteConfig,
  AnthropicApiKeyConfig,
  DataAnthropicUserConfig,
  DataAnthropicWorkspaceConfig,
  DataAnthropicApiKeysConfig,
} from "./constructs.generated";
