/**
 * `langfuse_project_api_key`: a project-scoped key pair made with an organization key. Like the
 * organization keys of the admin API there is no GET for one key and no update, so reads go
 * through the project's key list and a note change replaces the key. The secret is only in the
 * create response: it is kept as a sensitive attribute. A rotated organization key only changes
 * how orgform authenticates, so it updates the state without touching the key.
 */
import type { Attributes, ResourceType } from "../../../src/provider/contract";
import type { KeyPair, LangfuseSession } from "../client";
import { apiKeyCreated, apiKeyList } from "../spec";
import { keyPairAttributes } from "./organization-api-key";
import { callWith, ORG_KEY_FROM_PROVIDER, orgCredentials, PROJECT_BY_ID, PUBLIC_ROUTES, validateOrgKey } from "./public-api";
import { projectApiKeyArguments, projectDeleted, projectApiKeyComputed } from "../spec";
import { unlessNotFound } from "../../../src/provider/not-found";
import { childImportId, parseImportId } from "../../../src/provider/kit/import-id";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

/** The project's keys; empty when the project itself is gone (so are its keys). */
async function listKeys(session: LangfuseSession, key: KeyPair, projectId: string): Promise<Attributes[]> {
  const listed = await unlessNotFound(() => callWith(session.orgHttp, key, { method: "GET", path: PUBLIC_ROUTES.projectApiKeys(projectId), schema: apiKeyList }), { apiKeys: [] });
  return listed.apiKeys.map((found) => keyPairAttributes({ project_id: projectId }, found));
}

export const projectApiKeyType: ResourceType<LangfuseSession> = {
  type: "langfuse_project_api_key",
  importId: childImportId("project_id"),
  constructProps: { ...ORG_KEY_FROM_PROVIDER, project_id: PROJECT_BY_ID },
  ...declarationsOf(projectApiKeyArguments, projectApiKeyComputed),
  keyReport: { createdAt: "created_at", lastUsedAt: "last_used_at", expiresAt: "expires_at", label: ["note", "public_key"] },
  validate: validateOrgKey,

  async read({ session, address }, prior) {
    const keys = await listKeys(session, orgCredentials(session, prior, address), String(prior.project_id));
    return keys.find((key) => key.id === prior.id) ?? null;
  },

  // An interrupted create is found in the project's key list (its note and its time tell it
  // apart); its secret is lost, so the plan replaces it.
  findCreated: {
    scope: (args) => String(args.project_id),
    fetch: ({ session, address }, args) => listKeys(session, orgCredentials(session, args, address), String(args.project_id)),
    // Drift reads the keys of every managed project with the project's own organization key.
    parent: { type: "langfuse_project", argsOf: (project) => ({ project_id: project.id, org_public_key: project.org_public_key, org_secret_key: project.org_secret_key }) },
  },

  async create({ session, address }, args) {
    const projectId = String(args.project_id);
    const created = await callWith(session.orgHttp, orgCredentials(session, args, address), {
      method: "POST",
      path: PUBLIC_ROUTES.projectApiKeys(projectId),
      body: args.note === null || args.note === undefined ? {} : { note: args.note },
      schema: apiKeyCreated,
    });
    session.orgHttp.addSecret(created.secretKey);
    return { ...keyPairAttributes({ project_id: projectId }, { ...created, expiresAt: null, lastUsedAt: null }), secret_key: created.secretKey };
  },

  // Only credentials can change in place (note and project force a new key): nothing to call.
  async update(_ctx, prior) {
    return { id: prior.id };
  },

  async delete({ session, address }, prior) {
    await unlessNotFound(() => callWith(session.orgHttp, orgCredentials(session, prior, address), {
      method: "DELETE",
      path: PUBLIC_ROUTES.projectApiKey(String(prior.project_id), String(prior.id)),
      schema: projectDeleted,
    }), undefined);
  },

  // Import ids are "<project id>/<api key id>" (never key material), read with the provider's org key.
  async importById({ session, address }, id) {
    const [projectId, keyId] = parseImportId("langfuse_project_api_key", id, ["project id", "api key id"]) as [string, string];
    const keys = await listKeys(session, orgCredentials(session, {}, address), projectId);
    return keys.find((key) => key.id === keyId) ?? null;
  },
};
