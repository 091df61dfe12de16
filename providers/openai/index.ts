export {
  OpenaiProvider,
  OpenaiAdminApiKey,
  OpenaiProject,
  OpenaiProjectUser,
  OpenaiProjectServiceAccount,
  OpenaiProjectRateLimit,
  OpenaiInvite,
  OpenaiOrganizationUser,
  DataOpenaiUser,
} from "./constructs";
export type {
  OpenaiProviderConfig,
  OpenaiAdminApiKeyConfig,
  OpenaiProjectConfig,
  OpenaiProjectUserConfig,
  OpenaiProjectServiceAccountConfig,
  OpenaiProjectRateLimitConfig,
  OpenaiInviteConfig,
  OpenaiOrganizationUserConfig,
  DataOpenaiUserConfig,
} from "./constructs";
