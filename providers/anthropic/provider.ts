/** The Anthropic Admin API provider definition the CLI registers. */
import type { ProviderDefinition } from "../../src/provider/contract";
import { apiKeyType } from "./api-key";
import { configureAnthropic, type AnthropicSession } from "./client";
import { organizationData, userData, workspaceData } from "./data-sources";
import { inviteType } from "./invite";
import { organizationMemberType } from "./organization-member";
import { workspaceType } from "./workspace";
import { workspaceMemberType } from "./workspace-member";

export const anthropicProvider: ProviderDefinition<AnthropicSession> = {
  name: "anthropic",
  configure: configureAnthropic,
  resources: [workspaceType, workspaceMemberType, organizationMemberType, inviteType, apiKeyType],
  dataSources: [organizationData, userData, workspaceData],
};
