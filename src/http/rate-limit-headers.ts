/**
 * How long a refusing API asks us to wait, from the headers the admin APIs send: the standard
 * Retry-After (seconds or an HTTP date), OpenAI's x-ratelimit-reset-requests ("1s", "6m0s",
 * "20ms"), Anthropic's anthropic-ratelimit-requests-reset (an RFC 3339 time), and the IETF draft
 * RateLimit-Reset (seconds). Undefined when none is present or readable.
 */
type Headers = Readonly<Record<string, string | string[] | undefined>>;

export function waitFromHeaders(headers: Headers, now = Date.now()): number | undefined {
  const first = (name: string): string | undefined => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const retryAfter = first("retry-after");
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const openai = first("x-ratelimit-reset-requests");
  if (openai) {
    const ms = parseGoDuration(openai);
    if (ms !== undefined) return ms;
  }
  const anthropic = first("anthropic-ratelimit-requests-reset");
  if (anthropic) {
    const date = Date.parse(anthropic);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const draft = first("ratelimit-reset");
  if (draft && Number.isFinite(Number(draft))) return Math.max(0, Number(draft) * 1000);
  return undefined;
}

/** "6m0s", "1.5s", "20ms", "1h2m" → milliseconds. */
export function parseGoDuration(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text.trim()) return undefined;
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  return parts.reduce((total, [, value, suffix]) => total + Number(value) * unit[suffix!]!, 0);
}
