/**
 * `projects_member`: a user's membership of a project. Add, change the project role in place,
 * deny and restore access in place (`access = "denied" | "active"`), remove. The API reports a
 * denied member with the role NONE and forgets nothing else; while access is denied the declared
 * role cannot be read back, so refresh keeps the prior one and restore sends it explicitly.
 * Email, organization role and project-only cannot be changed on a membership: they replace it.
 */
import type { Attributes, OperationContext, ResourceType } from "../../../src/provider/contract";
import { OrgformError } from "../../../src/errors";
import { ROUTES, document, type ProjectsSession } from "../client";
import { parseIncluded, projectIncluded } from "./project";
import { memberArguments, memberObject, noContent, one, roleProblems, type MemberObject } from "../spec";
import { unlessNotFound } from "../../../src/provider/not-found";
import { childImportId, parseImportId } from "../../../src/provider/kit/import-id";
import { memberComputed } from "../spec-computed";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

const DENIED_ROLE = "NONE";

function toAttributes(projectId: string, member: MemberObject): Attributes {
  const { attributes } = member;
  const denied = attributes.role === DENIED_ROLE;
  return {
    id: member.id,
    project_id: projectId,
    email: attributes.email.toLowerCase(),
    // Omitted while denied: the engine keeps the prior (declared) role.
    ...(denied ? {} : { role: attributes.role }),
    organization_role: attributes.orgRole ?? null,
    project_only: attributes.projectOnly,
    access: denied ? "denied" : "active",
  };
}

/**
 * Every member of a project, in one call: Get Project with `include=users`. List Project Users
 * documents no query parameter, so it has no way past the API's list cache; Get Project is not
 * cached (README, "List cache"). An absent project has no members.
 */
export async function listMembers(session: ProjectsSession, projectId: string): Promise<Attributes[]> {
  const included = await projectIncluded(session, projectId, "users", "users");
  return included.map((object) => toAttributes(projectId, parseIncluded(memberObject, object)));
}

function refuseBadRoles(address: string, args: Attributes): void {
  const problems = roleProblems(args);
  if (problems.length > 0) throw new OrgformError("ARGUMENT_INVALID", `${address}: ${problems.join("; ")}.`, { address });
}

type Ctx = OperationContext<ProjectsSession>;

async function deny(ctx: Ctx, projectId: string, userId: string): Promise<void> {
  await ctx.session.http.request({
    method: "POST",
    path: ROUTES.denyMember(ctx.session.organizationId, projectId, userId),
    schema: noContent,
    idempotent: true, // denying twice is denying once
  });
}

async function restore(ctx: Ctx, projectId: string, userId: string, role: unknown): Promise<void> {
  await ctx.session.http.request({
    method: "POST",
    path: ROUTES.restoreMember(ctx.session.organizationId, projectId, userId),
    body: document("users", { role }, userId),
    schema: noContent,
    idempotent: true,
  });
}

export const memberType: ResourceType<ProjectsSession> = {
  type: "projects_member",
  constructName: "ProjectMember",
  importId: childImportId("project_id"),
  access: { email: "email", role: "role", on: "project", container: "project_id", state: "access" },
  ...declarationsOf(memberArguments, memberComputed),

  async validate(_ctx, args) {
    return roleProblems(args);
  },

  async read({ session }, prior) {
    const members = await listMembers(session, String(prior.project_id));
    return members.find((member) => member.id === prior.id) ?? null;
  },

  list: {
    scope: (attributes) => String(attributes.project_id),
    parent: { type: "projects_project", scopeOf: (parent) => String(parent.id) },
    fetch: ({ session }, projectId) => listMembers(session, projectId),
  },

  async create(ctx, args) {
    refuseBadRoles(ctx.address, args);
    const projectId = String(args.project_id);
    const created = await ctx.session.http.request({
      method: "POST",
      path: ROUTES.members(ctx.session.organizationId, projectId),
      body: document("users", {
        email: args.email,
        role: args.role,
        orgRole: args.organization_role ?? undefined,
        projectOnly: args.project_only,
      }),
      schema: one(memberObject),
    });
    if (args.access === "denied") await deny(ctx, projectId, created.data.id);
    return { ...toAttributes(projectId, created.data), role: args.role, access: args.access };
  },

  async update(ctx, prior, args) {
    refuseBadRoles(ctx.address, args);
    const projectId = String(prior.project_id);
    const userId = String(prior.id);
    const wasDenied = prior.access === "denied";
    if (wasDenied && args.access === "active") {
      // Restore with the declared role, not whatever the API remembers.
      await restore(ctx, projectId, userId, args.role);
    } else if (!wasDenied && args.role !== prior.role) {
      await ctx.session.http.request({
        method: "PATCH",
        path: ROUTES.member(ctx.session.organizationId, projectId, userId),
        body: document("users", { role: args.role }, userId),
        schema: one(memberObject),
      });
    }
    // A role change while denied is only recorded: it takes effect when access is restored.
    if (!wasDenied && args.access === "denied") await deny(ctx, projectId, userId);
    return { ...prior, role: args.role, access: args.access };
  },

  async delete({ session }, prior) {
    await unlessNotFound(() => session.http.request({
      method: "DELETE",
      path: ROUTES.member(session.organizationId, String(prior.project_id), String(prior.id)),
      schema: noContent,
    }), undefined);
  },

  // Import ids are "<project id>/<user id>".
  async importById({ session }, id) {
    const [projectId, userId] = parseImportId("projects_member", id, ["project id", "user id"]) as [string, string];
    const members = await listMembers(session, projectId);
    return members.find((member) => member.id === userId) ?? null;
  },
};
