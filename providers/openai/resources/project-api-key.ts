/**
 * `openai_project_api_key`: a key someone made in a project (in the dashboard, or a service
 * account's). The Admin API can list, read and delete these keys but never create one, so this
 * resource adopts an existing key by `api_key_id` (the plan says "adopted") and destroy revokes it.
 * The secret is never readable; `redacted_value` identifies the key. The id is the key id (unique
 * across the organization); the import id is `<project id>/<key id>`, as the API's path needs both.
 */
import type { Attributes, ResourceType } from "../../../src/provider/contract";
import { OrgformError } from "../../../src/errors";
import { ROUTES, listAll, splitChildId, unlessNotFound, type OpenaiSession } from "../client";
import { deleted, type ProjectApiKey, projectApiKey, projectApiKeyArguments, projectApiKeyComputed } from "../spec";
import { childImportId } from "../../../src/provider/kit/import-id";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

const TYPE = "openai_project_api_key";

export function projectApiKeyAttributes(projectId: string, key: ProjectApiKey): Attributes {
  const owner = key.owner?.user ?? key.owner?.service_account ?? null;
  return {
    id: key.id,
    project_id: projectId,
    api_key_id: key.id,
    name: key.name ?? "",
    redacted_value: key.redacted_value,
    created_at: key.created_at,
    last_used_at: key.last_used_at,
    owner_type: key.owner?.type ?? (key.owner?.service_account ? "service_account" : key.owner?.user ? "user" : null),
    owner_id: owner?.id ?? null,
    owner_name: owner?.name ?? null,
    owner_email: key.owner?.user?.email ?? null,
    owner_project_access: key.owner_project_access ?? null,
  };
}

export async function getProjectApiKey(session: OpenaiSession, projectId: string, keyId: string): Promise<Attributes | null> {
  const key = await unlessNotFound(
    () => session.http.request({ method: "GET", path: ROUTES.projectApiKey(projectId, keyId), schema: projectApiKey }),
    null,
  );
  return key && projectApiKeyAttributes(projectId, key);
}

/**
 * Every key of a project, `any` by default: without it the API hides keys whose owner has left
 * the project, which are exactly the ones an admin must find and revoke.
 */
export async function listProjectApiKeys(session: OpenaiSession, projectId: string, ownerProjectAccess = "any"): Promise<Attributes[]> {
  // The reference lists after, limit and owner_project_access for this list, not order.
  const keys = await listAll(session, ROUTES.projectApiKeys(projectId), projectApiKey, { owner_project_access: ownerProjectAccess, order: undefined });
  return keys.map((key) => projectApiKeyAttributes(projectId, key));
}

function noSuchKey(projectId: string, keyId: string): string {
  return (
    `project ${projectId} has no API key ${keyId}. The Admin API cannot create project keys: ` +
    `make one in the OpenAI dashboard (or with an openai_project_service_account), then adopt it here by its id ` +
    `(data.openai_project_api_keys lists a project's keys).`
  );
}

export const projectApiKeyType: ResourceType<OpenaiSession> = {
  type: TYPE,
  importId: childImportId("project_id"),
  ...declarationsOf(projectApiKeyArguments, projectApiKeyComputed),
  keyReport: { createdAt: "created_at", lastUsedAt: "last_used_at", label: ["name", "redacted_value"] },
  verbs: {
    create: "adopted",
    delete: "revoked",
    deleteNote: "the key stops working at once; the Admin API cannot make a new one",
  },

  // Plan time: a key that is not there cannot be adopted, and the apply could not make it.
  async validate({ session }, args, prior) {
    if (prior && prior.api_key_id === args.api_key_id && prior.project_id === args.project_id) return [];
    const found = await getProjectApiKey(session, String(args.project_id), String(args.api_key_id));
    return found ? [] : [noSuchKey(String(args.project_id), String(args.api_key_id))];
  },

  read: ({ session }, prior) => getProjectApiKey(session, String(prior.project_id), String(prior.api_key_id ?? prior.id)),

  list: {
    scope: (attributes) => String(attributes.project_id),
    parent: { type: "openai_project", scopeOf: (parent) => String(parent.id) },
    fetch: ({ session }, projectId) => unlessNotFound(() => listProjectApiKeys(session, projectId), []),
  },

  // "Create" adopts the key as it is: nothing about a project key can be changed through the API.
  async create({ session, address }, args) {
    const projectId = String(args.project_id);
    const keyId = String(args.api_key_id);
    const found = await getProjectApiKey(session, projectId, keyId);
    if (!found) throw new OrgformError("API_NOT_FOUND", `${address}: ${noSuchKey(projectId, keyId)}`, { address, field: "api_key_id" });
    return found;
  },

  async delete({ session }, prior) {
    await unlessNotFound(
      () =>
        session.http.request({
          method: "DELETE",
          path: ROUTES.projectApiKey(String(prior.project_id), String(prior.api_key_id ?? prior.id)),
          schema: deleted,
        }),
      undefined,
    );
  },

  async importById({ session }, id) {
    const [projectId, keyId] = splitChildId(TYPE, id, "key id");
    return getProjectApiKey(session, projectId, keyId);
  },
};
