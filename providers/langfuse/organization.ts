/** `langfuse_organization`: create, rename and replace metadata in place (PUT), delete. */
import type { Attributes, ResourceType } from "../../src/provider/contract";
import { isNotFound, unlessNotFound } from "../../src/provider/not-found";
import { ROUTES, type LangfuseSession } from "./client";
import { deleted, organization, organizationArguments, organizationList, type Organization } from "./schemas";

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
  arguments: organizationArguments,
  computed: ["id", "created_at", "project_ids"],
  forceNew: [],
  sensitive: [],
  volatile: ["project_ids"],

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

  async delete({ session }, prior) {
    await unlessNotFound(() => session.http.request({ method: "DELETE", path: ROUTES.organization(String(prior.id)), schema: deleted }), undefined);
  },

  async importById(ctx, id) {
    const found = await organizationType.read(ctx, { id });
    return found && !("reason" in found) ? found : null;
  },
};

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "object" && Object.keys(value).length === 0);
}
