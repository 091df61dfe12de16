/**
 * `langfuse_project`: a project in the organization of an organization-scoped key. Create
 * (POST), rename / retention / metadata in place (PUT keeps the id), delete (DELETE answers 202:
 * Langfuse deletes the data asynchronously, the project is gone from every listing at once).
 * Reads go through the organization's project list, which does not carry retention: retention
 * set outside orgform cannot be seen, so `retention_days` keeps what the stack said.
 */
import type { Attributes, OperationContext, ResourceType } from "../../../src/provider/contract";
import { OrgformError } from "../../../src/errors";
import type { LangfuseSession } from "../client";
import { callWith, listOrganizationProjects, onlyCredentialsChanged, ORG_KEY_FROM_PROVIDER, orgCredentials, PUBLIC_ROUTES, type OrganizationProject, validateOrgKey } from "./public-api";
import { projectArguments, projectDeleted, publicProject, type PublicProject, projectComputed } from "../spec";
import { unlessNotFound } from "../../../src/provider/not-found";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

/** Read attributes: never the credentials (the engine keeps those) and never retention (unlisted). */
export function projectAttributes(project: OrganizationProject | PublicProject): Attributes {
  return { id: project.id, name: project.name, metadata: project.metadata };
}

export async function findProject(session: LangfuseSession, attributes: Attributes, address: string, id: string): Promise<OrganizationProject | undefined> {
  const projects = await listOrganizationProjects(session, orgCredentials(session, attributes, address));
  return projects.find((project) => project.id === id);
}

/** Retention is required by the API; metadata goes out only when set (PUT sends {} to clear it). */
function body(args: Attributes, prior?: Attributes) {
  const metadata = args.metadata as Record<string, unknown> | null | undefined;
  const clearing = typeof prior?.metadata === "object" && prior.metadata !== null && Object.keys(prior.metadata).length > 0;
  const send = (metadata && Object.keys(metadata).length > 0) || clearing;
  return { name: args.name, retention: args.retention_days ?? 0, ...(send ? { metadata: metadata ?? {} } : {}) };
}

async function write(ctx: OperationContext<LangfuseSession>, args: Attributes, method: "POST" | "PUT", id?: string, prior?: Attributes): Promise<Attributes> {
  const key = orgCredentials(ctx.session, args, ctx.address);
  const path = id === undefined ? PUBLIC_ROUTES.projects : PUBLIC_ROUTES.project(id);
  const project = await callWith(ctx.session.orgHttp, key, { method, path, body: body(args, prior), schema: publicProject, idempotent: method === "PUT" });
  // The answer leaves retentionDays out when it is 0: what was sent is what the project has.
  return { ...projectAttributes(project), retention_days: project.retentionDays ?? 0 };
}

export const projectType: ResourceType<LangfuseSession> = {
  type: "langfuse_project",
  constructProps: ORG_KEY_FROM_PROVIDER,
  ...declarationsOf(projectArguments, projectComputed),
  validate: validateOrgKey,

  async read(ctx, prior) {
    const found = await findProject(ctx.session, prior, ctx.address, String(prior.id));
    return found ? projectAttributes(found) : null;
  },

  // Creates answer nothing a retry could match by id: an interrupted one is found by name in
  // the organization of the key (names are unique there).
  findCreated: {
    // One collection per organization key (the organization it belongs to).
    scope: (args) => String(args.org_public_key ?? ""),
    fetch: async (ctx, args) => (await listOrganizationProjects(ctx.session, orgCredentials(ctx.session, args, ctx.address))).map(projectAttributes),
    // Drift and the access review read the projects of every managed organization key.
    parent: { type: "langfuse_organization_api_key", argsOf: (key) => ({ org_public_key: key.public_key, org_secret_key: key.secret_key }) },
  },

  async create(ctx, args) {
    try {
      return await write(ctx, args, "POST");
    } catch (error) {
      // Names are unique in an organization: say which project holds it and how to adopt it.
      if (!(error instanceof OrgformError) || error.details.status !== 409) throw error;
      const existing = (await listOrganizationProjects(ctx.session, orgCredentials(ctx.session, args, ctx.address))).find((p) => p.name === args.name);
      const next = existing ? ` To manage it, run: orgform import ${ctx.address} ${existing.id}` : "";
      throw new OrgformError("API_ERROR", `${ctx.address}: the organization already has a project named "${String(args.name)}".${next}`, { status: 409 });
    }
  },

  async update(ctx, prior, args) {
    // A rotated organization key changes how orgform authenticates, not the project.
    if (onlyCredentialsChanged(prior, args, ["name", "retention_days", "metadata"])) return { id: prior.id };
    return write(ctx, args, "PUT", String(prior.id), prior);
  },

  async delete(ctx, prior) {
    const key = orgCredentials(ctx.session, prior, ctx.address);
    // A 404: already gone, the goal is reached.
    await unlessNotFound(() => callWith(ctx.session.orgHttp, key, { method: "DELETE", path: PUBLIC_ROUTES.project(String(prior.id)), schema: projectDeleted }), undefined);
  },

  // Import by project id with the provider's organization key (ids never embed keys).
  async importById(ctx, id) {
    const found = await findProject(ctx.session, {}, ctx.address, id);
    // Retention is not listed: left out, so the first plan sets what the stack says.
    return found ? projectAttributes(found) : null;
  },
};
