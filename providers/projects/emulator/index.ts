/**
 * A faithful local Projects ("Organizations") API (seed 001) on loopback, plus the Langfuse
 * public API part that serves its analytics (a second server: the seed hosts analytics on a
 * separate microservice at REACT_APP_LANGFUSE_API_URL, so it gets its own URL, `langfuseUrl`).
 *
 * Rules it keeps: both `Api-Key` and `Authorization: Bearer` are required; bodies and errors are
 * JSON:API; List Projects is cached for 5 minutes on the movable clock unless `forceRefresh=true`;
 * in strict mode a query parameter the seed does not document for the route answers 400
 * (`DOCUMENTED_QUERY`); secrets appear only where the seed says (`meta.secrets` with
 * secret=true, an API key's secret in its create response). Handlers for members and invitations
 * are in emulator/people.ts, the analytics server is the Langfuse emulator's (../langfuse/emulator/analytics.ts).
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { EmulatorRequest, EmulatorResponse } from "../../../src/emulator/server";
import { header } from "../../../src/emulator/kit/auth";
import { Collection } from "../../../src/emulator/kit/collection";
import { Emulator, defineEmulator } from "../../../src/emulator/kit/emulator";
import { LangfuseAnalyticsEmulator } from "../../langfuse/emulator/analytics";
import { acceptInvitation, registerPeopleRoutes, setMemberRole } from "./people";
import { compareProjects, filterProjects } from "./query";
import { jsonApiData, jsonApiError, jsonApiErrorBody, noContent, parseJsonApiDocument } from "../../../src/emulator/kit/json-api";
import {
  notFound,
  renderApiKey,
  renderLlmKey,
  renderMember,
  renderProject,
  type StoredMember,
  type StoredProject,
} from "./store";
import { isoInstant, projectName, type Role } from "../spec";

/** The seed: "List results are cached for 5 minutes." */
export const LIST_CACHE_MS = 5 * 60 * 1000;

const LLM_KEY_PREFIX: Readonly<Record<string, string>> = { openai: "sk-", anthropic: "sk-ant-" };
const LLM_PROVIDERS = ["openai", "anthropic", "azure", "bedrock", "google-vertex-ai", "google-ai-studio"];

export interface ProjectsEmulatorOptions {
  readonly apiKey?: string;
  readonly token?: string;
  readonly organizationId?: string;
  /**
   * Answer 400 to a query parameter the seed does not document for the route (as a JSON:API
   * server that refuses unknown parameters does). Default false; `orgform emulate` and the
   * provider's test fixture run strict.
   */
  readonly strict?: boolean;
  /**
   * The API key's owner. When set, a project made through the API (POST) gets them as an OWNER
   * member, as the real service makes a project's creator one (issue 16, item 15). Default
   * unset; `orgform emulate projects` sets it.
   */
  readonly creatorEmail?: string;
}

/**
 * The query parameters the seed documents, per route; every other route documents none. Only
 * List Projects documents `forceRefresh` (and is the only list the seed says is cached).
 */
export const DOCUMENTED_QUERY = {
  listProjects: ["role", "hasWallet", "hasTools", "hasNotebooks", "minMembers", "maxMembers", "name", "sort", "createdAfter", "createdBefore", "forceRefresh"],
  getProject: ["secret", "include"],
} as const;

export interface SeedProject {
  readonly name: string;
  readonly myRole?: Role;
  readonly hasWallet?: boolean;
  readonly toolsCount?: number;
  readonly notebooksCount?: number;
  readonly createdAt?: string;
  /** Adds these emails as members (role MEMBER, org role MEMBER). */
  readonly memberEmails?: readonly string[];
}

export class ProjectsEmulator extends Emulator {
  readonly analytics: LangfuseAnalyticsEmulator;
  readonly projects = new Collection<StoredProject>();
  /** User ids by email, stable across projects. */
  readonly users = new Map<string, string>();
  readonly apiKey: string;
  readonly token: string;
  readonly organizationId: string;
  /** See ProjectsEmulatorOptions.strict; tests may switch it. */
  strict: boolean;
  /** See ProjectsEmulatorOptions.creatorEmail. */
  readonly creatorEmail: string | undefined;
  private readonly cache = new Map<string, { at: number; body: unknown }>();

