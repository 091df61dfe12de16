/**
 * The emulator's project routes: projects (create, modify with POST, archive; archived projects
 * cannot be modified and the Default project cannot be archived), project users (must already be
 * organization members), service accounts (the key value only in the create response) and rate
 * limits (one per model per project; list and update only).
 */
import { z } from "zod";
import type { EmulatorRequest, EmulatorResponse, EmulatorServer } from "../../../src/emulator/server";
import { RATE_LIMIT_FIELDS, keyName, projectRole, rateLimitValues } from "../spec";
import {
  apiError,
  invalidBody,
  newId,
  notFound,
  paginate,
  type OpenaiStore,
  type StoredProject,
  type StoredProjectUser,
  type StoredRateLimit,
  type StoredServiceAccount,
} from "./store";
import { addProjectApiKey, registerProjectKeyRoutes } from "./project-keys";

const P = "/v1/organization/projects";
const projectBody = z.object({ name: z.string().min(1) });
const projectUserBody = z.object({ user_id: z.string().optional(), email: z.string().optional(), role: projectRole });
const roleBody = z.object({ role: projectRole });
const serviceAccountBody = z.object({ name: keyName, create_service_account_only: z.boolean().nullable().optional() });
const serviceAccountUpdate = z.object({ name: keyName.optional(), role: projectRole.optional() });

export function renderProject(project: StoredProject) {
  return {
    id: project.id,
    object: "organization.project",
    name: project.name,
    created_at: project.created_at,
    archived_at: project.archived_at,
    status: project.archived_at === null ? "active" : "archived",
  };
}

export function renderRateLimit(limit: StoredRateLimit) {
  return { object: "project.rate_limit", id: limit.id, model: limit.model, ...limit.values };
}

function renderServiceAccount(account: StoredServiceAccount) {
  return { object: "organization.project.service_account", id: account.id, name: account.name, role: account.role, created_at: account.created_at };
}

