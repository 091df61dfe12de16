/**
 * `projects_project`: create, rename in place (PATCH), delete. The project's own key pair comes
 * from GET …?secret=true once, after create (and again through `readSecrets`, for recovery and
 * import); later reads omit it and the engine keeps it.
 */
import { Gone, type Attributes, type OperationContext, type ResourceType } from "../../../src/provider/contract";
import type { z } from "zod";
import { OrgformError } from "../../../src/errors";
import { describeZodIssue } from "../../../src/http/zod-issues";
import { FRESH, ROUTES, document, isNotFound, type ProjectsSession } from "../client";
import { noContent, one, projectArguments, projectDocument, projectList, projectObject, type ProjectObject } from "../spec";
import { unlessNotFound } from "../../../src/provider/not-found";
import { projectComputed } from "../spec-computed";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

function toAttributes(organizationId: string, project: ProjectObject): Attributes {
  return {
    id: project.id,
    organization_id: organizationId,
    name: project.attributes.name,
    is_default: project.attributes.isDefault,
    created_at: project.attributes.createdAt,
  };
}

/** GET one project with its key pair; the keys are registered as secrets of the session. */
export async function projectKeys(
  session: ProjectsSession,
  organizationId: string,
  projectId: string,
): Promise<{ publicKey: string; secretKey: string }> {
  return (await projectWithKeys(session, organizationId, projectId, false)).keys;
}

/** GET one project with its key pair (and, with `users`, its members' ids), in one call. */
async function projectWithKeys(session: ProjectsSession, organizationId: string, projectId: string, users: boolean) {
  const found = await session.http.request({
    method: "GET",
    path: ROUTES.project(organizationId, projectId),
    query: users ? { secret: true, include: "users" } : { secret: true },
    schema: projectDocument,
  });
  const secrets = found.meta?.secrets;
  if (!secrets) {
    throw new OrgformError(
      "API_RESPONSE_INVALID",
      `Projects API: GET project ${projectId} with secret=true returned no meta.secrets; the token may lack permission to read project keys.`,
    );
  }
  session.http.addSecret(secrets.secretKey);
  const memberIds = found.included.filter((object) => object.type === "users").map((object) => object.id).sort();
  return { keys: { publicKey: secrets.publicKey, secretKey: secrets.secretKey }, memberIds };
}

/**
 * A project's related objects (`include=apiKeys`, `users` …); an absent project has none. Get
 * Project documents only `secret` and `include`, and is not cached: no `forceRefresh` here.
 */
export async function projectIncluded(session: ProjectsSession, projectId: string, include: string, type: string) {
  try {
    const found = await session.http.request({
      method: "GET",
      path: ROUTES.project(session.organizationId, projectId),
      query: { include },
      schema: projectDocument,
    });
    return found.included.filter((object) => object.type === type);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

/** One related object in the shape its type expects; a mismatch is the API's fault, said so. */
export function parseIncluded<T>(schema: z.ZodType<T>, object: unknown): T {
  const parsed = schema.safeParse(object);
  if (parsed.success) return parsed.data;
  throw new OrgformError(
    "API_RESPONSE_INVALID",
    `Projects API: an included object in GET project does not match what orgform expects: ${describeZodIssue(parsed.error.issues[0])}.`,
  );
}

async function listProjects(ctx: OperationContext<ProjectsSession>, organizationId: string): Promise<Attributes[]> {
  const { data } = await ctx.session.http.request({
    method: "GET",
    path: ROUTES.projects(organizationId),
    query: FRESH,
    schema: projectList,
  });
  return data.map((project) => toAttributes(organizationId, project));
}

function organizationOf(session: ProjectsSession, attributes: Attributes): string {
  return typeof attributes.organization_id === "string" ? attributes.organization_id : session.organizationId;
}

export const projectType: ResourceType<ProjectsSession> = {
  type: "projects_project",
  constructName: "Project",
  ...declarationsOf(projectArguments, projectComputed),

  async read({ session }, prior) {
    const organizationId = organizationOf(session, prior);
    try {
      const found = await session.http.request({
        method: "GET",
        path: ROUTES.project(organizationId, String(prior.id)),
        schema: projectDocument,
      });
      return toAttributes(organizationId, found.data);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  },

  // One GET lists every project of the organization; the scope is the organization a project
  // was created in, so state made under another organization id is still found there.
  list: {
    scope: (attributes) => String(attributes.organization_id ?? ""),
    fetch: (ctx, scope) => listProjects(ctx, scope || ctx.session.organizationId),
  },

  async create({ session }, args) {
    const organizationId = session.organizationId;
    const created = await session.http.request({
      method: "POST",
      path: ROUTES.projects(organizationId),
      body: document("project", { name: args.name }),
      schema: one(projectObject),
    });
    // The same GET names the members the API made with the project (its creator, the API key's
    // owner, as OWNER): they are part of the project, never reported as unmanaged by drift.
    const { keys, memberIds } = await projectWithKeys(session, organizationId, created.data.id, true);
    return {
      ...toAttributes(organizationId, created.data),
      public_key: keys.publicKey,
      secret_key: keys.secretKey,
      initial_member_ids: memberIds,
    };
  },

  // The API insists the body's id matches the path and the type is "project".
  async update({ session }, prior, args) {
    const organizationId = organizationOf(session, prior);
    const projectId = String(prior.id);
    const updated = await session.http.request({
      method: "PATCH",
      path: ROUTES.project(organizationId, projectId),
      body: document("project", { name: args.name }, projectId),
      schema: one(projectObject),
    });
    // Keys are not in the PATCH response: keep the ones from create.
    return { ...prior, ...toAttributes(organizationId, updated.data) };
  },

  async delete({ session }, prior) {
    await unlessNotFound(() => session.http.request({
      method: "DELETE",
      path: ROUTES.project(organizationOf(session, prior), String(prior.id)),
      schema: noContent,
    }), undefined);
  },

  // Get Project with secret=true hands the pair out at any time: recovery of an interrupted
  // create adopts the project with it instead of replacing it (issue 16, item 5).
  async readSecrets({ session }, attributes) {
    const keys = await projectKeys(session, organizationOf(session, attributes), String(attributes.id));
    return { public_key: keys.publicKey, secret_key: keys.secretKey };
  },

  async importById(ctx, id) {
    const found = await projectType.read(ctx, { id, organization_id: ctx.session.organizationId });
    if (!found || found instanceof Gone) return null;
    return { ...found, ...(await projectType.readSecrets!(ctx, found)) };
  },
};
