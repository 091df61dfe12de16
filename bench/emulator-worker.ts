/**
 * The benchmark's emulators, run on a worker thread of the benchmark process so their request
 * handling neither shares the engine's event loop nor counts as engine CPU (the engine's CPU is
 * measured on the main thread). It starts every built-in emulator (providers/emulators.ts, from
 * the manifest) as `orgform emulate` does. The main thread drives it with messages: set latency,
 * seed the people a bench part names (what the API cannot make), read the per-route counters;
 * "reset" replaces every emulator with a fresh one on the same port (between phases, never
 * during one).
 */
import { parentPort } from "node:worker_threads";
import type { EmulatorDefinition, RunningEmulator } from "../src/emulator/definition";
import { builtInEmulators } from "../providers/emulators";
import { benchParts } from "./shape";
import { startProfiling } from "./profile";
import type { EmulatorAddresses, WorkerReply, WorkerRequest } from "./emulator-protocol";

interface Running {
  readonly definition: EmulatorDefinition;
  emulator: RunningEmulator;
  url: string;
}

const running: Running[] = [];
let latencyMs = 0;
let stopProfiling: Awaited<ReturnType<typeof startProfiling>> | undefined;

function addresses(): EmulatorAddresses {
  return {
    urls: Object.fromEntries(running.map((one) => [one.definition.name, one.url])),
    environment: Object.assign({}, ...running.map((one) => one.definition.environment(one.emulator, one.url))) as Record<string, string>,
  };
}

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  switch (request.op) {
    case "start":
      for (const definition of builtInEmulators) {
        const emulator = definition.create();
        running.push({ definition, emulator, url: await emulator.start() });
      }
      return { op: "start", ...addresses() };
    case "latency":
      latencyMs = request.latencyMs;
      for (const { emulator } of running) emulator.server.setFaults({ latencyMs });
      return { op: "latency" };
    case "reset": {
      // A fresh emulator on the same port: no store offers a clear.
      for (const one of running) {
        await one.emulator.stop();
        one.emulator = one.definition.create();
        one.url = await one.emulator.start(Number(new URL(one.url).port));
        one.emulator.server.setFaults({ latencyMs });
      }
      // What the old emulators held is garbage now: collect it here, not during the next phase,
      // where this thread's collector would compete with the engine for the machine's cores.
      (globalThis as { gc?: () => void }).gc?.();
      return { op: "reset", ...addresses() };
    }
    case "seed-people": {
      const part = benchParts.find(([provider]) => provider === request.provider)?.[1];
      const one = running.find((candidate) => candidate.definition.name === request.provider);
      if (!part?.people || !one) throw new Error(`seed-people: ${request.provider} has no people to seed or no emulator`);
      return { op: "seed-people", ids: part.people.seed(one.emulator, request.count) };
    }
    case "counters": {
      const counters: Record<string, number> = {};
      for (const { definition, emulator } of running) for (const [route, count] of emulator.server.counters) counters[`${definition.name} ${route}`] = count;
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
      await Promise.all(running.map(({ emulator }) => emulator.stop()));
      return { op: "stop" };
  }
}

parentPort!.on("message", (message: { id: number; request: WorkerRequest }) => {
  handle(message.request).then(
    (reply) => parentPort!.postMessage({ id: message.id, reply }),
    (error: unknown) => parentPort!.postMessage({ id: message.id, error: String((error as Error)?.stack ?? error) }),
  );
});
