/**
 * The one HTTP client every provider uses (undici). It owns what every admin API needs alike:
 * base URL and auth headers, JSON in and out, zod validation of responses, timeouts, retries with
 * jittered backoff for idempotent calls (honouring Retry-After), the per-host limiter, request
 * counting, and redaction: the auth headers' values and any registered secret never appear in
 * an error message.
 */
import type { Agent } from "undici";
import type { z } from "zod";
import { OrgformError, redact } from "../errors";
import { Sensitive } from "../values/sensitive";
import { HostLimiter, limiterFor, type HostLimits } from "./host-limiter";
import { DEFAULT_CONCURRENCY } from "./limits";
import { describeZodIssue } from "./zod-issues";
import { waitFromHeaders } from "./rate-limit-headers";
import { noteAcceptedWrite } from "./accepted-writes";
import { forgetSharedAnswers, sharedAnswers, type RawAnswer } from "./shared-reads";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface HttpClientOptions {
  /** e.g. "Langfuse admin API": used in every error message. */
  readonly service: string;
  readonly baseUrl: string;
  /** Auth and protocol headers; sensitive ones are redacted from errors. */
  readonly headers: Readonly<Record<string, string | Sensitive>>;
  /** What the user should do on 401/403, e.g. "set LANGFUSE_ADMIN_API_KEY". */
  readonly authHint: string;
  /** Pulls the API's own message out of an error body. */
  readonly errorMessage?: (status: number, body: unknown) => string | undefined;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly limits?: HostLimits;
  /** Overall budget for one call including retries. */
  readonly deadlineMs?: number;
}

export interface RequestOptions<T> {
  readonly method: HttpMethod;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly schema: z.ZodType<T>;
  /** POSTs are not retried unless the caller says the call is idempotent. */
  readonly idempotent?: boolean;
  /** Extra headers for this call (e.g. Basic auth with a project key pair). */
  readonly headers?: Readonly<Record<string, string | Sensitive>>;
  /**
   * With per-call credentials: a fingerprint of them (never a secret). GETs with the same one
   * share answers within a plan as the client's own GETs do; without it they are never shared.
   */
  readonly shareAs?: string;
}

/**
 * undici loads with the first request, so commands that send none (`state`, `plan --no-refresh`,
 * `version`) never load it; and only the parts used here (undici's index loads all 110 of its
 * modules, fetch, WebSocket, caches and mocks included: a tenth of a command's start).
 */
type UndiciParts = Pick<typeof import("undici"), "Agent" | "request" | "errors">;
let undici: { readonly lib: UndiciParts; readonly agent: Agent } | undefined;
function loadUndici(): NonNullable<typeof undici> {
  if (!undici) {
    const lib = undiciParts();
    undici = { lib, agent: new lib.Agent({ connections: DEFAULT_CONCURRENCY, keepAliveTimeout: 10_000 }) };
  }
  return undici;
}

/**
 * Agent, request and errors from the files that define them (about 25 modules), with request
 * as undici's index makes it from its API's request: the URL split into origin and path, the
 * options' dispatcher as `this`. The paths are undici 7's; its index serves if they move.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
function undiciParts(): UndiciParts {
  try {
    const Agent = require("undici/lib/dispatcher/agent") as UndiciParts["Agent"];
    const errors = require("undici/lib/core/errors") as UndiciParts["errors"];
    const apiRequest = require("undici/lib/api/api-request") as (this: unknown, options: Record<string, unknown>) => Promise<unknown>;
    if (typeof Agent !== "function" || typeof apiRequest !== "function" || typeof errors?.SocketError !== "function") throw new Error("undici's layout changed");
    const request = (url: string | URL, options: Record<string, unknown> & { dispatcher: unknown }) => {
      const parsed = new URL(url);
      return apiRequest.call(options.dispatcher, { ...options, origin: parsed.origin, path: `${parsed.pathname}${parsed.search}`, method: options.method || (options.body ? "PUT" : "GET") });
    };
    return { Agent, errors, request: request as unknown as UndiciParts["request"] };
  } catch {
    return require("undici") as typeof import("undici");
  }
}
/* eslint-enable @typescript-eslint/no-require-imports */
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/** Requests per "METHOD /path" across all clients of this process, for tests and benchmarks. */
export const requestCounter = new Map<string, number>();

