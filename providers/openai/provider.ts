/** The OpenAI Admin provider definition the CLI registers. */
import type { ProviderDefinition } from "../../src/provider/contract";
import { adminApiKeyType } from "./admin-api-key";
import { configureOpenai, type OpenaiSession } from "./client";
import { userDataSource } from "./data-sources";
import { inviteType } from "./invite";
import { organizationUserType } from "./organization-user";
import { projectType } from "./project";
import { projectRateLimitType } from "./project-rate-limit";
import { projectServiceAccountType } from "./project-service-account";
import { projectUserType } from "./project-user";

export const openaiProvider: ProviderDefinition<OpenaiSession> = {
  name: "openai",
  configure: configureOpenai,
  resources: [
    adminApiKeyType,
    projectType,
    projectUserType,
    projectServiceAccountType,
    projectRateLimitType,
    inviteType,
    organizationUserType,
  ],
  dataSources: [userDataSource],
};
