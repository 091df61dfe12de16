/** The Projects API provider definition the CLI registers. */
import type { ProviderDefinition } from "../../src/provider/contract";
import { apiKeyType } from "./api-key";
import { configureProjects, type ProjectsSession } from "./client";
import { dataSources } from "./data-sources";
import { invitationType } from "./invitation";
import { llmApiKeyType } from "./llm-api-key";
import { memberType } from "./member";
import { projectType } from "./project";

export const projectsProvider: ProviderDefinition<ProjectsSession> = {
  name: "projects",
  configure: configureProjects,
  resources: [projectType, apiKeyType, llmApiKeyType, memberType, invitationType],
  dataSources: [...dataSources],
};
