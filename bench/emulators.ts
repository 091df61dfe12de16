/**
 * The main thread's handle on the emulator worker: start it, set the added latency, seed the
 * people a bench part names, and read its per-route request counters (keys "<provider> <METHOD>
 * <route pattern>").
 */
import { resolve } from "node:path";
import { Worker } from "node:worker_threads";
import type { EmulatorAddresses, WorkerReply, WorkerRequest } from "./emulator-protocol";

type Pending = { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };

export class EmulatorWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private addresses: EmulatorAddresses = { urls: {}, environment: {} };

  constructor() {
    const file = resolve(__dirname, "emulator-worker.ts");
    // The worker loads TypeScript through tsx's CommonJS hook, as the benchmark itself does.
    const tsx = require.resolve("tsx/cjs/api");
    this.worker = new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(file)});`, { eval: true });
    this.worker.on("message", (message: { id: number; reply?: WorkerReply; error?: string }) => {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!waiting) return;
      if (message.error !== undefined) waiting.reject(new Error(`emulator worker: ${message.error}`));
      else waiting.resolve(message.reply!);
    });
    this.worker.on("error", (error) => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    });
  }

  private call<R extends WorkerReply>(request: WorkerRequest): Promise<R> {
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (reply: WorkerReply) => void, reject });
      this.worker.postMessage({ id, request });
    });
  }

  async start(): Promise<void> {
    this.addresses = await this.call<Extract<WorkerReply, { op: "start" }>>({ op: "start" });
  }

  /** Base URL by provider name. */
  get urls(): Readonly<Record<string, string>> {
    return this.addresses.urls;
  }

  /**
   * The environment the providers read their base URLs and credentials from (each emulator
   * definition's): the stack's provider blocks set none of them.
   */
  environment(): NodeJS.ProcessEnv {
    return { ...this.addresses.environment };
  }

  async setLatency(latencyMs: number): Promise<void> {
    await this.call({ op: "latency", latencyMs });
  }

  /** Every emulator empty (a fresh one on the same port) and its counters zero. */
  async reset(): Promise<void> {
    this.addresses = await this.call<Extract<WorkerReply, { op: "reset" }>>({ op: "reset" });
  }

  /** People who joined outside the API, whom a bench part's children name: their ids. */
  async seedPeople(provider: string, count: number): Promise<string[]> {
    return (await this.call<Extract<WorkerReply, { op: "seed-people" }>>({ op: "seed-people", provider, count })).ids;
  }

  async counters(): Promise<Record<string, number>> {
    const reply = await this.call<Extract<WorkerReply, { op: "counters" }>>({ op: "counters" });
    return reply.counters;
  }

  async profileStart(): Promise<void> {
    await this.call({ op: "profile-start" });
  }

  async profileStop(dir: string, name: string): Promise<string> {
    return (await this.call<Extract<WorkerReply, { op: "profile-stop" }>>({ op: "profile-stop", dir, name })).summary;
  }

  async stop(): Promise<void> {
    await this.call({ op: "stop" });
    await this.worker.terminate();
  }
}

/** Requests made between two counter snapshots, by route. */
export function counterDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [route, count] of Object.entries(after)) {
    const made = count - (before[route] ?? 0);
    if (made > 0) delta[route] = made;
  }
  return delta;
}
