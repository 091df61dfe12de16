/** `orgform emulate <provider>`: runs a provider's local emulator until Ctrl-C. */
import { z } from "zod";
import { OrgformError } from "../../errors";
import type { EmulatorDefinition } from "../../emulator/definition";
import type { FaultPlan } from "../../emulator/faults";
import type { Io } from "../io";

const faultSchema = z
  .object({
    latencyMs: z.number().nonnegative(),
    every429: z.number().int().positive(),
    retryAfterSeconds: z.number().nonnegative(),
    rate429: z.number().min(0).max(1),
    rate500: z.number().min(0).max(1),
    resetBeforeCommitRate: z.number().min(0).max(1),
    resetAfterCommitRate: z.number().min(0).max(1),
    hangRate: z.number().min(0).max(1),
    slowBodyMs: z.number().nonnegative(),
    rateLimitPerMinute: z.number().positive(),
    methods: z.array(z.string()),
    seed: z.number().int(),
  })
  .partial()
  .strict();

export function parseFaults(text: string | undefined): FaultPlan {
  if (!text) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OrgformError("USAGE", `--faults must be JSON, e.g. '{"latencyMs":25,"rate429":0.1}'.`);
  }
  const parsed = faultSchema.safeParse(json);
  if (!parsed.success) throw new OrgformError("USAGE", `--faults: "${parsed.error.issues[0]!.path.join(".")}": ${parsed.error.issues[0]!.message}.`);
  return parsed.data;
}

export async function emulateCommand(emulators: readonly EmulatorDefinition[], io: Io, name: string, options: { port?: string; faults?: string; seed?: boolean; strict?: boolean }): Promise<number> {
  const definition = emulators.find((e) => e.name === name);
  if (!definition) throw new OrgformError("USAGE", `no emulator "${name}". Emulators: ${emulators.map((e) => e.name).join(", ")}.`);
  const emulator = definition.create();
  emulator.server.setFaults(parseFaults(options.faults));
  if (options.seed) definition.seedDemo?.(emulator);
  // Refuse body fields a route does not document, as pydantic-style servers do.
  if (options.strict) emulator.server.strictBodies = true;
  const url = await emulator.start(options.port ? Number(options.port) : 0);
  io.out(`${name} emulator listening on ${url}`);
  io.out("Use it with:");
  for (const [key, value] of Object.entries(definition.environment(emulator, url))) {
    // The emulator's own admin key is a fixed, public test value: printing it is how users connect.
    io.out(`  export ${key}=${value}`);
  }
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await emulator.stop();
  return 0;
}
