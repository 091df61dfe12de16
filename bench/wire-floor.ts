/**
 * Wire floors: the requests the engine makes, sent again by a bare HTTP client (undici, no engine
 * around it: no config, state, validation or bookkeeping) to the same emulators at the same
 * latency. The latency-only bounds of issue 9 assume a server that answers in no time over a
 * network that costs nothing; these say what the emulators and loopback really cost, so that
 * "measured / wire floor" is the engine's own overhead.
 *
 * The requests are the engine's own, recorded as it sends them through undici's diagnostics
 * channels (method, URL, headers, body and answer; kept in memory, never printed), so the floor
 * knows no provider: a recorded no-op plan is replayed with collections at once and pages in
 * turn, a recorded apply with each request sent once the objects it names exist.
 */
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { Agent, request } from "undici";
import type { EmulatorWorker } from "./emulators";
import { measure, type Measurement } from "./measure";

const agent = new Agent({ connections: 64 });

/** One request as the engine sent it, and its answer. */
export interface RecordedRequest {
  readonly origin: string;
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  /** undici's flat [name, value, …] list (host and content-length are undici's own). */
  readonly headers: readonly string[];
  readonly body: string | undefined;
  status: number;
  response: string;
}

interface UndiciRequest {
  readonly origin: unknown;
  readonly method: string;
  readonly path: string;
  readonly headers: unknown;
  readonly body: unknown;
}

/** Every HTTP request `work` sends through undici that was answered with success, in the order they were made. */
export async function recordRequests<T>(work: () => Promise<T>): Promise<{ result: T; requests: RecordedRequest[] }> {
  const requests: RecordedRequest[] = [];
  const byRequest = new WeakMap<object, RecordedRequest>();
  const onCreate = (message: unknown) => {
    const made = (message as { request: UndiciRequest }).request;
    const body = typeof made.body === "string" ? made.body : made.body instanceof Uint8Array ? Buffer.from(made.body).toString("utf8") : undefined;
    const headers = Array.isArray(made.headers) ? made.headers.map(String) : [];
    const recorded: RecordedRequest = { origin: String(made.origin), method: made.method, path: made.path, headers, body, status: 0, response: "" };
    byRequest.set(made, recorded);
    requests.push(recorded);
  };
  const onHeaders = (message: unknown) => {
    const { request: made, response } = message as { request: object; response: { statusCode: number } };
    const recorded = byRequest.get(made);
    if (recorded) recorded.status = response.statusCode;
  };
  const onChunk = (message: unknown) => {
    const { request: made, chunk } = message as { request: object; chunk: Uint8Array };
    const recorded = byRequest.get(made);
    if (recorded) recorded.response += Buffer.from(chunk).toString("utf8");
  };
  const channels = [
    ["undici:request:create", onCreate],
    ["undici:request:headers", onHeaders],
    ["undici:request:bodyChunkReceived", onChunk],
  ] as const;
  for (const [name, listener] of channels) subscribe(name, listener);
  try {
    const result = await work();
    // A refused attempt (a 429 the client retried, say) is not part of what the work needed.
    return { result, requests: requests.filter((one) => one.status >= 200 && one.status < 400) };
  } finally {
    for (const [name, listener] of channels) unsubscribe(name, listener);
  }
}

async function send(recorded: RecordedRequest, path = recorded.path, body = recorded.body): Promise<string> {
  const response = await request(`${recorded.origin}${path}`, {
    method: recorded.method as "GET",
    dispatcher: agent,
    headers: [...recorded.headers],
    body,
  });
  const text = await response.body.text();
  if (response.statusCode >= 400) throw new Error(`wire floor: ${recorded.method} ${path} answered ${response.statusCode}: ${text.slice(0, 200)}`);
  return text;
}

/**
 * A no-op plan's list calls again, all at once: one chain per collection (origin and path), its
 * pages one after another as the recorded cursors say.
 */
export async function refreshWireFloor(emulators: EmulatorWorker, recorded: readonly RecordedRequest[]): Promise<Measurement> {
  const collections = new Map<string, RecordedRequest[]>();
  for (const one of recorded) {
    const key = `${one.method} ${one.origin}${one.path.split("?")[0]}`;
    collections.set(key, [...(collections.get(key) ?? []), one]);
  }
  const { measurement } = await measure(emulators, async () => {
    await Promise.all(
      [...collections.values()].map(async (pages) => {
        for (const page of pages) await send(page);
      }),
    );
  });
  return measurement;
}

/** Ids an answer holds (every string `id` field, at any depth), by where they are in it. */
function idsIn(text: string): Map<string, string> {
  const ids = new Map<string, string>();
  const walk = (value: unknown, at: string) => {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${at}[${i}]`));
    else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        // Short ids could match by chance inside another request.
        if (key === "id" && typeof item === "string" && item.length >= 8) ids.set(`${at}.id`, item);
        else walk(item, `${at}.${key}`);
      }
    }
  };
  try {
    walk(JSON.parse(text), "");
  } catch {
    // Not JSON: no ids.
  }
  return ids;
}

/**
 * A recorded apply's requests again on fresh emulators, `parallelism` at a time: each waits for
 * the requests whose answers held an id it names (a key's organization, say), and names the id
 * the replay got instead.
 */
export async function createsWireFloor(emulators: EmulatorWorker, recorded: readonly RecordedRequest[], parallelism: number): Promise<Measurement> {
  const made = recorded.map((one) => idsIn(one.response));
  const needs = recorded.map((one, j) => {
    const text = `${one.path} ${one.body ?? ""}`;
    return recorded.flatMap((_, i) => (i < j && [...made[i]!.values()].some((id) => text.includes(id)) ? [i] : []));
  });
  const renamed = new Map<string, string>();
  const done = new Set<number>();
  const { measurement } = await measure(emulators, async () => {
    const waiting = recorded.map((_, i) => i);
    let running = 0;
    await new Promise<void>((finish, fail) => {
      const next = () => {
        if (waiting.length === 0 && running === 0) return finish();
        for (let k = 0; k < waiting.length && running < parallelism; ) {
          const i = waiting[k]!;
          if (!needs[i]!.every((need) => done.has(need))) {
            k++;
            continue;
          }
          waiting.splice(k, 1);
          running++;
          const one = recorded[i]!;
          let path = one.path;
          let body = one.body;
          for (const [before, after] of renamed) {
            path = path.split(before).join(after);
            body = body?.split(before).join(after);
          }
          send(one, path, body).then((text) => {
            const now = idsIn(text);
            for (const [at, before] of made[i]!) {
              const after = now.get(at);
              if (after !== undefined) renamed.set(before, after);
            }
            done.add(i);
            running--;
            next();
          }, fail);
        }
      };
      next();
    });
  });
  return measurement;
}
