/** The Langfuse provider definition the CLI registers. */
import type { ProviderDefinition } from "../../src/provider/contract";
import { configureLangfuse, type LangfuseSession } from "./client";
import { membershipsData, organizationData, projectData } from "./data-sources";
import { llmConnectionType } from "./llm-connection";
import { organizationType } from "./organization";
import { organizationApiKeyType } from "./organization-api-key";
import { organizationMembershipType } from "./organization-membership";
import { projectType } from "./project";
import { projectApiKeyType } from "./project-api-key";
import { projectMembershipType } from "./project-membership";

export const langfuseProvider: ProviderDefinition<LangfuseSession> = {
  name: "langfuse",
  configure: configureLangfuse,
  resources: [
    organizationType,
    organizationApiKeyType,
    projectType,
    projectApiKeyType,
    organizationMembershipType,
    projectMembershipType,
    llmConnectionType,
  ],
  dataSources: [organizationData, projectData, membershipsData],
};
