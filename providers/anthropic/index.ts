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
} from "./constructs";
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
} from "./constructs";
