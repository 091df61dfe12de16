export { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "./constructs";
export type { LangfuseProviderConfig, LangfuseOrganizationConfig, LangfuseOrganizationApiKeyConfig } from "./constructs";
export {
  LangfuseProject,
  LangfuseProjectApiKey,
  LangfuseOrganizationMembership,
  LangfuseProjectMembership,
  LangfuseLlmConnection,
  DataLangfuseOrganization,
  DataLangfuseProject,
  DataLangfuseMemberships,
} from "./constructs-public";
export type {
  OrgKeyProps,
  LangfuseProjectRef,
  LangfuseProjectConfig,
  LangfuseProjectApiKeyConfig,
  LangfuseOrganizationMembershipConfig,
  LangfuseProjectMembershipConfig,
  LangfuseLlmConnectionConfig,
  DataLangfuseProjectConfig,
  DataLangfuseMembershipsConfig,
} from "./constructs-public";