  constructor(options: ProjectsEmulatorOptions = {}) {
    super();
    this.apiKey = options.apiKey ?? "emulator-api-key";
    this.token = options.token ?? "emulator-token";
    this.organizationId = options.organizationId ?? "org_emulator";
    this.strict = options.strict ?? false;
    this.creatorEmail = options.creatorEmail?.toLowerCase();
    this.analytics = this.companion(new LangfuseAnalyticsEmulator((publicKey, secretKey) => this.projectForKeyPair(publicKey, secretKey)));
    const org = "/organizations/:orgId";
    const project = `${org}/projects/:projectId`;
    this.route("GET", `${org}/projects`, (r) => this.inOrg(r, () => this.cached(r, () => this.listProjects(r))), DOCUMENTED_QUERY.listProjects)
      .route("POST", `${org}/projects`, (r) => this.inOrg(r, () => this.createProject(r)))
      .route("GET", project, (r) => this.withProject(r, (p) => this.getProject(p, r)), DOCUMENTED_QUERY.getProject)
      .route("PATCH", project, (r) => this.withProject(r, (p) => this.renameProject(p, r)))
      .route("DELETE", project, (r) => this.withProject(r, (p) => this.deleteProject(p)))
      .route("POST", `${project}/api-keys`, (r) => this.withProject(r, (p) => this.createApiKey(p, r)))
      .route("PATCH", `${project}/api-keys/:keyId`, (r) => this.withProject(r, (p) => this.relabelApiKey(p, r)))
      .route("DELETE", `${project}/api-keys/:keyId`, (r) => this.withProject(r, (p) => this.deleteApiKey(p, r)))
      .route("POST", `${project}/llm-api-keys`, (r) => this.withProject(r, (p) => this.createLlmKey(p, r)))
      .route("DELETE", `${project}/llm-api-keys/:keyId`, (r) => this.withProject(r, (p) => this.deleteLlmKey(p, r)));
    registerPeopleRoutes(this, project);
    // Every organization starts with its default project, which cannot be deleted.
    this.seedProject({ name: "Default project" }).isDefault = true;
  }

  /** The analytics service's base URL (LANGFUSE_API_URL), set by start(). */
  get langfuseUrl(): string {
    return this.analytics.url;
  }

  // ── Helpers for tests (changes made outside orgform) ─────────────────────
  seedProject(seed: SeedProject): StoredProject {
    const now = seed.createdAt ?? this.server.clock.iso();
    const project: StoredProject = {
      id: `proj_${randomUUID().slice(0, 12)}`,
      name: seed.name,
      isDefault: false,
      createdAt: now,
      updatedAt: now,
      activityAt: now,
      publicKey: `pk-lf-${randomUUID()}`,
      secretKey: `sk-lf-${randomUUID()}`,
      myRole: seed.myRole ?? "OWNER",
      hasWallet: seed.hasWallet ?? false,
      toolsCount: seed.toolsCount ?? 0,
      notebooksCount: seed.notebooksCount ?? 0,
      apiKeys: new Collection(),
      llmKeys: new Collection(),
      members: new Collection(),
      invitations: new Collection(),
    };
    this.projects.set(project.id, project);
    for (const email of seed.memberEmails ?? []) {
      const id = this.userId(email);
      project.members.set(id, { id, email, role: "MEMBER", previousRole: null, orgRole: "MEMBER", projectOnly: false, createdAt: now });
    }
    return project;
  }

  project(id: string): StoredProject {
    const project = this.projects.get(id);
    if (!project) throw new Error(`emulator: no project ${id}`);
    return project;
  }

  /** Sets an API key's expiry behind orgform's back (e.g. into the past). */
  setApiKeyExpiry(projectId: string, keyId: string, expiresAt: string | null): void {
    const key = this.project(projectId).apiKeys.get(keyId);
    if (!key) throw new Error(`emulator: no API key ${keyId}`);
    key.expiresAt = expiresAt;
  }

  /** The invitee accepts: the invitation disappears and they become a member. */
  acceptInvitation(projectId: string, email: string): StoredMember {
    return acceptInvitation(this, projectId, email);
  }

  /** An admin changes a member's project role outside orgform (NONE denies access). */
  setMemberRole(projectId: string, email: string, role: Role | "NONE"): void {
    setMemberRole(this, projectId, email, role);
  }

  /** The user id for an email, made on first sight. */
  userId(email: string): string {
    const key = email.toLowerCase();
    let id = this.users.get(key);
    if (!id) {
      id = `user_${randomUUID().slice(0, 12)}`;
      this.users.set(key, id);
    }
    return id;
  }

  /** Registers a route that documents the query parameters `query` (none unless listed). */
  route(method: string, pattern: string, handler: (request: EmulatorRequest) => EmulatorResponse, query: readonly string[] = []): this {
    this.server.route(method, pattern, (request) => {
      if (this.strict) {
        const unknown = [...new Set(request.query.keys())].filter((name) => !query.includes(name));
        if (unknown.length > 0) {
          const documented = query.length > 0 ? `this route takes ${query.join(", ")}` : "this route takes none";
          return jsonApiError(400, "Bad Request", `unknown query parameter${unknown.length > 1 ? "s" : ""} ${unknown.map((name) => `"${name}"`).join(", ")} (${documented})`);
        }
      }
      return handler(request);
    });
    return this;
  }

