/**
 * A faithful local Langfuse on loopback: the admin Organizations API (self-hosted, seed 000) and
 * the public API routes an organization- or project-scoped key pair administers
 * (emulator/public.ts), both on one store (emulator/store.ts). Admin routes take
 * `Bearer <ADMIN_API_KEY>`; public routes take Basic auth with a key pair, and each route refuses
 * the wrong scope (403) as the real service does.
 * Admin rules: POST answers 201; names 3–60 characters without HTML; PUT requires the name and
 * replaces metadata only when given; an organization with projects cannot be deleted; keys are
 * pk-lf-/sk-lf-<uuid>, the secret only in the create response; no GET or update for one key.
 * `seedProject` stands in for projects made in the UI, `seedUser` for people who have signed up.
 */
import { z } from "zod";
import { basicCredentials, bearerToken } from "../../../src/emulator/kit/auth";
import { Emulator, defineEmulator } from "../../../src/emulator/kit/emulator";
import type { EmulatorRequest, EmulatorResponse } from "../../../src/emulator/server";
import { registerPublicRoutes } from "./public";
import { LangfuseStore, invalidBody, keyCreated, keySummary, type Role, type StoredOrganization } from "./store";
import { metadata as metadataSchema, organizationName } from "../spec";

const createBody = z.object({ name: organizationName, metadata: metadataSchema.nullable().optional() });
const updateBody = createBody;
const keyBody = z.object({ note: z.string().nullable().optional() }).optional();

export interface LangfuseEmulatorOptions {
  /** The self-hosted instance's ADMIN_API_KEY. */
  readonly adminApiKey?: string;
}

export class LangfuseEmulator extends Emulator {
  readonly adminApiKey: string;
  readonly store: LangfuseStore;

  constructor(options: LangfuseEmulatorOptions = {}) {
    super();
    this.adminApiKey = options.adminApiKey ?? "emulator-admin-key";
    this.store = new LangfuseStore(this.server.clock);
    this.server.observe((event) => {
      if (event.phase === "arrived") this.store.tick();
    });
    this.server
      .route("GET", "/api/admin/organizations", () => this.listOrganizations())
      .route("POST", "/api/admin/organizations", (r) => this.createOrganization(r), createBody)
      .route("GET", "/api/admin/organizations/:orgId", (r) => this.withOrganization(r, (org) => ({ status: 200, body: this.render(org) })))
      .route("PUT", "/api/admin/organizations/:orgId", (r) => this.updateOrganization(r), updateBody)
      .route("DELETE", "/api/admin/organizations/:orgId", (r) => this.deleteOrganization(r))
      .route("GET", "/api/admin/organizations/:orgId/apiKeys", (r) => this.withOrganization(r, (org) => this.listKeys(org)))
      .route("POST", "/api/admin/organizations/:orgId/apiKeys", (r) => this.withOrganization(r, (org) => this.createKey(org, r)), keyBody)
      .route("DELETE", "/api/admin/organizations/:orgId/apiKeys/:keyId", (r) => this.withOrganization(r, (org) => this.deleteKey(org, r)));
    registerPublicRoutes(this.server, this.store);
  }

  // ── Seeding (what happens outside the API) ─────────────────────────────────
  /** A project made outside the admin API (the Langfuse UI): blocks deleting its organization. */
  seedProject(organizationId: string, name: string): string {
    return this.store.addProject(this.store.organization(organizationId), { name, metadata: null, retentionDays: null }).id;
  }

  /** Someone who has signed up to Langfuse, optionally already a member of an organization. */
  seedUser(email: string, name: string | null = null, member?: { organizationId: string; role: Role }): string {
    return this.store.addUser(email, name, member).id;
  }

  /** An organization key's pair, for tests that call the public API themselves. */
  organizationKeyPair(organizationId: string): { publicKey: string; secretKey: string } {
    const key = this.store.createKeyFor(this.store.organization(organizationId), "test");
    return { publicKey: key.publicKey, secretKey: key.secretKey };
  }

  // ── Routes ─────────────────────────────────────────────────────────────────
  // A wrong method is Langfuse's MethodNotAllowedError, which its API middleware renders with both fields.
  protected errorBody(status: number, message: string): unknown {
    return status === 405 ? { message: "Method not allowed", error: "MethodNotAllowedError" } : { error: message };
  }

  protected override authenticate(request: EmulatorRequest): EmulatorResponse | undefined {
    if (request.path.startsWith("/api/public/")) {
      const pair = basicCredentials(request);
      if (pair && this.store.principal(pair.publicKey, pair.secretKey)) return undefined;
      return { status: 401, body: { message: "Invalid credentials. Confirm that you've configured the correct host." } };
    }
    const token = bearerToken(request);
    if (token === undefined) {
      return { status: 401, body: { error: "Unauthorized", message: "Missing or invalid Authorization header. Expected: Bearer <ADMIN_API_KEY>" } };
    }
    if (token !== this.adminApiKey) {
      return { status: 401, body: { error: "Unauthorized", message: "Invalid admin API key" } };
    }
    return undefined;
  }

  private render(org: StoredOrganization) {
    const projects = org.projects.map(({ id, name, metadata, createdAt, updatedAt }) => ({ id, name, metadata, createdAt, updatedAt }));
    return { id: org.id, name: org.name, createdAt: org.createdAt, metadata: org.metadata, projects };
  }

  private listOrganizations(): EmulatorResponse {
    return { status: 200, body: { organizations: this.store.organizations.list().map((org) => this.render(org)) } };
  }

  private createOrganization(request: EmulatorRequest): EmulatorResponse {
    const parsed = createBody.safeParse(request.body);
    if (!parsed.success) return invalidBody(parsed.error);
    return { status: 201, body: this.render(this.store.addOrganization(parsed.data.name, parsed.data.metadata ?? {})) };
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
      if (this.store.pendingProjectDeletions(org.id) > 0) {
        return { status: 400, body: { error: "Bad Request", message: "Deletion of your projects is still being processed. Please try again later." } };
      }
      this.store.removeOrganization(org);
      return { status: 200, body: { success: true } };
    });
  }

  private listKeys(org: StoredOrganization): EmulatorResponse {
    const apiKeys = this.store.keys.list((key) => key.organizationId === org.id).map(keySummary);
    return { status: 200, body: { apiKeys } };
  }

  private createKey(org: StoredOrganization, request: EmulatorRequest): EmulatorResponse {
    const parsed = keyBody.safeParse(request.body);
    if (!parsed.success) return invalidBody(parsed.error);
    return { status: 201, body: keyCreated(this.store.createKeyFor(org, parsed.data?.note ?? null)) };
  }

  private deleteKey(org: StoredOrganization, request: EmulatorRequest): EmulatorResponse {
    const key = this.store.keys.get(request.params.keyId ?? "");
    if (!key || key.organizationId !== org.id) return { status: 404, body: { error: "API key not found" } };
    this.store.keys.delete(key.id);
    return { status: 200, body: { success: true } };
  }

  private withOrganization(request: EmulatorRequest, then: (org: StoredOrganization) => EmulatorResponse): EmulatorResponse {
    return this.store.organizations.found(request.params.orgId, () => ({ status: 404, body: { error: "Organization not found" } }), then);
  }
}

/** For `orgform emulate langfuse` and `orgform demo`. */
export const langfuseEmulatorDefinition = defineEmulator({
  name: "langfuse",
  create: () => new LangfuseEmulator(),
  environment: (emulator, url) => ({ LANGFUSE_BASE_URL: url, LANGFUSE_ADMIN_API_KEY: emulator.adminApiKey }),
});
