/**
 * `anthropic_organization_member`: users join an organization only by accepting an invite, so
 * this resource adopts an existing member (by user id or email) and makes their role match;
 * update changes the role; destroy removes the user from the organization. Admins are out of
 * reach of the Admin API: the role cannot be granted, and an admin can be neither changed nor
 * removed, which the plan says before anything runs.
 */
import type { Attributes, OperationContext, ResourceType } from "../../../src/provider/contract";
import { OrgformError } from "../../../src/errors";
import { ROUTES, isNotFound, listAll, type AnthropicSession } from "../client";
import { namingProblem, organizationMemberArguments, user, userDeleted, type User, organizationMemberComputed } from "../spec";
import { unlessNotFound } from "../../../src/provider/not-found";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

/**
 * Attributes read back from the API. The arguments `user_id` and `email` are deliberately not
 * returned: the engine keeps what the stack said, so the way a user was named never drifts.
 */
export function memberAttributes(found: User): Attributes {
  return { id: found.id, role: found.role, user_email: found.email, user_name: found.name, added_at: found.added_at };
}

export async function getUser(session: AnthropicSession, id: string): Promise<User | null> {
  try {
    return await session.http.request({ method: "GET", path: ROUTES.user(id), schema: user });
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** The member with this email; the API matches emails case-insensitively. */
export async function findUserByEmail(session: AnthropicSession, email: string): Promise<User | null> {
  const found = await listAll(session, ROUTES.users, user, { email });
  return found.find((candidate) => candidate.email.toLowerCase() === email.toLowerCase()) ?? null;
}

async function findMember(session: AnthropicSession, args: Attributes): Promise<User | null> {
  if (typeof args.user_id === "string") return getUser(session, args.user_id);
  if (typeof args.email === "string") return findUserByEmail(session, args.email);
  return null;
}

/** Plan-time lookups are memoized per session: one read per user however many resources name them. */
export function lookupUserOnce(session: AnthropicSession, key: { user_id?: unknown; email?: unknown }): Promise<User | null> | undefined {
  const cacheKey = typeof key.user_id === "string" ? `id:${key.user_id}` : typeof key.email === "string" ? `email:${key.email.toLowerCase()}` : undefined;
  if (!cacheKey) return undefined;
  const memo = session.planning.users;
  let found = memo.get(cacheKey);
  if (!found) {
    found = findMember(session, key);
    memo.set(cacheKey, found);
  }
  return found;
}

function describe(args: Attributes): string {
  return typeof args.user_id === "string" ? `user ${args.user_id}` : `the user with email ${String(args.email)}`;
}

function noSuchMember(args: Attributes): string {
  return (
    `${describe(args)} is not a member of the organization. Users join only by accepting an invite: ` +
    `declare an anthropic_invite for them, and adopt them here once they have accepted.`
  );
}

function adminRefusal(found: User): string {
  return (
    `${found.email} (${found.id}) is an organization admin; admins can be neither changed nor removed through the Admin API. ` +
    `Change their role in the Claude Console first, or remove this resource from the stack.`
  );
}

export const organizationMemberType: ResourceType<AnthropicSession> = {
  type: "anthropic_organization_member",
  access: { email: "user_email", userId: "id", role: "role", on: "organization" },
  ...declarationsOf(organizationMemberArguments, organizationMemberComputed),
  verbs: { create: "adopted", delete: "removed from the organization", deleteNote: "the user loses access to the organization" },

  async validate(ctx, args) {
    const naming = namingProblem(args);
    if (naming) return [`${naming} (the member to adopt).`];
    const lookup = lookupUserOnce(ctx.session, args);
    if (!lookup) return []; // the user is not known until apply (a reference): checked then
    const found = await lookup;
    if (!found) return [noSuchMember(args)];
    if (found.role === "admin") return [adminRefusal(found)];
    return [];
  },

  async read({ session }, prior) {
    const found = await getUser(session, String(prior.id));
    return found ? memberAttributes(found) : null;
  },

  list: {
    scope: () => "",
    async fetch({ session }) {
      return (await listAll(session, ROUTES.users, user)).map(memberAttributes);
    },
  },

  // "Create" adopts: the member must exist; their role is made to match.
  async create(ctx, args) {
    const found = await findMember(ctx.session, args);
    if (!found) throw new OrgformError("API_NOT_FOUND", noSuchMember(args));
    if (found.role === "admin") throw new OrgformError("OPERATION_UNSUPPORTED", adminRefusal(found));
    const current = found.role === args.role ? found : await setRole(ctx, found.id, String(args.role));
    return { ...memberAttributes(current), user_id: args.user_id, email: args.email };
  },

  async update(ctx, prior, args) {
    const updated = await setRole(ctx, String(prior.id), String(args.role));
    return { ...prior, ...memberAttributes(updated) };
  },

  async delete({ session }, prior) {
    // A 404: already gone, the goal is reached.
    await unlessNotFound(() => session.http.request({ method: "DELETE", path: ROUTES.user(String(prior.id)), schema: userDeleted }), undefined);
  },

  async importById({ session }, id) {
    const found = await getUser(session, id);
    return found ? { ...memberAttributes(found), user_id: found.id } : null;
  },
};

async function setRole(ctx: OperationContext<AnthropicSession>, userId: string, role: string): Promise<User> {
  return ctx.session.http.request({ method: "POST", path: ROUTES.user(userId), idempotent: true, body: { role }, schema: user });
}
