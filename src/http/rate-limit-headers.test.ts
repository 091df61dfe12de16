import { parseGoDuration, waitFromHeaders } from "./rate-limit-headers";

describe("waiting times from rate-limit headers", () => {
  const now = Date.parse("2026-11-23T12:00:00Z");
  it.each([
    [{ "retry-after": "2" }, 2000],
    [{ "retry-after": "Mon, 23 Nov 2026 12:00:05 GMT" }, 5000],
    [{ "x-ratelimit-reset-requests": "6m0s" }, 360_000],
    [{ "x-ratelimit-reset-requests": "1.5s" }, 1500],
    [{ "x-ratelimit-reset-requests": "20ms" }, 20],
    [{ "anthropic-ratelimit-requests-reset": "2026-11-23T12:00:03Z" }, 3000],
    [{ "ratelimit-reset": "7" }, 7000],
    [{ "retry-after": "1", "x-ratelimit-reset-requests": "9s" }, 1000],
    [{}, undefined],
    [{ "x-ratelimit-reset-requests": "soon" }, undefined],
  ])("%j → %s ms", (headers, expected) => {
    expect(waitFromHeaders(headers, now)).toBe(expected);
  });

  it("reads Go-style durations", () => {
    expect(parseGoDuration("1h2m3s")).toBe(3_723_000);
    expect(parseGoDuration("abc")).toBeUndefined();
  });
});
