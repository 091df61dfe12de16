/** The Anthropic Admin API provider definition the CLI registers. */
import type { ProviderDefinition } from "../../src/provider/contract";
import { apiKeyType } from "./resources/api-key";
import { ROUTES, configureAnthropic, type AnthropicSession } from "./client";
import { organization } from "./spec";
import { apiKeysData, organizationData, userData, workspaceData } from "./resources/data-sources";
import { inviteType } from "./resources/invite";
import { organizationMemberType } from "./resources/organization-member";
import { workspaceType } from "./resources/workspace";
import { workspaceMemberType } from "./resources/workspace-member";

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
