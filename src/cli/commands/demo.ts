/**
 * `orgform demo`: the first thing a new user runs. Starts every emulator on loopback, points the
 * providers at them, then plans and applies stacks/main.ts with state in a temp directory, and
 * prints the plan, the progress and the outputs. Nothing real is touched.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EmulatorDefinition, RunningEmulator } from "../../emulator/definition";
import { applyCommand, planCommand, type Environment } from "./plan-apply";

export async function demoCommand(environment: Environment, emulators: readonly EmulatorDefinition[], options: { color?: boolean }): Promise<number> {
  const { io } = environment;
  const running: RunningEmulator[] = [];
  const stateDir = mkdtempSync(join(tmpdir(), "orgform-demo-"));
  try {
    const env: NodeJS.ProcessEnv = { ...environment.env };
    for (const definition of emulators) {
      const emulator = definition.create();
      definition.seedDemo?.(emulator);
      // As strict as the real services: a field the API does not document is refused.
      emulator.server.strictBodies = true;
      const url = await emulator.start();
      running.push(emulator);
      Object.assign(env, definition.environment(emulator, url));
      io.out(`Started the ${definition.name} emulator on ${url}`);
    }
    io.out("\n=== orgform apply (stacks/main.ts against the emulators) ===\n");
    const demoEnvironment: Environment = { ...environment, env, stateDirOverride: stateDir };
    const applied = await applyCommand(demoEnvironment, { autoApprove: true, color: options.color });
    if (applied !== 0) return applied;
    io.out("\n=== orgform plan (again: the organizations now match the stack) ===\n");
    return await planCommand(demoEnvironment, { color: options.color });
  } finally {
    await Promise.all(running.map((emulator) => emulator.stop()));
    rmSync(stateDir, { recursive: true, force: true });
  }
}
