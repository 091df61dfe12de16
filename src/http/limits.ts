/**
 * Rate limits per provider: the provider block's `rate_limit` ({ requests_per_minute, burst,
 * concurrency }), else env ORGFORM_<PROVIDER>_REQUESTS_PER_MINUTE / _BURST / _CONCURRENCY, else
 * the provider's defaults for its real service host (what that service allows). Emulators and
 * other hosts get no bucket by default: only a concurrency cap.
 */
import { z } from "zod";
import { OrgformError } from "../errors";
import type { HostLimits } from "./host-limiter";

/** A provider block's `rate_limit`; provider config schemas embed it so a bad value fails once, by name. */
export const rateLimitSchema = z
  .object({
    requests_per_minute: z.number().positive().optional(),
    burst: z.number().int().positive().optional(),
    concurrency: z.number().int().positive().optional(),
  })
  .strict();

/**
 * Requests in flight per host unless the provider knows better for its real service. A refresh
 * sends one list call per collection at once: at 16, 45 collections took three round trips
 * instead of one. undici's agent keeps as many connections per origin (client.ts).
 */
export const DEFAULT_CONCURRENCY = 64;

export interface LimitDefaults {
  /** The real service's host, e.g. "api.openai.com": its defaults apply only there. */
  readonly host?: string;
  readonly requestsPerMinute?: number;
  readonly burst?: number;
  readonly concurrency?: number;
}

export function limitsFor(provider: string, baseUrl: string, rateLimit: unknown, env: NodeJS.ProcessEnv, defaults: LimitDefaults = {}): HostLimits {
  const parsed = rateLimitSchema.safeParse(rateLimit ?? {});
  if (!parsed.success) {
    throw new OrgformError("ARGUMENT_INVALID", `provider "${provider}": rate_limit.${parsed.error.issues[0]!.path.join(".")}: ${parsed.error.issues[0]!.message}.`);
  }
  const prefix = `ORGFORM_${provider.toUpperCase()}_`;
  const fromEnv = (name: string): number | undefined => {
    const raw = env[`${prefix}${name}`];
    if (raw === undefined || raw === "") return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new OrgformError("ARGUMENT_INVALID", `${prefix}${name} must be a number (got ${JSON.stringify(raw)}).`);
    return n;
  };
  let host = "";
  try {
    host = new URL(baseUrl).host;
  } catch {
    host = "";
  }
  const real = defaults.host !== undefined && host === defaults.host;
  const requestsPerMinute = parsed.data.requests_per_minute ?? fromEnv("REQUESTS_PER_MINUTE") ?? (real ? defaults.requestsPerMinute : undefined);
  return {
    concurrency: parsed.data.concurrency ?? fromEnv("CONCURRENCY") ?? (real ? defaults.concurrency : undefined) ?? DEFAULT_CONCURRENCY,
    requestsPerMinute: requestsPerMinute === 0 ? undefined : requestsPerMinute,
    burst: parsed.data.burst ?? fromEnv("BURST") ?? (real ? defaults.burst : undefined),
  };
}
