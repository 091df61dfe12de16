/**
 * The emulator's project API keys (`/organization/projects/{project_id}/api_keys`): list, retrieve
 * and delete only, as the API offers; keys come from people in the dashboard (`seedProjectApiKey`)
 * or with a service account. Each names its owner (a user with their project role, or a service
 * account), shows `redacted_value` only, and `last_used_at`. `owner_project_access` says whether
 * the owner still has the project: without the filter the list shows only keys whose owner does
 * (the API's "membership-based visibility"), `any` shows every key.
 */
import type { EmulatorRequest, EmulatorResponse, EmulatorServer } from "../../../src/emulator/server";
import { apiError, newId, notFound, paginate, redactKey, type OpenaiStore, type StoredProject, type StoredProjectApiKey } from "./store";

const P = "/v1/organization/projects";
const ACCESS_FILTERS = ["active", "inactive", "any"] as const;

export function registerProjectKeyRoutes(server: EmulatorServer, store: OpenaiStore): void {
  const ownerHasAccess = (key: StoredProjectApiKey): boolean =>
    key.owner.type === "user" ? store.projectUsers.get(key.project_id)?.has(key.owner.user_id) === true : store.serviceAccounts.has(key.owner.service_account_id);

  const renderOwner = (key: StoredProjectApiKey) => {
    if (key.owner.type === "service_account") {
      const account = store.serviceAccounts.get(key.owner.service_account_id);
      return { type: "service_account", service_account: { id: key.owner.service_account_id, name: account?.name ?? "", role: account?.role ?? "member", created_at: account?.created_at ?? 0 } };
    }
    const user = store.users.get(key.owner.user_id);
    const membership = store.projectUsers.get(key.project_id)?.get(key.owner.user_id);
    return {
      type: "user",
      user: { id: key.owner.user_id, email: user?.email ?? "", name: user?.name ?? "", role: membership?.role ?? "member", created_at: user?.added_at ?? 0 },
    };
  };

  const render = (key: StoredProjectApiKey) => ({
    object: "organization.project.api_key",
    id: key.id,
    name: key.name,
    redacted_value: redactKey(key.value),
    created_at: key.created_at,
    last_used_at: key.last_used_at,
    owner: renderOwner(key),
    owner_project_access: ownerHasAccess(key) ? "active" : "inactive",
  });

  const withKey = (r: EmulatorRequest, then: (project: StoredProject, key: StoredProjectApiKey) => EmulatorResponse): EmulatorResponse => {
    const project = store.projects.get(r.params.projectId ?? "");
    if (!project) return notFound("project", r.params.projectId ?? "");
    const key = store.projectApiKeys.get(r.params.keyId ?? "");
    if (!key || key.project_id !== project.id) return notFound("API key", r.params.keyId ?? "");
    return then(project, key);
  };

  server
    .route("GET", `${P}/:projectId/api_keys`, (r) => {
      const project = store.projects.get(r.params.projectId ?? "");
      if (!project) return notFound("project", r.params.projectId ?? "");
      const access = r.query.get("owner_project_access");
      if (access !== null && !(ACCESS_FILTERS as readonly string[]).includes(access)) {
        return apiError(400, `Invalid 'owner_project_access': expected one of ${ACCESS_FILTERS.join(", ")}, got '${access}'.`, "owner_project_access", "invalid_value");
      }
      const keys = store.projectApiKeys.list((key) => {
        if (key.project_id !== project.id) return false;
        if (access === "any") return true;
        return access === "inactive" ? !ownerHasAccess(key) : ownerHasAccess(key);
      });
      return paginate(r, keys, render);
    })
    .route("GET", `${P}/:projectId/api_keys/:keyId`, (r) => withKey(r, (_project, key) => ({ status: 200, body: render(key) })))
    .route("DELETE", `${P}/:projectId/api_keys/:keyId`, (r) =>
      withKey(r, (_project, key) => {
        store.projectApiKeys.delete(key.id);
        return { status: 200, body: { object: "organization.project.api_key.deleted", id: key.id, deleted: true } };
      }),
    );
}

/** A key a person made in the dashboard (or a service account's): the Admin API cannot make one. */
export function addProjectApiKey(store: OpenaiStore, projectId: string, name: string, owner: StoredProjectApiKey["owner"], id = newId("key_")): StoredProjectApiKey {
  const key: StoredProjectApiKey = {
    id,
    project_id: projectId,
    name,
    value: `${owner.type === "user" ? "sk-proj-" : "sk-svcacct-"}${newId("", 48)}`,
    created_at: store.now(),
    last_used_at: null,
    owner,
  };
  store.projectApiKeys.set(key.id, key);
  return key;
}
