/**
 * The benchmark's emulators, run on a worker thread of the benchmark process so their request
 * handling neither shares the engine's event loop nor counts as engine CPU (the engine's CPU is
 * measured on the main thread). The main thread drives it with messages: set latency, seed
 * objects straight into the emulators' stores, read the per-route counters; "reset" empties
 * every emulator and its counters (between phases, never during one).
 */
import { randomUUID } from "node:crypto";
import { parentPort } from "node:worker_threads";
import { AnthropicEmulator } from "../providers/anthropic/emulator";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { OpenaiEmulator } from "../providers/openai/emulator";
import { addProject } from "../providers/openai/emulator/projects";
import { newId } from "../providers/openai/emulator/store";
import { ProjectsEmulator } from "../providers/projects/emulator";
import { ROLES, type Role } from "../providers/projects/spec";
import { startProfiling } from "./profile";
import type { WorkerReply, WorkerRequest, SeededOpenaiProject, SeededOrganization, SeededProject } from "./emulator-protocol";

const langfuse = new LangfuseEmulator({ adminApiKey: "bench-admin-key" });
let anthropic = new AnthropicEmulator({ adminApiKey: "sk-ant-admin01-bench-key" });
let anthropicPort = 0;
let openai = new OpenaiEmulator({ adminKey: "sk-admin-bench-key" });
let openaiPort = 0;
const PROJECTS_CREDENTIALS = { apiKey: "bench-projects-api-key", token: "bench-projects-token", organizationId: "org_bench" };
let projects = new ProjectsEmulator(PROJECTS_CREDENTIALS);
let projectsPort = 0;

function role(value: string): Role {
  const upper = value.toUpperCase();
  if (!(ROLES as readonly string[]).includes(upper)) throw new Error(`seed-projects: no role ${value}`);
  return upper as Role;
}

/** Projects with their service accounts, as POST …/projects and …/service_accounts make them (the first key included). */
function seedOpenai(specs: Extract<WorkerRequest, { op: "seed-openai" }>["projects"]): SeededOpenaiProject[] {
  return specs.map((spec) => {
    const project = addProject(openai.store, spec.name, false);
    const serviceAccounts = spec.serviceAccounts.map((account) => {
      const stored = {
        id: newId("svc_acct_"),
        project_id: project.id,
        name: account.name,
        role: account.role,
        created_at: openai.store.now(),
        key_id: newId("key_"),
        key_value: `sk-svcacct-${newId("", 48)}`,
      };
      openai.store.serviceAccounts.set(stored.id, stored);
      return { id: stored.id, apiKeyId: stored.key_id, apiKeyValue: stored.key_value };
    });
    return { id: project.id, serviceAccounts };
  });
}

/** Projects (with their own key pairs) and their members, as POST …/projects and …/users make them. */
function seedProjects(request: Extract<WorkerRequest, { op: "seed-projects" }>): SeededProject[] {
  const orgRole = role(request.organizationRole);
  return request.projects.map((spec) => {
    const project = projects.seedProject({ name: spec.name });
    const memberIds = spec.members.map((member) => {
      const email = member.email.toLowerCase();
      const id = projects.userId(email);
      project.members.set(id, { id, email, role: role(member.role), previousRole: null, orgRole, projectOnly: false, createdAt: project.createdAt });
      return id;
    });
    return { id: project.id, organizationId: projects.organizationId, publicKey: project.publicKey, secretKey: project.secretKey, memberIds };
  });
}

function seedLangfuse(organizations: ReadonlyArray<{ name: string; metadata: Record<string, string>; keyNotes: readonly string[] }>): SeededOrganization[] {
  const createdAt = new Date().toISOString();
  return organizations.map((spec) => {
    const id = `org_${randomUUID().replace(/-/g, "").slice(0, 24)}`;
    langfuse.store.organizations.set(id, { id, name: spec.name, metadata: { ...spec.metadata }, createdAt, projects: [] });
    const keys = spec.keyNotes.map((note) => {
      const key = {
        id: randomUUID(),
        organizationId: id,
        note,
        publicKey: `pk-lf-${randomUUID()}`,
        secretKey: `sk-lf-${randomUUID()}`,
        createdAt,
        expiresAt: null,
        lastUsedAt: null,
      };
      langfuse.store.keys.set(key.id, key);
      return { id: key.id, note, publicKey: key.publicKey, secretKey: key.secretKey, displaySecretKey: `sk-lf-...${key.secretKey.slice(-4)}`, createdAt };
    });
    return { id, name: spec.name, metadata: spec.metadata, createdAt, keys };
  });
}

