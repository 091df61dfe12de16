/**
 * A faithful local Langfuse on loopback: the admin Organizations API (self-hosted, seed 000) and
 * the public API routes an organization- or project-scoped key pair administers
 * (emulator-public.ts). Admin routes take `Bearer <ADMIN_API_KEY>`; public routes take Basic auth
 * with a key pair, and each route refuses the wrong scope (403) as the real service does.
 * Admin rules: POST answers 201; names 3–60 characters without HTML; PUT requires the name and
 * replaces metadata only when given; an organization with projects cannot be deleted; keys are
 * pk-lf-/sk-lf-<uuid>, the secret only in the create response; no GET or update for one key.
 * `seedProject` stands in for projects made in the UI, `seedUser` for people who have signed up.
 */
import { randomUUID } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse } from "../../src/emulator/server";
import { Emulator, defineEmulator } from "../../src/emulator/kit/emulator";
import { metadata as metadataSchema, organizationName } from "./schemas";
import type { ROLES } from "./schemas-public";
import { registerPublicRoutes } from "./emulator-public";
import { z } from "zod";
import { bodyShapeOf } from "../../src/emulator/body-shape";

export type Role = (typeof ROLES)[number];

export interface StoredProject {
  id: string;
  name: string;
  metadata: Record<string, unknown> | null;
  retentionDays: number | null;
  createdAt: string;
  updatedAt: string;
}

interface StoredOrganization {
  id: string;
  name: string;
  metadata: Record<string, unknown>;
  createdAt: string;
  projects: StoredProject[];
}

/** An API key. Organization keys come from the admin API, project keys from the public API. */
export interface StoredKey {
  id: string;
  organizationId: string;
  /** Set for project-scoped keys. */
  projectId?: string;
  note: string | null;
  publicKey: string;
  secretKey: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

export interface StoredUser {
  id: string;
  email: string;
  name: string | null;
}

export interface StoredLlmConnection {
  id: string;
  projectId: string;
  provider: string;
  adapter: string;
  secretKey: string;
  baseURL: string | null;
  customModels: string[];
  withDefaultModels: boolean;
  extraHeaderKeys: string[];
  /** Adapter settings (Bedrock: { region }). */
  config?: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
}

/** Who a Basic auth key pair is: the scope every public route checks. */
export type Principal =
  | { readonly level: "organization"; readonly orgId: string; readonly keyId: string }
  | { readonly level: "project"; readonly orgId: string; readonly projectId: string; readonly keyId: string };

const createBody = z.object({ name: organizationName, metadata: metadataSchema.nullable().optional() });
const updateBody = createBody;
const keyBody = z.object({ note: z.string().nullable().optional() }).optional();

export interface LangfuseEmulatorOptions {
  /** The self-hosted instance's ADMIN_API_KEY. */
  readonly adminApiKey?: string;
}

export class LangfuseEmulator extends Emulator {
  readonly adminApiKey: string;
  readonly organizations = new Map<string, StoredOrganization>();
  /** Organization keys (admin API) by id. */
  readonly keys = new Map<string, StoredKey>();
  /** Project keys (public API) by id. */
  readonly projectKeys = new Map<string, StoredKey>();
  readonly users = new Map<string, StoredUser>();
  /** orgId → userId → role. */
  readonly orgMembers = new Map<string, Map<string, Role>>();
  /** projectId → userId → role. */
  readonly projectMembers = new Map<string, Map<string, Role>>();
  readonly llmConnections = new Map<string, StoredLlmConnection>();
  /**
   * Langfuse deletes a project in a background job: the DELETE answers 202 and the project leaves
   * every read at once, but its organization cannot be deleted until the job is done. Here the
   * job finishes on the Nth request to this emulator after the DELETE (0: at once), or when a
   * test calls finishProjectDeletions(), so tests meet the real behaviour without sleeping.
   */
  projectDeletionDelay = 2;
  private readonly pendingDeletions: Array<{ orgId: string; remaining: number }> = [];

