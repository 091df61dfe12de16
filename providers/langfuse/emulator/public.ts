/**
 * The Langfuse public API routes on the emulator's server, with the real service's scope rules:
 * projects, project keys, memberships and SCIM users answer organization-scoped key pairs only
 * ("Organization-scoped API key required"); GET /api/public/projects and the LLM connection
 * routes answer project-scoped pairs only. Validation and status codes follow the service:
 * project names 3–60 characters (400), duplicate names 409, retention 0 or ≥ 3 days, project
 * delete 202, membership PUT is an upsert that needs an existing user (organization) or an
 * organization member (project), LLM connections upsert by provider name and page with
 * `page`/`limit` (≤ 100) and `meta.totalPages`; SCIM pages with startIndex/count. Daily metrics
 * and traces (project keys) are emulator/analytics.ts, shared with the Projects API emulator.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { basicCredentials } from "../../../src/emulator/kit/auth";
import type { EmulatorRequest, EmulatorResponse, EmulatorServer } from "../../../src/emulator/server";
import { invalidBody, keyCreated, keySummary, type LangfuseStore, type Principal, type StoredLlmConnection, type StoredProject } from "./store";
import { numberedPage, scimPage } from "../../../src/emulator/kit/paginate";
import { llmConfigProblem, llmConnectionBody, membershipBody, membershipDeleteBody, projectName, retentionDays, scimUserBody } from "../spec";
import { metadata as metadataSchema } from "../spec";

type OrgPrincipal = Extract<Principal, { level: "organization" }>;
type ProjectPrincipal = Extract<Principal, { level: "project" }>;

const ORG_KEY_REQUIRED: EmulatorResponse = { status: 403, body: { message: "Invalid API key. Organization-scoped API key required for this operation." } };
const PROJECT_KEY_REQUIRED: EmulatorResponse = { status: 403, body: { message: "Invalid API key. Are you using an organization key?" } };
const PROJECT_NOT_FOUND: EmulatorResponse = { status: 404, body: { message: "Project not found or you don't have access to it" } };

export function registerPublicRoutes(server: EmulatorServer, store: LangfuseStore): void {
  const principal = (request: EmulatorRequest): Principal | undefined => {
    const pair = basicCredentials(request);
    return pair && store.principal(pair.publicKey, pair.secretKey);
  };
  const asOrg = (handler: (request: EmulatorRequest, who: OrgPrincipal) => EmulatorResponse) => (request: EmulatorRequest) => {
    const who = principal(request);
    return who?.level === "organization" ? handler(request, who) : ORG_KEY_REQUIRED;
  };
  const asProject = (handler: (request: EmulatorRequest, who: ProjectPrincipal) => EmulatorResponse) => (request: EmulatorRequest) => {
    const who = principal(request);
    return who?.level === "project" ? handler(request, who) : PROJECT_KEY_REQUIRED;
  };
  /** The org key's own project named in the path, or 404 (other organizations' projects are invisible). */
  const inProject = (handler: (request: EmulatorRequest, who: OrgPrincipal, project: StoredProject) => EmulatorResponse) =>
    asOrg((request, who) => {
      const found = store.findProject(request.params.projectId ?? "");
      return found && found.org.id === who.orgId ? handler(request, who, found.project) : PROJECT_NOT_FOUND;
    });
  const now = () => server.clock.iso();
  const userView = (userId: string, role: string) => {
    const user = store.users.get(userId)!;
    return { userId, role, email: user.email, name: user.name };
  };

  // Daily metrics and traces: the shared analytics routes (emulator/analytics.ts), for project keys.
  store.analytics.register(server, (request) => {
    const who = principal(request);
    return who?.level === "project" ? who.projectId : PROJECT_KEY_REQUIRED;
  });
  server
    // ── projects ──────────────────────────────────────────────────────────
    .route("GET", "/api/public/projects", asProject((_r, who) => ({ status: 200, body: { data: [projectView(store.findProject(who.projectId)!.project)] } })))
    .route("GET", "/api/public/organizations/projects", asOrg((_r, who) => ({ status: 200, body: { projects: store.organization(who.orgId).projects.map(listedProject) } })))
    .route(
      "POST",
      "/api/public/projects",
      asOrg((request, who) => {
        const parsed = parseProjectBody(request.body);
        if ("status" in parsed) return parsed;
        const org = store.organization(who.orgId);
        if (org.projects.some((p) => p.name === parsed.name)) {
          return { status: 409, body: { message: "A project with this name already exists in your organization" } };
        }
        const project = store.addProject(org, { name: parsed.name, metadata: parsed.metadata ?? null, retentionDays: parsed.retention ?? null });
        return { status: 201, body: projectView(project) };
      }),
    )
    .route(
      "PUT",
      "/api/public/projects/:projectId",
      inProject((request, _who, project) => {
        const parsed = parseProjectBody(request.body);
        if ("status" in parsed) return parsed;
        project.name = parsed.name;
        if (parsed.retention !== undefined) project.retentionDays = parsed.retention;
        if (parsed.metadata !== undefined) project.metadata = parsed.metadata;
        project.updatedAt = now();
        return { status: 200, body: projectView(project) };
      }),
    )
    .route(
      "DELETE",
      "/api/public/projects/:projectId",
      inProject((_request, who, project) => {
        store.deleteProjectLater(store.organization(who.orgId), project.id);
        return { status: 202, body: { success: true, message: "Project deletion has been initiated and is being processed asynchronously" } };
      }),
    )
    // ── project API keys ──────────────────────────────────────────────────
    .route(
      "GET",
      "/api/public/projects/:projectId/apiKeys",
      inProject((_r, _who, project) => ({ status: 200, body: { apiKeys: store.projectKeys.list((k) => k.projectId === project.id).map(keySummary) } })),
    )
    .route(
      "POST",
      "/api/public/projects/:projectId/apiKeys",
      inProject((request, who, project) => {
        const parsed = z.object({ note: z.string().optional() }).optional().safeParse(request.body);
        if (!parsed.success) return invalidBody(parsed.error);
        return { status: 201, body: keyCreated(store.createKeyFor(store.organization(who.orgId), parsed.data?.note ?? null, project.id)) };
      }),
    )
    .route(
      "DELETE",
      "/api/public/projects/:projectId/apiKeys/:apiKeyId",
      inProject((request, _who, project) => {
        const key = store.projectKeys.get(request.params.apiKeyId ?? "");
        if (!key || key.projectId !== project.id) return { status: 404, body: { message: "API key not found" } };
        store.projectKeys.delete(key.id);
        return { status: 200, body: { success: true } };
      }),
    )
    // ── organization memberships ──────────────────────────────────────────
    .route(
      "GET",
      "/api/public/organizations/memberships",
      asOrg((_r, who) => ({ status: 200, body: { memberships: [...store.membersOf(who.orgId)].map(([userId, role]) => userView(userId, role)) } })),
    )
    .route(
      "PUT",
      "/api/public/organizations/memberships",
      asOrg((request, who) => {
        const parsed = membershipBody.safeParse(request.body);
        if (!parsed.success) return invalidBody(parsed.error);
        if (!store.users.has(parsed.data.userId)) return { status: 404, body: { error: "User not found" } };
        store.membersOf(who.orgId).set(parsed.data.userId, parsed.data.role);
        return { status: 200, body: userView(parsed.data.userId, parsed.data.role) };
      }),
    )
    .route(
      "DELETE",
      "/api/public/organizations/memberships",
      asOrg((request, who) => {
        const parsed = membershipDeleteBody.safeParse(request.body);
        if (!parsed.success) return invalidBody(parsed.error);
        // Like the service (deleteMany): 200 whether or not they were a member.
        store.removeMember(who.orgId, parsed.data.userId);
        return { status: 200, body: { message: "Membership deleted successfully", userId: parsed.data.userId } };
      }),
    )
    // ── project memberships ───────────────────────────────────────────────
    .route(
      "GET",
      "/api/public/projects/:projectId/memberships",
      inProject((_r, _who, project) => ({ status: 200, body: { memberships: [...store.projectMembersOf(project.id)].map(([userId, role]) => userView(userId, role)) } })),
    )
    .route(
      "PUT",
      "/api/public/projects/:projectId/memberships",
      inProject((request, who, project) => {
        const parsed = membershipBody.safeParse(request.body);
        if (!parsed.success) return invalidBody(parsed.error);
        if (!store.membersOf(who.orgId).has(parsed.data.userId)) return { status: 404, body: { error: "User is not a member of this organization" } };
        store.projectMembersOf(project.id).set(parsed.data.userId, parsed.data.role);
        return { status: 200, body: userView(parsed.data.userId, parsed.data.role) };
      }),
    )
    .route(
      "DELETE",
      "/api/public/projects/:projectId/memberships",
      inProject((request, _who, project) => {
        const parsed = membershipDeleteBody.safeParse(request.body);
        if (!parsed.success) return invalidBody(parsed.error);
        if (!store.projectMembersOf(project.id).delete(parsed.data.userId)) return { status: 404, body: { error: "Project membership not found" } };
        return { status: 200, body: { message: "Project membership deleted successfully", userId: parsed.data.userId } };
      }),
    )
    // ── SCIM users ────────────────────────────────────────────────────────
    .route(
      "GET",
      "/api/public/scim/Users",
      asOrg((request, who) => {
        const filter = /userName eq "([^"]+)"/i.exec(request.query.get("filter") ?? "")?.[1]?.toLowerCase();
        const members = [...store.membersOf(who.orgId).keys()].map((id) => store.users.get(id)!).filter((u) => !filter || u.email === filter);
        const page = scimPage(members, request.query);
        return { status: 200, body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], ...page, Resources: page.Resources.map(scimView) } };
      }),
    )
    .route(
      "POST",
      "/api/public/scim/Users",
      asOrg((request, who) => {
        const parsed = scimUserBody.safeParse(request.body);
        if (!parsed.success) return { status: 400, body: scimError(400, "userName is required") };
        const email = parsed.data.userName.toLowerCase();
        const existing = store.userByEmail(email);
        if (existing && store.membersOf(who.orgId).has(existing.id)) return { status: 409, body: scimError(409, "User with this userName already exists") };
        // Links the account with this email, or creates one (no password: SSO or reset later).
        const user = store.addUser(email, parsed.data.name?.formatted ?? null);
        store.membersOf(who.orgId).set(user.id, parsed.data.roles?.[0] ?? "NONE");
        return { status: 201, body: scimView(user) };
      }),
    )
    .route(
      "DELETE",
      "/api/public/scim/Users/:userId",
      asOrg((request, who) => {
        if (!store.removeMember(who.orgId, request.params.userId ?? "")) return { status: 404, body: scimError(404, "User not found") };
        return { status: 204 };
      }),
    )
    // ── LLM connections (project keys) ────────────────────────────────────
    .route(
      "GET",
      "/api/public/llm-connections",
      asProject((request, who) => {
        const all = store.llmConnections.list((c) => c.projectId === who.projectId);
        const { page, problem } = numberedPage(all, request.query);
        if (problem) return { status: 400, body: { message: "Invalid request data", error: "page must be ≥ 1 and limit between 1 and 100" } };
        return { status: 200, body: { ...page, data: page.data.map(connectionView) } };
      }),
    )
    .route(
      "PUT",
      "/api/public/llm-connections",
      asProject((request, who) => {
        const parsed = llmConnectionBody.safeParse(request.body);
        if (!parsed.success) return invalidBody(parsed.error);
        const input = parsed.data;
        const configProblem = llmConfigProblem(input.adapter, input.config);
        if (configProblem) return { status: 400, body: { message: "Invalid request data", error: configProblem } };
        const existing = store.llmConnections.list().find((c) => c.projectId === who.projectId && c.provider === input.provider);
        const connection: StoredLlmConnection = {
          id: existing?.id ?? randomUUID(),
          projectId: who.projectId,
          provider: input.provider,
          adapter: input.adapter,
          secretKey: input.secretKey,
          baseURL: input.baseURL ?? null,
          customModels: input.customModels ?? [],
          withDefaultModels: input.withDefaultModels ?? true,
          extraHeaderKeys: Object.keys(input.extraHeaders ?? {}),
          config: input.config ?? null,
          createdAt: existing?.createdAt ?? now(),
          updatedAt: now(),
        };
        store.llmConnections.set(connection.id, connection);
        return { status: existing ? 200 : 201, body: connectionView(connection) };
      }),
    )
    .route(
      "DELETE",
      "/api/public/llm-connections/:id",
      asProject((request, who) => {
        const found = store.llmConnections.get(request.params.id ?? "");
        if (!found || found.projectId !== who.projectId) return { status: 404, body: { message: "LLM connection not found" } };
        store.llmConnections.delete(found.id);
        return { status: 200, body: { message: "LLM connection successfully deleted" } };
      }),
    )
    // The fields each write route documents: strict mode refuses any other (issue 19, item 5).
    .bodyShapes([
      ["POST", "/api/public/projects", projectBodySchema],
      ["PUT", "/api/public/projects/:projectId", projectBodySchema],
      ["POST", "/api/public/projects/:projectId/apiKeys", { note: true }],
      ["PUT", "/api/public/organizations/memberships", membershipBody],
      ["DELETE", "/api/public/organizations/memberships", membershipDeleteBody],
      ["PUT", "/api/public/projects/:projectId/memberships", membershipBody],
      ["DELETE", "/api/public/projects/:projectId/memberships", membershipDeleteBody],
      ["POST", "/api/public/scim/Users", scimUserBody],
      ["PUT", "/api/public/llm-connections", llmConnectionBody],
    ]);
}

