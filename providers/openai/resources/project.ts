/**
 * `openai_project`: create, rename in place, and archive instead of delete (OpenAI projects cannot
 * be deleted). An archived project cannot be updated: the plan refuses a rename of one, and a
 * refresh that finds a project archived out of band reports it as Gone.
 */
import { Gone, type Attributes, type ResourceType } from "../../../src/provider/contract";
import { ROUTES, listAll, unlessNotFound, type OpenaiSession } from "../client";
import { type Project, project, projectArguments, projectComputed } from "../spec";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

function toAttributes(p: Project): Attributes {
  return {
    id: p.id,
    name: p.name ?? "",
    status: p.status ?? (p.archived_at ? "archived" : "active"),
    created_at: p.created_at,
    archived_at: p.archived_at,
  };
}

function isArchived(p: Project): boolean {
  return p.status === "archived" || p.archived_at !== null;
}

function liveOrGone(p: Project): Attributes | Gone {
  return isArchived(p) ? new Gone(`archived at ${p.archived_at ?? "an unknown time"}`, p.id) : toAttributes(p);
}

export const projectType: ResourceType<OpenaiSession> = {
  type: "openai_project",
  ...declarationsOf(projectArguments, projectComputed),
  verbs: {
    delete: "archived",
    deleteNote: "OpenAI projects cannot be deleted: the project is archived, its keys stop working and it stays listed as archived",
  },

  refuseChange(prior, args) {
    if (prior.status === "archived" && prior.name !== args.name) {
      return `project ${String(prior.id)} is archived and OpenAI cannot update archived projects; declare a new openai_project (a new construct id) instead, or restore the old name`;
    }
    return undefined;
  },

  async read({ session }, prior) {
    const found = await unlessNotFound(
      () => session.http.request({ method: "GET", path: ROUTES.project(String(prior.id)), schema: project }),
      null,
    );
    return found && liveOrGone(found);
  },

  // include_archived so an archived project shows as Gone rather than vanishing without a reason.
  list: {
    scope: () => "",
    async fetch({ session }) {
      const projects = await listAll(session, ROUTES.projects, project, { include_archived: true });
      return projects.map(liveOrGone);
    },
  },

  async create({ session }, args) {
    const created = await session.http.request({ method: "POST", path: ROUTES.projects, body: { name: args.name }, schema: project });
    return toAttributes(created);
  },

  // "Modify project" is a POST to the project itself.
  async update({ session }, prior, args) {
    const updated = await session.http.request({
      method: "POST",
      path: ROUTES.project(String(prior.id)),
      body: { name: args.name },
      schema: project,
      idempotent: true,
    });
    return toAttributes(updated);
  },

  async delete({ session }, prior) {
    await unlessNotFound(
      () => session.http.request({ method: "POST", path: ROUTES.archiveProject(String(prior.id)), schema: project, idempotent: true }),
      undefined,
    );
  },

  async importById({ session }, id) {
    const found = await unlessNotFound(() => session.http.request({ method: "GET", path: ROUTES.project(id), schema: project }), null);
    return found && toAttributes(found);
  },
};
