/**
 * The benchmark's emulators, run on a worker thread of the benchmark process so their request
 * handling neither shares the engine's event loop nor counts as engine CPU (the engine's CPU is
 * measured on the main thread). The main thread drives it with messages: set latency, seed
 * objects straight into the emulators' stores, read the per-route counters; "reset" empties
 * both emulators and their counters (between phases, never during one).
 */
import { randomUUID } from "node:crypto";
import { parentPort } from "node:worker_threads";
import { AnthropicEmulator } from "../providers/anthropic/emulator";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import type { WorkerReply, WorkerRequest, SeededOrganization } from "./emulator-protocol";

const langfuse = new LangfuseEmulator("bench-admin-key");
let anthropic = new AnthropicEmulator({ adminApiKey: "sk-ant-admin01-bench-key" });
let anthropicPort = 0;

function seedLangfuse(organizations: ReadonlyArray<{ name: string; metadata: Record<string, string>; keyNotes: readonly string[] }>): SeededOrganization[] {
  const createdAt = new Date().toISOString();
  return organizations.map((spec) => {
    const id = `org_${randomUUID().replace(/-/g, "").slice(0, 24)}`;
    langfuse.organizations.set(id, { id, name: spec.name, metadata: { ...spec.metadata }, createdAt, projects: [] });
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
      langfuse.keys.set(key.id, key);
      return { id: key.id, note, publicKey: key.publicKey, secretKey: key.secretKey, displaySecretKey: `sk-lf-...${key.secretKey.slice(-4)}`, createdAt };
    });
    return { id, name: spec.name, metadata: spec.metadata, createdAt, keys };
  });
}

let latencyMs = 0;

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  switch (request.op) {
    case "start": {
      const urls = { langfuse: await langfuse.start(), anthropic: await anthropic.start() };
      anthropicPort = Number(new URL(urls.anthropic).port);
      return { op: "start", urls, adminKeys: { langfuse: langfuse.adminApiKey, anthropic: anthropic.adminApiKey } };
    }
    case "latency":
      latencyMs = request.latencyMs;
      langfuse.server.setFaults({ latencyMs });
      anthropic.server.setFaults({ latencyMs });
      return { op: "latency" };
    case "reset": {
      langfuse.organizations.clear();
      langfuse.keys.clear();
      langfuse.server.counters.clear();
      // The Anthropic store has no clear: a fresh emulator on the same port.
      await anthropic.stop();
      anthropic = new AnthropicEmulator({ adminApiKey: anthropic.adminApiKey });
      await anthropic.start(anthropicPort);
      anthropic.server.setFaults({ latencyMs });
      return { op: "reset" };
    }
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
      return { op: "counters", counters };
    }
    case "stop":
      await langfuse.stop();
      await anthropic.stop();
      return { op: "stop" };
  }
}

parentPort!.on("message", (message: { id: number; request: WorkerRequest }) => {
  handle(message.request).then(
    (reply) => parentPort!.postMessage({ id: message.id, reply }),
    (error: unknown) => parentPort!.postMessage({ id: message.id, error: String((error as Error)?.stack ?? error) }),
  );
});