export class HttpClient {
  private readonly limiter: HostLimiter;
  private readonly secrets = new Set<string>();
  readonly origin: string;

  constructor(private readonly options: HttpClientOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new OrgformError("ARGUMENT_INVALID", `${options.service}: base URL ${JSON.stringify(options.baseUrl)} is not a URL.`);
    }
    this.origin = url.origin;
    this.limiter = limiterFor(url.origin, options.limits ?? { concurrency: DEFAULT_CONCURRENCY });
    for (const value of Object.values(options.headers)) {
      if (value instanceof Sensitive) this.addSecret(String(value.reveal()));
    }
  }

  /** Registers a value that must never appear in an error message (e.g. a key in a body). */
  addSecret(secret: string): void {
    if (secret.length >= 4) this.secrets.add(secret);
  }

  async request<T>(call: RequestOptions<T>): Promise<T> {
    const url = this.url(call.path, call.query);
    const endpoint = `${call.method} ${call.path}`;
    // Per-call headers (another key pair) may change the answer: shared only among the same credentials.
    const shared = call.method === "GET" && (call.headers === undefined || call.shareAs !== undefined) ? sharedAnswers(this) : undefined;
    if (call.method !== "GET") forgetSharedAnswers(this);
    const shareKey = call.shareAs === undefined ? url : `${call.shareAs}\u0000${url}`;
    let answer = shared?.get(shareKey);
    if (!answer) {
      answer = this.exchange(call, url, endpoint);
      if (shared) {
        shared.set(shareKey, answer);
        answer.catch(() => shared.delete(shareKey));
      }
    }
    const { status, text } = await answer;
    return this.handle(call, endpoint, status, text);
  }

  /** Sends the call (retrying what is safe to retry) and returns the final answer as received. */
  private async exchange(call: RequestOptions<unknown>, url: string, endpoint: string): Promise<RawAnswer> {
    const retryable = call.method !== "POST" || call.idempotent === true;
    const maxRetries = this.options.maxRetries ?? envNumber("ORGFORM_HTTP_MAX_RETRIES", 5);
    const deadline = Date.now() + (this.options.deadlineMs ?? envNumber("ORGFORM_HTTP_DEADLINE_MS", 120_000));
    // Loaded before a rate-limit slot is taken, so a slot is never spent waiting for the load.
    const { lib, agent } = loadUndici();
    for (let attempt = 0; ; attempt++) {
      const release = await this.limiter.acquire();
      let status: number;
      let text: string;
      let retryAfterMs: number | undefined;
      try {
        const countKey = `${call.method} ${new URL(url).pathname}`;
        requestCounter.set(countKey, (requestCounter.get(countKey) ?? 0) + 1);
        const response = await lib.request(url, {
          method: call.method,
          headers: this.headersFor(call),
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          dispatcher: agent,
          headersTimeout: this.options.timeoutMs ?? envNumber("ORGFORM_HTTP_TIMEOUT_MS", 30_000),
          bodyTimeout: this.options.timeoutMs ?? envNumber("ORGFORM_HTTP_TIMEOUT_MS", 30_000),
        });
        status = response.statusCode;
        text = await response.body.text();
        retryAfterMs = status === 429 || status === 503 ? waitFromHeaders(response.headers) : undefined;
      } catch (error) {
        release();
        // A POST whose connection failed may have been committed: never retried blindly (the
        // create journal resolves it on the next run).
        if (retryable && attempt < maxRetries && Date.now() < deadline && isConnectionError(error)) {
          await sleep(backoffMs(attempt));
          continue;
        }
        throw new OrgformError(
          "API_UNREACHABLE",
          this.clean(`${this.options.service}: ${endpoint} failed: ${(error as Error).message}. Check the base URL ${this.options.baseUrl} and that the service is up.`),
          { endpoint },
        );
      }
      release();
      // A 429 pauses the whole host, not only this request; without Retry-After, for a backoff.
      if (status === 429) this.limiter.pause(retryAfterMs ?? Math.max(1000, backoffMs(attempt + 3)));
      // 429 means the server refused the request unprocessed: safe to retry even for a POST.
      if (RETRYABLE_STATUS.has(status) && (status === 429 || retryable) && attempt < maxRetries && Date.now() < deadline) {
        if (status !== 429) await sleep(retryAfterMs ?? backoffMs(attempt));
        continue;
      }
      return { status, text };
    }
  }

  private handle<T>(call: RequestOptions<T>, endpoint: string, status: number, text: string): T {
    let body: unknown = undefined;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    if (status < 400 && call.method !== "GET") noteAcceptedWrite();
    if (status >= 400) {
      const apiMessage = this.options.errorMessage?.(status, body) ?? (typeof body === "string" ? body : JSON.stringify(body));
      const said = apiMessage ? `: ${apiMessage}` : "";
      if (status === 401 || status === 403) {
        throw new OrgformError(
          "API_AUTH",
          this.clean(`${this.options.service} refused the credentials (${status}) on ${endpoint}${said}. ${this.options.authHint}.`),
          { status, endpoint },
        );
      }
      const code = status === 404 ? "API_NOT_FOUND" : "API_ERROR";
      throw new OrgformError(code, this.clean(`${this.options.service} answered ${status} to ${endpoint}${said}`), { status, endpoint });
    }
    const parsed = call.schema.safeParse(body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new OrgformError(
        "API_RESPONSE_INVALID",
        this.clean(`${this.options.service}: the response to ${endpoint} does not match what orgform expects: ${describeZodIssue(issue)}.`),
        { endpoint },
      );
    }
    return parsed.data;
  }

  private url(path: string, query: RequestOptions<unknown>["query"]): string {
    const base = this.options.baseUrl.replace(/\/+$/, "");
    const url = new URL(base + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  private headersFor(call: RequestOptions<unknown>): Record<string, string> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (call.body !== undefined) headers["content-type"] = "application/json";
    for (const [name, value] of Object.entries({ ...this.options.headers, ...call.headers })) {
      headers[name] = value instanceof Sensitive ? String(value.reveal()) : value;
    }
    return headers;
  }

  private clean(text: string): string {
    return redact(text, this.secrets);
  }
}

/**
 * The longest a create (a POST) can take from sending to its last possible answer: the total
 * deadline for retries (429s are retried even for a POST) plus one last attempt's timeouts. The
 * create journal uses it as the end of a killed request's window.
 */
export function longestCallMs(): number {
  const timeout = envNumber("ORGFORM_HTTP_TIMEOUT_MS", 30_000);
  return envNumber("ORGFORM_HTTP_DEADLINE_MS", 120_000) + 2 * timeout;
}

/** Process-wide HTTP settings (retries, per-call timeout, total deadline) from the environment. */
function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? NaN : Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

function isConnectionError(error: unknown): boolean {
  const errors = undici?.lib.errors;
  if (errors && (error instanceof errors.SocketError || error instanceof errors.HeadersTimeoutError)) return true;
  const code = (error as { code?: string }).code;
  return code === "ECONNRESET" || code === "ECONNREFUSED" || code === "EPIPE" || code === "UND_ERR_SOCKET";
}

/** Exponential backoff with full jitter: 100 ms, 200 ms, 400 ms … capped at 5 s. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(5000, 100 * 2 ** attempt);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
