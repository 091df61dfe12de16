/**
 * `langfuse_project_membership`: an organization member's role in one project (which overrides
 * their organization role there). The user must already be a member of the organization, as
 * the API requires; reference a langfuse_organization_membership's email so orgform orders the
 * two. "Create" adopts the member and sets the role (PUT upserts), role changes are in place,
 * destroy removes the project role only. The id is "<project id>/<user id>"; imports name the
 * member by "<project id>/<email>".
 */
import type { Attributes, ResourceType } from "../../../src/provider/contract";
import { OrgformError } from "../../../src/errors";
import type { KeyPair, LangfuseSession } from "../client";
import { callWith, findMemberByEmail, listProjectMemberships, onlyCredentialsChanged, ORG_KEY_FROM_PROVIDER, orgCredentials, PROJECT_BY_ID, PUBLIC_ROUTES, validateOrgKey } from "./public-api";
import { membership, membershipDeleted, projectMembershipArguments, type Membership, projectMembershipComputed } from "../spec";
import { unlessNotFound } from "../../../src/provider/not-found";
import { parseImportId } from "../../../src/provider/kit/import-id";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

function attributes(projectId: string, found: Membership): Attributes {
  return { id: `${projectId}/${found.userId}`, user_id: found.userId, role: found.role, user_email: found.email, user_name: found.name ?? null };
}

async function put(session: LangfuseSession, key: KeyPair, projectId: string, userId: string, role: string): Promise<Attributes> {
  const found = await callWith(session.orgHttp, key, { method: "PUT", path: PUBLIC_ROUTES.projectMemberships(projectId), body: { userId, role }, schema: membership, idempotent: true });
  return attributes(projectId, found);
}

export const projectMembershipType: ResourceType<LangfuseSession> = {
  type: "langfuse_project_membership",
  importId: (attributes) => `${String(attributes.project_id)}/${String(attributes.user_email)}`,
  constructProps: { ...ORG_KEY_FROM_PROVIDER, project_id: PROJECT_BY_ID },
  access: { email: "user_email", userId: "user_id", role: "role", on: "project", container: "project_id" },
  ...declarationsOf(projectMembershipArguments, projectMembershipComputed),
  verbs: { create: "adopted", delete: "removed from the project", deleteNote: "their organization role applies again" },
  validate: validateOrgKey,
  createIsUpsert: true,

  // A project's members, read with the organization key; drift and the access review read them
  // inside every managed project (and the review inside every project its organization keys see).
  findCreated: {
    scope: (args) => String(args.project_id),
    fetch: async ({ session, address }, args) => {
      const projectId = String(args.project_id);
      return ((await listProjectMemberships(session, orgCredentials(session, args, address), projectId)) ?? []).map((found) => attributes(projectId, found));
    },
    parent: { type: "langfuse_project", argsOf: (project) => ({ project_id: project.id, org_public_key: project.org_public_key, org_secret_key: project.org_secret_key }) },
  },

  async read({ session, address }, prior) {
    const projectId = String(prior.project_id);
    const members = await listProjectMemberships(session, orgCredentials(session, prior, address), projectId);
    const found = members?.find((member) => member.userId === prior.user_id);
    return found ? attributes(projectId, found) : null;
  },

  async create({ session, address }, args) {
    const key = orgCredentials(session, args, address);
    const email = String(args.email);
    const member = await findMemberByEmail(session, key, email);
    if (!member) {
      throw new OrgformError(
        "API_NOT_FOUND",
        `${address}: ${email} is not a member of the organization, and a project role needs one. Declare a langfuse_organization_membership for them and pass its email here.`,
        { email },
      );
    }
    return put(session, key, String(args.project_id), member.userId, String(args.role));
  },

  async update({ session, address }, prior, args) {
    if (onlyCredentialsChanged(prior, args, ["role"])) return { id: prior.id };
    return put(session, orgCredentials(session, args, address), String(prior.project_id), String(prior.user_id), String(args.role));
  },

  async delete({ session, address }, prior) {
    // A 404: no such membership (or project) any more.
    await unlessNotFound(() => callWith(session.orgHttp, orgCredentials(session, prior, address), {
      method: "DELETE",
      path: PUBLIC_ROUTES.projectMemberships(String(prior.project_id)),
      body: { userId: prior.user_id },
      schema: membershipDeleted,
    }), undefined);
  },

  async importById({ session, address }, id) {
    const [projectId, email] = parseImportId("langfuse_project_membership", id, ["project id", "email"]) as [string, string];
    const members = await listProjectMemberships(session, orgCredentials(session, {}, address), projectId);
    const found = members?.find((member) => member.email.toLowerCase() === email.toLowerCase());
    return found ? { ...attributes(projectId, found), project_id: projectId, email } : null;
  },
};
