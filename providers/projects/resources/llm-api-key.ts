/**
 * `projects_llm_api_key`: a project's key for an LLM provider (openai, anthropic …). The API can
 * only create and delete, so every argument forces replacement. The provider's key is write-only:
 * it goes out in the create body and never comes back (the API shows a display form only), so the
 * engine keeps a fingerprint and the plan says drift on it cannot be detected.
 */
import type { Attributes, ResourceType } from "../../../src/provider/contract";
import { revealDeep } from "../../../src/values/sensitive";
import { ROUTES, document, type ProjectsSession } from "../client";
import { parseIncluded, projectIncluded } from "./project";
import { llmApiKeyArguments, llmApiKeyObject, noContent, one, type LlmApiKeyObject } from "../spec";
import { unlessNotFound } from "../../../src/provider/not-found";
import { childImportId, parseImportId } from "../../../src/provider/kit/import-id";
import { llmApiKeyComputed } from "../spec-computed";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

function toAttributes(projectId: string, key: LlmApiKeyObject): Attributes {
  const { attributes } = key;
  return {
    id: key.id,
    project_id: projectId,
    llm_provider: attributes.provider,
    custom_models: attributes.customModels,
    with_default_models: attributes.withDefaultModels,
    display_secret_key: attributes.displaySecretKey,
    created_at: attributes.createdAt,
  };
}

async function listKeys(session: ProjectsSession, projectId: string): Promise<Attributes[]> {
  const included = await projectIncluded(session, projectId, "llmApiKeys", "llm_api_keys");
  return included.map((object) => toAttributes(projectId, parseIncluded(llmApiKeyObject, object)));
}

export const llmApiKeyType: ResourceType<ProjectsSession> = {
  type: "projects_llm_api_key",
  constructName: "ProjectLlmApiKey",
  importId: childImportId("project_id"),
  ...declarationsOf(llmApiKeyArguments, llmApiKeyComputed),
  // The API reports no use of an LLM key: last use is unknown.
  keyReport: { createdAt: "created_at", label: ["llm_provider", "display_secret_key"] },

  async read({ session }, prior) {
    const keys = await listKeys(session, String(prior.project_id));
    return keys.find((key) => key.id === prior.id) ?? null;
  },

  list: {
    scope: (attributes) => String(attributes.project_id),
    parent: { type: "projects_project", scopeOf: (parent) => String(parent.id) },
    fetch: ({ session }, projectId) => listKeys(session, projectId),
  },

  async create({ session }, args) {
    const projectId = String(args.project_id);
    // The key may still be wrapped when it comes from a sensitive variable.
    const secretKey = String(revealDeep(args.secret_key));
    // Registered before the call: an API that echoes the body in an error cannot leak it.
    session.http.addSecret(secretKey);
    const created = await session.http.request({
      method: "POST",
      path: ROUTES.llmApiKeys(session.organizationId, projectId),
      body: document("llm_api_keys", {
        provider: args.llm_provider,
        secretKey,
        customModels: args.custom_models,
        withDefaultModels: args.with_default_models,
      }),
      schema: one(llmApiKeyObject),
    });
    return toAttributes(projectId, created.data);
  },

  async delete({ session }, prior) {
    await unlessNotFound(() => session.http.request({
      method: "DELETE",
      path: ROUTES.llmApiKey(session.organizationId, String(prior.project_id), String(prior.id)),
      schema: noContent,
    }), undefined);
  },

  // Import ids are "<project id>/<llm api key id>"; secret_key stays unknown to orgform.
  async importById({ session }, id) {
    const [projectId, keyId] = parseImportId("projects_llm_api_key", id, ["project id", "llm api key id"]) as [string, string];
    const keys = await listKeys(session, projectId);
    return keys.find((key) => key.id === keyId) ?? null;
  },
};
