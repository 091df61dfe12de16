/** The Anthropic Admin API provider definition the CLI registers. */
import type { ProviderDefinition } from "../../src/provider/contract";
import { apiKeyType } from "./api-key";
import { ROUTES, configureAnthropic, type AnthropicSession } from "./client";
import { organization } from "./schemas";
import { apiKeysData, organizationData, userData, workspaceData } from "./data-sources";
import { inviteType } from "./invite";
import { organizationMemberType } from "./organization-member";
import { workspaceType } from "./workspace";
import { workspaceMemberType } from "./workspace-member";

export const anthropicProvider: ProviderDefinition<AnthropicSession> = {
  name: "anthropic",
  configure: configureAnthropic,
  // The organization the key belongs to: the data source's read too (shared within a plan).
  async verifyCredentials(session) {
    await session.http.request({ method: "GET", path: ROUTES.me, schema: organization });
  },
  resources: [workspaceType, workspaceMemberType, organizationMemberType, inviteType, apiKeyType],
  dataSources: [organizationData, userData, workspaceData, apiKeysData],
};
