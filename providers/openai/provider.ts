/** The OpenAI Admin provider definition the CLI registers. */
import type { ProviderDefinition } from "../../src/provider/contract";
import { adminApiKeyType } from "./resources/admin-api-key";
import { z } from "zod";
import { ROUTES, configureOpenai, type OpenaiSession } from "./client";
import { listPage } from "./spec";
import { projectApiKeysDataSource, userDataSource } from "./resources/data-sources";
import { inviteType } from "./resources/invite";
import { organizationUserType } from "./resources/organization-user";
import { projectType } from "./resources/project";
import { projectApiKeyType } from "./resources/project-api-key";
import { projectRateLimitType } from "./resources/project-rate-limit";
import { projectServiceAccountType } from "./resources/project-service-account";
import { projectUserType } from "./resources/project-user";

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
