/** The OpenAI Admin provider definition the CLI registers. */
import type { ProviderDefinition } from "../../src/provider/contract";
import { adminApiKeyType } from "./admin-api-key";
import { z } from "zod";
import { ROUTES, configureOpenai, type OpenaiSession } from "./client";
import { listPage } from "./schemas";
import { projectApiKeysDataSource, userDataSource } from "./data-sources";
import { inviteType } from "./invite";
import { organizationUserType } from "./organization-user";
import { projectType } from "./project";
import { projectApiKeyType } from "./project-api-key";
import { projectRateLimitType } from "./project-rate-limit";
import { projectServiceAccountType } from "./project-service-account";
import { projectUserType } from "./project-user";

const anyPage = listPage(z.unknown());

export const openaiProvider: ProviderDefinition<OpenaiSession> = {
  name: "openai",
  configure: configureOpenai,
  // One page of admin keys, the exact first page the admin key refresh reads (shared within a plan).
  async verifyCredentials(session) {
    await session.http.request({ method: "GET", path: ROUTES.adminApiKeys, query: { limit: session.pageSize, order: "asc" }, schema: anyPage });
  },
  resources: [
    adminApiKeyType,
    projectType,
    projectUserType,
    projectServiceAccountType,
    projectRateLimitType,
    projectApiKeyType,
    inviteType,
    organizationUserType,
  ],
  dataSources: [userDataSource, projectApiKeysDataSource],
};
