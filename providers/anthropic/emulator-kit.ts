/**
 * The parts of the Anthropic emulator that are about the API's conventions rather than its
 * objects: sortable prefixed ids (the kit's cursorPage pages by comparing them), the error
 * envelope with its request id, and auth.
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