export function registerProjectRoutes(server: EmulatorServer, store: OpenaiStore): void {
  const withProject = (request: EmulatorRequest, then: (project: StoredProject) => EmulatorResponse, mutates = false): EmulatorResponse => {
    const project = store.projects.get(request.params.projectId ?? "");
    if (!project) return notFound("project", request.params.projectId ?? "");
    if (mutates && project.archived_at !== null) return apiError(400, `Project ${project.id} is archived and cannot be modified.`, null, "project_archived");
    return then(project);
  };

  const renderMember = (membership: StoredProjectUser & { id: string }) => {
    const user = store.users.get(membership.user_id);
    return {
      object: "organization.project.user",
      id: membership.user_id,
      email: user?.email ?? null,
      name: user?.name ?? null,
      role: membership.role,
      added_at: membership.added_at,
    };
  };
  const members = (projectId: string) => [...(store.projectUsers.get(projectId)?.values() ?? [])].map((m) => ({ ...m, id: m.user_id }));

  server
    .route("GET", P, (r) => {
      const all = store.projects.list((p) => r.query.get("include_archived") === "true" || p.archived_at === null);
      return paginate(r, all, renderProject);
    })
    .route("POST", P, (r) => {
      const parsed = projectBody.safeParse(r.body);
      if (!parsed.success) return invalidBody(parsed.error);
      const project = addProject(store, parsed.data.name, false);
      return { status: 200, body: renderProject(project) };
    })
    .route("GET", `${P}/:projectId`, (r) => withProject(r, (project) => ({ status: 200, body: renderProject(project) })))
    .route("POST", `${P}/:projectId`, (r) =>
      withProject(
        r,
        (project) => {
          const parsed = projectBody.partial().safeParse(r.body ?? {});
          if (!parsed.success) return invalidBody(parsed.error);
          if (parsed.data.name !== undefined) project.name = parsed.data.name;
          return { status: 200, body: renderProject(project) };
        },
        true,
      ),
    )
    .route("POST", `${P}/:projectId/archive`, (r) =>
      withProject(r, (project) => {
        if (project.is_default) return apiError(400, "The Default project cannot be archived.", null, "default_project");
        project.archived_at ??= store.now();
        return { status: 200, body: renderProject(project) };
      }),
    )
    // ── project users ──
    .route("GET", `${P}/:projectId/users`, (r) => withProject(r, (project) => paginate(r, members(project.id), renderMember)))
    .route("POST", `${P}/:projectId/users`, (r) =>
      withProject(
        r,
        (project) => {
          const parsed = projectUserBody.safeParse(r.body);
          if (!parsed.success) return invalidBody(parsed.error);
          const user = parsed.data.user_id
            ? store.users.get(parsed.data.user_id)
            : store.users.list().find((u) => u.email === parsed.data.email);
          if (!user) return apiError(400, "Users must be members of the organization before they can be added to a project.", "user_id", "user_not_in_organization");
          const projectMembers = store.projectUsers.get(project.id) ?? new Map<string, StoredProjectUser>();
          store.projectUsers.set(project.id, projectMembers);
          if (projectMembers.has(user.id)) return apiError(400, `User ${user.id} is already a member of project ${project.id}.`, "user_id", "already_exists");
          const membership = { user_id: user.id, role: parsed.data.role, added_at: store.now() };
          projectMembers.set(user.id, membership);
          return { status: 200, body: renderMember({ ...membership, id: user.id }) };
        },
        true,
      ),
    )
    .route("GET", `${P}/:projectId/users/:userId`, (r) => withProject(r, (project) => withMember(project, r, (m) => ({ status: 200, body: renderMember(m) }))))
    .route("POST", `${P}/:projectId/users/:userId`, (r) =>
      withProject(
        r,
        (project) =>
          withMember(project, r, (m) => {
            const parsed = roleBody.safeParse(r.body);
            if (!parsed.success) return invalidBody(parsed.error);
            store.projectUsers.get(project.id)!.get(m.user_id)!.role = parsed.data.role;
            return { status: 200, body: renderMember({ ...m, role: parsed.data.role }) };
          }),
        true,
      ),
    )
    .route("DELETE", `${P}/:projectId/users/:userId`, (r) =>
      withProject(r, (project) =>
        withMember(project, r, (m) => {
          store.projectUsers.get(project.id)!.delete(m.user_id);
          return { status: 200, body: { object: "organization.project.user.deleted", id: m.user_id, deleted: true } };
        }),
      ),
    )
    // ── service accounts ──
    .route("GET", `${P}/:projectId/service_accounts`, (r) =>
      withProject(r, (project) => paginate(r, store.serviceAccounts.list((a) => a.project_id === project.id), renderServiceAccount)),
    )
    .route("POST", `${P}/:projectId/service_accounts`, (r) =>
      withProject(
        r,
        (project) => {
          const parsed = serviceAccountBody.safeParse(r.body);
          if (!parsed.success) return invalidBody(parsed.error);
          const accountId = newId("svc_acct_");
          // The account's first key is a project API key like any other (listed under api_keys).
          const key = addProjectApiKey(store, project.id, "Secret Key", { type: "service_account", service_account_id: accountId });
          const account: StoredServiceAccount = {
            id: accountId,
            project_id: project.id,
            name: parsed.data.name,
            role: "member",
            created_at: store.now(),
            key_id: key.id,
            key_value: key.value,
          };
          store.serviceAccounts.set(account.id, account);
          const apiKey = { object: "organization.project.service_account.api_key", id: account.key_id, name: "Secret Key", created_at: account.created_at, value: account.key_value };
          return { status: 200, body: { ...renderServiceAccount(account), api_key: apiKey } };
        },
        true,
      ),
    )
    .route("GET", `${P}/:projectId/service_accounts/:accountId`, (r) =>
      withProject(r, (project) => withAccount(project, r, (a) => ({ status: 200, body: renderServiceAccount(a) }))),
    )
    .route("POST", `${P}/:projectId/service_accounts/:accountId`, (r) =>
      withProject(
        r,
        (project) =>
          withAccount(project, r, (account) => {
            const parsed = serviceAccountUpdate.safeParse(r.body ?? {});
            if (!parsed.success) return invalidBody(parsed.error);
            if (parsed.data.name !== undefined) account.name = parsed.data.name;
            if (parsed.data.role !== undefined) account.role = parsed.data.role;
            return { status: 200, body: renderServiceAccount(account) };
          }),
        true,
      ),
    )
    .route("DELETE", `${P}/:projectId/service_accounts/:accountId`, (r) =>
      withProject(r, (project) =>
        withAccount(project, r, (account) => {
          store.serviceAccounts.delete(account.id);
          // Deleting a service account revokes its keys.
          for (const key of store.projectApiKeys.list()) {
            if (key.owner.type === "service_account" && key.owner.service_account_id === account.id) store.projectApiKeys.delete(key.id);
          }
          return { status: 200, body: { object: "organization.project.service_account.deleted", id: account.id, deleted: true } };
        }),
      ),
    )
    // ── rate limits ──
    .route("GET", `${P}/:projectId/rate_limits`, (r) => withProject(r, (project) => paginate(r, store.rateLimits.get(project.id) ?? [], renderRateLimit, 100)))
    .route("POST", `${P}/:projectId/rate_limits/:rateLimitId`, (r) =>
      withProject(
        r,
        (project) => {
          const limit = (store.rateLimits.get(project.id) ?? []).find((l) => l.id === r.params.rateLimitId);
          if (!limit) return notFound("rate limit", r.params.rateLimitId ?? "");
          const parsed = rateLimitValues.safeParse(r.body ?? {});
          if (!parsed.success) return invalidBody(parsed.error);
          for (const field of RATE_LIMIT_FIELDS) {
            const value = parsed.data[field];
            if (value === undefined) continue;
            if (!(field in limit.values)) return apiError(400, `Model ${limit.model} has no '${field}' limit.`, field, "invalid_value");
            limit.values[field] = value;
          }
          return { status: 200, body: renderRateLimit(limit) };
        },
        true,
      ),
    );

  // The fields each write route documents: strict mode refuses any other (issue 19, item 5).
  server.bodyShapes([
    ["POST", P, projectBody],
    ["POST", `${P}/:projectId`, projectBody],
    ["POST", `${P}/:projectId/users`, projectUserBody],
    ["POST", `${P}/:projectId/users/:userId`, roleBody],
    ["POST", `${P}/:projectId/service_accounts`, serviceAccountBody],
    ["POST", `${P}/:projectId/service_accounts/:accountId`, serviceAccountUpdate],
    ["POST", `${P}/:projectId/rate_limits/:rateLimitId`, rateLimitValues],
  ]);
  registerProjectKeyRoutes(server, store);

  function withMember(project: StoredProject, r: EmulatorRequest, then: (m: StoredProjectUser & { id: string }) => EmulatorResponse): EmulatorResponse {
    const membership = store.projectUsers.get(project.id)?.get(r.params.userId ?? "");
    if (!membership) return notFound("project user", r.params.userId ?? "");
    return then({ ...membership, id: membership.user_id });
  }

  function withAccount(project: StoredProject, r: EmulatorRequest, then: (a: StoredServiceAccount) => EmulatorResponse): EmulatorResponse {
    const account = store.serviceAccounts.get(r.params.accountId ?? "");
    if (!account || account.project_id !== project.id) return notFound("service account", r.params.accountId ?? "");
    return then(account);
  }
}

/** A new project with a rate limit for every model in the catalogue (as OpenAI gives them). */
export function addProject(store: OpenaiStore, name: string, isDefault: boolean): StoredProject {
  const project: StoredProject = { id: newId("proj_"), name, created_at: store.now(), archived_at: null, is_default: isDefault };
  store.projects.set(project.id, project);
  store.rateLimits.set(
    project.id,
    [...store.models.entries()].map(([model, values]) => ({ id: `rl-${model}`, model, values: { ...values } })),
  );
  return project;
}
