/**
 * A faithful local Anthropic Admin API (seed 002, completed from the live API) on loopback:
 * `x-api-key` or `Authorization: Bearer` against one admin key, `anthropic-version` required,
 * errors as `{type:"error", error:{type, message}, request_id}` with a `request-id` header, and
 * cursor pagination on every list. Workspaces are archived, never deleted, and read-only once
 * archived (their members too); at most 100 are active. Invites expire 21 days after they are
 * sent (by the server's movable clock); only pending ones can be deleted. API keys cannot be
 * created or deleted; archived is terminal and expired is read-only. Organization admins and
 * billing members are implicit workspace_admin / workspace_billing members of every workspace.
 * Users and keys cannot be made through the API, so `seedUser`, `seedApiKey` and
 * `acceptInvite` stand in for the Console; the other helpers make out-of-band changes.
 */
import { z } from "zod";
import type { EmulatorRequest, EmulatorResponse } from "../../../src/emulator/server";
import { Emulator, defineEmulator } from "../../../src/emulator/kit/emulator";
import { cursorPage } from "../../../src/emulator/kit/paginate";
import { bearerToken, header } from "../../../src/emulator/kit/auth";
import { allowedInferenceGeos, apiKeyName, displayColor, tags as tagsSchema, workspaceName, type OrganizationRole } from "../spec";
import {
  AnthropicStore,
  IdMaker,
  errorBody,
  requestId,
  type ErrorShape,
  type StoredApiKey,
  type StoredInvite,
  type StoredUser,
  type StoredWorkspace,
} from "./store";

export interface AnthropicEmulatorOptions {
  readonly adminApiKey?: string;
  readonly organizationName?: string;
  /** "flat" answers errors in the seed's `{type, message}` shape instead of the live one. */
  readonly errorShape?: ErrorShape;
}

const BILLING_ONLY = "workspace_billing";
const ASSIGNABLE_ORG_ROLES = ["user", "developer", "billing", "claude_code_user"] as const;
const ASSIGNABLE_WS_ROLES = ["workspace_user", "workspace_developer", "workspace_restricted_developer", "workspace_admin"] as const;
const WORKSPACE_GEOS = ["us", "eu"];
const INFERENCE_GEOS = ["us", "eu", "global"];

const residencyCreate = z
  .object({
    workspace_geo: z.string().nullish(),
    allowed_inference_geos: allowedInferenceGeos.nullish(),
    default_inference_geo: z.string().nullish(),
  })
  .nullish();
const createWorkspaceBody = z.object({
  name: workspaceName,
  display_color: displayColor.nullish(),
  tags: tagsSchema.nullish(),
  data_residency: residencyCreate,
});
const updateWorkspaceBody = z.object({
  name: workspaceName.optional(),
  display_color: displayColor.optional(),
  tags: z.record(z.string(), z.string().nullable()).nullish(),
  data_residency: z
    .object({
      allowed_inference_geos: allowedInferenceGeos.nullish(),
      default_inference_geo: z.string().nullish(),
      workspace_geo: z.string().nullish(),
    })
    .nullish(),
});
const orgRoleBody = z.object({ role: z.string() });
const inviteBody = z.object({ email: z.string().email(), role: z.string() });
const addMemberBody = z.object({ user_id: z.string().min(1), workspace_role: z.string() });
const memberRoleBody = z.object({ workspace_role: z.string() });
const apiKeyBody = z.object({ name: apiKeyName.nullish(), status: z.string().nullish() });

export class AnthropicEmulator extends Emulator {
  readonly store: AnthropicStore;
  readonly adminApiKey: string;
  private readonly errorShape: ErrorShape;

