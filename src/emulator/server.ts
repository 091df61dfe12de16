/**
 * The shared kit behind every provider's emulator: a node:http server on loopback with a small
 * router, JSON bodies, a movable clock, per-route request counters, and a fault plan (latency,
 * 429s, 500s, connection resets before or after a write commits, 500s and malformed 200s after a
 * write commits, slow bodies, hangs) that tests and `orgform emulate --faults` can set, and request
 * events (arrived, committed, answered) a test can act on instead of sleeping. Each provider's emulator.ts adds only its API's routes
 * and rules.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { bodyShapeOf } from "./body-shape";
import { FaultInjector, type Fault, type FaultPlan } from "./faults";

/**
 * Moments in a request's life a test can act on (kill a client, make a change) instead of
 * sleeping: it arrived (nothing committed yet), its write committed (no answer sent yet), or its
 * answer was handed to the socket (a slow body: its first half). `n` counts arrivals since the server started.
 */
export interface RequestEvent {
  readonly phase: "arrived" | "committed" | "answered";
  readonly n: number;
  readonly method: string;
  /** The route's pattern, e.g. "POST /v1/organizations/workspaces". */
  readonly route: string;
  readonly fault: Fault["kind"];
  /** The parsed JSON body as it arrived (undefined without one): what the client sent, field by field. */
  readonly body?: unknown;
}

/**
 * A request with this header is neither faulted, counted nor observed: a test making a change
 * "as a colleague would" through the API, next to the client under test.
 */
export const FAULT_EXEMPT_HEADER = "x-emulator-fault-exempt";

export interface EmulatorRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage["headers"];
  readonly body: unknown;
}

export interface EmulatorResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type RouteHandler = (request: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

/**
 * The fields a route's JSON body may carry, as the API documents them: `true` for a leaf, a
 * nested shape for an object whose own fields are checked too. With `strictBodies` on, a field
 * outside it is refused as a pydantic-style server refuses it ("Extra inputs are not permitted").
 */
export interface BodyShape {
  readonly [field: string]: true | BodyShape;
}

interface Route {
  readonly method: string;
  readonly pattern: string;
  readonly regex: RegExp;
  readonly names: readonly string[];
  readonly handler: RouteHandler;
  body?: BodyShape;
}

export interface EmulatorOptions {
  /** Checks auth before any route; a response means refuse. */
  readonly authenticate?: (request: EmulatorRequest) => EmulatorResponse | undefined;
  /** The body for unknown routes and malformed JSON, in the API's own error shape. */
  readonly errorBody: (status: number, message: string) => unknown;
}

/** A clock tests can move (caches, expiry). */
export class EmulatorClock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  iso(): string {
    return new Date(this.now()).toISOString();
  }
}

export class EmulatorServer {
  private readonly routes: Route[] = [];
  private server: Server | undefined;
  readonly clock = new EmulatorClock();
  readonly faults = new FaultInjector();
  /** Requests per "METHOD pattern", e.g. "GET /v1/organizations/workspaces". */
  readonly counters = new Map<string, number>();
  /** Requests being handled now, and the most ever at once: proves a client's concurrency cap. */
  inFlight = 0;
  maxInFlight = 0;
  private arrivals = 0;
  private readonly idleWaiters: Array<() => void> = [];
  private readonly observers = new Set<(event: RequestEvent) => void>();
  /** Refuse body fields a route's BodyShape does not list (routes without a shape accept any). */
  strictBodies = false;

  constructor(private readonly options: EmulatorOptions) {}

  /**
   * Adds a route. `body` is what its JSON body may carry: a BodyShape, or the zod schema the
   * handler parses the body with (its fields are the shape), so the fields are written once.
   */
  route(method: string, pattern: string, handler: RouteHandler, body?: BodyShape | z.ZodType): this {
    const names: string[] = [];
    const source = pattern.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    this.routes.push({ method, pattern, regex: new RegExp(`^${source}/?$`), names, handler, body: body instanceof z.ZodType ? bodyShapeOf(body) : body });
    return this;
  }

  /** Declares the body fields of routes registered already: [method, pattern, shape or schema] each. */
  bodyShapes(shapes: ReadonlyArray<readonly [string, string, BodyShape | z.ZodType]>): this {
    for (const [method, pattern, shape] of shapes) {
      const route = this.routes.find((candidate) => candidate.method === method && candidate.pattern === pattern);
      if (!route) throw new Error(`emulator: no route ${method} ${pattern} to declare a body for`);
      route.body = shape instanceof z.ZodType ? bodyShapeOf(shape) : shape;
    }
    return this;
  }

  setFaults(plan: FaultPlan): void {
    this.faults.set(plan);
  }

  /**
   * Holds every request `matches` selects after it arrives and before the API's logic runs, until
   * the returned release is called: a test keeps a run inside its apply for as long as it needs
   * (another run tries the lock meanwhile) instead of guessing a latency.
   */
  hold(matches: (method: string, route: string) => boolean): () => void {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const gate = { matches, released };
    this.gates.add(gate);
    return () => {
      this.gates.delete(gate);
      release();
    };
  }

  private readonly gates = new Set<{ matches: (method: string, route: string) => boolean; released: Promise<void> }>();

  /** Calls `listener` at each request event (synchronously, in the server's order); returns the off switch. */
  observe(listener: (event: RequestEvent) => void): () => void {
    this.observers.add(listener);
    return () => this.observers.delete(listener);
  }

