/**
 * `openai_project_rate_limit`: every project already has one rate limit per model and the API can
 * neither create nor delete them, only change their values. So "create" adopts the project's limit
 * for the model (and sets the limits the stack gives), update changes them in place, and "delete"
 * leaves the limit as it is and forgets it. Limits the stack leaves unset are not managed: they are
 * optional arguments that are also computed, so the refreshed value stands in for them.
 * There is no GET for one limit: reads go through the project's list. The id is
 * `<project id>/<rate limit id>`, which is also the import id.
 */
import type { Attributes, ResourceType } from "../../../src/provider/contract";
import { OrgformError } from "../../../src/errors";
import { ROUTES, listAll, splitChildId, unlessNotFound, type OpenaiSession } from "../client";
import { projectRateLimitArguments, projectRateLimitComputed, RATE_LIMIT_FIELDS, type RateLimit, rateLimit } from "../spec";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

const TYPE = "openai_project_rate_limit";

function toAttributes(projectId: string, limit: RateLimit): Attributes {
  const attributes: Record<string, unknown> = {
    id: `${projectId}/${limit.id}`,
    project_id: projectId,
    rate_limit_id: limit.id,
    model: limit.model,
  };
  // Fields a model does not have (images for a text model) stay absent, not null.
  for (const field of RATE_LIMIT_FIELDS) if (limit[field] !== undefined) attributes[field] = limit[field];
  return attributes;
}

async function listLimits(session: OpenaiSession, projectId: string): Promise<Attributes[]> {
  const limits = await unlessNotFound(() => listAll(session, ROUTES.rateLimits(projectId), rateLimit), []);
  return limits.map((limit) => toAttributes(projectId, limit));
}

/** The limits the stack sets, as the update body: unset ones are not sent, so they are left alone. */
function limitsBody(args: Attributes): Record<string, number> {
  const body: Record<string, number> = {};
  for (const field of RATE_LIMIT_FIELDS) {
    const value = args[field];
    if (typeof value === "number") body[field] = value;
  }
  return body;
}

async function setLimits(session: OpenaiSession, projectId: string, rateLimitId: string, args: Attributes): Promise<Attributes | undefined> {
  const body = limitsBody(args);
  if (Object.keys(body).length === 0) return undefined;
  const updated = await session.http.request({
    method: "POST",
    path: ROUTES.rateLimit(projectId, rateLimitId),
    body,
    schema: rateLimit,
    idempotent: true,
  });
  return toAttributes(projectId, updated);
}

export const projectRateLimitType: ResourceType<OpenaiSession> = {
  type: TYPE,
  ...declarationsOf(projectRateLimitArguments, projectRateLimitComputed),
  verbs: {
    create: "adopted",
    delete: "left as is",
    deleteNote: "OpenAI rate limits cannot be deleted: orgform stops managing this one and the limits keep their current values",
  },

  async read({ session }, prior) {
    const limits = await listLimits(session, String(prior.project_id));
    return limits.find((limit) => limit.id === prior.id) ?? null;
  },

  list: {
    scope: (attributes) => String(attributes.project_id),
    fetch: ({ session }, projectId) => listLimits(session, projectId),
  },

  async create({ session, address }, args) {
    const projectId = String(args.project_id);
    const limits = await listLimits(session, projectId);
    const found = limits.find((limit) => limit.model === args.model);
    if (!found) {
      const models = limits.map((limit) => String(limit.model)).sort();
      throw new OrgformError(
        "ARGUMENT_INVALID",
        `${address}: project ${projectId} has no rate limit for model "${String(args.model)}", so there is none to adopt. ` +
          `Models with limits: ${models.join(", ") || "none"}.`,
        { address, field: "model" },
      );
    }
    return (await setLimits(session, projectId, String(found.rate_limit_id), args)) ?? found;
  },

  async update({ session }, prior, args) {
    const projectId = String(prior.project_id);
    const updated = await setLimits(session, projectId, String(prior.rate_limit_id), args);
    return updated ?? prior;
  },

  // Nothing to call: the limit stays on the project with its current values.
  async delete() {},

  async importById({ session }, id) {
    const [projectId] = splitChildId(TYPE, id, "rate limit id");
    const limits = await listLimits(session, projectId);
    return limits.find((limit) => limit.id === id) ?? null;
  },
};
