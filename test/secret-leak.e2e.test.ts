/**
 * Issue 7, secret leaks: one stack holding every kind of secret orgform knows (a Langfuse
 * organization key's secret, an OpenAI admin key's value, a project's and a project API key's
 * secret, a write-only LLM key from a sensitive variable, and the admin credentials in the
 * environment) goes through every command and output format, and through error paths whose API
 * messages echo a secret. No stdout, no stderr and no file orgform writes besides state may
 * contain any secret. (`output <name> --reveal` is the one documented way to print one.)
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { stackProgram, type StartedEmulator } from "../providers/examples";
import { builtInProviderManifest } from "../providers/manifest";
import type { CliResult } from "./support/cli";
import { argsOf, kitProviders } from "./support/provider-kits";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

// Every provider's leak example in one stack: one object of every kind of secret it mints.
const examples = kitProviders.map(({ name, kit }) => [name, kit.leaks] as const);
const SOURCE = stackProgram(PROVIDERS, "leak", examples);
const ARGS = argsOf(examples.map(([, example]) => example));
const OUTPUTS = examples.flatMap(([, example]) => example.outputs);
const SENSITIVE_ADDRESSES = examples.flatMap(([, example]) => example.sensitive);
const REPLACEABLE = examples.flatMap(([, example]) => example.replaceable);
const WRONG_CREDENTIALS = examples.map(([, example]) => example.wrongCredential);

let emulators: StartedEmulator[] = [];
let run: StackRun;
const results: Array<{ command: string; result: CliResult }> = [];

async function orgform(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const result = await run.orgform([...args, ...ARGS], { env });
  results.push({ command: args.join(" "), result });
  return result;
}

/** Every secret that exists anywhere: in the emulators, the environment, the variables. */
const seen = new Set<string>();
function allSecrets(): string[] {
  const secrets = [...WRONG_CREDENTIALS.map((credential) => credential.value), ...emulators.flatMap((emulator) => emulator.secrets())];
  // Keys deleted since (replaced, destroyed) stay secrets: remember every one seen.
  for (const secret of secrets) if (secret.length >= 8) seen.add(secret);
  return [...seen];
}

/**
 * The secrets a plan could know to hide: every provider's credentials in its environment, and
 * every sensitive value in state. (A secret it never saw, such as a key replaced since, it cannot.)
 */
function secretsTheRunKnows(): string[] {
  const fromEnv = builtInProviderManifest.flatMap((provider) => provider.secretEnv.map((name) => run.env[name] ?? ""));
  const fromState = [...run.state().values()].flatMap((resource) => resource.sensitive.map((name) => resource.attributes[name]));
  const secrets = [...fromEnv, ...fromState].filter((value): value is string => typeof value === "string" && value.length >= 8);
  expect(secrets.length).toBeGreaterThanOrEqual(9); // five credentials, four keys in state
  return secrets;
}

/** Every file orgform may have written in the project (the journal too), except state and saved plans, which keep secrets by design. */
function writtenFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (entry === "node_modules") continue;
    if (statSync(path).isDirectory()) files.push(...writtenFiles(path));
    else if (!/\.tfstate(\.backup)?$|\.plan$/.test(entry)) files.push(path);
  }
  return files;
}

beforeAll(async () => {
  emulators = await Promise.all(kitProviders.map(({ kit }) => kit.start()));
  run = new StackRun("leak", Object.assign({}, ...emulators.map((emulator) => emulator.env)) as NodeJS.ProcessEnv, "orgform-leak-");
  await run.synthOnce(SOURCE);
});

afterAll(async () => {
  await Promise.all(emulators.map((emulator) => emulator.stop()));
  run.remove();
});

/** Every place a secret appears in these results or in a file orgform wrote: should be none. */
function leaksIn(list: ReadonlyArray<{ command: string; result: CliResult }>): string[] {
  const secrets = allSecrets();
  const leaks: string[] = [];
  for (const { command, result } of list) {
    for (const secret of secrets) {
      if (result.stdout.includes(secret)) leaks.push(`${command}: stdout has ${secret.slice(0, 24)}…`);
      if (result.stderr.includes(secret)) leaks.push(`${command}: stderr has ${secret.slice(0, 24)}…`);
    }
  }
  for (const file of writtenFiles(run.work.dir)) {
    const text = readFileSync(file, "utf8");
    for (const secret of secrets) if (text.includes(secret)) leaks.push(`${file} has ${secret.slice(0, 24)}…`);
  }
  return leaks;
}

describe("no secret in any command's output", () => {
  it("every command and output format, over a stack with every kind of secret", async () => {
    const readOnly = async () => {
      await Promise.all([orgform(["plan"]), orgform(["plan", "--json"]), orgform(["plan", "--markdown"])]);
      await Promise.all([orgform(["drift"]), orgform(["drift", "--json"]), orgform(["drift", "--markdown"])]);
    };
    await readOnly();
    const apply = await orgform(["apply", "--auto-approve"]);
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    allSecrets();

    await Promise.all([
      orgform(["output"]),
      orgform(["output", "--json"]),
      ...OUTPUTS.map((name) => orgform(["output", name])),
      orgform(["state", "list"]),
      orgform(["state", "pull"]),
    ]);
    await Promise.all(SENSITIVE_ADDRESSES.flatMap((address) => [orgform(["state", "show", address]), orgform(["state", "show", address, "--json"])]));
    await readOnly();
    // A saved plan holds secrets by design (0600, like state); applying it must not print them.
    expect((await orgform(["plan", "--out", "saved.plan"])).code).toBe(0);
    expect((await orgform(["apply", "saved.plan"])).code).toBe(0);
    // Replacing keys shows their old secrets as before-values in the plan and apply output.
    const replaced = await orgform(["apply", "--auto-approve", ...REPLACEABLE.flatMap((address) => ["--replace", address])]);
    expect(replaced.code).toBe(0);
    allSecrets();

    // Error paths: refused credentials (the wrong keys are secrets too).
    for (const wrong of WRONG_CREDENTIALS) expect((await orgform(["plan"], { [wrong.env]: wrong.value })).stderr).toContain(wrong.env);

    expect(allSecrets().length).toBeGreaterThanOrEqual(15);
    expect(results.length).toBeGreaterThanOrEqual(35);
    expect(leaksIn(results)).toEqual([]);
    // The outputs were there, masked: the test looked at real output, not at empty text.
    for (const name of OUTPUTS) expect(results.find((r) => r.command === `output ${name}`)!.result.stdout).toContain("sensitive");
  }, 300_000);

  it.each(kitProviders.map(({ name }, index) => ({ name, index })))("an API error message ($name) that echoes every secret the run knows", async ({ index }) => {
    const from = results.length;
    emulators[index]!.failNext("GET", 400, `Not allowed here: ${secretsTheRunKnows().join(", ")}.`);
    const echoed = await orgform(["plan"]);
    expect(echoed.code).toBe(1);
    expect(echoed.stderr).toContain("answered 400");
    expect(leaksIn(results.slice(from))).toEqual([]);
  }, 120_000);

  it("destroy, and output afterwards", async () => {
    const from = results.length;
    const destroy = await orgform(["destroy", "--auto-approve"]);
    expect(destroy.code).toBe(0);
    await orgform(["output"]);
    expect(leaksIn(results.slice(from))).toEqual([]);
  }, 120_000);
});
