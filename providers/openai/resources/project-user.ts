/**
 * `openai_project_user`: adds an organization member to a project with role owner or member,
 * changes the role in place, removes the user from the project. The user must already be in the
 * organization (see `openai_invite`). The id is `<project id>/<user id>`, which is also the import id.
 */
import type { Attributes, ResourceType } from "../../../src/provider/contract";
import { ROUTES, listAll, splitChildId, unlessNotFound, type OpenaiSession } from "../client";
import { deleted, projectUser, type ProjectUser, projectUserArguments, projectUserComputed } from "../spec";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

const TYPE = "openai_project_user";

function toAttributes(projectId: string, user: ProjectUser): Attributes {
  return {
    id: `${projectId}/${user.id}`,
    project_id: projectId,
    user_id: user.id,
    role: user.role,
    email: user.email ?? null,
    name: user.name ?? null,
    added_at: user.added_at,
  };
}

async function readOne(session: OpenaiSession, projectId: string, userId: string): Promise<Attributes | null> {
  const user = await unlessNotFound(
    () => session.http.request({ method: "GET", path: ROUTES.projectUser(projectId, userId), schema: projectUser }),
    null,
  );
  return user && toAttributes(projectId, user);
}

export const projectUserType: ResourceType<OpenaiSession> = {
  type: TYPE,
  access: { email: "email", userId: "user_id", role: "role", on: "project", container: "project_id" },
  ...declarationsOf(projectUserArguments, projectUserComputed),

  read: ({ session }, prior) => readOne(session, String(prior.project_id), String(prior.user_id)),

  // One walk per project refreshes all of its members.
  list: {
    scope: (attributes) => String(attributes.project_id),
    parent: { type: "openai_project", scopeOf: (parent) => String(parent.id) },
    async fetch({ session }, projectId) {
      // A project that is gone has no members.
      const users = await unlessNotFound(() => listAll(session, ROUTES.projectUsers(projectId), projectUser), []);
      return users.map((user) => toAttributes(projectId, user));
    },
  },

  async create({ session }, args) {
    const projectId = String(args.project_id);
    const user = await session.http.request({
      method: "POST",
      path: ROUTES.projectUsers(projectId),
      body: { user_id: args.user_id, role: args.role },
      schema: projectUser,
    });
    return toAttributes(projectId, user);
  },

  async update({ session }, prior, args) {
    const projectId = String(prior.project_id);
    const user = await session.http.request({
      method: "POST",
      path: ROUTES.projectUser(projectId, String(prior.user_id)),
      body: { role: args.role },
      schema: projectUser,
      idempotent: true,
    });
    return toAttributes(projectId, user);
  },

  async delete({ session }, prior) {
    await unlessNotFound(
      () => session.http.request({ method: "DELETE", path: ROUTES.projectUser(String(prior.project_id), String(prior.user_id)), schema: deleted }),
      undefined,
    );
  },

  async importById({ session }, id) {
    const [projectId, userId] = splitChildId(TYPE, id, "user id");
    return readOne(session, projectId, userId);
  },
};
