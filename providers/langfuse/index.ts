export { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "./constructs";
export type { LangfuseProviderConfig, LangfuseOrganizationConfig, LangfuseOrganizationApiKeyConfig } from "./constructs";
