/** The Langfuse provider definition the CLI registers. */
import type { ProviderDefinition } from "../../src/provider/contract";
import { ROUTES, configureLangfuse, type LangfuseSession } from "./client";
import { organizationList } from "./schemas";
import { membershipsData, organizationData, projectData } from "./data-sources";
import { llmConnectionType } from "./llm-connection";
import { organizationType } from "./organization";
import { organizationApiKeyType } from "./organization-api-key";
import { organizationMembershipType } from "./organization-membership";
import { projectType } from "./project";
import { projectApiKeyType } from "./project-api-key";
import { projectMembershipType } from "./project-membership";

const ADMIN_TYPES = ["langfuse_organization", "langfuse_organization_api_key"];

export const langfuseProvider: ProviderDefinition<LangfuseSession> = {
  name: "langfuse",
  configure: configureLangfuse,
  // One page of organizations, the list refresh and data sources read too (shared within a plan).
  // Only types on admin routes need the admin key: projects may run on an organization key alone.
  async verifyCredentials(session, types) {
    if (!ADMIN_TYPES.some((type) => types.has(type))) return;
    await session.http.request({ method: "GET", path: ROUTES.organizations, schema: organizationList });
  },
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