  touch(project: StoredProject): void {
    project.activityAt = this.server.clock.iso();
  }

  /**
   * Answers from the 5-minute cache unless forceRefresh=true (which also refills it). The seed
   * says so for List Projects only, the one list that documents forceRefresh.
   */
  cached(request: EmulatorRequest, compute: () => EmulatorResponse): EmulatorResponse {
    const query = [...request.query.entries()].filter(([name]) => name !== "forceRefresh").sort(([a], [b]) => a.localeCompare(b));
    const key = `${request.path}?${new URLSearchParams(query).toString()}`;
    const now = this.server.clock.now();
    const hit = this.cache.get(key);
    if (request.query.get("forceRefresh") !== "true" && hit && now - hit.at < LIST_CACHE_MS) return { status: 200, body: hit.body };
    const response = compute();
    if (response.status === 200) this.cache.set(key, { at: now, body: JSON.parse(JSON.stringify(response.body)) as unknown });
    return response;
  }

  withProject(request: EmulatorRequest, then: (project: StoredProject) => EmulatorResponse): EmulatorResponse {
    return this.inOrg(request, () => this.projects.found(request.params.projectId, () => notFound("Project"), then));
  }

  private inOrg(request: EmulatorRequest, then: () => EmulatorResponse): EmulatorResponse {
    return request.params.orgId === this.organizationId ? then() : notFound("Organization");
  }

  protected errorBody(status: number, message: string): unknown {
    return jsonApiErrorBody(status, message);
  }

  protected override authenticate(request: EmulatorRequest): EmulatorResponse | undefined {
    const apiKey = header(request, "api-key");
    const authorization = header(request, "authorization");
    if (!apiKey || !authorization) return jsonApiError(401, "Unauthorized", "Both the Api-Key header and Authorization: Bearer <token> are required");
    if (apiKey !== this.apiKey || authorization !== `Bearer ${this.token}`) return jsonApiError(401, "Unauthorized", "Invalid API key or token");
    return undefined;
  }

  private projectForKeyPair(publicKey: string, secretKey: string): string | undefined {
    const now = this.server.clock.now();
    for (const project of this.projects.values()) {
      if (project.publicKey === publicKey && project.secretKey === secretKey) return project.id;
      for (const key of project.apiKeys.values()) {
        const live = key.expiresAt === null || Date.parse(key.expiresAt) > now;
        if (live && key.publicKey === publicKey && key.secretKey === secretKey) return project.id;
      }
    }
    return undefined;
  }

  // ── Projects ─────────────────────────────────────────────────────────────
  private listProjects(request: EmulatorRequest): EmulatorResponse {
    const filtered = filterProjects(this.projects.list(), request.query);
    if ("status" in filtered) return filtered;
    const sort = request.query.get("sort");
    const sorted = sort ? [...filtered].sort(compareProjects(sort)) : filtered;
    return jsonApiData(sorted.map(renderProject));
  }

  private createProject(request: EmulatorRequest): EmulatorResponse {
    const parsed = parseJsonApiDocument(request.body, "project", z.object({ name: projectName }));
    if (!parsed.ok) return parsed.response;
    if (this.projects.list().some((p) => p.name === parsed.attributes.name)) {
      return jsonApiError(409, "Conflict", `A project named "${parsed.attributes.name}" already exists in this organization`);
    }
    const project = this.seedProject({ name: parsed.attributes.name });
    if (this.creatorEmail) {
      // The creator (the API key's owner) is the new project's owner, made with it.
      const id = this.userId(this.creatorEmail);
      project.members.set(id, { id, email: this.creatorEmail, role: "OWNER", previousRole: null, orgRole: "OWNER", projectOnly: false, createdAt: project.createdAt });
    }
    return jsonApiData(renderProject(project), 201);
  }

  private getProject(project: StoredProject, request: EmulatorRequest): EmulatorResponse {
    const include = (request.query.get("include") ?? "").split(",").filter(Boolean);
    const included: unknown[] = [];
    for (const name of include) {
      if (name === "users") included.push(...project.members.list().map(renderMember));
      else if (name === "apiKeys") included.push(...project.apiKeys.list().map((key) => renderApiKey(key)));
      else if (name === "llmApiKeys") included.push(...project.llmKeys.list().map(renderLlmKey));
      else if (name !== "sentinelPasses") return jsonApiError(400, "Bad Request", `include: unknown relationship "${name}"`);
    }
    const body: Record<string, unknown> = { data: renderProject(project) };
    if (include.length > 0) body.included = included;
    if (request.query.get("secret") === "true") body.meta = { secrets: { publicKey: project.publicKey, secretKey: project.secretKey } };
    return { status: 200, body };
  }

