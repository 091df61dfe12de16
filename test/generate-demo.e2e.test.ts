/**
 * `orgform generate` round trip over every provider (issue 17): apply the demo stack
 * (stacks/main.ts, all four admin APIs and null), then generate code for every object it made,
 * by each type's declared import id (ResourceType.importId), iterating the built-in providers
 * rather than naming them. Pasted into a fresh stack with its own state, the code must compile
 * and plan as imports only: nothing created, nothing destroyed.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { builtInEmulators } from "../providers/emulators";
import { builtInProviders } from "../providers/registry";
import type { RunningEmulator } from "../src/emulator/definition";
import type { ResourceType } from "../src/provider/contract";
import { REPO_ROOT } from "./support/cli";
import { generateAndPaste, providerBlocksOf } from "./support/generate-round-trip";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

const types = new Map<string, ResourceType>(builtInProviders.flatMap((provider) => provider.resources.map((type) => [type.type, type] as const)));
const emulators: RunningEmulator[] = [];
const runs: StackRun[] = [];

afterAll(async () => {
  await Promise.all(emulators.map((emulator) => emulator.stop()));
  for (const run of runs) run.remove();
});

it("generates code for every object of the demo stack that plans as imports only", async () => {
  const env: NodeJS.ProcessEnv = {};
  for (const definition of builtInEmulators) {
    const emulator = definition.create();
    definition.seedDemo?.(emulator);
    Object.assign(env, definition.environment(emulator, await emulator.start()));
    emulators.push(emulator);
  }
  const demo = new StackRun("orgform-demo", env, "orgform-generate-demo-");
  runs.push(demo);
  const source = readFileSync(resolve(REPO_ROOT, "stacks/main.ts"), "utf8").replaceAll('"../providers/', `"${PROVIDERS}/`);
  await demo.synthOnce(source);
  expect((await demo.orgform(["apply", "--auto-approve"])).code).toBe(0);

  const importable = [...demo.state().values()].filter((resource) => types.get(resource.address.split(".")[0]!)?.importById);
  expect(new Set(importable.map((resource) => resource.address.split(".")[0]!.split("_")[0]))).toEqual(new Set(["anthropic", "langfuse", "null", "openai", "projects"]));
  const { plan, unreadable, changed } = await generateAndPaste(demo, importable, types, providerBlocksOf(source), { prefix: "orgform-generate-copy-", runs });
  expect(plan.stderr).toBe("");
  expect(plan.code).toBe(0);
  expect(plan.stdout).toContain(`Plan: ${importable.length} to import, 0 to add, 0 to change, 0 to destroy.`);
  expect(changed.filter((prop) => !unreadable.has(prop))).toEqual([]);
}, 240_000);
