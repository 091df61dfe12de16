/**
 * Wire floors: the requests the engine makes, sent by a bare HTTP client (undici, no engine
 * around it: no config, state, validation or bookkeeping) to the same emulators at the same
 * latency. The latency-only bounds of issue 9 assume a server that answers in no time over a
 * network that costs nothing; these say what the emulators and loopback really cost, so that
 * "measured / wire floor" is the engine's own overhead.
 */
import { Agent, request } from "undici";
import { ANTHROPIC_VERSION, MAX_PAGE_SIZE, ROUTES as ANTHROPIC } from "../providers/anthropic/client";
import { ROUTES as LANGFUSE } from "../providers/langfuse/client";
import { ROUTES as OPENAI } from "../providers/openai/client";
import { ROUTES as PROJECTS } from "../providers/projects/client";
import type { SeededOpenaiProject, SeededOrganization, SeededProject } from "./emulator-protocol";
import type { EmulatorWorker } from "./emulators";
import { measure, type Measurement } from "./measure";
import { OPENAI_PAGE_SIZE, type StackSpec } from "./shape";

const agent = new Agent({ connections: 64 });

class BareClient {
  constructor(private readonly emulators: EmulatorWorker) {}

  async langfuse(method: "GET" | "POST", path: string, body?: unknown): Promise<any> {
    return this.send(`${this.emulators.urls.langfuse}${path}`, method, { authorization: `Bearer ${this.emulators.adminKeys.langfuse}` }, body);
  }

  /** Every page of an Anthropic list, following the cursor as the provider does. */
  async anthropicAll(path: string, query: Record<string, string> = {}): Promise<void> {
    let afterId: string | undefined;
    for (;;) {
      const params = new URLSearchParams({ ...query, limit: String(MAX_PAGE_SIZE), ...(afterId ? { after_id: afterId } : {}) });
      const page = await this.send(`${this.emulators.urls.anthropic}${path}?${params}`, "GET", { "x-api-key": this.emulators.adminKeys.anthropic!, "anthropic-version": ANTHROPIC_VERSION });
      if (!page.has_more || !page.last_id) return;
      afterId = page.last_id;
    }
  }

  /** Every page of an OpenAI list (after, limit, order=asc; the cursor is last_id), as the provider walks it. */
  async openaiAll(path: string, query: Record<string, string> = {}): Promise<void> {
    let after: string | undefined;
    for (;;) {
      const params = new URLSearchParams({ ...query, limit: String(OPENAI_PAGE_SIZE), order: "asc", ...(after ? { after } : {}) });
      const page = await this.send(`${this.emulators.urls.openai}${path}?${params}`, "GET", { authorization: `Bearer ${this.emulators.adminKeys.openai}` });
      const last = page.data[page.data.length - 1] as { id?: string } | undefined;
      if (!page.has_more) return;
      after = page.last_id ?? last?.id;
      if (!after) throw new Error(`wire floor: GET ${path} said has_more without a cursor`);
    }
  }

  /** A Projects API read: one call with the query refresh sends (each route's documented parameters only). */
  async projects(path: string, query: Record<string, string>): Promise<void> {
    const { apiKey, token } = this.emulators.projects;
    await this.send(`${this.emulators.urls.projects}${path}?${new URLSearchParams(query)}`, "GET", { "api-key": apiKey, authorization: `Bearer ${token}` });
  }

  private async send(url: string, method: string, headers: Record<string, string>, body?: unknown): Promise<any> {
    const response = await request(url, {
      method: method as "GET" | "POST",
      dispatcher: agent,
      headers: { accept: "application/json", ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    if (response.statusCode >= 400) throw new Error(`wire floor: ${method} ${url} answered ${response.statusCode}: ${text.slice(0, 200)}`);
    return JSON.parse(text);
  }
}

/** What the emulators were seeded with: the collections a no-op refresh lists. */
export interface SeededWorld {
  readonly organizations: readonly SeededOrganization[];
  readonly workspaceIds: readonly string[];
  readonly openaiProjects: readonly SeededOpenaiProject[];
  readonly projects: readonly SeededProject[];
}

/** The no-op refresh's list calls, all sent at once (collections in parallel, pages in turn). */
export async function refreshWireFloor(emulators: EmulatorWorker, world: SeededWorld): Promise<Measurement> {
  const client = new BareClient(emulators);
  const { organizations, workspaceIds, openaiProjects, projects } = world;
  const withKeys = organizations.filter((org) => org.keys.length > 0);
  const withAccounts = openaiProjects.filter((project) => project.serviceAccounts.length > 0);
  const withMembers = projects.filter((project) => project.memberIds.length > 0);
  const { measurement } = await measure(emulators, async () => {
    await Promise.all([
      organizations.length > 0 ? client.langfuse("GET", LANGFUSE.organizations) : undefined,
      ...withKeys.map((org) => client.langfuse("GET", LANGFUSE.apiKeys(org.id))),
      workspaceIds.length > 0 ? client.anthropicAll(ANTHROPIC.workspaces, { include_archived: "true" }) : undefined,
      ...workspaceIds.map((id) => client.anthropicAll(ANTHROPIC.members(id))),
      openaiProjects.length > 0 ? client.openaiAll(OPENAI.projects, { include_archived: "true" }) : undefined,
      ...withAccounts.map((project) => client.openaiAll(OPENAI.serviceAccounts(project.id))),
      // One project list per organization the state names (the list scope, past its cache), then
      // each project's members (Get Project with include=users, as the members list reads them).
      ...[...new Set(projects.map((project) => project.organizationId))].map((organizationId) => client.projects(PROJECTS.projects(organizationId), { forceRefresh: "true" })),
      ...withMembers.map((project) => client.projects(PROJECTS.project(project.organizationId, project.id), { include: "users" })),
    ]);
  });
  return measurement;
}

/** The creates of `spec` (organizations, then each one's keys once it exists), `parallelism` at a time. */
export async function createsWireFloor(emulators: EmulatorWorker, spec: StackSpec, parallelism: number): Promise<Measurement> {
  const client = new BareClient(emulators);
  const { measurement } = await measure(emulators, async () => {
    const ready: Array<() => Promise<void>> = spec.orgs.map((org) => async () => {
      const created = await client.langfuse("POST", LANGFUSE.organizations, { name: org.name, metadata: org.metadata });
      for (const note of org.keyNotes) ready.push(() => client.langfuse("POST", LANGFUSE.apiKeys(created.id), { note }));
    });
    let running = 0;
    await new Promise<void>((done, failed) => {
      const next = () => {
        if (ready.length === 0 && running === 0) return done();
        while (running < parallelism && ready.length > 0) {
          running++;
          ready.shift()!().then(() => {
            running--;
            next();
          }, failed);
        }
      };
      next();
    });
  });
  return measurement;
}