  constructor(options: AnthropicEmulatorOptions = {}) {
    super();
    this.adminApiKey = options.adminApiKey ?? "sk-ant-admin01-emulator-key";
    this.errorShape = options.errorShape ?? "nested";
    this.store = new AnthropicStore(new IdMaker(), this.server.clock, options.organizationName ?? "Emulated Organization");
    const base = "/v1/organizations";
    // A write route names the schema it parses its body with: strict mode refuses other fields.
    const on = (method: string, path: string, handler: (r: EmulatorRequest) => EmulatorResponse, body?: z.ZodType) =>
      this.server.route(method, base + path, (r) => this.withRequestId(() => handler(r)), body);
    on("GET", "/me", () => ok({ id: this.store.organization.id, type: "organization", name: this.store.organization.name }));
    on("GET", "/users", (r) => this.page(r, this.store.listUsers(r.query.get("email")), (u) => u.id, (u) => this.store.renderUser(u)));
    on("GET", "/users/:userId", (r) => this.withUser(r, (u) => ok(this.store.renderUser(u))));
    on("POST", "/users/:userId", (r) => this.withUser(r, (u) => this.updateUser(u, r)), orgRoleBody);
    on("DELETE", "/users/:userId", (r) => this.withUser(r, (u) => this.deleteUser(u)));
    on("GET", "/invites", (r) => this.page(r, this.store.listInvites(), (i) => i.id, (i) => this.store.renderInvite(i)));
    on("POST", "/invites", (r) => this.createInvite(r), inviteBody);
    on("GET", "/invites/:inviteId", (r) => this.withInvite(r, (i) => ok(this.store.renderInvite(i))));
    on("DELETE", "/invites/:inviteId", (r) => this.withInvite(r, (i) => this.deleteInvite(i)));
    on("GET", "/workspaces", (r) => {
      const all = this.store.listWorkspaces(parseBool(r.query.get("include_archived")));
      return this.page(r, all, (w) => w.id, (w) => this.store.renderWorkspace(w));
    });
    on("POST", "/workspaces", (r) => this.createWorkspace(r), createWorkspaceBody);
    on("GET", "/workspaces/:workspaceId", (r) => this.withWorkspace(r, (w) => ok(this.store.renderWorkspace(w))));
    on("POST", "/workspaces/:workspaceId", (r) => this.withWorkspace(r, (w) => this.updateWorkspace(w, r)), updateWorkspaceBody);
    on("POST", "/workspaces/:workspaceId/archive", (r) => this.withWorkspace(r, (w) => this.archive(w)), z.object({}));
    on("GET", "/workspaces/:workspaceId/members", (r) =>
      this.withWorkspace(r, (w) => this.page(r, this.store.membersOf(w), (m) => m.user_id, (m) => m)),
    );
    on("POST", "/workspaces/:workspaceId/members", (r) => this.withWorkspace(r, (w) => this.addMember(w, r)), addMemberBody);
    on("GET", "/workspaces/:workspaceId/members/:userId", (r) => this.withMember(r, (m) => ok(m)));
    on("POST", "/workspaces/:workspaceId/members/:userId", (r) => this.withMember(r, (m, w) => this.changeMember(w, m.user_id, r)), memberRoleBody);
    on("DELETE", "/workspaces/:workspaceId/members/:userId", (r) => this.withMember(r, (m, w) => this.removeMember(w, m.user_id)));
    on("GET", "/api_keys", (r) => this.page(r, this.store.listApiKeys(r.query), (k) => k.id, (k) => this.store.renderApiKey(k)));
    on("GET", "/api_keys/:apiKeyId", (r) => this.withApiKey(r, (k) => ok(this.store.renderApiKey(k))));
    on("POST", "/api_keys/:apiKeyId", (r) => this.withApiKey(r, (k) => this.updateApiKey(k, r)), apiKeyBody);
  }