let latencyMs = 0;
let stopProfiling: Awaited<ReturnType<typeof startProfiling>> | undefined;

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  switch (request.op) {
    case "start": {
      const urls = { langfuse: await langfuse.start(), anthropic: await anthropic.start(), openai: await openai.start(), projects: await projects.start() };
      anthropicPort = Number(new URL(urls.anthropic).port);
      openaiPort = Number(new URL(urls.openai).port);
      projectsPort = Number(new URL(urls.projects).port);
      return { op: "start", urls, adminKeys: { langfuse: langfuse.adminApiKey, anthropic: anthropic.adminApiKey, openai: openai.adminKey }, projects: PROJECTS_CREDENTIALS };
    }
    case "latency":
      latencyMs = request.latencyMs;
      langfuse.server.setFaults({ latencyMs });
      anthropic.server.setFaults({ latencyMs });
      openai.server.setFaults({ latencyMs });
      projects.server.setFaults({ latencyMs });
      return { op: "latency" };
    case "reset": {
      langfuse.store.organizations.clear();
      langfuse.store.keys.clear();
      langfuse.server.counters.clear();
      // The Anthropic store has no clear: a fresh emulator on the same port.
      await anthropic.stop();
      anthropic = new AnthropicEmulator({ adminApiKey: anthropic.adminApiKey });
      await anthropic.start(anthropicPort);
      anthropic.server.setFaults({ latencyMs });
      // Nor do the OpenAI and Projects API stores (the latter also caches lists): fresh ones too.
      await openai.stop();
      openai = new OpenaiEmulator({ adminKey: openai.adminKey });
      await openai.start(openaiPort);
      openai.server.setFaults({ latencyMs });
      await projects.stop();
      projects = new ProjectsEmulator(PROJECTS_CREDENTIALS);
      await projects.start(projectsPort);
      projects.server.setFaults({ latencyMs });
      // What the old emulators held is garbage now: collect it here, not during the next phase,
      // where this thread's collector would compete with the engine for the machine's cores.
      (globalThis as { gc?: () => void }).gc?.();
      return { op: "reset" };
    }
    case "seed-openai":
      return { op: "seed-openai", projects: seedOpenai(request.projects) };
    case "seed-projects":
      return { op: "seed-projects", projects: seedProjects(request) };
    case "seed-anthropic-users": {
      const userIds = Array.from({ length: request.count }, (_, i) => anthropic.seedUser({ email: `user${i + 1}@bench.example`, name: `User ${i + 1}`, role: "user" }));
      return { op: "seed-anthropic-users", userIds };
    }
    case "seed-anthropic": {
      const workspaceIds = request.workspaces.map((spec) => {
        const created = anthropic.store.addWorkspace({
          name: spec.name,
          tags: { ...spec.tags },
          data_residency: { workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" },
        });
        const members = anthropic.store.explicitMembers(created.id);
        for (const member of spec.members) members.set(member.userId, member.role);
        return created.id;
      });
      return { op: "seed-anthropic", workspaceIds };
    }
    case "seed-langfuse":
      return { op: "seed-langfuse", organizations: seedLangfuse(request.organizations) };
    case "counters": {
      const counters: Record<string, number> = {};
      for (const [route, count] of langfuse.server.counters) counters[`langfuse ${route}`] = count;
      for (const [route, count] of anthropic.server.counters) counters[`anthropic ${route}`] = count;
      for (const [route, count] of openai.server.counters) counters[`openai ${route}`] = count;
      for (const [route, count] of projects.server.counters) counters[`projects ${route}`] = count;
      return { op: "counters", counters };
    }
    case "profile-start":
      stopProfiling = await startProfiling();
      return { op: "profile-start" };
    case "profile-stop": {
      const summary = stopProfiling ? await stopProfiling(request.dir, request.name) : "";
      stopProfiling = undefined;
      return { op: "profile-stop", summary };
    }
    case "stop":
      await langfuse.stop();
      await anthropic.stop();
      await openai.stop();
      await projects.stop();
      return { op: "stop" };
  }
}

parentPort!.on("message", (message: { id: number; request: WorkerRequest }) => {
  handle(message.request).then(
    (reply) => parentPort!.postMessage({ id: message.id, reply }),
    (error: unknown) => parentPort!.postMessage({ id: message.id, error: String((error as Error)?.stack ?? error) }),
  );
});
