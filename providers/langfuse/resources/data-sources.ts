/**
 * Read-only data sources, so stacks can name things instead of holding opaque ids:
 * `langfuse_organization` (by name, through the admin API), `langfuse_project` (by name, among
 * the projects of an organization key) and `langfuse_memberships` (the members of the key's
 * organization, or of one project when project_id is set).
 */
import type { Attributes, DataSourceType } from "../../../src/provider/contract";
import { OrgformError } from "../../../src/errors";
import type { LangfuseSession } from "../client";
import { ROUTES } from "../client";
import { organizationList } from "../spec";
import { listOrganizationMemberships, listOrganizationProjects, listProjectMemberships, orgCredentials } from "./public-api";
import { membershipsDataArguments, organizationDataArguments, projectDataArguments } from "../spec";
import { projectAttributes } from "./project";
import { compareText } from "../../../src/values/compare";
import { dataDeclarationsOf } from "../../../src/provider/kit/modifiers";

function single<T extends { id: string }>(matches: T[], address: string, what: string, name: string): T {
  if (matches.length === 0) throw new OrgformError("API_NOT_FOUND", `${address}: there is no ${what} named "${name}". Check the name argument (it is case-sensitive).`, { name });
  if (matches.length > 1) {
    throw new OrgformError("ARGUMENT_INVALID", `${address}: ${matches.length} ${what}s are named "${name}" (${matches.map((m) => m.id).join(", ")}); rename one so the name is unique.`, { name });
  }
  return matches[0]!;
}

export const organizationData: DataSourceType<LangfuseSession> = {
  type: "langfuse_organization",
  arguments: organizationDataArguments,
  async read({ session, address }, args) {
    const name = String(args.name);
    const { organizations } = await session.http.request({ method: "GET", path: ROUTES.organizations, schema: organizationList });
    const found = single(organizations.filter((org) => org.name === name), address, "organization", name);
    return { id: found.id, name: found.name, metadata: found.metadata, created_at: found.createdAt, project_ids: found.projects.map((p) => p.id) };
  },
};

export const projectData: DataSourceType<LangfuseSession> = {
  type: "langfuse_project",
  ...dataDeclarationsOf(projectDataArguments),
  async read({ session, address }, args) {
    const name = String(args.name);
    const projects = await listOrganizationProjects(session, orgCredentials(session, args, address));
    const found = single(projects.filter((project) => project.name === name), address, "project", name);
    return { ...projectAttributes(found), created_at: found.createdAt, updated_at: found.updatedAt };
  },
};

export const membershipsData: DataSourceType<LangfuseSession> = {
  type: "langfuse_memberships",
  ...dataDeclarationsOf(membershipsDataArguments),
  async read({ session, address }, args) {
    const key = orgCredentials(session, args, address);
    const projectId = typeof args.project_id === "string" ? args.project_id : undefined;
    const members = projectId === undefined ? await listOrganizationMemberships(session, key) : await listProjectMemberships(session, key, projectId);
    if (members === null) throw new OrgformError("API_NOT_FOUND", `${address}: there is no project ${projectId} in the key's organization.`, { project_id: projectId });
    // By email: the API's order is whoever joined first, and outputs should not churn with it.
    const sorted = [...members].sort((a, b) => compareText(a.email, b.email));
    const memberships: Attributes[] = sorted.map((m) => ({ user_id: m.userId, email: m.email, name: m.name ?? null, role: m.role }));
    return { id: projectId ?? "organization", memberships, emails: sorted.map((m) => m.email) };
  },
};
