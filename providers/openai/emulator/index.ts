/**
 * A faithful local OpenAI Admin API on loopback, under `/v1/organization/…`: Bearer auth with an
 * admin key (the bootstrap key, or any unexpired key created through the API); admin keys whose
 * `sk-admin-…` value is only in the create response (`redacted_value` on reads); projects, project
 * users, service accounts and rate limits (emulator/projects.ts); invites; organization users;
 * real cursor pagination; errors as `{ error: { message, type, param, code } }`.
 *
 * `url` is the base URL to use as OPENAI_BASE_URL or the `openai` SDK's baseURL (it ends in /v1).
 * Seeding helpers stand in for what happens outside the API (people joining, the model catalogue);
 * mutation helpers make out-of-band changes for drift tests.
 */
import { z } from "zod";
import type { EmulatorRequest, EmulatorResponse } from "../../../src/emulator/server";
import { bearerToken } from "../../../src/emulator/kit/auth";
import { Emulator, defineEmulator } from "../../../src/emulator/kit/emulator";
import { expiresInSeconds, inviteProject, keyName, organizationRole, rateLimitValues } from "../spec";
import { addProject, registerProjectRoutes } from "./projects";
import { addProjectApiKey } from "./project-keys";
import {
  OpenaiStore,
  apiError,
  errorBody,
  invalidBody,
  newId,
  notFound,
  paginate,
  redactKey,
  type StoredAdminKey,
  type StoredInvite,
  type StoredUser,
} from "./store";

const O = "/v1/organization";
const keyBody = z.object({ name: keyName, expires_in_seconds: expiresInSeconds.nullable().optional() });
const inviteBody = z.object({ email: z.string().email(), role: organizationRole, projects: z.array(inviteProject).optional() });
const userUpdate = z.object({ role: organizationRole });
const INVITE_LIFETIME_SECONDS = 7 * 24 * 3600;

/** Models a new emulator knows, with default limits shaped like OpenAI's (images only for image models…). */
const DEFAULT_MODELS: Record<string, Record<string, number>> = {
  "gpt-4o": { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 30_000_000, batch_1_day_max_input_tokens: 5_000_000_000 },
  "gpt-4o-mini": { max_requests_per_1_minute: 30_000, max_tokens_per_1_minute: 150_000_000, batch_1_day_max_input_tokens: 15_000_000_000 },
  "dall-e-3": { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 0, max_images_per_1_minute: 50 },
  "whisper-1": { max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 0, max_audio_megabytes_per_1_minute: 500 },
};

export interface OpenaiEmulatorOptions {
  /** The bootstrap admin key (the one made in the dashboard); keys made through the API work too. */
  readonly adminKey?: string;
}

export class OpenaiEmulator extends Emulator {
  readonly store: OpenaiStore;
  readonly adminKey: string;
  /** The organization owner every bootstrap-key call acts as. */
  readonly ownerId: string;

  /** `url` (after start) is the /v1 base URL. */
  constructor(options: OpenaiEmulatorOptions = {}) {
    super({ basePath: "/v1" });
    this.adminKey = options.adminKey ?? "sk-admin-emulator-bootstrap-key";
    this.store = new OpenaiStore(() => this.server.clock.now());
    for (const [model, limits] of Object.entries(DEFAULT_MODELS)) this.store.models.set(model, limits);
    this.ownerId = this.seedUser("owner@example.com", "Organization Owner", "owner");
    addProject(this.store, "Default project", true);
    const s = this.store;
    this.server
      .route("GET", `${O}/admin_api_keys`, (r) => paginate(r, s.adminKeys.list(), (key) => this.renderKey(key)))
      .route("POST", `${O}/admin_api_keys`, (r) => this.createKey(r), keyBody)
      .route("GET", `${O}/admin_api_keys/:keyId`, (r) => this.withKey(r, (key) => ({ status: 200, body: this.renderKey(key) })))
      .route("DELETE", `${O}/admin_api_keys/:keyId`, (r) =>
        this.withKey(r, (key) => {
          s.adminKeys.delete(key.id);
          return { status: 200, body: { id: key.id, object: "organization.admin_api_key.deleted", deleted: true } };
        }),
      )
      .route("GET", `${O}/invites`, (r) => paginate(r, s.invites.list(), (i) => this.renderInvite(i)))
      .route("POST", `${O}/invites`, (r) => this.createInvite(r), inviteBody)
      .route("GET", `${O}/invites/:inviteId`, (r) => this.withInvite(r, (i) => ({ status: 200, body: this.renderInvite(i) })))
      .route("DELETE", `${O}/invites/:inviteId`, (r) =>
        this.withInvite(r, (i) => {
          s.invites.delete(i.id);
          return { status: 200, body: { object: "organization.invite.deleted", id: i.id, deleted: true } };
        }),
      )
      .route("GET", `${O}/users`, (r) => {
        const emails = [...r.query.getAll("emails"), ...r.query.getAll("emails[]")].map((e) => e.toLowerCase());
        const users = s.users.list((u) => emails.length === 0 || emails.includes(u.email.toLowerCase()));
        return paginate(r, users, renderUser);
      })
      .route("GET", `${O}/users/:userId`, (r) => this.withUser(r, (u) => ({ status: 200, body: renderUser(u) })))
      .route("POST", `${O}/users/:userId`, (r) =>
        this.withUser(r, (u) => {
          const parsed = userUpdate.safeParse(r.body);
          if (!parsed.success) return invalidBody(parsed.error);
          if (u.role === "owner" && parsed.data.role !== "owner" && this.soleOwner(u)) {
            return apiError(400, "The last owner of an organization cannot be demoted. Make another member an owner first.", "role", "last_owner");
          }
          u.role = parsed.data.role;
          return { status: 200, body: renderUser(u) };
        }),
      )
      .route("DELETE", `${O}/users/:userId`, (r) =>
        this.withUser(r, (u) => {
          // The role decides, not who the organization started with: any sole owner stays.
          if (u.role === "owner" && this.soleOwner(u)) return apiError(400, "The last owner of an organization cannot be removed.", null, "last_owner");
          s.users.delete(u.id);
          for (const members of s.projectUsers.values()) members.delete(u.id);
          return { status: 200, body: { object: "organization.user.deleted", id: u.id, deleted: true } };
        }),
      );
    registerProjectRoutes(this.server, this.store);
  }

