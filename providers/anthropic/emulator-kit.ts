/**
 * The parts of the Anthropic emulator that are about the API's conventions rather than its
 * objects: sortable prefixed ids, the cursor pagination every list shares (limit, after_id,
 * before_id, has_more, first_id, last_id), the error envelope with its request id, and auth.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse } from "../../src/emulator/server";

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

export function parseBool(value: string | null): boolean {
  return value === "true" || value === "1";
}

export interface PageResult<T> {
  readonly data: T[];
  readonly has_more: boolean;
  readonly first_id: string | null;
  readonly last_id: string | null;
}

/** A problem with the paging parameters, answered as a 400. */
export class PageError extends Error {}

/**
 * One page of `items` (sorted by `key`): after_id returns the `limit` items right after the
 * cursor, before_id the `limit` items right before it; has_more says whether more remain in the
 * direction of travel.
 */
export function paginate<T>(items: readonly T[], key: (item: T) => string, query: URLSearchParams): PageResult<T> {
  const rawLimit = query.get("limit");
  const limit = rawLimit === null ? 20 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new PageError(`limit: Input should be an integer between 1 and 1000 (received ${JSON.stringify(rawLimit)})`);
  }
  const afterId = query.get("after_id");
  const beforeId = query.get("before_id");
  if (afterId && beforeId) throw new PageError("Cannot specify both after_id and before_id");
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  let data: T[];
  let hasMore: boolean;
  if (beforeId) {
    const before = sorted.filter((item) => key(item) < beforeId);
    data = before.slice(Math.max(0, before.length - limit));
    hasMore = before.length > limit;
  } else {
    const after = afterId ? sorted.filter((item) => key(item) > afterId) : sorted;
    data = after.slice(0, limit);
    hasMore = after.length > limit;
  }
  return {
    data,
    has_more: hasMore,
    first_id: data.length > 0 ? key(data[0]!) : null,
    last_id: data.length > 0 ? key(data[data.length - 1]!) : null,
  };
}

/** Accepts `x-api-key: <key>` or `Authorization: Bearer <key>` (the SDK sends the latter). */
export function presentedKey(request: EmulatorRequest): string | undefined {
  const header = request.headers["x-api-key"];
  const xApiKey = Array.isArray(header) ? header[0] : header;
  if (xApiKey) return xApiKey;
  const authorization = request.headers.authorization;
  if (authorization?.startsWith("Bearer ")) return authorization.slice("Bearer ".length);
  return undefined;
}

export function versionProblem(request: EmulatorRequest): string | undefined {
  const header = request.headers["anthropic-version"];
  const version = Array.isArray(header) ? header[0] : header;
  if (!version) return "anthropic-version: header is required";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(version)) return `anthropic-version: "${version}" is not a valid version`;
  return undefined;
}

export type Responder = (status: number, message: string, errorCode?: string) => EmulatorResponse;