  private emit(event: RequestEvent): void {
    for (const listener of [...this.observers]) listener(event);
  }

  requestCount(method: string, pattern: string): number {
    return this.counters.get(`${method} ${pattern}`) ?? 0;
  }

  totalRequests(): number {
    let total = 0;
    for (const count of this.counters.values()) total += count;
    return total;
  }

  async start(port = 0, host = "127.0.0.1"): Promise<string> {
    this.server = createServer((req, res) => void this.dispatchCounted(req, res));
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    return `http://${host}:${address.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Stops counting once the answer is written, before the client can read it (same process), so
   * a client that waits for each answer never shows two in flight. A hang or slow body stops early.
   */
  private async dispatchCounted(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    try {
      await this.dispatch(req, res);
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((resume) => resume());
    }
  }

  /** Resolves once no request is being handled: a dead client's requests have all committed. */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resume) => this.idleWaiters.push(resume));
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Reading and routing the request happen as it arrives; the latency is then spent before the
    // API's logic runs (a write commits only after it), so requests that arrive together do not
    // also queue behind each other's parsing when their latency ends.
    const url = new URL(req.url ?? "/", "http://emulator");
    const raw = await readBody(req);
    const method = req.method ?? "GET";
    const match = this.match(method, url.pathname);
    const counterKey = `${method} ${match?.route.pattern ?? url.pathname}`;
    const exempt = req.headers[FAULT_EXEMPT_HEADER] !== undefined;
    if (!exempt) this.counters.set(counterKey, (this.counters.get(counterKey) ?? 0) + 1);
    let body: unknown = undefined;
    let malformed = false;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        malformed = true;
      }
    }

    const fault: Fault = exempt ? { kind: "none", latencyMs: 0, slowBodyMs: 0 } : this.faults.next(method);
    const n = exempt ? 0 : ++this.arrivals;
    const emit = (phase: RequestEvent["phase"]) => !exempt && this.emit({ phase, n, method, route: counterKey, fault: fault.kind, body });
    emit("arrived");
    for (const gate of [...this.gates]) if (!exempt && gate.matches(method, counterKey)) await gate.released;
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.kind === "hang") return; // never answers; the client's timeout must fire
    if (fault.kind === "reset-before-commit") return void req.socket.destroy();
    if (fault.kind === "status") {
      return send(res, { status: fault.status, body: this.options.errorBody(fault.status, fault.message), headers: fault.headers });
    }
    if (malformed) return send(res, { status: 400, body: this.options.errorBody(400, "Request body is not valid JSON") });

    const request: EmulatorRequest = {
      method,
      path: url.pathname,
      params: match?.params ?? {},
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    const refused = this.options.authenticate?.(request);
    let response: EmulatorResponse;
    if (refused) response = refused;
    else if (!match) response = this.noRoute(method, url.pathname);
    else if (this.strictBodies && match.route.body && extraField(body, match.route.body)) {
      response = { status: 400, body: this.options.errorBody(400, `${extraField(body, match.route.body)}: Extra inputs are not permitted`) };
    } else {
      try {
        response = await match.route.handler(request);
      } catch (error) {
        response = { status: 500, body: this.options.errorBody(500, (error as Error).message) };
      }
    }
    emit("committed");
    if (fault.kind === "reset-after-commit") return void req.socket.destroy();
    if (fault.kind === "500-after-commit") {
      response = { status: 500, body: this.options.errorBody(500, "Internal server error") };
    }
    if (fault.kind === "malformed-after-commit") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(fault.body);
    } else if (fault.slowBodyMs > 0) sendSlowly(res, response, fault.slowBodyMs);
    else send(res, response);
    emit("answered");
  }

  /** A known path asked with a method it lacks is 405 with Allow, as the services answer; an unknown path 404. */
  private noRoute(method: string, path: string): EmulatorResponse {
    const allowed = [...new Set(this.routes.filter((route) => route.regex.test(path)).map((route) => route.method))];
    if (allowed.length === 0) return { status: 404, body: this.options.errorBody(404, `No route for ${method} ${path}`) };
    return { status: 405, body: this.options.errorBody(405, `Method ${method} is not allowed on ${path}`), headers: { allow: allowed.join(", ") } };
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.regex.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1]!)));
      return { route, params };
    }
    return undefined;
  }
}

/** The dotted path of the first field `body` carries beyond `shape`, if any. */
export function extraField(body: unknown, shape: BodyShape, prefix = ""): string | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) return undefined;
  for (const [field, value] of Object.entries(body)) {
    const allowed = shape[field];
    if (!allowed) return `${prefix}${field}`;
    if (allowed !== true) {
      const nested = extraField(value, allowed, `${prefix}${field}.`);
      if (nested) return nested;
    }
  }
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, response: EmulatorResponse): void {
  const text = response.body === undefined ? "" : JSON.stringify(response.body);
  res.writeHead(response.status, { "content-type": "application/json", ...response.headers });
  res.end(text);
}

function sendSlowly(res: ServerResponse, response: EmulatorResponse, ms: number): void {
  const text = response.body === undefined ? "" : JSON.stringify(response.body);
  res.writeHead(response.status, { "content-type": "application/json", ...response.headers });
  const half = Math.floor(text.length / 2);
  res.write(text.slice(0, half));
  setTimeout(() => res.end(text.slice(half)), ms);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