  // ── Seeding and out-of-band changes (what the Console or time would do) ──
  seedUser(options: { email: string; name?: string; role?: OrganizationRole }): string {
    return this.store.addUser(options.email, options.name ?? options.email.split("@")[0]!, options.role ?? "user").id;
  }
  seedApiKey(options: { id?: string; name: string; workspaceId?: string | null; status?: "active" | "inactive" | "archived"; expiresAt?: string | null; createdBy?: string; lastUsedAt?: string | null }): string {
    return this.store.addApiKey(options).id;
  }
  /** The invitee accepts: they become a member with the invite's role. */
  acceptInvite(inviteId: string): string {
    return this.store.acceptInvite(inviteId).id;
  }
  archiveWorkspace(id: string): void {
    this.store.workspace(id).archived_at = this.server.clock.iso();
  }
  setUserRole(userId: string, role: OrganizationRole): void {
    this.store.user(userId).role = role;
  }
  removeUser(userId: string): void {
    this.store.deleteUser(userId);
  }
  setApiKeyStatus(id: string, status: "active" | "inactive" | "archived"): void {
    this.store.apiKey(id).status = status;
  }
  /** Moves the clock past every pending invite's expiry (21 days). */
  expireInvites(): void {
    this.server.clock.advance(21 * 24 * 3600 * 1000 + 1000);
  }

  // ── Routes ───────────────────────────────────────────────────────────────
  protected errorBody(status: number, message: string): unknown {
    return errorBody(this.errorShape, status, message, requestId());
  }

  protected override authenticate(request: EmulatorRequest): EmulatorResponse | undefined {
    const key = presentedKey(request);
    if (!key) return this.fail(401, "x-api-key header is required");
    if (key !== this.adminApiKey) return this.fail(401, "invalid x-api-key");
    const problem = versionProblem(request);
    return problem ? this.fail(400, problem) : undefined;
  }

  private withRequestId(handler: () => EmulatorResponse): EmulatorResponse {
    const response = handler();
    if (response.headers?.["request-id"]) return response;
    return { ...response, headers: { ...response.headers, "request-id": requestId() } };
  }

  private fail(status: number, message: string, errorCode?: string): EmulatorResponse {
    const id = requestId();
    return { status, body: errorBody(this.errorShape, status, message, id, errorCode), headers: { "request-id": id } };
  }

  private invalid(error: z.ZodError): EmulatorResponse {
    const issue = error.issues[0]!;
    return this.fail(400, `${issue.path.join(".") || "body"}: ${issue.message}`);
  }

  private page<T, R>(request: EmulatorRequest, items: readonly T[], key: (item: T) => string, render: (item: T) => R): EmulatorResponse {
    const { page, problem } = cursorPage(items, key, request.query);
    return problem ? this.fail(400, problem.message) : ok({ ...page, data: page.data.map(render) });
  }

  private withUser(r: EmulatorRequest, then: (u: StoredUser) => EmulatorResponse): EmulatorResponse {
    return this.store.users.found(r.params.userId, (id) => this.fail(404, `User ${id} not found`), then);
  }
  private withInvite(r: EmulatorRequest, then: (i: StoredInvite) => EmulatorResponse): EmulatorResponse {
    return this.store.invites.found(r.params.inviteId, (id) => this.fail(404, `Invite ${id} not found`), then);
  }
  private withWorkspace(r: EmulatorRequest, then: (w: StoredWorkspace) => EmulatorResponse): EmulatorResponse {
    return this.store.workspaces.found(r.params.workspaceId, (id) => this.fail(404, `Workspace ${id} not found`), then);
  }
  private withApiKey(r: EmulatorRequest, then: (k: StoredApiKey) => EmulatorResponse): EmulatorResponse {
    return this.store.apiKeys.found(r.params.apiKeyId, (id) => this.fail(404, `API key ${id} not found`), then);
  }
  private withMember(r: EmulatorRequest, then: (m: { user_id: string; workspace_role: string }, w: StoredWorkspace) => EmulatorResponse) {
    return this.withWorkspace(r, (w) => {
      const member = this.store.membersOf(w).find((m) => m.user_id === r.params.userId);
      return member ? then(member, w) : this.fail(404, `User ${r.params.userId} is not a member of workspace ${w.id}`);
    });
  }

