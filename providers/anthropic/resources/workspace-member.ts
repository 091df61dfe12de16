/**
 * `anthropic_workspace_member`: add a user to a workspace, change their workspace role in place,
 * remove them. The API's rules are checked at plan time: workspace_billing cannot be assigned;
 * organization admins are workspace_admin and billing members workspace_billing in every
 * workspace, and neither can be changed or removed inside one; archived workspaces are read-only.
 */
import type { Attributes, OperationContext, ResourceType } from "../../../src/provider/contract";
import { OrgformError } from "../../../src/errors";
import { ROUTES, isClientError, isNotFound, listAll, type AnthropicSession } from "../client";
import { getUser, lookupUserOnce } from "./organization-member";
import { workspaceMember, workspaceMemberArguments, workspaceMemberDeleted, type User, type WorkspaceMember, workspaceMemberComputed } from "../spec";
import { getWorkspace } from "./workspace";
import { parseImportId } from "../../../src/provider/kit/import-id";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

export function memberId(workspaceId: string, userId: string): string {
  return `${workspaceId}/${userId}`;
}

function toAttributes(member: WorkspaceMember): Attributes {
  return {
    id: memberId(member.workspace_id, member.user_id),
    workspace_id: member.workspace_id,
    user_id: member.user_id,
    workspace_role: member.workspace_role,
  };
}

/** Organization roles that carry a fixed workspace role everywhere. */
const IMPLICIT_ROLES: Readonly<Record<string, string>> = { admin: "workspace_admin", billing: "workspace_billing" };

function implicitRefusal(found: User): string {
  return (
    `${found.email} (${found.id}) is an organization ${found.role} member and therefore ${IMPLICIT_ROLES[found.role]} in every workspace; ` +
    `that cannot be changed or removed inside a workspace. Remove this resource, or change their organization role first.`
  );
}

async function getMember(session: AnthropicSession, workspaceId: string, userId: string): Promise<WorkspaceMember | null> {
  try {
    return await session.http.request({ method: "GET", path: ROUTES.member(workspaceId, userId), schema: workspaceMember });
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

async function listMembers(session: AnthropicSession, workspaceId: string): Promise<Attributes[]> {
  try {
    return (await listAll(session, ROUTES.members(workspaceId), workspaceMember)).map(toAttributes);
  } catch (error) {
    if (isNotFound(error)) return []; // the workspace itself is gone: so are its members
    throw error;
  }
}

function setRole(ctx: OperationContext<AnthropicSession>, workspaceId: string, userId: string, role: unknown) {
  return ctx.session.http.request({
    method: "POST",
    path: ROUTES.member(workspaceId, userId),
    idempotent: true,
    body: { workspace_role: role },
    schema: workspaceMember,
  });
}

export const workspaceMemberType: ResourceType<AnthropicSession> = {
  type: "anthropic_workspace_member",
  access: { userId: "user_id", role: "workspace_role", on: "workspace", container: "workspace_id" },
  ...declarationsOf(workspaceMemberArguments, workspaceMemberComputed),

  // The engine prefixes each problem with the resource address.
  async validate({ session }, args) {
    const problems: string[] = [];
    if (args.workspace_role === "workspace_billing") {
      problems.push(`workspace_role "workspace_billing" cannot be assigned; it comes only with the organization "billing" role.`);
    }
    const lookup = lookupUserOnce(session, { user_id: args.user_id });
    const found = lookup ? await lookup : undefined;
    if (found === null) {
      problems.push(`user ${String(args.user_id)} is not a member of the organization; invite them first (anthropic_invite).`);
    } else if (found && IMPLICIT_ROLES[found.role]) {
      problems.push(implicitRefusal(found));
    }
    if (typeof args.workspace_id === "string") {
      const memo = session.planning.workspaces;
      let ws = memo.get(args.workspace_id);
      if (!ws) memo.set(args.workspace_id, (ws = getWorkspace(session, args.workspace_id)));
      const target = await ws;
      if (target?.archived_at) {
        problems.push(`workspace ${target.id} ("${target.name}") is archived; the members of an archived workspace cannot be changed.`);
      }
    }
    return problems;
  },

  async read({ session }, prior) {
    const found = await getMember(session, String(prior.workspace_id), String(prior.user_id));
    return found ? toAttributes(found) : null;
  },

  // One walk per workspace: refresh groups members by their workspace.
  list: {
    scope: (attributes) => String(attributes.workspace_id),
    parent: { type: "anthropic_workspace", scopeOf: (parent) => String(parent.id) },
    fetch: ({ session }, workspaceId) => listMembers(session, workspaceId),
  },

  async create(ctx, args) {
    const workspaceId = String(args.workspace_id);
    const userId = String(args.user_id);
    try {
      const added = await ctx.session.http.request({
        method: "POST",
        path: ROUTES.members(workspaceId),
        body: { user_id: userId, workspace_role: args.workspace_role },
        schema: workspaceMember,
      });
      return toAttributes(added);
    } catch (error) {
      // Already a member (added out of band, or a retried add that committed): make the role match.
      if (!isClientError(error, 400) && !isClientError(error, 409)) throw error;
      const existing = await getMember(ctx.session, workspaceId, userId);
      if (!existing) throw error;
      // The plan could not check this when the ids were still unknown: refuse as validate does.
      const user = await getUser(ctx.session, userId);
      if (user && IMPLICIT_ROLES[user.role]) throw new OrgformError("OPERATION_UNSUPPORTED", implicitRefusal(user));
      if (existing.workspace_role === args.workspace_role) return toAttributes(existing);
      return toAttributes(await setRole(ctx, workspaceId, userId, args.workspace_role));
    }
  },

  async update(ctx, prior, args) {
    return toAttributes(await setRole(ctx, String(prior.workspace_id), String(prior.user_id), args.workspace_role));
  },

  async delete({ session }, prior) {
    try {
      await session.http.request({
        method: "DELETE",
        path: ROUTES.member(String(prior.workspace_id), String(prior.user_id)),
        schema: workspaceMemberDeleted,
      });
    } catch (error) {
      if (isNotFound(error)) return;
      // An archived workspace is read-only and gone for every purpose: its members go with it.
      if (isClientError(error, 400) && (await getWorkspace(session, String(prior.workspace_id)))?.archived_at) return;
      throw error;
    }
  },

  // Import ids are "<workspace id>/<user id>", the same as the resource's id.
  async importById({ session }, id) {
    const [workspaceId, userId] = parseImportId("anthropic_workspace_member", id, ["workspace id", "user id"]) as [string, string];
    const found = await getMember(session, workspaceId, userId);
    return found ? toAttributes(found) : null;
  },
};
