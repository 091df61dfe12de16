/** The Projects API provider definition the CLI registers. */
import type { ProviderDefinition } from "../../src/provider/contract";
import { apiKeyType } from "./resources/api-key";
import { FRESH, ROUTES, configureProjects, type ProjectsSession } from "./client";
import { projectList } from "./spec";
import { dataSources } from "./resources/data-sources";
import { invitationType } from "./resources/invitation";
import { llmApiKeyType } from "./resources/llm-api-key";
import { memberType } from "./resources/member";
import { projectType } from "./resources/project";

export const projectsProvider: ProviderDefinition<ProjectsSession> = {
  name: "projects",
  configure: configureProjects,
  // The organization's projects, the exact read the project refresh sends (shared within a plan).
  async verifyCredentials(session) {
    await session.http.request({ method: "GET", path: ROUTES.projects(session.organizationId), query: FRESH, schema: projectList });
  },
  resources: [projectType, apiKeyType, llmApiKeyType, memberType, invitationType],
  dataSources: [...dataSources],
};