  constructor(options: LangfuseEmulatorOptions = {}) {
    super();
    this.adminApiKey = options.adminApiKey ?? "emulator-admin-key";
    this.server.observe((event) => {
      if (event.phase !== "arrived") return;
      for (const pending of this.pendingDeletions) pending.remaining--;
      this.finishProjectDeletions((pending) => pending.remaining <= 0);
    });
    this.server
      .route("GET", "/api/admin/organizations", () => this.listOrganizations())
      .route("POST", "/api/admin/organizations", (r) => this.createOrganization(r), bodyShapeOf(createBody))
      .route("GET", "/api/admin/organizations/:orgId", (r) => this.withOrganization(r, (org) => ({ status: 200, body: this.render(org) })))
      .route("PUT", "/api/admin/organizations/:orgId", (r) => this.updateOrganization(r), bodyShapeOf(updateBody))
      .route("DELETE", "/api/admin/organizations/:orgId", (r) => this.deleteOrganization(r))
      .route("GET", "/api/admin/organizations/:orgId/apiKeys", (r) => this.withOrganization(r, (org) => this.listKeys(org)))
      .route("POST", "/api/admin/organizations/:orgId/apiKeys", (r) => this.withOrganization(r, (org) => this.createKey(org, r)), bodyShapeOf(keyBody))
      .route("DELETE", "/api/admin/organizations/:orgId/apiKeys/:keyId", (r) => this.withOrganization(r, (org) => this.deleteKey(org, r)));
    registerPublicRoutes(this);
  }

  /** A project made outside the admin API (the Langfuse UI): blocks deleting its organization. */
  seedProject(organizationId: string, name: string): string {
    return this.addProject(this.organization(organizationId), { name, metadata: null, retentionDays: null }).id;
  }

  /** Someone who has signed up to Langfuse, optionally already a member of an organization. */
  seedUser(email: string, name: string | null = null, member?: { organizationId: string; role: Role }): string {
    const existing = this.userByEmail(email);
    const user = existing ?? { id: `user_${randomUUID().replace(/-/g, "").slice(0, 20)}`, email: email.toLowerCase(), name };
    this.users.set(user.id, user);
    if (member) this.membersOf(this.organization(member.organizationId).id).set(user.id, member.role);
    return user.id;
  }

  /** An organization key's pair, for tests that call the public API themselves. */
  organizationKeyPair(organizationId: string): { publicKey: string; secretKey: string } {
    const key = this.createKeyFor(this.organization(organizationId), "test");
    return { publicKey: key.publicKey, secretKey: key.secretKey };
  }

  // ── store helpers shared with emulator-public.ts ───────────────────────────
  organization(id: string): StoredOrganization {
    const org = this.organizations.get(id);
    if (!org) throw new Error(`no organization ${id}`);
    return org;
  }

  addProject(org: StoredOrganization, fields: Pick<StoredProject, "name" | "metadata" | "retentionDays">): StoredProject {
    const now = this.server.clock.iso();
    const project: StoredProject = { id: `proj_${randomUUID().replace(/-/g, "").slice(0, 12)}`, ...fields, createdAt: now, updatedAt: now };
    org.projects.push(project);
    return project;
  }

  /** The project and its organization, wherever it lives. */
  findProject(projectId: string): { org: StoredOrganization; project: StoredProject } | undefined {
    for (const org of this.organizations.values()) {
      const project = org.projects.find((p) => p.id === projectId);
      if (project) return { org, project };
    }
    return undefined;
  }

  /** Deleting a project takes its keys, memberships and LLM connections with it. */
  removeProject(org: StoredOrganization, projectId: string): void {
    org.projects = org.projects.filter((p) => p.id !== projectId);
    for (const key of [...this.projectKeys.values()]) if (key.projectId === projectId) this.projectKeys.delete(key.id);
    for (const connection of [...this.llmConnections.values()]) if (connection.projectId === projectId) this.llmConnections.delete(connection.id);
    this.projectMembers.delete(projectId);
  }

  /** A project DELETE: gone from reads now, still blocking its organization's deletion for a while. */
  deleteProjectLater(org: StoredOrganization, projectId: string): void {
    this.removeProject(org, projectId);
    if (this.projectDeletionDelay > 0) this.pendingDeletions.push({ orgId: org.id, remaining: this.projectDeletionDelay });
  }

