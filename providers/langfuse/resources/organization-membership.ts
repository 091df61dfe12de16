/**
 * `langfuse_organization_membership`: a Langfuse user's role in the organization of an
 * organization key. "Create" adopts: a user who is already a member gets their role set (PUT);
 * anyone else joins through SCIM (POST /scim/Users with the role), which links the existing
 * Langfuse account with that email, or creates a password-less one as Langfuse's SCIM does. Role
 * changes are in place; destroy removes the membership (never the user). The id is the user id;
 * imports name the user by email.
 */
import type { Attributes, OperationContext, ResourceType } from "../../../src/provider/contract";
import { OrgformError } from "../../../src/errors";
import type { KeyPair, LangfuseSession } from "../client";
import { callWith, findMemberByEmail, listOrganizationMemberships, onlyCredentialsChanged, ORG_KEY_FROM_PROVIDER, orgCredentials, PUBLIC_ROUTES, validateOrgKey } from "./public-api";
import { membership, membershipDeleted, organizationMembershipArguments, scimUser, type Membership, organizationMembershipComputed } from "../spec";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

/** Read attributes. The `email` argument is left alone so its spelling in the stack never drifts. */
export function membershipAttributes(found: Membership): Attributes {
  return { id: found.userId, user_id: found.userId, role: found.role, user_email: found.email, user_name: found.name ?? null };
}

async function setRole(session: LangfuseSession, key: KeyPair, userId: string, role: string): Promise<Membership> {
  return callWith(session.orgHttp, key, { method: "PUT", path: PUBLIC_ROUTES.organizationMemberships, body: { userId, role }, schema: membership, idempotent: true });
}

async function join(ctx: OperationContext<LangfuseSession>, key: KeyPair, email: string, role: string): Promise<Membership> {
  try {
    const user = await callWith(ctx.session.orgHttp, key, { method: "POST", path: PUBLIC_ROUTES.scimUsers, body: { userName: email, roles: [role] }, schema: scimUser });
    const joined = await findMemberByEmail(ctx.session, key, user.userName);
    if (!joined) throw new OrgformError("API_ERROR", `${ctx.address}: Langfuse added ${email} through SCIM but does not list them as a member.`);
    return joined;
  } catch (error) {
    // 409: they joined meanwhile (another run, the UI): adopt them like any member.
    if (error instanceof OrgformError && error.details?.status === 409) {
      const member = await findMemberByEmail(ctx.session, key, email);
      if (member) return setRole(ctx.session, key, member.userId, role);
    }
    throw error;
  }
}

export const organizationMembershipType: ResourceType<LangfuseSession> = {
  type: "langfuse_organization_membership",
  importId: (attributes) => String(attributes.user_email),
  constructProps: ORG_KEY_FROM_PROVIDER,
  access: { email: "user_email", userId: "user_id", role: "role", on: "organization" },
  ...declarationsOf(organizationMembershipArguments, organizationMembershipComputed),
  verbs: { create: "adopted", delete: "removed from the organization", deleteNote: "the user keeps their Langfuse account" },
  validate: validateOrgKey,
  createIsUpsert: true,

  // The organization's members, read with the key the resource names (or the provider's). Drift
  // and the access review read them inside every managed organization key, so a member added in
  // the UI is listed as made by hand.
  findCreated: {
    scope: (args) => String(args.org_public_key ?? ""),
    fetch: async ({ session, address }, args) => (await listOrganizationMemberships(session, orgCredentials(session, args, address))).map(membershipAttributes),
    parent: { type: "langfuse_organization_api_key", argsOf: (key) => ({ org_public_key: key.public_key, org_secret_key: key.secret_key }) },
  },

  async read({ session, address }, prior) {
    const members = await listOrganizationMemberships(session, orgCredentials(session, prior, address));
    const found = members.find((member) => member.userId === prior.id);
    return found ? membershipAttributes(found) : null;
  },

  async create(ctx, args) {
    const key = orgCredentials(ctx.session, args, ctx.address);
    const email = String(args.email);
    const role = String(args.role);
    const member = await findMemberByEmail(ctx.session, key, email);
    const result = !member ? await join(ctx, key, email, role) : member.role === role ? member : await setRole(ctx.session, key, member.userId, role);
    return membershipAttributes(result);
  },

  async update({ session, address }, prior, args) {
    if (onlyCredentialsChanged(prior, args, ["role"])) return { id: prior.id };
    return membershipAttributes(await setRole(session, orgCredentials(session, args, address), String(prior.id), String(args.role)));
  },

  async delete({ session, address }, prior) {
    // DELETE answers 200 whether or not the user was a member: removal is idempotent.
    await callWith(session.orgHttp, orgCredentials(session, prior, address), {
      method: "DELETE",
      path: PUBLIC_ROUTES.organizationMemberships,
      body: { userId: prior.id },
      schema: membershipDeleted,
    });
  },

  // Import by email with the provider's organization key.
  async importById({ session, address }, email) {
    const found = await findMemberByEmail(session, orgCredentials(session, {}, address), email);
    return found ? { ...membershipAttributes(found), email } : null;
  },
};
