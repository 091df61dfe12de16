/**
 * `openai_invite`: an invitation to the organization (email, role reader|owner, project grants).
 * Invites cannot be changed, so every argument replaces the invite. An expired invite reads as
 * Gone, so the plan offers a new one; an accepted invite stays as it is (the person is a member
 * now: manage them with `openai_organization_user`).
 */
import { Gone, type Attributes, type ResourceType } from "../../../src/provider/contract";
import { ROUTES, listAll, unlessNotFound, type OpenaiSession } from "../client";
import { deleted, type Invite, invite, inviteArguments, inviteComputed } from "../spec";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

function toAttributes(found: Invite): Attributes {
  return {
    id: found.id,
    email: found.email,
    role: found.role,
    projects: found.projects.map((grant) => ({ id: grant.id, role: grant.role })),
    status: found.status,
    created_at: found.created_at,
    expires_at: found.expires_at,
    accepted_at: found.accepted_at,
  };
}

function liveOrGone(found: Invite): Attributes | Gone {
  return found.status === "expired" ? new Gone(`expired at ${found.expires_at ?? "an unknown time"}`, found.id) : toAttributes(found);
}

export const inviteType: ResourceType<OpenaiSession> = {
  type: "openai_invite",
  access: { email: "email", role: "role", on: "organization", state: "status", invitation: true },
  ...declarationsOf(inviteArguments, inviteComputed),

  async read({ session }, prior) {
    const found = await unlessNotFound(() => session.http.request({ method: "GET", path: ROUTES.invite(String(prior.id)), schema: invite }), null);
    return found && liveOrGone(found);
  },

  list: {
    scope: () => "",
    async fetch({ session }) {
      const invites = await listAll(session, ROUTES.invites, invite);
      return invites.map(liveOrGone);
    },
  },

  async create({ session }, args) {
    const created = await session.http.request({
      method: "POST",
      path: ROUTES.invites,
      // projects is sent even when empty: an invite without it joins the default project (the
      // API's legacy behaviour), so [] is what "no project" means, not an unset field.
      body: { email: args.email, role: args.role, projects: args.projects },
      schema: invite,
    });
    return toAttributes(created);
  },

  async delete({ session }, prior) {
    await unlessNotFound(() => session.http.request({ method: "DELETE", path: ROUTES.invite(String(prior.id)), schema: deleted }), undefined);
  },

  async importById({ session }, id) {
    const found = await unlessNotFound(() => session.http.request({ method: "GET", path: ROUTES.invite(id), schema: invite }), null);
    return found && toAttributes(found);
  },
};
