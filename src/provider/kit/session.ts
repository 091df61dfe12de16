/**
 * How a provider's session reaches its API (issue 17, item 2: the session definition): the auth
 * schemes the admin APIs use, each with every string in it that is a secret (the key alone and
 * the header built from it, so an API echoing either is masked), and one call that makes the
 * HttpClient from the service's name, credentials, error format and limits.
 */
import { HttpClient } from "../../http/client";
import type { HostLimits } from "../../http/host-limiter";
import { Sensitive } from "../../values/sensitive";

/** Auth headers, and the secrets inside them that errors must never show. */
export interface Credentials {
  readonly headers: Readonly<Record<string, Sensitive>>;
  readonly secrets: readonly string[];
}

/** `Authorization: Bearer <token>` (Langfuse admin, OpenAI, the projects API's token). */
export function bearer(token: string): Credentials {
  return { headers: { authorization: new Sensitive(`Bearer ${token}`) }, secrets: [token] };
}

/** `Authorization: Basic base64(user:password)` (Langfuse's public API with a key pair). */
export function basic(user: string, password: string): Credentials {
  const encoded = Buffer.from(`${user}:${password}`).toString("base64");
  return { headers: { authorization: new Sensitive(`Basic ${encoded}`) }, secrets: [password, encoded] };
}

/** A key in a header of its own (`x-api-key`, `Api-Key`). */
export function keyHeader(name: string, key: string): Credentials {
  return { headers: { [name]: new Sensitive(key) }, secrets: [key] };
}

/** Several credentials sent together (the projects API wants an Api-Key header and a bearer token). */
export function together(...credentials: readonly Credentials[]): Credentials {
  return { headers: Object.assign({}, ...credentials.map((c) => c.headers)) as Record<string, Sensitive>, secrets: credentials.flatMap((c) => c.secrets) };
}

export interface ApiClientOptions {
  /** The API's name in every error message: "OpenAI Admin API". */
  readonly service: string;
  readonly baseUrl: string;
  /** None for a client whose calls each bring their own (Langfuse's public API). */
  readonly credentials?: Credentials;
  /** Protocol headers every call sends (`anthropic-version`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** What to check when the API refuses the credentials (401/403). */
  readonly authHint: string;
  /** The API's own words from an error body (each API has its own format). */
  readonly errorMessage: (body: unknown) => string | undefined;
  readonly limits?: HostLimits;
  readonly maxRetries?: number;
}

export function apiClient(options: ApiClientOptions): HttpClient {
  const http = new HttpClient({
    service: options.service,
    baseUrl: options.baseUrl,
    headers: { ...options.credentials?.headers, ...options.headers },
    authHint: options.authHint,
    errorMessage: (_status, body) => options.errorMessage(body),
    limits: options.limits,
    maxRetries: options.maxRetries,
  });
  if (options.credentials) headersFor(http, options.credentials);
  return http;
}

/**
 * The headers that send `credentials` through `http`, with the secrets in them registered so the
 * client's errors never show them: for calls that each bring their own (Langfuse's public API).
 */
export function headersFor(http: HttpClient, credentials: Credentials): Readonly<Record<string, Sensitive>> {
  for (const secret of credentials.secrets) http.addSecret(secret);
  return credentials.headers;
}
