/**
 * The main thread's handle on the emulator worker: start it, set the added latency, seed it,
 * and read its per-route request counters (keys "<provider> <METHOD> <route pattern>").
 */
import { resolve } from "node:path";
import { Worker } from "node:worker_threads";
import type { ProjectsCredentials, SeededOpenaiProject, SeededOrganization, SeededProject, WorkerReply, WorkerRequest } from "./emulator-protocol";

type Pending = { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };

export class EmulatorWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  urls: Readonly<Record<string, string>> = {};
  adminKeys: Readonly<Record<string, string>> = {};
  projects: ProjectsCredentials = { apiKey: "", token: "", organizationId: "" };

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
    const reply = await this.call<Extract<WorkerReply, { op: "start" }>>({ op: "start" });
    this.urls = reply.urls;
    this.adminKeys = reply.adminKeys;
    this.projects = reply.projects;
  }

  /**
   * The environment the providers read their base URLs and credentials from (each provider's
   * client.ts): the stack's provider blocks set none of them.
   */
  environment(): NodeJS.ProcessEnv {
    return {
      LANGFUSE_BASE_URL: this.urls.langfuse,
      LANGFUSE_ADMIN_API_KEY: this.adminKeys.langfuse,
      ANTHROPIC_BASE_URL: this.urls.anthropic,
      ANTHROPIC_ADMIN_API_KEY: this.adminKeys.anthropic,
      OPENAI_BASE_URL: this.urls.openai,
      OPENAI_ADMIN_KEY: this.adminKeys.openai,
      ORGANIZATIONS_API_BASE_URL: this.urls.projects,
      ORGANIZATIONS_API_KEY: this.projects.apiKey,
      ORGANIZATIONS_API_TOKEN: this.projects.token,
      ORGANIZATIONS_API_ORGANIZATION_ID: this.projects.organizationId,
    };
  }

  async setLatency(latencyMs: number): Promise<void> {
    await this.call({ op: "latency", latencyMs });
  }

  async reset(): Promise<void> {
    await this.call({ op: "reset" });
  }

  async seedLangfuse(organizations: ReadonlyArray<{ name: string; metadata: Record<string, string>; keyNotes: readonly string[] }>): Promise<SeededOrganization[]> {
    const reply = await this.call<Extract<WorkerReply, { op: "seed-langfuse" }>>({ op: "seed-langfuse", organizations });
    return reply.organizations;
  }

  /** Users who joined the Anthropic organization (the API cannot create users): their ids. */
  async seedAnthropicUsers(count: number): Promise<string[]> {
    const reply = await this.call<Extract<WorkerReply, { op: "seed-anthropic-users" }>>({ op: "seed-anthropic-users", count });
    return reply.userIds;
  }

  /** Workspaces with their explicit members: their ids, in order. */
  async seedAnthropic(workspaces: ReadonlyArray<{ name: string; tags: Record<string, string>; members: ReadonlyArray<{ userId: string; role: string }> }>): Promise<string[]> {
    const reply = await this.call<Extract<WorkerReply, { op: "seed-anthropic" }>>({ op: "seed-anthropic", workspaces });
    return reply.workspaceIds;
  }

  /** OpenAI projects with their service accounts: ids and first keys, in order. */
  async seedOpenai(projects: Extract<WorkerRequest, { op: "seed-openai" }>["projects"]): Promise<SeededOpenaiProject[]> {
    const reply = await this.call<Extract<WorkerReply, { op: "seed-openai" }>>({ op: "seed-openai", projects });
    return reply.projects;
  }

  /** Projects API projects with their members (every member with `organizationRole`): ids and key pairs, in order. */
  async seedProjects(projects: Extract<WorkerRequest, { op: "seed-projects" }>["projects"], organizationRole: string): Promise<SeededProject[]> {
    const reply = await this.call<Extract<WorkerReply, { op: "seed-projects" }>>({ op: "seed-projects", projects, organizationRole });
    return reply.projects;
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
