/**
 * The Anthropic emulator's objects and how the API renders them: users, invites (status derived
 * from the clock), workspaces, workspace memberships (explicit ones plus the implicit ones of
 * organization admins and billing members) and API keys (expiry derived from the clock); and
 * the API's conventions: sortable prefixed ids (the kit's cursorPage pages by comparing them) and
 * the error envelope with its request id.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { Collection } from "../../../src/emulator/kit/collection";
import type { EmulatorClock } from "../../../src/emulator/server";
import type { OrganizationRole } from "../spec";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base62(value: number, width: number): string {
  let out = "";
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) out = BASE62[rest % 62] + out;
  return out.padStart(width, "0");
}

/**
 * Ids like the API's (`wrkspc_01…`, 24 characters after the prefix). A counter leads, so ids
 * sort in creation order: the emulator pages by comparing ids, and a cursor whose object was
 * deleted meanwhile still works, as it does against the real service.
 */
export class IdMaker {
  private counter = 0;
  next(prefix: string): string {
    const random = [...randomBytes(14)].map((byte) => BASE62[byte % 62]).join("");
    return `${prefix}01${base62(++this.counter, 8)}${random}`;
  }
}

export function requestId(): string {
  return `req_${randomUUID().replace(/-/g, "").slice(0, 24)}`;
}

const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  409: "invalid_request_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

/** "nested" is the live API's shape; "flat" is the seed's `{type, message}`. */
export type ErrorShape = "nested" | "flat";

