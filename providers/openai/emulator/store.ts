/**
 * The OpenAI emulator's data and the rules every route shares: the kit's afterPage as the API
 * pages (after, limit 1–100, order asc|desc, has_more, first_id, last_id) and the error shape
 * `{ error: { message, type, param, code } }`. Times are unix seconds, as the API sends them.
 */
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { Collection } from "../../../src/emulator/kit/collection";
import { afterPage } from "../../../src/emulator/kit/paginate";
import type { EmulatorRequest, EmulatorResponse } from "../../../src/emulator/server";

export interface StoredAdminKey {
  id: string;
  name: string;
  value: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
  owner_id: string;
}

export interface StoredProject {
  id: string;
  name: string;
  created_at: number;
  archived_at: number | null;
  /** The Default project cannot be archived. */
  is_default: boolean;
}

export interface StoredUser {
  id: string;
  email: string;
  name: string;
  role: "owner" | "reader";
  added_at: number;
}

export interface StoredProjectUser {
  user_id: string;
  role: "owner" | "member";
  added_at: number;
}

export interface StoredServiceAccount {
  id: string;
  project_id: string;
  name: string;
  role: "owner" | "member";
  created_at: number;
  key_id: string;
  key_value: string;
}

/** A project API key: made by a person in the dashboard or with a service account, never by the Admin API. */
export interface StoredProjectApiKey {
  id: string;
  project_id: string;
  name: string;
  value: string;
  created_at: number;
  last_used_at: number | null;
  owner: { type: "user"; user_id: string } | { type: "service_account"; service_account_id: string };
}

export interface StoredRateLimit {
  id: string;
  model: string;
  values: Record<string, number>;
}

export interface StoredInvite {
  id: string;
  email: string;
  role: "owner" | "reader";
  projects: Array<{ id: string; role: "owner" | "member" }>;
  status: "pending" | "accepted" | "expired";
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
}

export class OpenaiStore {
  readonly adminKeys = new Collection<StoredAdminKey>();
  readonly projects = new Collection<StoredProject>();
  readonly users = new Collection<StoredUser>();
  /** project id → user id → membership. */
  readonly projectUsers = new Map<string, Map<string, StoredProjectUser>>();
  readonly serviceAccounts = new Collection<StoredServiceAccount>();
  readonly projectApiKeys = new Collection<StoredProjectApiKey>();
  /** project id → its rate limits, one per model in the catalogue. */
  readonly rateLimits = new Map<string, StoredRateLimit[]>();
  readonly invites = new Collection<StoredInvite>();
  /** Models every new project gets a rate limit for, with the organization's default values. */
  readonly models = new Map<string, Record<string, number>>();

  constructor(private readonly clock: () => number) {}

  /** Unix seconds on the emulator's (movable) clock. */
  now(): number {
    return Math.floor(this.clock() / 1000);
  }
}

/** Ids shaped like OpenAI's: `key_…`, `proj_…`, `user-…`, `svc_acct_…`, `invite-…`. */
export function newId(prefix: string, length = 24): string {
  return prefix + randomBytes(length).toString("base64url").replace(/[-_]/g, "x").slice(0, length);
}

/** `sk-admin-…` values; the redacted form keeps the prefix and the last four characters. */
export function redactKey(value: string): string {
  return `${value.slice(0, 8)}...${value.slice(-4)}`;
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "invalid_request_error",
  403: "invalid_request_error",
  404: "invalid_request_error",
  409: "invalid_request_error",
  429: "requests",
  500: "server_error",
};

export function errorBody(status: number, message: string, param: string | null = null, code: string | null = null) {
  return { error: { message, type: ERROR_TYPES[status] ?? "server_error", param, code } };
}

export function apiError(status: number, message: string, param: string | null = null, code: string | null = null): EmulatorResponse {
  return { status, body: errorBody(status, message, param, code) };
}

export function notFound(what: string, id: string): EmulatorResponse {
  return apiError(404, `No such ${what}: '${id}'.`, null, "not_found");
}

export function invalidBody(error: z.ZodError): EmulatorResponse {
  const issue = error.issues[0];
  const param = issue && issue.path.length > 0 ? issue.path.map(String).join(".") : null;
  return apiError(400, `Invalid request: ${param ? `'${param}' ` : ""}${issue?.message ?? "invalid body"}.`, param, "invalid_value");
}

/** One page of `items` (in creation order) as the API pages lists; a bad query is a 400 naming its parameter. */
export function paginate<T extends { id: string }>(request: EmulatorRequest, items: readonly T[], render: (item: T) => unknown, defaultLimit = 20): EmulatorResponse {
  const { page, problem } = afterPage(items, request.query, { defaultLimit, maxLimit: 100 });
  if (problem) return apiError(400, problem.message, problem.param, "invalid_value");
  return { status: 200, body: { ...page, data: page.data.map(render) } };
}
