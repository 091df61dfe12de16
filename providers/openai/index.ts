/**
 * cdktf constructs for the OpenAI Admin API. They synthesize to `openai_*` resources and the
 * `openai_user` and `openai_project_api_keys` data sources in cdk.tf.json, which orgform (not
 * Terraform) plans and applies. Every one is generated (constructs.generated.ts, `npm run
 * generate:constructs`) from its type's arguments and attributes schemas (spec.ts): props in
 * camelCase with each field's description, checked when the construct is made by that same
 * schema (providers/spec-construct.ts); none needs anything written by hand.
 */

export {
  OpenaiProvider,
  OpenaiAdminApiKey,
  OpenaiProject,
  OpenaiProjectUser,
  OpenaiProjectServiceAccount,
  OpenaiProjectRateLimit,
  OpenaiProjectApiKey,
  OpenaiInvite,
  OpenaiOrganizationUser,
  DataOpenaiUser,
  DataOpenaiProjectApiKeys,
} from "./constructs.generated";
export type {
  OpenaiProviderConfig,
  OpenaiAdminApiKeyConfig,
  OpenaiProjectConfig,
  OpenaiProjectUserConfig,
  OpenaiProjectServiceAccountConfig,
  OpenaiProjectRateLimitConfig,
  OpenaiProjectApiKeyConfig,
  OpenaiInviteConfig,
  OpenaiOrganizationUserConfig,
  DataOpenaiUserConfig,
  DataOpenaiProjectApiKeysConfig,
} from "./constructs.generated";
