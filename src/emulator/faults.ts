/**
 * Fault plans for emulators. Rates are fractions of requests (0.1 = 10%), drawn from a seeded
 * generator so a failing test can be replayed with the same seed.
 */
export interface FaultPlan {
  /** Added to every request before it is handled. */
  readonly latencyMs?: number;
  /** Every Nth request answers 429 with Retry-After (seconds, default 1; 0 sends no header). */
  readonly every429?: number;
  readonly retryAfterSeconds?: number;
  readonly rate429?: number;
  readonly rate500?: number;
  /** The connection is destroyed before the request reaches the API's logic. */
  readonly resetBeforeCommitRate?: number;
  /** The write is committed, then the connection is destroyed before the response. */
  readonly resetAfterCommitRate?: number;
  /** The write is committed, then the server answers 500 (the client cannot tell it committed). */
  readonly status500AfterCommitRate?: number;
  /**
   * The write is committed, then the server answers 200 with a body that is not the API's answer:
   * half of them not JSON at all (cut short), half valid JSON of the wrong shape.
   */
  readonly malformedAfterCommitRate?: number;
  /** The server never answers. */
  readonly hangRate?: number;
  /** The response body is sent in two halves this many ms apart. */
  readonly slowBodyMs?: number;
  /**
   * This fraction of requests (drawn independently of the faults above) is slow: `slowMs` more
   * latency before the API's logic, and the body sent in two halves `slowMs` apart.
   */
  readonly slowRate?: number;
  readonly slowMs?: number;
  /**
   * A real server-side rate limit: a token bucket of this many requests per minute (capacity the
   * same), answering 429 without Retry-After when empty, as the OpenAI admin endpoints do.
   */
  readonly rateLimitPerMinute?: number;
  /** Limit faults to these methods, e.g. ["POST"]. */
  readonly methods?: readonly string[];
  readonly seed?: number;
}

/** What a malformed 200 carries: text cut short mid-JSON, or JSON no API of ours answers. */
export const MALFORMED_BODIES = ['{"data":[{"id":"', '{"unexpected":true}'] as const;

export type Fault =
  | { kind: "none"; latencyMs: number; slowBodyMs: number }
  | { kind: "hang" | "reset-before-commit" | "reset-after-commit" | "500-after-commit"; latencyMs: number; slowBodyMs: number }
  | { kind: "malformed-after-commit"; body: string; latencyMs: number; slowBodyMs: number }
  | { kind: "status"; status: number; message: string; headers: Record<string, string>; latencyMs: number; slowBodyMs: number };

export class FaultInjector {
  private plan: FaultPlan = {};
  private count = 0;
  private state = 1;
  private tokens = 0;
  private lastRefill = Date.now();
  /** 429s answered by the rate limit, for tests that must see none. */
  rateLimited = 0;

  set(plan: FaultPlan): void {
    this.plan = plan;
    this.count = 0;
    this.state = (plan.seed ?? 1) >>> 0 || 1;
    this.tokens = plan.rateLimitPerMinute ?? 0;
    this.lastRefill = Date.now();
    this.rateLimited = 0;
  }

  next(method: string): Fault {
    const plan = this.plan;
    const base = { latencyMs: plan.latencyMs ?? 0, slowBodyMs: plan.slowBodyMs ?? 0 };
    // Drawn only when asked for, so the draws (and faults) of existing seeds stay as they were.
    if (plan.slowRate && this.random() < plan.slowRate) {
      base.latencyMs += plan.slowMs ?? 0;
      base.slowBodyMs = Math.max(base.slowBodyMs, plan.slowMs ?? 0);
    }
    if (plan.rateLimitPerMinute) {
      const now = Date.now();
      this.tokens = Math.min(plan.rateLimitPerMinute, this.tokens + ((now - this.lastRefill) * plan.rateLimitPerMinute) / 60000);
      this.lastRefill = now;
      if (this.tokens < 1) {
        this.rateLimited++;
        return { kind: "status", status: 429, message: "Rate limit reached for requests", headers: {}, ...base };
      }
      this.tokens -= 1;
    }
    if (plan.methods && !plan.methods.includes(method)) return { kind: "none", ...base };
    this.count++;
    const retryAfter = plan.retryAfterSeconds ?? 1;
    const tooMany = {
      kind: "status" as const,
      status: 429,
      message: "Rate limit exceeded",
      headers: (retryAfter > 0 ? { "retry-after": String(retryAfter) } : {}) as Record<string, string>,
      ...base,
    };
    if (plan.every429 && this.count % plan.every429 === 0) return tooMany;
    const roll = this.random();
    let edge = 0;
    if (roll < (edge += plan.rate429 ?? 0)) return tooMany;
    if (roll < (edge += plan.rate500 ?? 0)) return { kind: "status", status: 500, message: "Internal server error", headers: {}, ...base };
    if (roll < (edge += plan.resetBeforeCommitRate ?? 0)) return { kind: "reset-before-commit", ...base };
    if (roll < (edge += plan.resetAfterCommitRate ?? 0)) return { kind: "reset-after-commit", ...base };
    if (roll < (edge += plan.hangRate ?? 0)) return { kind: "hang", ...base };
    if (roll < (edge += plan.status500AfterCommitRate ?? 0)) return { kind: "500-after-commit", ...base };
    if (roll < (edge += plan.malformedAfterCommitRate ?? 0)) {
      return { kind: "malformed-after-commit", body: MALFORMED_BODIES[this.random() < 0.5 ? 0 : 1], ...base };
    }
    return { kind: "none", ...base };
  }

  /** xorshift32: small, seeded, good enough to spread faults. */
  private random(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x100000000;
  }
}
