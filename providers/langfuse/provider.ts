/** The Langfuse provider definition the CLI registers. */
import type { ProviderDefinition } from "../../src/provider/contract";
import { ROUTES, configureLangfuse, type LangfuseSession } from "./client";
import { organizationList } from "./spec";
import { membershipsData, organizationData, projectData } from "./resources/data-sources";
import { llmConnectionType } from "./resources/llm-connection";
import { organizationType } from "./resources/organization";
import { organizationApiKeyType } from "./resources/organization-api-key";
import { organizationMembershipType } from "./resources/organization-membership";
import { projectType } from "./resources/project";
import { projectApiKeyType } from "./resources/project-api-key";
import { projectMembershipType } from "./resources/project-membership";
import { listOrganizationProjects } from "./resources/public-api";

const ADMIN_TYPES = ["langfuse_organization", "langfuse_organization_api_key"];
/** Types on the public API that use the provider's organization key when they name none. */
const ORG_KEY_TYPES = ["langfuse_project", "langfuse_project_api_key", "langfuse_organization_membership", "langfuse_project_membership", "langfuse_memberships"];

export const langfuseProvider: ProviderDefinition<LangfuseSession> = {
  name: "langfuse",
  configure: configureLangfuse,
  // One page of organizations, the list refresh and data sources read too (shared within a plan).
  // Only types on admin routes need the admin key: projects may run on an organization key alone.
  async verifyCredentials(session, types) {
    if (ADMIN_TYPES.some((type) => types.has(type))) await session.http.request({ method: "GET", path: ROUTES.organizations, schema: organizationList });
    // The provider's organization key (LANGFUSE_ORG_*), where set: its projects, which refresh reads too.
    if (session.orgKey && ORG_KEY_TYPES.some((type) => types.has(type))) await listOrganizationProjects(session, session.orgKey);
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
