/**
 * One limiter per API host, shared by every client that talks to it: a concurrency cap, an
 * optional token bucket (requests per minute with a burst), and a host-wide pause after a 429 so
 * that every request to that host waits, not only the one that was refused.
 */
export interface HostLimits {
  /** Most requests in flight at once. */
  readonly concurrency: number;
  /** Requests per minute; undefined means no bucket. */
  readonly requestsPerMinute?: number;
  /** Requests allowed back to back before the bucket rate applies. */
  readonly burst?: number;
}

export class HostLimiter {
  private active = 0;
  private readonly waiters: Array<() => void> = [];
  private tokens: number;
  private lastRefill = Date.now();
  private pausedUntil = 0;
  private waiting = 0;
  private waitingSince = 0;
  /** Wall-clock milliseconds during which some request waited on the bucket or a 429 pause. */
  waitedMs = 0;

  constructor(readonly limits: HostLimits) {
    this.tokens = limits.burst ?? limits.requestsPerMinute ?? 0;
  }

  /** Waits for a slot and a token; returns the release function. */
  async acquire(): Promise<() => void> {
    if (this.active >= this.limits.concurrency) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    this.active++;
    await this.waitForTokenAndPause();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiters.shift()?.();
    };
  }

  /** Pauses the whole host, e.g. for a 429's Retry-After. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  private async waitForTokenAndPause(): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (now < this.pausedUntil) {
        await this.sleepCounted(this.pausedUntil - now);
        continue;
      }
      // 10% under the declared rate: the server counts arrivals, not departures, and network
      // jitter must not turn a request sent exactly on time into a 429.
      const rpm = this.limits.requestsPerMinute ? this.limits.requestsPerMinute * 0.9 : undefined;
      if (!rpm) return;
      const capacity = this.limits.burst ?? Math.max(1, Math.floor(rpm));
      this.tokens = Math.min(capacity, this.tokens + ((now - this.lastRefill) * rpm) / 60000);
      this.lastRefill = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleepCounted(Math.ceil(((1 - this.tokens) * 60000) / rpm));
    }
  }

  /** Counts wall time, not the sum over requests: ten requests waiting one second is one second. */
  private async sleepCounted(ms: number): Promise<void> {
    if (this.waiting++ === 0) this.waitingSince = Date.now();
    try {
      await new Promise((resolve) => setTimeout(resolve, ms));
    } finally {
      if (--this.waiting === 0) this.waitedMs += Date.now() - this.waitingSince;
    }
  }
}

const limiters = new Map<string, HostLimiter>();

/** The process-wide limiter for a host (origin); the first caller's limits win. */
export function limiterFor(origin: string, limits: HostLimits): HostLimiter {
  let limiter = limiters.get(origin);
  if (!limiter) {
    limiter = new HostLimiter(limits);
    limiters.set(origin, limiter);
  }
  return limiter;
}

/** Total time spent waiting on rate limits across all hosts, for summaries. */
export function totalRateLimitWaitMs(): number {
  let total = 0;
  for (const limiter of limiters.values()) total += limiter.waitedMs;
  return total;
}