  private renameProject(project: StoredProject, request: EmulatorRequest): EmulatorResponse {
    const parsed = parseJsonApiDocument(request.body, "project", z.object({ name: projectName }), project.id);
    if (!parsed.ok) return parsed.response;
    project.name = parsed.attributes.name;
    project.updatedAt = this.server.clock.iso();
    this.touch(project);
    return jsonApiData(renderProject(project));
  }

  private deleteProject(project: StoredProject): EmulatorResponse {
    if (project.isDefault) return jsonApiError(409, "Conflict", "The default project cannot be deleted");
    this.projects.delete(project.id);
    return noContent;
  }

  // ── API keys ─────────────────────────────────────────────────────────────
  private createApiKey(project: StoredProject, request: EmulatorRequest): EmulatorResponse {
    const attributes = z.object({ label: z.string().min(1).max(100), expiresAt: isoInstant.nullable().optional() });
    const parsed = parseJsonApiDocument(request.body, "apiKey", attributes);
    if (!parsed.ok) return parsed.response;
    const expiresAt = parsed.attributes.expiresAt ?? null;
    if (expiresAt && Date.parse(expiresAt) <= this.server.clock.now()) return jsonApiError(422, "Invalid attribute", "expiresAt must be in the future");
    const key = {
      id: `key_${randomUUID().slice(0, 12)}`,
      label: parsed.attributes.label,
      publicKey: `pk-lf-${randomUUID()}`,
      secretKey: `sk-lf-${randomUUID()}`,
      expiresAt,
      createdAt: this.server.clock.iso(),
      lastUsedAt: null,
    };
    project.apiKeys.set(key.id, key);
    this.touch(project);
    return jsonApiData(renderApiKey(key, true), 201);
  }

  // Only the label can change: anything else in the body is refused.
  private relabelApiKey(project: StoredProject, request: EmulatorRequest): EmulatorResponse {
    const key = project.apiKeys.get(request.params.keyId ?? "");
    if (!key) return notFound("API key");
    const parsed = parseJsonApiDocument(request.body, "apiKey", z.strictObject({ label: z.string().min(1).max(100) }), key.id);
    if (!parsed.ok) return parsed.response;
    key.label = parsed.attributes.label;
    this.touch(project);
    return jsonApiData(renderApiKey(key));
  }

  private deleteApiKey(project: StoredProject, request: EmulatorRequest): EmulatorResponse {
    if (!project.apiKeys.delete(request.params.keyId ?? "")) return notFound("API key");
    this.touch(project);
    return noContent;
  }

  // ── LLM API keys ─────────────────────────────────────────────────────────
  private createLlmKey(project: StoredProject, request: EmulatorRequest): EmulatorResponse {
    const attributes = z.object({
      provider: z.enum(LLM_PROVIDERS),
      secretKey: z.string().min(1),
      customModels: z.array(z.string().min(1)).default([]),
      withDefaultModels: z.boolean().default(true),
    });
    const parsed = parseJsonApiDocument(request.body, "llm_api_keys", attributes);
    if (!parsed.ok) return parsed.response;
    const { provider, secretKey, customModels, withDefaultModels } = parsed.attributes;
    const prefix = LLM_KEY_PREFIX[provider];
    // Like some real APIs, this message echoes the key: tests prove orgform redacts it.
    if (prefix && !secretKey.startsWith(prefix)) {
      return jsonApiError(422, "Invalid attribute", `secretKey "${secretKey}" is not a valid ${provider} key (expected ${prefix}…)`);
    }
    if (project.llmKeys.list().some((key) => key.provider === provider)) {
      return jsonApiError(409, "Conflict", `This project already has an LLM API key for ${provider}`);
    }
    const key = { id: `llm_${randomUUID().slice(0, 12)}`, provider, secretKey, customModels, withDefaultModels, createdAt: this.server.clock.iso() };
    project.llmKeys.set(key.id, key);
    this.touch(project);
    return jsonApiData(renderLlmKey(key), 201);
  }

  private deleteLlmKey(project: StoredProject, request: EmulatorRequest): EmulatorResponse {
    if (!project.llmKeys.delete(request.params.keyId ?? "")) return notFound("LLM API key");
    this.touch(project);
    return noContent;
  }
}

/** For `orgform emulate projects` / `orgform demo` (the manifest names it). */
export const projectsEmulatorDefinition = defineEmulator({
  name: "projects",
  create: () => new ProjectsEmulator({ strict: true, creatorEmail: "admin@emulator.test" }),
  environment: (emulator) => ({
    ORGANIZATIONS_API_BASE_URL: emulator.url,
    ORGANIZATIONS_API_KEY: emulator.apiKey,
    ORGANIZATIONS_API_TOKEN: emulator.token,
    ORGANIZATIONS_API_ORGANIZATION_ID: emulator.organizationId,
    LANGFUSE_API_URL: emulator.langfuseUrl,
  }),
});
