/**
 * `projects_api_key`: a project API key pair. The API has no list route for keys: they are read
 * through GET project?include=apiKeys (one GET per project). The secret is only in the create
 * response and is kept as a sensitive attribute; the label is updated in place; a new expiry
 * needs a new key. A key past its expiry is Gone (unusable), so the plan shows why it is remade.
 */
import { Gone, type Attributes, type ResourceType } from "../../../src/provider/contract";
import { ROUTES, document, type ProjectsSession } from "../client";
import { parseIncluded, projectIncluded } from "./project";
import { apiKeyArguments, apiKeyObject, canonicalInstant, noContent, one, type ApiKeyObject } from "../spec";
import { unlessNotFound } from "../../../src/provider/not-found";
import { childImportId, parseImportId } from "../../../src/provider/kit/import-id";
import { apiKeyComputed } from "../spec-computed";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

function toAttributes(projectId: string, key: ApiKeyObject): Attributes {
  const { attributes } = key;
  return {
    id: key.id,
    project_id: projectId,
    label: attributes.label,
    expires_at: attributes.expiresAt ? canonicalInstant(attributes.expiresAt) : null,
    public_key: attributes.publicKey,
    created_at: attributes.createdAt,
    last_used_at: attributes.lastUsedAt ?? null,
  };
}

/** An expired key cannot be used: Gone, carrying its id so a list result still matches its state. */
function expiredOrLive(attributes: Attributes): Attributes | Gone {
  const expiresAt = attributes.expires_at;
  if (typeof expiresAt === "string" && Date.parse(expiresAt) <= Date.now()) {
    return new Gone(`API key ${String(attributes.id)} expired at ${expiresAt}`, String(attributes.id));
  }
  return attributes;
}

async function listKeys(session: ProjectsSession, projectId: string): Promise<Array<Attributes | Gone>> {
  const included = await projectIncluded(session, projectId, "apiKeys", "apiKey");
  return included.map((object) => expiredOrLive(toAttributes(projectId, parseIncluded(apiKeyObject, object))));
}

const idOf = (item: Attributes | Gone): unknown => (item instanceof Gone ? item.identity : item.id);

export const apiKeyType: ResourceType<ProjectsSession> = {
  type: "projects_api_key",
  constructName: "ProjectApiKey",
  importId: childImportId("project_id"),
  ...declarationsOf(apiKeyArguments, apiKeyComputed),
  keyReport: { createdAt: "created_at", lastUsedAt: "last_used_at", expiresAt: "expires_at", label: ["label", "public_key"] },

  async read({ session }, prior) {
    const keys = await listKeys(session, String(prior.project_id));
    return keys.find((key) => idOf(key) === prior.id) ?? null;
  },

  list: {
    scope: (attributes) => String(attributes.project_id),
    parent: { type: "projects_project", scopeOf: (parent) => String(parent.id) },
    fetch: ({ session }, projectId) => listKeys(session, projectId),
    identity: (attributes) => String(idOf(attributes)),
  },

  async create({ session }, args) {
    const projectId = String(args.project_id);
    const created = await session.http.request({
      method: "POST",
      path: ROUTES.apiKeys(session.organizationId, projectId),
      body: document("apiKey", { label: args.label, expiresAt: args.expires_at ?? undefined }),
      schema: one(apiKeyObject),
    });
    const secret = created.data.attributes.secretKey;
    if (secret) session.http.addSecret(secret);
    return { ...toAttributes(projectId, created.data), secret_key: secret ?? null };
  },

  async update({ session }, prior, args) {
    const projectId = String(prior.project_id);
    const updated = await session.http.request({
      method: "PATCH",
      path: ROUTES.apiKey(session.organizationId, projectId, String(prior.id)),
      body: document("apiKey", { label: args.label }, String(prior.id)),
      schema: one(apiKeyObject),
    });
    // The secret is never returned again: keep it from the prior state.
    return { ...prior, ...toAttributes(projectId, updated.data) };
  },

  async delete({ session }, prior) {
    await unlessNotFound(() => session.http.request({
      method: "DELETE",
      path: ROUTES.apiKey(session.organizationId, String(prior.project_id), String(prior.id)),
      schema: noContent,
    }), undefined);
  },

  // Import ids are "<project id>/<api key id>".
  async importById({ session }, id) {
    const [projectId, keyId] = parseImportId("projects_api_key", id, ["project id", "api key id"]) as [string, string];
    const keys = await listKeys(session, projectId);
    const found = keys.find((key) => idOf(key) === keyId);
    return found && !(found instanceof Gone) ? found : null;
  },
};