  // ── seeding: what happens outside the Admin API ──
  /** A person who joined the organization (through an invite or SSO); returns the user id. */
  seedUser(email: string, name: string, role: "owner" | "reader" = "reader"): string {
    const user: StoredUser = { id: newId("user-"), email, name, role, added_at: this.store.now() };
    this.store.users.set(user.id, user);
    return user.id;
  }

  /** A model in the catalogue: every project (existing and new) gets a rate limit for it. */
  seedModel(model: string, limits: z.input<typeof rateLimitValues> = {}): void {
    const values = Object.fromEntries(Object.entries({ max_requests_per_1_minute: 500, max_tokens_per_1_minute: 200_000, ...limits }).filter(([, v]) => v !== undefined)) as Record<string, number>;
    this.store.models.set(model, values);
    for (const limits of this.store.rateLimits.values()) {
      if (!limits.some((l) => l.model === model)) limits.push({ id: `rl-${model}`, model, values: { ...values } });
    }
  }

  /**
   * A project API key a person made in the dashboard (the Admin API cannot make them); the owner
   * is a user (who should be a project member for the key to be active) or a service account.
   */
  seedProjectApiKey(projectId: string, name: string, owner: { userId: string } | { serviceAccountId: string }, lastUsedAt: number | null = null): { id: string; value: string } {
    const key = addProjectApiKey(
      this.store,
      projectId,
      name,
      "userId" in owner ? { type: "user", user_id: owner.userId } : { type: "service_account", service_account_id: owner.serviceAccountId },
    );
    key.last_used_at = lastUsedAt;
    return { id: key.id, value: key.value };
  }

  /** The project made with every organization (cannot be archived). */
  defaultProjectId(): string {
    return this.store.projects.list().find((p) => p.is_default)!.id;
  }

  // ── mutation helpers: out-of-band changes for drift tests ──
  deleteAdminKey(id: string): void {
    this.store.adminKeys.delete(id);
  }
  /** Moves a key's expiry into the past. */
  expireAdminKey(id: string): void {
    this.store.adminKeys.get(id)!.expires_at = this.store.now() - 1;
  }
  archiveProject(id: string): void {
    this.store.projects.get(id)!.archived_at = this.store.now();
  }
  renameProject(id: string, name: string): void {
    this.store.projects.get(id)!.name = name;
  }
  setRateLimit(projectId: string, model: string, values: Record<string, number>): void {
    Object.assign(this.store.rateLimits.get(projectId)!.find((l) => l.model === model)!.values, values);
  }
  /** The invitee accepts: they become an organization member with the invite's role and projects. */
  acceptInvite(id: string, name = "Invited Person"): string {
    const invite = this.store.invites.get(id)!;
    invite.status = "accepted";
    invite.accepted_at = this.store.now();
    const userId = this.seedUser(invite.email, name, invite.role);
    for (const grant of invite.projects) {
      const members = this.store.projectUsers.get(grant.id) ?? new Map();
      members.set(userId, { user_id: userId, role: grant.role, added_at: this.store.now() });
      this.store.projectUsers.set(grant.id, members);
    }
    return userId;
  }
  expireInvite(id: string): void {
    const invite = this.store.invites.get(id)!;
    invite.status = "expired";
    invite.expires_at = this.store.now() - 1;
  }
  /** Every admin key value ever issued, for tests that check no output contains one. */
  issuedKeyValues(): string[] {
    return this.store.adminKeys.list().map((k) => k.value);
  }