  /** Completes the background deletions (all of them, or those `which` picks). */
  finishProjectDeletions(which: (pending: { orgId: string; remaining: number }) => boolean = () => true): void {
    for (let i = this.pendingDeletions.length - 1; i >= 0; i--) if (which(this.pendingDeletions[i]!)) this.pendingDeletions.splice(i, 1);
  }

  /** Project deletions of this organization the background job has not finished. */
  pendingProjectDeletions(orgId: string): number {
    return this.pendingDeletions.filter((pending) => pending.orgId === orgId).length;
  }

  membersOf(orgId: string): Map<string, Role> {
    let members = this.orgMembers.get(orgId);
    if (!members) this.orgMembers.set(orgId, (members = new Map()));
    return members;
  }

  projectMembersOf(projectId: string): Map<string, Role> {
    let members = this.projectMembers.get(projectId);
    if (!members) this.projectMembers.set(projectId, (members = new Map()));
    return members;
  }

  /** Leaving an organization also ends the user's roles in its projects. */
  removeMember(orgId: string, userId: string): boolean {
    const removed = this.membersOf(orgId).delete(userId);
    for (const project of this.organizations.get(orgId)?.projects ?? []) this.projectMembers.get(project.id)?.delete(userId);
    return removed;
  }

  userByEmail(email: string): StoredUser | undefined {
    return [...this.users.values()].find((user) => user.email === email.toLowerCase());
  }

  createKeyFor(org: StoredOrganization, note: string | null, projectId?: string): StoredKey {
    const key: StoredKey = {
      id: randomUUID(),
      organizationId: org.id,
      ...(projectId ? { projectId } : {}),
      note,
      publicKey: `pk-lf-${randomUUID()}`,
      secretKey: `sk-lf-${randomUUID()}`,
      createdAt: this.server.clock.iso(),
      expiresAt: null,
      lastUsedAt: null,
    };
    (projectId ? this.projectKeys : this.keys).set(key.id, key);
    return key;
  }

