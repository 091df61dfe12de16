/**
 * `openai_organization_user`: a member of the organization and their role (owner|reader). People
 * join through invites, not this API, so "create" adopts an existing member (and sets the role);
 * update changes the role; delete removes the person from the organization.
 */
import type { Attributes, ResourceType } from "../../../src/provider/contract";
import { OrgformError } from "../../../src/errors";
import { ROUTES, listAll, unlessNotFound, type OpenaiSession } from "../client";
import { deleted, organizationUser, type OrganizationUser, organizationUserArguments, organizationUserComputed } from "../spec";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

export function userAttributes(user: OrganizationUser): Attributes {
  return {
    id: user.id,
    user_id: user.id,
    email: user.email ?? null,
    name: user.name ?? null,
    role: user.role ?? null,
    added_at: user.added_at,
  };
}

function getUser(session: OpenaiSession, userId: string): Promise<OrganizationUser | null> {
  return unlessNotFound(() => session.http.request({ method: "GET", path: ROUTES.user(userId), schema: organizationUser }), null);
}

async function setRole(session: OpenaiSession, userId: string, role: unknown): Promise<Attributes> {
  const user = await session.http.request({ method: "POST", path: ROUTES.user(userId), body: { role }, schema: organizationUser, idempotent: true });
  return userAttributes(user);
}

export const organizationUserType: ResourceType<OpenaiSession> = {
  type: "openai_organization_user",
  access: { email: "email", userId: "user_id", role: "role", on: "organization" },
  ...declarationsOf(organizationUserArguments, organizationUserComputed),
  verbs: {
    create: "adopted",
    delete: "removed from the organization",
    deleteNote: "the person loses access to the organization and its projects; inviting them again needs an openai_invite",
  },

  async read({ session }, prior) {
    const user = await getUser(session, String(prior.user_id ?? prior.id));
    return user && userAttributes(user);
  },

  list: {
    scope: () => "",
    async fetch({ session }) {
      const users = await listAll(session, ROUTES.users, organizationUser);
      return users.map(userAttributes);
    },
  },

  async create({ session, address }, args) {
    const userId = String(args.user_id);
    const user = await getUser(session, userId);
    if (!user) {
      throw new OrgformError(
        "ARGUMENT_INVALID",
        `${address}: user ${userId} is not a member of the organization, so there is nobody to adopt. Invite them with an openai_invite first.`,
        { address, field: "user_id" },
      );
    }
    return user.role === args.role ? userAttributes(user) : setRole(session, userId, args.role);
  },

  update: ({ session }, prior, args) => setRole(session, String(prior.user_id ?? prior.id), args.role),

  async delete({ session }, prior) {
    await unlessNotFound(() => session.http.request({ method: "DELETE", path: ROUTES.user(String(prior.user_id ?? prior.id)), schema: deleted }), undefined);
  },

  async importById({ session }, id) {
    const user = await getUser(session, id);
    return user && userAttributes(user);
  },
};