export function errorBody(shape: ErrorShape, status: number, message: string, id: string, errorCode?: string): unknown {
  const type = ERROR_TYPES[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
  if (shape === "flat") return { type, message };
  const details = errorCode ? { details: { error_code: errorCode } } : {};
  return { type: "error", error: { type, message, ...details }, request_id: id };
}

export interface StoredUser {
  id: string;
  email: string;
  name: string;
  role: OrganizationRole;
  added_at: string;
}

export interface StoredInvite {
  id: string;
  email: string;
  role: OrganizationRole;
  invited_at: string;
  expiresAtMs: number;
  /** "expired" is never stored: it is derived from the clock. */
  status: "pending" | "accepted" | "deleted";
}

export interface StoredWorkspace {
  id: string;
  name: string;
  display_color: string;
  created_at: string;
  archived_at: string | null;
  tags: Record<string, string>;
  data_residency: { workspace_geo: string; allowed_inference_geos: "unrestricted" | string[]; default_inference_geo: string };
}

export interface StoredApiKey {
  id: string;
  name: string;
  workspace_id: string | null;
  created_at: string;
  created_by: string;
  /** "expired" is never stored: it is derived from expires_at and the clock. */
  status: "active" | "inactive" | "archived";
  expires_at: string | null;
  partial_key_hint: string;
  /** When the key last authenticated a request (the Console's "last used"); null: never. */
  last_used_at: string | null;
}

export const INVITE_LIFETIME_MS = 21 * 24 * 3600 * 1000;
/** The Console's palette: a new workspace takes the next color unless one is given. */
const PALETTE = ["#6C5BB9", "#4A90D9", "#D97757", "#3F9C6B", "#C2548A", "#B8A03C"];

export class AnthropicStore {
  readonly organization = { id: randomUUID(), name: "" };
  readonly users = new Collection<StoredUser>();
  readonly invites = new Collection<StoredInvite>();
  readonly workspaces = new Collection<StoredWorkspace>();
  readonly apiKeys = new Collection<StoredApiKey>();
  private readonly members = new Map<string, Map<string, string>>();

  constructor(
    private readonly ids: IdMaker,
    private readonly clock: EmulatorClock,
    organizationName: string,
  ) {
    this.organization.name = organizationName;
  }

  // ── Users ────────────────────────────────────────────────────────────────
  addUser(email: string, name: string, role: OrganizationRole): StoredUser {
    if (this.userByEmail(email)) throw new Error(`a user with email ${email} exists already`);
    const created: StoredUser = { id: this.ids.next("user_"), email, name, role, added_at: this.clock.iso() };
    this.users.set(created.id, created);
    return created;
  }
  user(id: string): StoredUser {
    const found = this.users.get(id);
    if (!found) throw new Error(`no user ${id}`);
    return found;
  }
  userByEmail(email: string): StoredUser | undefined {
    const wanted = email.toLowerCase();
    return this.users.list().find((u) => u.email.toLowerCase() === wanted);
  }
  listUsers(email: string | null): StoredUser[] {
    return this.users.list((u) => !email || u.email.toLowerCase() === email.toLowerCase());
  }
  deleteUser(id: string): void {
    this.users.delete(id);
    for (const explicit of this.members.values()) explicit.delete(id);
  }
  renderUser(u: StoredUser) {
    return { id: u.id, type: "user", email: u.email, name: u.name, role: u.role, added_at: u.added_at };
  }

  // ── Invites ──────────────────────────────────────────────────────────────
  addInvite(email: string, role: OrganizationRole): StoredInvite {
    const now = this.clock.now();
    const created: StoredInvite = {
      id: this.ids.next("invite_"),
      email,
      role,
      invited_at: new Date(now).toISOString(),
      expiresAtMs: now + INVITE_LIFETIME_MS,
      status: "pending",
    };
    this.invites.set(created.id, created);
    return created;
  }
  inviteStatus(i: StoredInvite): "pending" | "accepted" | "expired" | "deleted" {
    return i.status === "pending" && this.clock.now() >= i.expiresAtMs ? "expired" : i.status;
  }
  /** Deleted invites stay readable by id but leave the list. */
  listInvites(): StoredInvite[] {
    return this.invites.list((i) => i.status !== "deleted");
  }
  acceptInvite(id: string): StoredUser {
    const found = this.invites.get(id);
    if (!found) throw new Error(`no invite ${id}`);
    const status = this.inviteStatus(found);
    if (status !== "pending") throw new Error(`invite ${id} is ${status}; only a pending invite can be accepted`);
    found.status = "accepted";
    return this.addUser(found.email, found.email.split("@")[0]!, found.role);
  }
  renderInvite(i: StoredInvite) {
    return {
      id: i.id,
      type: "invite",
      email: i.email,
      role: i.role,
      status: this.inviteStatus(i),
      invited_at: i.invited_at,
      expires_at: new Date(i.expiresAtMs).toISOString(),
    };
  }

  // ── Workspaces and members ───────────────────────────────────────────────
  addWorkspace(input: Omit<StoredWorkspace, "id" | "created_at" | "archived_at" | "display_color"> & { display_color?: string }): StoredWorkspace {
    const created: StoredWorkspace = {
      ...input,
      id: this.ids.next("wrkspc_"),
      display_color: input.display_color ?? PALETTE[this.workspaces.size % PALETTE.length]!,
      created_at: this.clock.iso(),
      archived_at: null,
    };
    this.workspaces.set(created.id, created);
    return created;
  }
  workspace(id: string): StoredWorkspace {
    const found = this.workspaces.get(id);
    if (!found) throw new Error(`no workspace ${id}`);
    return found;
  }
  listWorkspaces(includeArchived: boolean): StoredWorkspace[] {
    return this.workspaces.list((w) => includeArchived || !w.archived_at);
  }
  renderWorkspace(w: StoredWorkspace) {
    return {
      id: w.id,
      type: "workspace",
      name: w.name,
      display_color: w.display_color,
      created_at: w.created_at,
      archived_at: w.archived_at,
      tags: { ...w.tags },
      data_residency: { ...w.data_residency },
    };
  }
  explicitMembers(workspaceId: string): Map<string, string> {
    let found = this.members.get(workspaceId);
    if (!found) this.members.set(workspaceId, (found = new Map()));
    return found;
  }
  /** Explicit members plus every organization admin (workspace_admin) and billing member (workspace_billing). */
  membersOf(w: StoredWorkspace): Array<ReturnType<AnthropicStore["renderMember"]>> {
    const out = new Map<string, string>();
    for (const [userId, role] of this.explicitMembers(w.id)) if (this.users.has(userId)) out.set(userId, role);
    for (const u of this.users.values()) {
      if (u.role === "admin") out.set(u.id, "workspace_admin");
      if (u.role === "billing") out.set(u.id, "workspace_billing");
    }
    return [...out].map(([userId, role]) => this.renderMember(w.id, userId, role));
  }
  renderMember(workspaceId: string, userId: string, role: string) {
    return { type: "workspace_member" as const, user_id: userId, workspace_id: workspaceId, workspace_role: role };
  }

  // ── API keys ─────────────────────────────────────────────────────────────
  addApiKey(options: { id?: string; name: string; workspaceId?: string | null; status?: StoredApiKey["status"]; expiresAt?: string | null; createdBy?: string; lastUsedAt?: string | null }): StoredApiKey {
    const id = options.id ?? this.ids.next("apikey_");
    if (this.apiKeys.has(id)) throw new Error(`an API key ${id} exists already`);
    const created: StoredApiKey = {
      id,
      name: options.name,
      workspace_id: options.workspaceId ?? null,
      created_at: this.clock.iso(),
      created_by: options.createdBy ?? [...this.users.keys()][0] ?? "user_01console",
      status: options.status ?? "active",
      expires_at: options.expiresAt ?? null,
      // The secret itself is never stored or returned: only a hint, as the API shows it.
      partial_key_hint: `sk-ant-api03-${id.slice(-4)}...${id.slice(-8, -4)}AA`,
      last_used_at: options.lastUsedAt ?? null,
    };
    this.apiKeys.set(id, created);
    return created;
  }
  apiKey(id: string): StoredApiKey {
    const found = this.apiKeys.get(id);
    if (!found) throw new Error(`no API key ${id}`);
    return found;
  }
  apiKeyStatus(k: StoredApiKey): "active" | "inactive" | "archived" | "expired" {
    if (k.status !== "archived" && k.expires_at && Date.parse(k.expires_at) <= this.clock.now()) return "expired";
    return k.status;
  }
  listApiKeys(query: URLSearchParams): StoredApiKey[] {
    const workspaceId = query.get("workspace_id");
    const status = query.get("status");
    const createdBy = query.get("created_by_user_id");
    return this.apiKeys.list(
      (k) =>
        (!workspaceId || k.workspace_id === workspaceId) &&
        (!status || this.apiKeyStatus(k) === status) &&
        (!createdBy || k.created_by === createdBy),
    );
  }
  renderApiKey(k: StoredApiKey) {
    return {
      id: k.id,
      type: "api_key",
      name: k.name,
      workspace_id: k.workspace_id,
      scope: k.workspace_id ? { type: "workspace", workspace_id: k.workspace_id } : { type: "organization" },
      created_at: k.created_at,
      created_by: { id: k.created_by, type: "user" },
      status: this.apiKeyStatus(k),
      partial_key_hint: k.partial_key_hint,
      expires_at: k.expires_at,
      last_used_at: k.last_used_at,
    };
  }
}
