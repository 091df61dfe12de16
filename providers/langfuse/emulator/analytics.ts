/**
 * Langfuse's public API analytics, one implementation for every server that serves it: GET
 * /api/public/metrics/daily (most recent day first, days with data only) and GET
 * /api/public/traces (filters, orderBy), each for the project a key pair belongs to, paged with
 * `{ data, meta: { page, limit, totalItems, totalPages } }` and refused with Langfuse's
 * `{ message }`. The Langfuse emulator serves it to project-scoped keys; the Projects API
 * emulator runs it as its own server (LangfuseAnalyticsEmulator), because seed 001 serves
 * analytics from Langfuse at a second URL with the projects' key pairs.
 */
import { randomUUID } from "node:crypto";
import { basicCredentials } from "../../../src/emulator/kit/auth";
import { Emulator } from "../../../src/emulator/kit/emulator";
import { numberedPage } from "../../../src/emulator/kit/paginate";
import type { EmulatorRequest, EmulatorResponse, EmulatorServer } from "../../../src/emulator/server";

export interface SeededUsage {
  readonly model: string | null;
  readonly inputUsage: number;
  readonly outputUsage: number;
}

export interface SeededDay {
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly countTraces: number;
  readonly countObservations?: number;
  readonly totalCost: number;
  readonly usage?: readonly SeededUsage[];
  /** Tags of the traces counted that day: the `tags` filter keeps days having all of them. */
  readonly tags?: readonly string[];
}

export interface SeededTrace {
  readonly id?: string;
  readonly timestamp: string;
  readonly name?: string | null;
  readonly userId?: string | null;
  readonly sessionId?: string | null;
  readonly release?: string | null;
  readonly version?: string | null;
  readonly tags?: readonly string[];
  readonly totalCost?: number;
  readonly latency?: number;
}

/** The analytics data, by project id, and its routes. */
export class LangfuseAnalytics {
  readonly days = new Map<string, SeededDay[]>();
  readonly traces = new Map<string, SeededTrace[]>();

  seedDailyMetrics(projectId: string, days: readonly SeededDay[]): void {
    this.days.set(projectId, [...(this.days.get(projectId) ?? []), ...days]);
  }

  seedTraces(projectId: string, traces: readonly SeededTrace[]): void {
    const filled = traces.map((trace) => ({ ...trace, id: trace.id ?? randomUUID() }));
    this.traces.set(projectId, [...(this.traces.get(projectId) ?? []), ...filled]);
  }

  /** A deleted project's data goes with it. */
  forget(projectId: string): void {
    this.days.delete(projectId);
    this.traces.delete(projectId);
  }

  /** Serves the routes on `server`: `projectOf` names the request's project, or answers its refusal. */
  register(server: EmulatorServer, projectOf: (request: EmulatorRequest) => string | EmulatorResponse): void {
    const forProject = (handler: (request: EmulatorRequest, projectId: string) => EmulatorResponse) => (request: EmulatorRequest) => {
      const project = projectOf(request);
      return typeof project === "string" ? handler(request, project) : project;
    };
    server
      .route("GET", "/api/public/metrics/daily", forProject((r, projectId) => this.dailyMetrics(r, projectId)))
      .route("GET", "/api/public/traces", forProject((r, projectId) => this.listTraces(r, projectId)));
  }

  private dailyMetrics(request: EmulatorRequest, projectId: string): EmulatorResponse {
    const { from, to, tags } = timeAndTags(request.query);
    // Langfuse returns the most recent day first and only days with data.
    const days = (this.days.get(projectId) ?? [])
      .filter((day) => (from === undefined || Date.parse(day.date) >= startOfDay(from)) && (to === undefined || Date.parse(day.date) < to))
      .filter((day) => tags.every((tag) => day.tags?.includes(tag)))
      .sort((a, b) => (a.date < b.date ? 1 : -1))
      .map((day) => ({
        date: day.date,
        countTraces: day.countTraces,
        countObservations: day.countObservations ?? 0,
        totalCost: day.totalCost,
        usage: (day.usage ?? []).map((u) => ({ ...u, totalUsage: u.inputUsage + u.outputUsage })),
      }));
    return paginate(days, request.query);
  }

