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
} from "./constructs";