  private updateUser(u: StoredUser, r: EmulatorRequest): EmulatorResponse {
    const parsed = orgRoleBody.safeParse(r.body);
    if (!parsed.success) return this.invalid(parsed.error);
    const role = parsed.data.role;
    if (role === "admin") return this.fail(400, "The admin role cannot be assigned through the Admin API");
    if (!(ASSIGNABLE_ORG_ROLES as readonly string[]).includes(role)) return this.fail(400, `role: Input should be ${ASSIGNABLE_ORG_ROLES.join(", ")}`);
    if (u.role === "admin") return this.fail(400, "Organization admins cannot be modified through the Admin API");
    u.role = role as OrganizationRole;
    return ok(this.store.renderUser(u));
  }

  private deleteUser(u: StoredUser): EmulatorResponse {
    if (u.role === "admin") return this.fail(400, "Organization admins cannot be removed through the Admin API");
    if (this.store.users.size === 1) return this.fail(400, "Cannot remove the last member of the organization", "cannot_remove_last_member");
    this.store.deleteUser(u.id);
    return ok({ id: u.id, type: "user_deleted" });
  }

  private createInvite(r: EmulatorRequest): EmulatorResponse {
    const parsed = inviteBody.safeParse(r.body);
    if (!parsed.success) return this.invalid(parsed.error);
    const { email, role } = parsed.data;
    if (role === "admin") return this.fail(400, "Invites cannot have the admin role");
    if (!(ASSIGNABLE_ORG_ROLES as readonly string[]).includes(role)) return this.fail(400, `role: Input should be ${ASSIGNABLE_ORG_ROLES.join(", ")}`);
    const member = this.store.userByEmail(email);
    if (member) return this.fail(400, `${email} is already a member of the organization (${member.id})`, "already_member");
    const pending = this.store.listInvites().find((i) => this.store.inviteStatus(i) === "pending" && i.email.toLowerCase() === email.toLowerCase());
    if (pending) return this.fail(400, `A pending invite already exists for ${email} (${pending.id})`, "invite_already_exists");
    return ok(this.store.renderInvite(this.store.addInvite(email, role as OrganizationRole)));
  }

  private deleteInvite(i: StoredInvite): EmulatorResponse {
    const status = this.store.inviteStatus(i);
    if (status !== "pending") return this.fail(400, `Only pending invites can be deleted; invite ${i.id} is ${status}`);
    i.status = "deleted";
    return ok({ id: i.id, type: "invite_deleted" });
  }

  private createWorkspace(r: EmulatorRequest): EmulatorResponse {
    const parsed = createWorkspaceBody.safeParse(r.body);
    if (!parsed.success) return this.invalid(parsed.error);
    if (this.store.listWorkspaces(false).length >= 100) {
      return this.fail(400, "Organization has reached the maximum of 100 active workspaces");
    }
    const residency = parsed.data.data_residency ?? {};
    const workspaceGeo = residency.workspace_geo ?? "us";
    if (!WORKSPACE_GEOS.includes(workspaceGeo)) return this.fail(400, `data_residency.workspace_geo: unsupported geo "${workspaceGeo}"`);
    const problem = geoProblem(residency.allowed_inference_geos ?? "unrestricted", residency.default_inference_geo ?? "global");
    if (problem) return this.fail(400, problem);
    const created = this.store.addWorkspace({
      name: parsed.data.name,
      display_color: parsed.data.display_color ?? undefined,
      tags: parsed.data.tags ?? {},
      data_residency: {
        workspace_geo: workspaceGeo,
        allowed_inference_geos: residency.allowed_inference_geos ?? "unrestricted",
        default_inference_geo: residency.default_inference_geo ?? "global",
      },
    });
    return ok(this.store.renderWorkspace(created));
  }