  private listTraces(request: EmulatorRequest, projectId: string): EmulatorResponse {
    const { from, to, tags } = timeAndTags(request.query);
    const query = request.query;
    const orderBy = query.get("orderBy") ?? "timestamp.desc";
    const match = /^(timestamp|name|userId|sessionId|totalCost|latency)(?:\.(asc|desc))?$/.exec(orderBy);
    if (!match) return { status: 400, body: { message: `Invalid orderBy: ${orderBy}` } };
    const field = match[1] as keyof SeededTrace;
    const direction = match[2] === "asc" ? 1 : -1;
    const traces = (this.traces.get(projectId) ?? [])
      .filter((t) => (from === undefined || Date.parse(t.timestamp) >= from) && (to === undefined || Date.parse(t.timestamp) < to))
      .filter((t) => ["name", "userId", "sessionId"].every((key) => !query.get(key) || t[key as keyof SeededTrace] === query.get(key)))
      .filter((t) => tags.every((tag) => t.tags?.includes(tag)))
      .sort((a, b) => {
        const x = a[field] ?? "";
        const y = b[field] ?? "";
        return (x < y ? -1 : x > y ? 1 : 0) * direction;
      })
      .map((t) => ({
        id: t.id,
        timestamp: t.timestamp,
        name: t.name ?? null,
        userId: t.userId ?? null,
        sessionId: t.sessionId ?? null,
        release: t.release ?? null,
        version: t.version ?? null,
        tags: t.tags ?? [],
        totalCost: t.totalCost ?? 0,
        latency: t.latency ?? 0,
        public: false,
        htmlPath: `/project/${projectId}/traces/${t.id}`,
      }));
    return paginate(traces, query);
  }}

const INVALID_CREDENTIALS: EmulatorResponse = { status: 401, body: { message: "Invalid credentials. Confirm that you've configured the correct host." } };

/** Langfuse's analytics as a server of its own, for key pairs `projectFor` maps to a project (undefined: refused). */
export class LangfuseAnalyticsEmulator extends Emulator {
  readonly data = new LangfuseAnalytics();

  constructor(private readonly projectFor: (publicKey: string, secretKey: string) => string | undefined) {
    super();
    this.data.register(this.server, (request) => this.projectOf(request) ?? INVALID_CREDENTIALS);
  }

  protected errorBody(_status: number, message: string): unknown {
    return { message };
  }

  protected override authenticate(request: EmulatorRequest): EmulatorResponse | undefined {
    return this.projectOf(request) ? undefined : INVALID_CREDENTIALS;
  }

  seedDailyMetrics(projectId: string, days: readonly SeededDay[]): void {
    this.data.seedDailyMetrics(projectId, days);
  }

  seedTraces(projectId: string, traces: readonly SeededTrace[]): void {
    this.data.seedTraces(projectId, traces);
  }

  private projectOf(request: EmulatorRequest): string | undefined {
    const pair = basicCredentials(request);
    return pair && this.projectFor(pair.publicKey, pair.secretKey);
  }
}

/** Tags come repeated (`tags=a&tags=b`, Langfuse) or comma-separated (the seed's metrics). */
function timeAndTags(query: URLSearchParams): { from?: number; to?: number; tags: string[] } {
  const time = (name: string) => {
    const value = query.get(name);
    return value === null ? undefined : Date.parse(value);
  };
  const tags = query.getAll("tags").flatMap((value) => value.split(",")).map((tag) => tag.trim()).filter(Boolean);
  return { from: time("fromTimestamp"), to: time("toTimestamp"), tags };
}

function startOfDay(time: number): number {
  return Date.parse(new Date(time).toISOString().slice(0, 10));
}

/** Langfuse's numbered pages, its `{ message }` error naming the parameter. */
function paginate<T>(items: T[], query: URLSearchParams): EmulatorResponse {
  const { page, problem } = numberedPage(items, query);
  return problem ? { status: 400, body: { message: problem.message } } : { status: 200, body: page };
}