const projectBodySchema = z.object({ name: projectName, retention: retentionDays.optional(), metadata: metadataSchema.nullable().optional() });

function parseProjectBody(body: unknown): z.infer<typeof projectBodySchema> | EmulatorResponse {
  const parsed = projectBodySchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const field = parsed.error.issues[0]?.path[0];
  if (field === "retention") return { status: 400, body: { message: "Invalid retention value. Must be 0 or at least 3 days." } };
  if (field === "metadata") return { status: 400, body: { message: "Invalid metadata. Should be a valid JSON object." } };
  return { status: 400, body: { message: "Invalid project name. Should be between 3 and 60 characters." } };
}

/** Create/update/GET answers: retentionDays only when set and non-zero. */
function projectView(project: StoredProject) {
  return { id: project.id, name: project.name, metadata: project.metadata ?? {}, ...(project.retentionDays ? { retentionDays: project.retentionDays } : {}) };
}

/** The organization listing carries timestamps but no retention. */
function listedProject(project: StoredProject) {
  return { id: project.id, name: project.name, metadata: project.metadata, createdAt: project.createdAt, updatedAt: project.updatedAt };
}

function connectionView(c: StoredLlmConnection) {
  const { id, provider, adapter, baseURL, customModels, withDefaultModels, extraHeaderKeys, config, createdAt, updatedAt } = c;
  return { id, provider, adapter, displaySecretKey: `...${c.secretKey.slice(-4)}`, baseURL, customModels, withDefaultModels, extraHeaderKeys, config: config ?? null, createdAt, updatedAt };
}

function scimView(user: { id: string; email: string; name: string | null }) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    id: user.id,
    userName: user.email,
    name: { formatted: user.name },
    emails: [{ primary: true, value: user.email, type: "work" }],
    meta: { resourceType: "User" },
  };
}

function scimError(status: number, detail: string) {
  return { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], detail, status };
}


