/**
 * A faithful local Langfuse admin Organizations API (self-hosted, seed 000) on loopback:
 * Bearer auth against an admin key; POST answers 201; names 3–60 characters without HTML; PUT
 * requires the name and replaces metadata only when given; an organization with projects cannot
 * be deleted; keys are pk-lf-/sk-lf-<uuid>, the secret only in the create response; no GET or
 * update for a single key. `seedProject` stands in for projects made in the Langfuse UI.
 */
import { randomUUID } from "node:crypto";
import { EmulatorServer, type EmulatorRequest, type EmulatorResponse } from "../../src/emulator/server";
import { metadata as metadataSchema, organizationName } from "./schemas";
import { z } from "zod";

interface StoredOrganization {
  id: string;
  name: string;
  metadata: Record<string, unknown>;
  createdAt: string;
  projects: Array<{ id: string; name: string; metadata: Record<string, unknown> | null; createdAt: string; updatedAt: string }>;
}

interface StoredKey {
  id: string;
  organizationId: string;
  note: string | null;
  publicKey: string;
  secretKey: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

const createBody = z.object({ name: organizationName, metadata: metadataSchema.nullable().optional() });
const updateBody = createBody;
const keyBody = z.object({ note: z.string().nullable().optional() }).optional();

export class LangfuseEmulator {
  readonly server: EmulatorServer;
  readonly organizations = new Map<string, StoredOrganization>();
  readonly keys = new Map<string, StoredKey>();
  url = "";

  constructor(readonly adminApiKey: string = "emulator-admin-key") {
    this.server = new EmulatorServer({
      errorBody: (_status, message) => ({ error: message }),
      authenticate: (request) => this.authenticate(request),
    });
    this.server
      .route("GET", "/api/admin/organizations", () => this.listOrganizations())
      .route("POST", "/api/admin/organizations", (r) => this.createOrganization(r))
      .route("GET", "/api/admin/organizations/:orgId", (r) => this.withOrganization(r, (org) => ({ status: 200, body: this.render(org) })))
      .route("PUT", "/api/admin/organizations/:orgId", (r) => this.updateOrganization(r))
      .route("DELETE", "/api/admin/organizations/:orgId", (r) => this.deleteOrganization(r))
      .route("GET", "/api/admin/organizations/:orgId/apiKeys", (r) => this.withOrganization(r, (org) => this.listKeys(org)))
      .route("POST", "/api/admin/organizations/:orgId/apiKeys", (r) => this.withOrganization(r, (org) => this.createKey(org, r)))
      .route("DELETE", "/api/admin/organizations/:orgId/apiKeys/:keyId", (r) => this.withOrganization(r, (org) => this.deleteKey(org, r)));
  }

  async start(port = 0): Promise<string> {
    this.url = await this.server.start(port);
    return this.url;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** A project made outside the admin API (the Langfuse UI): blocks deleting its organization. */
  seedProject(organizationId: string, name: string): string {
    const org = this.organizations.get(organizationId);
    if (!org) throw new Error(`no organization ${organizationId}`);
    const now = this.server.clock.iso();
    const id = `proj_${randomUUID().slice(0, 8)}`;
    org.projects.push({ id, name, metadata: null, createdAt: now, updatedAt: now });
    return id;
  }

  private authenticate(request: EmulatorRequest): EmulatorResponse | undefined {
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
    return { id: org.id, name: org.name, createdAt: org.createdAt, metadata: org.metadata, projects: org.projects };
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
      this.organizations.delete(org.id);
      for (const key of [...this.keys.values()]) if (key.organizationId === org.id) this.keys.delete(key.id);
      return { status: 200, body: { success: true } };
    });
  }

  private listKeys(org: StoredOrganization): EmulatorResponse {
    const apiKeys = [...this.keys.values()]
      .filter((key) => key.organizationId === org.id)
      .map((key) => ({
        id: key.id,
        createdAt: key.createdAt,
        expiresAt: key.expiresAt,
        lastUsedAt: key.lastUsedAt,
        note: key.note,
        publicKey: key.publicKey,
        displaySecretKey: displaySecret(key.secretKey),
      }));
    return { status: 200, body: { apiKeys } };
  }

  private createKey(org: StoredOrganization, request: EmulatorRequest): EmulatorResponse {
    const parsed = keyBody.safeParse(request.body);
    if (!parsed.success) return invalidBody(parsed.error);
    const key: StoredKey = {
      id: randomUUID(),
      organizationId: org.id,
      note: parsed.data?.note ?? null,
      publicKey: `pk-lf-${randomUUID()}`,
      secretKey: `sk-lf-${randomUUID()}`,
      createdAt: this.server.clock.iso(),
      expiresAt: null,
      lastUsedAt: null,
    };
    this.keys.set(key.id, key);
    return {
      status: 201,
      body: { id: key.id, createdAt: key.createdAt, publicKey: key.publicKey, secretKey: key.secretKey, displaySecretKey: displaySecret(key.secretKey), note: key.note },
    };
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

function displaySecret(secret: string): string {
  return `sk-lf-...${secret.slice(-4)}`;
}

function invalidBody(error: z.ZodError): EmulatorResponse {
  return { status: 400, body: { error: "Invalid request body", details: error.issues.map((i) => ({ path: i.path, message: i.message })) } };
}
