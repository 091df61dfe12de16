/** `langfuse_organization`: create, rename and replace metadata in place (PUT), delete. */
import type { Attributes, ResourceType } from "../../../src/provider/contract";
import { isNotFound, unlessNotFound } from "../../../src/provider/not-found";
import { OrgformError } from "../../../src/errors";
import { ROUTES, type LangfuseSession } from "../client";
import { deleted, organization, organizationArguments, organizationList, type Organization, organizationComputed } from "../spec";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

function toAttributes(org: Organization): Attributes {
  return {
    id: org.id,
    name: org.name,
    metadata: org.metadata,
    created_at: org.createdAt,
    project_ids: org.projects.map((project) => project.id),
  };
}

export const organizationType: ResourceType<LangfuseSession> = {
  type: "langfuse_organization",
  ...declarationsOf(organizationArguments, organizationComputed),
  // project_ids is not volatile: renaming or relabelling an organization leaves its projects as
  // they are, so an update plans their prior value (issue 18 item 8), not "(known after apply)".

  async read({ session }, prior) {
    try {
      const org = await session.http.request({ method: "GET", path: ROUTES.organization(String(prior.id)), schema: organization });
      return toAttributes(org);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  },

  // The admin API lists every organization in one call: refresh costs one request in all.
  list: {
    scope: () => "",
    async fetch({ session }) {
      const { organizations } = await session.http.request({ method: "GET", path: ROUTES.organizations, schema: organizationList });
      return organizations.map(toAttributes);
    },
  },

  async create({ session }, args) {
    const org = await session.http.request({
      method: "POST",
      path: ROUTES.organizations,
      // Metadata is optional: none set, none sent.
      body: { name: args.name, metadata: isEmpty(args.metadata) ? undefined : args.metadata },
      schema: organization,
    });
    return toAttributes(org);
  },

  // PUT requires the name and replaces metadata wholesale, which is what the diff wants.
  async update({ session }, prior, args) {
    const org = await session.http.request({
      method: "PUT",
      path: ROUTES.organization(String(prior.id)),
      // PUT replaces metadata: sent when the stack or the organization has some, so removal works.
      body: { name: args.name, metadata: isEmpty(args.metadata) && isEmpty(prior.metadata) ? undefined : (args.metadata ?? {}) },
      schema: organization,
    });
    return toAttributes(org);
  },

  async delete({ session, address, progress }, prior) {
    const id = String(prior.id);
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        await unlessNotFound(() => session.http.request({ method: "DELETE", path: ROUTES.organization(id), schema: deleted }), undefined);
        return;
      } catch (error) {
        if (!isProjectDeletionPending(error)) throw error;
        const elapsed = Date.now() - started;
        if (elapsed >= PROJECT_DELETION_WAIT_MS) {
          throw new OrgformError(
            "API_ERROR",
            `${address}: Langfuse is still deleting the projects of organization ${id} after ${Math.round(elapsed / 1000)}s, so the organization cannot be deleted yet. Run orgform destroy again once they are gone.`,
            { address, status: 400 },
          );
        }
        progress?.(`Still destroying... [${Math.round(elapsed / 1000)}s elapsed] (waiting for Langfuse to finish deleting the organization's projects)`);
        await sleep(Math.min(PROJECT_DELETION_MAX_BACKOFF_MS, 250 * 2 ** attempt));
      }
    }
  },

  async importById(ctx, id) {
    const found = await organizationType.read(ctx, { id });
    return found && !("reason" in found) ? found : null;
  },
};

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "object" && Object.keys(value).length === 0);
}

/**
 * Langfuse deletes projects in a background job and refuses to delete their organization until
 * it is done (400, "Deletion of your projects is still being processed"): destroy waits for it,
 * with backoff, up to this long.
 */
const PROJECT_DELETION_WAIT_MS = 5 * 60_000;
const PROJECT_DELETION_MAX_BACKOFF_MS = 10_000;

function isProjectDeletionPending(error: unknown): boolean {
  return error instanceof OrgformError && error.details?.status === 400 && /still being processed/i.test(error.message);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
