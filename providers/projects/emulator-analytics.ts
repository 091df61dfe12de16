/**
 * The Langfuse public API part of the Projects emulator: GET /api/public/metrics/daily and
 * GET /api/public/traces, Basic auth with a project's public/secret key pair (the project's own
 * pair or one of its live API keys), `{ data, meta: { page, limit, totalItems, totalPages } }`
 * pagination, and Langfuse's `{ message }` errors. It runs as its own server because the seed
 * serves analytics from a separate microservice with its own URL.
 */
import { randomUUID } from "node:crypto";
import { numberedPage } from "../../src/emulator/kit/paginate";
import { basicCredentials } from "../../src/emulator/kit/auth";
import { Emulator } from "../../src/emulator/kit/emulator";
import type { EmulatorRequest, EmulatorResponse } from "../../src/emulator/server";

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

export class LangfuseAnalyticsEmulator extends Emulator {
  readonly days = new Map<string, SeededDay[]>();
  readonly traces = new Map<string, SeededTrace[]>();

  /** `projectFor` maps a key pair to the project it belongs to (undefined: refused). */
  constructor(private readonly projectFor: (publicKey: string, secretKey: string) => string | undefined) {
    super();
    this.server
      .route("GET", "/api/public/metrics/daily", (r) => this.dailyMetrics(r))
      .route("GET", "/api/public/traces", (r) => this.listTraces(r));
  }

  protected errorBody(_status: number, message: string): unknown {
    return { message };
  }

  protected override authenticate(request: EmulatorRequest): EmulatorResponse | undefined {
    return this.projectOf(request) ? undefined : { status: 401, body: { message: "Invalid credentials. Confirm that you've configured the correct host." } };
  }

  seedDailyMetrics(projectId: string, days: readonly SeededDay[]): void {
    this.days.set(projectId, [...(this.days.get(projectId) ?? []), ...days]);
  }

  seedTraces(projectId: string, traces: readonly SeededTrace[]): void {
    const filled = traces.map((trace) => ({ ...trace, id: trace.id ?? randomUUID() }));
    this.traces.set(projectId, [...(this.traces.get(projectId) ?? []), ...filled]);
  }

  private projectOf(request: EmulatorRequest): string | undefined {
    const pair = basicCredentials(request);
    return pair && this.projectFor(pair.publicKey, pair.secretKey);
  }

  private dailyMetrics(request: EmulatorRequest): EmulatorResponse {
    const projectId = this.projectOf(request)!;
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

  private listTraces(request: EmulatorRequest): EmulatorResponse {
    const projectId = this.projectOf(request)!;
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
