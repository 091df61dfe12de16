/**
 * `anthropic_workspace`: create, update in place (POST, not PATCH), and "destroy" by archiving,
 * because the API cannot delete a workspace. An archived workspace is read-only and gone for all
 * purposes: refresh reports it as Gone, so the plan re-creates it instead of renaming it.
 * Data residency is flattened into three arguments; workspace_geo is fixed at creation.
 */
import type { Attributes, OperationContext, ResourceType } from "../../../src/provider/contract";
import { Gone } from "../../../src/provider/contract";
import { OrgformError } from "../../../src/errors";
import { ROUTES, isClientError, isNotFound, listAll, type AnthropicSession } from "../client";
import { residencyProblem, workspace, workspaceArguments, type Workspace, workspaceComputed } from "../spec";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

/** The API's limit on active workspaces per organization. */
export const MAX_ACTIVE_WORKSPACES = 100;
export const ARCHIVED_REASON = "archived outside orgform";

const DEFAULT_RESIDENCY = { workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" } as const;

export function workspaceAttributes(found: Workspace): Attributes {
  const residency = found.data_residency ?? DEFAULT_RESIDENCY;
  return {
    id: found.id,
    name: found.name,
    display_color: found.display_color,
    tags: found.tags ?? {},
    workspace_geo: residency.workspace_geo,
    allowed_inference_geos: residency.allowed_inference_geos,
    default_inference_geo: residency.default_inference_geo,
    created_at: found.created_at,
  };
}

function toReadResult(found: Workspace): Attributes | Gone {
  return found.archived_at ? new Gone(ARCHIVED_REASON, found.id) : workspaceAttributes(found);
}

/** Every workspace, archived ones included so refresh can tell "archived" from "deleted". */
export function listWorkspaces(session: AnthropicSession, includeArchived: boolean): Promise<Workspace[]> {
  return listAll(session, ROUTES.workspaces, workspace, { include_archived: includeArchived ? true : undefined });
}

export async function getWorkspace(session: AnthropicSession, id: string): Promise<Workspace | null> {
  try {
    return await session.http.request({ method: "GET", path: ROUTES.workspace(id), schema: workspace });
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Tags are merged by the API: a key the stack dropped is removed by sending it as null. */
function tagPatch(prior: unknown, desired: Record<string, string>): Record<string, string | null> {
  const patch: Record<string, string | null> = { ...desired };
  if (prior && typeof prior === "object") {
    for (const key of Object.keys(prior)) if (!(key in desired)) patch[key] = null;
  }
  return patch;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Only what the stack set: a server implementing the seed's CreateWorkspaceRequest (name only)
 * refuses any other field, so tags and data residency go out only when they differ from what
 * the API assumes without them.
 */
function createBody(args: Attributes): Record<string, unknown> {
  const body: Record<string, unknown> = { name: args.name };
  if (args.display_color !== undefined) body.display_color = args.display_color;
  if (args.tags && Object.keys(args.tags).length > 0) body.tags = args.tags;
  const residency: Record<string, unknown> = {};
  for (const field of ["workspace_geo", "allowed_inference_geos", "default_inference_geo"] as const) {
    if (!same(args[field], DEFAULT_RESIDENCY[field])) residency[field] = args[field];
  }
  if (Object.keys(residency).length > 0) body.data_residency = residency;
  return body;
}

/** The name (the seed requires it) and whatever else changed since the prior state. */
function updateBody(prior: Attributes, args: Attributes): Record<string, unknown> {
  const body: Record<string, unknown> = { name: args.name };
  if (args.display_color !== undefined && args.display_color !== prior.display_color) body.display_color = args.display_color;
  const tags = tagPatch(prior.tags, (args.tags ?? {}) as Record<string, string>);
  if (!same(tags, prior.tags ?? {})) body.tags = tags;
  const residency: Record<string, unknown> = {};
  for (const field of ["allowed_inference_geos", "default_inference_geo"] as const) {
    if (!same(args[field], prior[field])) residency[field] = args[field];
  }
  if (Object.keys(residency).length > 0) body.data_residency = residency;
  return body;
}

async function countPlannedOverLimit(ctx: OperationContext<AnthropicSession>): Promise<string | undefined> {
  const memo = ctx.session.planning;
  memo.activeWorkspaces ??= listWorkspaces(ctx.session, false).then((all) => all.length);
  const active = await memo.activeWorkspaces;
  memo.plannedWorkspaces.add(ctx.address);
  const total = active + memo.plannedWorkspaces.size;
  if (total <= MAX_ACTIVE_WORKSPACES) return undefined;
  return (
    `the organization has ${active} active workspaces and this plan creates ${memo.plannedWorkspaces.size}; ` +
    `Anthropic allows at most ${MAX_ACTIVE_WORKSPACES} active workspaces. Archive some (remove them from the stack) before adding more.`
  );
}

export const workspaceType: ResourceType<AnthropicSession> = {
  type: "anthropic_workspace",
  ...declarationsOf(workspaceArguments, workspaceComputed),
  verbs: { delete: "archived", deleteNote: "the Admin API cannot delete workspaces; an archived workspace is read-only" },

  async validate(ctx, args, prior) {
    const residency = residencyProblem(args);
    if (residency) return [`${residency}.`];
    if (prior !== undefined) return [];
    const problem = await countPlannedOverLimit(ctx);
    return problem ? [problem] : [];
  },

  refuseChange(prior) {
    if (typeof prior.archived_at === "string" && prior.archived_at) {
      return `workspace ${String(prior.id)} was archived at ${prior.archived_at}; archived workspaces are read-only and cannot be renamed or reconfigured.`;
    }
    return undefined;
  },

  async read({ session }, prior) {
    const found = await getWorkspace(session, String(prior.id));
    return found ? toReadResult(found) : null;
  },

  // One walk over the organization's workspaces, archived ones included (they come back as Gone).
  list: {
    scope: () => "",
    async fetch({ session }) {
      return (await listWorkspaces(session, true)).map(toReadResult);
    },
    identity: (attributes) => String(attributes.id),
  },

  async create({ session }, args) {
    const created = await session.http.request({
      method: "POST",
      path: ROUTES.workspaces,
      body: createBody(args),
      schema: workspace,
    });
    return workspaceAttributes(created);
  },

  async update({ session }, prior, args) {
    const updated = await session.http.request({
      method: "POST",
      path: ROUTES.workspace(String(prior.id)),
      // Updates are idempotent: the same body twice leaves the same workspace, so retrying is safe.
      idempotent: true,
      body: updateBody(prior, args),
      schema: workspace,
    });
    return workspaceAttributes(updated);
  },

  async delete({ session }, prior) {
    const id = String(prior.id);
    try {
      await session.http.request({ method: "POST", path: ROUTES.archive(id), idempotent: true, schema: workspace });
    } catch (error) {
      if (isNotFound(error)) return;
      // Archived already (by someone else, or by a retried call): the goal is reached.
      if (isClientError(error)) {
        const found = await getWorkspace(session, id);
        if (!found || found.archived_at) return;
      }
      if (error instanceof OrgformError) {
        throw new OrgformError(error.code, `archiving workspace ${id} failed: ${error.message}`, error.details);
      }
      throw error;
    }
  },

  async importById({ session }, id) {
    const found = await getWorkspace(session, id);
    if (!found) return null;
    if (found.archived_at) {
      throw new OrgformError("ARGUMENT_INVALID", `workspace ${id} is archived (at ${found.archived_at}); an archived workspace cannot be managed.`);
    }
    return workspaceAttributes(found);
  },
};