  private updateWorkspace(w: StoredWorkspace, r: EmulatorRequest): EmulatorResponse {
    if (w.archived_at) return this.fail(400, `Workspace ${w.id} is archived and cannot be modified`);
    const parsed = updateWorkspaceBody.safeParse(r.body);
    if (!parsed.success) return this.invalid(parsed.error);
    const { name, display_color, tags, data_residency } = parsed.data;
    if (data_residency?.workspace_geo != null && data_residency.workspace_geo !== w.data_residency.workspace_geo) {
      return this.fail(400, "data_residency.workspace_geo: is immutable after creation");
    }
    const allowed = data_residency?.allowed_inference_geos ?? w.data_residency.allowed_inference_geos;
    const fallback = data_residency?.default_inference_geo ?? w.data_residency.default_inference_geo;
    const problem = geoProblem(allowed, fallback);
    if (problem) return this.fail(400, problem);
    for (const key of Object.keys(tags ?? {})) if (key.toLowerCase().startsWith("anthropic")) return this.fail(400, `tags: key "${key}" may not begin with "anthropic"`);
    if (name !== undefined) w.name = name;
    if (display_color !== undefined) w.display_color = display_color;
    for (const [key, value] of Object.entries(tags ?? {})) {
      if (value === null) delete w.tags[key];
      else w.tags[key] = value;
    }
    w.data_residency = { ...w.data_residency, allowed_inference_geos: allowed, default_inference_geo: fallback };
    return ok(this.store.renderWorkspace(w));
  }

  private archive(w: StoredWorkspace): EmulatorResponse {
    if (w.archived_at) return this.fail(400, `Workspace ${w.id} is already archived`);
    w.archived_at = this.server.clock.iso();
    return ok(this.store.renderWorkspace(w));
  }

  private addMember(w: StoredWorkspace, r: EmulatorRequest): EmulatorResponse {
    if (w.archived_at) return this.fail(400, `Workspace ${w.id} is archived; its members cannot be changed`);
    const parsed = addMemberBody.safeParse(r.body);
    if (!parsed.success) return this.invalid(parsed.error);
    const { user_id, workspace_role } = parsed.data;
    const roleProblem = this.workspaceRoleProblem(workspace_role);
    if (roleProblem) return roleProblem;
    const u = this.store.users.get(user_id);
    if (!u) return this.fail(404, `User ${user_id} not found`);
    if (u.role === "admin" || u.role === "billing") {
      return this.fail(400, `User ${user_id} is an organization ${u.role} and already a member of every workspace`);
    }
    if (this.store.explicitMembers(w.id).has(user_id)) return this.fail(400, `User ${user_id} is already a member of workspace ${w.id}`);
    this.store.explicitMembers(w.id).set(user_id, workspace_role);
    return ok(this.store.renderMember(w.id, user_id, workspace_role));
  }

  private changeMember(w: StoredWorkspace, userId: string, r: EmulatorRequest): EmulatorResponse {
    const implicit = this.implicitProblem(w, userId);
    if (implicit) return implicit;
    const parsed = memberRoleBody.safeParse(r.body);
    if (!parsed.success) return this.invalid(parsed.error);
    const roleProblem = this.workspaceRoleProblem(parsed.data.workspace_role);
    if (roleProblem) return roleProblem;
    this.store.explicitMembers(w.id).set(userId, parsed.data.workspace_role);
    return ok(this.store.renderMember(w.id, userId, parsed.data.workspace_role));
  }

  private removeMember(w: StoredWorkspace, userId: string): EmulatorResponse {
    const implicit = this.implicitProblem(w, userId);
    if (implicit) return implicit;
    this.store.explicitMembers(w.id).delete(userId);
    return ok({ type: "workspace_member_deleted", user_id: userId, workspace_id: w.id });
  }

  private implicitProblem(w: StoredWorkspace, userId: string): EmulatorResponse | undefined {
    if (w.archived_at) return this.fail(400, `Workspace ${w.id} is archived; its members cannot be changed`);
    const role = this.store.users.get(userId)?.role;
    if (role === "admin" || role === "billing") {
      return this.fail(400, `User ${userId} is an organization ${role}; their workspace role cannot be changed or removed in a workspace`);
    }
    return undefined;
  }

