/**
 * `projects_invitation`: an invitation to join a project. Send on create, cancel on destroy; any
 * change to what the invitation grants replaces it (the API cannot edit one).
 *
 * `resend_on_apply` is a trigger: it is the only argument that does not force replacement, so a
 * change to it alone plans an in-place update, and update calls the API's resend (same id, new
 * expiry). That is the API's own "send it again" and keeps the invitee's link stable.
 *
 * Once accepted, the API drops the invitation and the invitee shows up among the project's
 * members. Refresh therefore looks at both lists and matches on the email: an accepted
 * invitation is "satisfied" (status "accepted", everything else unchanged), never re-sent. An
 * invitation past its expiry is Gone.
 */
import { Gone, type Attributes, type ResourceType } from "../../../src/provider/contract";
import { OrgformError } from "../../../src/errors";
import { ROUTES, document, isNotFound, type ProjectsSession } from "../client";
import { listMembers } from "./member";
import { invitationArguments, invitationList, invitationObject, noContent, one, roleProblems, type InvitationObject } from "../spec";
import { unlessNotFound } from "../../../src/provider/not-found";
import { childImportId, parseImportId } from "../../../src/provider/kit/import-id";
import { invitationComputed } from "../spec-computed";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

function toAttributes(projectId: string, invitation: InvitationObject): Attributes {
  const { attributes } = invitation;
  return {
    id: invitation.id,
    project_id: projectId,
    email: attributes.email.toLowerCase(),
    role: attributes.role.toUpperCase(),
    organization_role: attributes.orgRole ? attributes.orgRole.toUpperCase() : null,
    project_only: attributes.projectOnly,
    status: attributes.status,
    expires_at: attributes.expiresAt ?? null,
    last_sent_at: attributes.lastSentAt ?? null,
  };
}

const identity = (item: Attributes | Gone): string =>
  item instanceof Gone ? (item.identity ?? "") : String(item.email ?? "").toLowerCase();

/** Pending invitations, expired ones as Gone, and accepted ones (now members) as satisfied. */
async function listInvitations(session: ProjectsSession, projectId: string): Promise<Array<Attributes | Gone>> {
  let invitations: InvitationObject[];
  try {
    ({ data: invitations } = await session.http.request({
      method: "GET",
      // List Project Invitations documents no query parameter (not even forceRefresh).
      path: ROUTES.invitations(session.organizationId, projectId),
      schema: invitationList,
    }));
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const results: Array<Attributes | Gone> = invitations.map((invitation) => {
    const attributes = toAttributes(projectId, invitation);
    if (attributes.status === "expired") {
      return new Gone(`invitation for ${String(attributes.email)} expired at ${String(attributes.expires_at)}`, identity(attributes));
    }
    return attributes;
  });
  const invited = new Set(results.map(identity));
  for (const member of await listMembers(session, projectId)) {
    const email = String(member.email);
    // Only what acceptance changes; the engine keeps the rest (id, role …) from the prior state.
    if (!invited.has(email)) results.push({ project_id: projectId, email, status: "accepted" });
  }
  return results;
}

function refuseBadRoles(address: string, args: Attributes): void {
  const problems = roleProblems(args);
  if (problems.length > 0) throw new OrgformError("ARGUMENT_INVALID", `${address}: ${problems.join("; ")}.`, { address });
}

export const invitationType: ResourceType<ProjectsSession> = {
  type: "projects_invitation",
  constructName: "ProjectInvitation",
  importId: childImportId("project_id"),
  access: { email: "email", role: "role", on: "project", container: "project_id", state: "status", invitation: true },
  ...declarationsOf(invitationArguments, invitationComputed),

  async validate(_ctx, args) {
    return roleProblems(args);
  },

  async read({ session }, prior) {
    const found = (await listInvitations(session, String(prior.project_id))).find((item) => identity(item) === identity(prior));
    if (!found || found instanceof Gone) return found ?? null;
    // A satisfied invitation reads back as it was, only its status moves to "accepted".
    return found.status === "accepted" ? { ...prior, status: "accepted" } : found;
  },

  list: {
    scope: (attributes) => String(attributes.project_id),
    parent: { type: "projects_project", scopeOf: (parent) => String(parent.id) },
    fetch: ({ session }, projectId) => listInvitations(session, projectId),
    identity,
  },

  async create({ session, address }, args) {
    refuseBadRoles(address, args);
    const projectId = String(args.project_id);
    const created = await session.http.request({
      method: "POST",
      path: ROUTES.invitations(session.organizationId, projectId),
      body: document("membershipInvitation", {
        email: args.email,
        role: args.role,
        orgRole: args.organization_role ?? undefined,
        projectOnly: args.project_only,
      }),
      schema: one(invitationObject),
    });
    return { ...toAttributes(projectId, created.data), resend_on_apply: args.resend_on_apply };
  },

  // Only resend_on_apply can reach here (everything else forces replacement).
  async update(ctx, prior, args) {
    if (prior.status === "accepted") return { ...prior, resend_on_apply: args.resend_on_apply };
    const projectId = String(prior.project_id);
    const resent = await ctx.session.http.request({
      method: "POST",
      path: ROUTES.resendInvitation(ctx.session.organizationId, projectId, String(prior.id)),
      schema: one(invitationObject),
      idempotent: true, // a duplicate resend only sends the same link again
    });
    return { ...prior, ...toAttributes(projectId, resent.data), resend_on_apply: args.resend_on_apply };
  },

  // Cancelling an accepted invitation finds nothing (404): the membership it created stays.
  async delete({ session }, prior) {
    await unlessNotFound(() => session.http.request({
      method: "DELETE",
      path: ROUTES.invitation(session.organizationId, String(prior.project_id), String(prior.id)),
      schema: noContent,
    }), undefined);
  },

  // Import ids are "<project id>/<invitation id>"; only pending invitations can be imported.
  async importById({ session }, id) {
    const [projectId, invitationId] = parseImportId("projects_invitation", id, ["project id", "invitation id"]) as [string, string];
    const found = (await listInvitations(session, projectId)).find((item) => !(item instanceof Gone) && item.id === invitationId);
    return found && !(found instanceof Gone) ? found : null;
  },
};
