/**
 * `anthropic_invite`: create sends the invite, destroy deletes it (only a pending invite can be
 * deleted); a changed email or role replaces it, since the API cannot edit invites. Invites
 * expire after 21 days. An accepted invite has done its job: refresh keeps it as it is, with no
 * re-invite. An expired one is drift (Gone), so the plan invites again.
 */
import type { Attributes, ResourceType } from "../../../src/provider/contract";
import { Gone } from "../../../src/provider/contract";
import { ROUTES, isClientError, isNotFound, listAll, type AnthropicSession } from "../client";
import { lookupUserOnce } from "./organization-member";
import { invite, inviteArguments, inviteDeleted, type Invite, inviteComputed } from "../spec";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

export const INVITE_LIFETIME_DAYS = 21;

function toAttributes(found: Invite): Attributes {
  return {
    id: found.id,
    email: found.email,
    role: found.role,
    status: found.status,
    invited_at: found.invited_at,
    expires_at: found.expires_at,
  };
}

function toReadResult(found: Invite): Attributes | Gone | null {
  if (found.status === "deleted") return null;
  if (found.status === "expired") return new Gone("expired", found.id);
  return toAttributes(found);
}

async function getInvite(session: AnthropicSession, id: string): Promise<Invite | null> {
  try {
    return await session.http.request({ method: "GET", path: ROUTES.invite(id), schema: invite });
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

export const inviteType: ResourceType<AnthropicSession> = {
  type: "anthropic_invite",
  access: { email: "email", role: "role", on: "organization", state: "status", invitation: true },
  ...declarationsOf(inviteArguments, inviteComputed),

  async validate({ session }, args, prior) {
    if (prior !== undefined) return []; // once sent, the invitee joining is the expected outcome
    const lookup = lookupUserOnce(session, { email: args.email });
    const member = lookup ? await lookup : null;
    if (member) {
      return [
        `${member.email} is already a member of the organization (${member.id}, role ${member.role}); ` +
          `an invite would be refused. Manage them with anthropic_organization_member instead.`,
      ];
    }
    return [];
  },

  async read({ session }, prior) {
    const found = await getInvite(session, String(prior.id));
    return found ? toReadResult(found) : null;
  },

  list: {
    scope: () => "",
    async fetch({ session }) {
      const all = await listAll(session, ROUTES.invites, invite);
      return all.map(toReadResult).filter((item): item is Attributes | Gone => item !== null);
    },
  },

  async create({ session }, args) {
    try {
      const sent = await session.http.request({
        method: "POST",
        path: ROUTES.invites,
        body: { email: args.email, role: args.role },
        schema: invite,
      });
      return toAttributes(sent);
    } catch (error) {
      // A pending invite for this email and role already exists (sent out of band, or an earlier
      // attempt committed before its answer was lost): adopt it rather than fail.
      if (!isClientError(error, 400) && !isClientError(error, 409)) throw error;
      const email = String(args.email).toLowerCase();
      const pending = (await listAll(session, ROUTES.invites, invite)).find(
        (candidate) => candidate.status === "pending" && candidate.email.toLowerCase() === email && candidate.role === args.role,
      );
      if (!pending) throw error;
      return toAttributes(pending);
    }
  },

  async delete({ session }, prior) {
    // Accepted, expired or deleted: nothing is left to withdraw (an accepted invite's member stays).
    if (prior.status !== undefined && prior.status !== "pending") return;
    const id = String(prior.id);
    try {
      await session.http.request({ method: "DELETE", path: ROUTES.invite(id), schema: inviteDeleted });
    } catch (error) {
      if (isNotFound(error)) return;
      if (isClientError(error, 400)) {
        const found = await getInvite(session, id);
        if (!found || found.status !== "pending") return;
      }
      throw error;
    }
  },

  async importById({ session }, id) {
    const found = await getInvite(session, id);
    return found ? toAttributes(found) : null;
  },
};