  private workspaceRoleProblem(role: string): EmulatorResponse | undefined {
    if (role === BILLING_ONLY) return this.fail(400, "workspace_billing cannot be assigned; it comes with the organization billing role");
    if (!(ASSIGNABLE_WS_ROLES as readonly string[]).includes(role)) return this.fail(400, `workspace_role: Input should be ${ASSIGNABLE_WS_ROLES.join(", ")}`);
    return undefined;
  }

  private updateApiKey(k: StoredApiKey, r: EmulatorRequest): EmulatorResponse {
    const parsed = apiKeyBody.safeParse(r.body);
    if (!parsed.success) return this.invalid(parsed.error);
    const status = this.store.apiKeyStatus(k);
    if (status === "archived") return this.fail(400, `API key ${k.id} is archived and cannot be modified`);
    if (status === "expired") return this.fail(400, `API key ${k.id} has expired and cannot be modified`);
    const next = parsed.data.status;
    if (next != null && !["active", "inactive", "archived"].includes(next)) return this.fail(400, "status: Input should be 'active', 'inactive' or 'archived'");
    if (parsed.data.name != null) k.name = parsed.data.name;
    if (next != null) k.status = next as StoredApiKey["status"];
    return ok(this.store.renderApiKey(k));
  }
}

/** Fixed ids the demo stack (stacks/) can name: the API cannot create users or keys. */
export const DEMO = {
  adminEmail: "owner@example.com",
  memberEmails: ["ada@example.com", "grace@example.com"],
  apiKeyId: "apikey_01DEMO0000CiKey00000000",
} as const;

/** For `orgform emulate anthropic` and `orgform demo`. */
export const anthropicEmulatorDefinition = defineEmulator({
  name: "anthropic",
  create: () => new AnthropicEmulator(),
  environment: (emulator, url) => ({ ANTHROPIC_BASE_URL: url, ANTHROPIC_ADMIN_API_KEY: emulator.adminApiKey }),
  seedDemo: (emulator) => seedAnthropicDemo(emulator),
});

/** What `orgform demo` and `orgform emulate anthropic --seed` start with. */
export function seedAnthropicDemo(emulator: AnthropicEmulator): void {
  const owner = emulator.seedUser({ email: DEMO.adminEmail, name: "Owner", role: "admin" });
  emulator.seedUser({ email: DEMO.memberEmails[0], name: "Ada", role: "developer" });
  emulator.seedUser({ email: DEMO.memberEmails[1], name: "Grace", role: "user" });
  emulator.seedApiKey({ id: DEMO.apiKeyId, name: "ci (made in the Console)", createdBy: owner });
}

function ok(body: unknown): EmulatorResponse {
  return { status: 200, body };
}

function geoProblem(allowed: "unrestricted" | string[], fallback: string): string | undefined {
  const unknown = [...(allowed === "unrestricted" ? [] : allowed), fallback].find((g) => !INFERENCE_GEOS.includes(g));
  if (unknown) return `data_residency: unsupported inference geo "${unknown}"`;
  if (allowed !== "unrestricted" && !allowed.includes(fallback)) {
    return `data_residency.default_inference_geo: "${fallback}" must be one of allowed_inference_geos`;
  }
  return undefined;
}

function parseBool(value: string | null): boolean {
  return value === "true" || value === "1";
}

/** Accepts `x-api-key: <key>` or `Authorization: Bearer <key>` (the SDK sends the latter). */
function presentedKey(request: EmulatorRequest): string | undefined {
  return header(request, "x-api-key") || bearerToken(request);
}

function versionProblem(request: EmulatorRequest): string | undefined {
  const version = header(request, "anthropic-version");
  if (!version) return "anthropic-version: header is required";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(version)) return `anthropic-version: "${version}" is not a valid version`;
  return undefined;
}