  /** The principal of a Basic auth header, or undefined when the pair is unknown. */
  principal(request: EmulatorRequest): Principal | undefined {
    const header = request.headers.authorization ?? "";
    if (!header.startsWith("Basic ")) return undefined;
    const decoded = Buffer.from(header.slice("Basic ".length), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const [publicKey, secretKey] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    const orgKey = [...this.keys.values()].find((key) => key.publicKey === publicKey);
    if (orgKey && orgKey.secretKey === secretKey) return { level: "organization", orgId: orgKey.organizationId, keyId: orgKey.id };
    const projectKey = [...this.projectKeys.values()].find((key) => key.publicKey === publicKey);
    if (projectKey && projectKey.secretKey === secretKey && projectKey.projectId) {
      return { level: "project", orgId: projectKey.organizationId, projectId: projectKey.projectId, keyId: projectKey.id };
    }
    return undefined;
  }

  // A wrong method is Langfuse's MethodNotAllowedError, which its API middleware renders with both fields.
  protected errorBody(status: number, message: string): unknown {
    return status === 405 ? { message: "Method not allowed", error: "MethodNotAllowedError" } : { error: message };
  }

  protected override authenticate(request: EmulatorRequest): EmulatorResponse | undefined {
    if (request.path.startsWith("/api/public/")) {
      if (this.principal(request)) return undefined;
      return { status: 401, body: { message: "Invalid credentials. Confirm that you've configured the correct host." } };
    }
    const header = request.headers.authorization;
    if (!header || !header.startsWith("Bearer ")) {
      return { status: 401, body: { error: "Unauthorized", message: "Missing or invalid Authorization header. Expected: Bearer <ADMIN_API_KEY>" } };
    }
    if (header.slice("Bearer ".length) !== this.adminApiKey) {
      return { status: 401, body: { error: "Unauthorized", message: "Invalid admin API key" } };
    }
    return undefined;
  }

  private render(org: StoredOrganization) {
    const projects = org.projects.map(({ id, name, metadata, createdAt, updatedAt }) => ({ id, name, metadata, createdAt, updatedAt }));
    return { id: org.id, name: org.name, createdAt: org.createdAt, metadata: org.metadata, projects };
  }

  private listOrganizations(): EmulatorResponse {
    return { status: 200, body: { organizations: [...this.organizations.values()].map((org) => this.render(org)) } };
  }

  private createOrganization(request: EmulatorRequest): EmulatorResponse {
    const parsed = createBody.safeParse(request.body);
    if (!parsed.success) return invalidBody(parsed.error);
    const org: StoredOrganization = {
      id: `org_${randomUUID().replace(/-/g, "").slice(0, 24)}`,
      name: parsed.data.name,
      metadata: parsed.data.metadata ?? {},
      createdAt: this.server.clock.iso(),
      projects: [],
    };
    this.organizations.set(org.id, org);
    return { status: 201, body: this.render(org) };
  }

  private updateOrganization(request: EmulatorRequest): EmulatorResponse {
    return this.withOrganization(request, (org) => {
      const parsed = updateBody.safeParse(request.body);
      if (!parsed.success) return invalidBody(parsed.error);
      org.name = parsed.data.name;
      // Omitted metadata is kept; given metadata replaces the old wholesale.
      if (parsed.data.metadata !== undefined) org.metadata = parsed.data.metadata ?? {};
      return { status: 200, body: this.render(org) };
    });
  }

  private deleteOrganization(request: EmulatorRequest): EmulatorResponse {
    return this.withOrganization(request, (org) => {
      if (org.projects.length > 0) {
        return { status: 400, body: { error: "Cannot delete organization with existing projects" } };
      }
      if (this.pendingProjectDeletions(org.id) > 0) {
        return { status: 400, body: { error: "Bad Request", message: "Deletion of your projects is still being processed. Please try again later." } };
      }
      this.organizations.delete(org.id);
      this.orgMembers.delete(org.id);
      for (const key of [...this.keys.values()]) if (key.organizationId === org.id) this.keys.delete(key.id);
      return { status: 200, body: { success: true } };
    });
  }

  private listKeys(org: StoredOrganization): EmulatorResponse {
    const apiKeys = [...this.keys.values()].filter((key) => key.organizationId === org.id).map(keySummary);
    return { status: 200, body: { apiKeys } };
  }

  private createKey(org: StoredOrganization, request: EmulatorRequest): EmulatorResponse {
    const parsed = keyBody.safeParse(request.body);
    if (!parsed.success) return invalidBody(parsed.error);
    return { status: 201, body: keyCreated(this.createKeyFor(org, parsed.data?.note ?? null)) };
  }

  private deleteKey(org: StoredOrganization, request: EmulatorRequest): EmulatorResponse {
    const key = this.keys.get(request.params.keyId ?? "");
    if (!key || key.organizationId !== org.id) return { status: 404, body: { error: "API key not found" } };
    this.keys.delete(key.id);
    return { status: 200, body: { success: true } };
  }

  private withOrganization(request: EmulatorRequest, then: (org: StoredOrganization) => EmulatorResponse): EmulatorResponse {
    const org = this.organizations.get(request.params.orgId ?? "");
    if (!org) return { status: 404, body: { error: "Organization not found" } };
    return then(org);
  }
}

/** For `orgform emulate langfuse` and `orgform demo`. */
export const langfuseEmulatorDefinition = defineEmulator({
  name: "langfuse",
  create: () => new LangfuseEmulator(),
  environment: (emulator, url) => ({ LANGFUSE_BASE_URL: url, LANGFUSE_ADMIN_API_KEY: emulator.adminApiKey }),
});

export function displaySecret(secret: string): string {
  return `sk-lf-...${secret.slice(-4)}`;
}

/** A key as lists show it: never the secret. */
export function keySummary(key: StoredKey) {
  return {
    id: key.id,
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    lastUsedAt: key.lastUsedAt,
    note: key.note,
    publicKey: key.publicKey,
    displaySecretKey: displaySecret(key.secretKey),
  };
}

/** The create response: the only time the secret is shown. */
export function keyCreated(key: StoredKey) {
  return { id: key.id, createdAt: key.createdAt, publicKey: key.publicKey, secretKey: key.secretKey, displaySecretKey: displaySecret(key.secretKey), note: key.note };
}

export function invalidBody(error: z.ZodError): EmulatorResponse {
  return { status: 400, body: { error: "Invalid request body", details: error.issues.map((i) => ({ path: i.path, message: i.message })) } };
}