  private soleOwner(user: StoredUser): boolean {
    return !this.store.users.list().some((other) => other.id !== user.id && other.role === "owner");
  }

  protected errorBody(status: number, message: string): unknown {
    return errorBody(status, message);
  }

  protected override authenticate(request: EmulatorRequest): EmulatorResponse | undefined {
    const presented = bearerToken(request);
    if (presented === undefined) {
      return apiError(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).");
    }
    const issued = this.store.adminKeys.list().find((k) => k.value === presented);
    const now = this.store.now();
    if (presented !== this.adminKey && (!issued || (issued.expires_at !== null && issued.expires_at <= now))) {
      // Like OpenAI: only a masked form of the presented key is echoed.
      return apiError(401, `Incorrect API key provided: ${redactKey(presented)}.`, null, "invalid_api_key");
    }
    if (issued) issued.last_used_at = now;
    return undefined;
  }

  private renderKey(key: StoredAdminKey) {
    const owner = this.store.users.get(key.owner_id);
    return {
      object: "organization.admin_api_key",
      id: key.id,
      name: key.name,
      redacted_value: redactKey(key.value),
      created_at: key.created_at,
      last_used_at: key.last_used_at,
      expires_at: key.expires_at,
      owner: { type: "user", object: "organization.user", id: key.owner_id, name: owner?.name ?? "", created_at: owner?.added_at ?? 0, role: "owner" },
    };
  }

  private createKey(request: EmulatorRequest): EmulatorResponse {
    const parsed = keyBody.safeParse(request.body);
    if (!parsed.success) return invalidBody(parsed.error);
    const now = this.store.now();
    const key: StoredAdminKey = {
      id: newId("key_"),
      name: parsed.data.name,
      value: `sk-admin-${newId("", 64)}`,
      created_at: now,
      last_used_at: null,
      expires_at: parsed.data.expires_in_seconds ? now + parsed.data.expires_in_seconds : null,
      owner_id: this.ownerId,
    };
    this.store.adminKeys.set(key.id, key);
    return { status: 200, body: { ...this.renderKey(key), value: key.value } };
  }

  private renderInvite(invite: StoredInvite) {
    // Pending invites past their expiry read as expired, as the API reports them.
    const status = invite.status === "pending" && invite.expires_at <= this.store.now() ? "expired" : invite.status;
    return { object: "organization.invite", ...invite, status };
  }

  private createInvite(request: EmulatorRequest): EmulatorResponse {
    const parsed = inviteBody.safeParse(request.body);
    if (!parsed.success) return invalidBody(parsed.error);
    const { email, role, projects } = parsed.data;
    if (this.store.users.list().some((u) => u.email.toLowerCase() === email.toLowerCase())) {
      return apiError(400, `${email} is already a member of this organization.`, "email", "user_already_member");
    }
    for (const grant of projects ?? []) {
      const project = this.store.projects.get(grant.id);
      if (!project || project.archived_at !== null) return apiError(400, `Invalid project: '${grant.id}'.`, "projects", "invalid_value");
    }
    const now = this.store.now();
    const grants = projects ?? [{ id: this.defaultProjectId(), role: "member" as const }];
    const invite: StoredInvite = { id: newId("invite-"), email, role, projects: grants, status: "pending", created_at: now, expires_at: now + INVITE_LIFETIME_SECONDS, accepted_at: null };
    this.store.invites.set(invite.id, invite);
    return { status: 200, body: this.renderInvite(invite) };
  }

  private withKey(r: EmulatorRequest, then: (key: StoredAdminKey) => EmulatorResponse): EmulatorResponse {
    return this.store.adminKeys.found(r.params.keyId, (id) => notFound("admin API key", id), then);
  }
  private withInvite(r: EmulatorRequest, then: (invite: StoredInvite) => EmulatorResponse): EmulatorResponse {
    return this.store.invites.found(r.params.inviteId, (id) => notFound("invite", id), then);
  }
  private withUser(r: EmulatorRequest, then: (user: StoredUser) => EmulatorResponse): EmulatorResponse {
    return this.store.users.found(r.params.userId, (id) => notFound("user", id), then);
  }
}

/** For `orgform emulate openai` and `orgform demo`: `url` is the /v1 base URL, what OPENAI_BASE_URL means. */
export const openaiEmulatorDefinition = defineEmulator({
  name: "openai",
  create: () => new OpenaiEmulator(),
  environment: (emulator, url) => ({ OPENAI_BASE_URL: url, OPENAI_ADMIN_KEY: emulator.adminKey }),
});

function renderUser(user: StoredUser) {
  return { object: "organization.user", id: user.id, name: user.name, email: user.email, role: user.role, added_at: user.added_at };
}
