/**
 * OpenAI admin API keys end to end, as a user runs orgform: a cdktf stack → plan → apply against
 * the OpenAI emulator on loopback, through the real CLI. Two keys; a clean re-plan; a rename that
 * replaces (old key deleted, new key created, the new value in state, the old one gone); a key
 * deleted out of band that the next plan re-creates. No key value may appear in any output.
 */
import { readFileSync } from "node:fs";
import { OpenaiEmulator } from "../providers/openai/emulator";
import { runOrgform, type CliResult } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const emulator = new OpenaiEmulator();
const workdir = new Workdir("orgform-openai-e2e-");
const outputs: CliResult[] = [];
let env: NodeJS.ProcessEnv = {};

function stack(opsName: string): string {
  return `
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { OpenaiAdminApiKey, OpenaiProvider } from "${PROVIDERS}/openai";

const app = new App();
const stack = new TerraformStack(app, "org");
new OpenaiProvider(stack, "openai");
const ci = new OpenaiAdminApiKey(stack, "ci", { name: "ci" });
new OpenaiAdminApiKey(stack, "ops", { name: ${JSON.stringify(opsName)} });
new TerraformOutput(stack, "ci_key", { value: ci.value, sensitive: true });
app.synth();
`;
}

async function orgform(...args: string[]): Promise<CliResult> {
  const result = await runOrgform(args, { cwd: workdir.dir, env });
  outputs.push(result);
  return result;
}

interface KeyState {
  readonly id: string;
  readonly name: string;
  readonly value: string;
}

/** The admin keys in the local state file, by resource name. */
function keysInState(): Record<string, KeyState> {
  const state = JSON.parse(readFileSync(workdir.path("terraform.org.tfstate"), "utf8")) as {
    resources: Array<{ type: string; name: string; instances: Array<{ attributes: KeyState }> }>;
  };
  return Object.fromEntries(state.resources.filter((r) => r.type === "openai_admin_api_key").map((r) => [r.name, r.instances[0]!.attributes]));
}

beforeAll(async () => {
  const url = await emulator.start();
  env = { OPENAI_BASE_URL: url, OPENAI_ADMIN_KEY: emulator.adminKey };
});

afterAll(async () => {
  await emulator.stop();
  workdir.remove();
});

describe("openai admin API keys through the CLI", () => {
  const seenValues = new Set<string>();

  it("plans and applies two keys, keeping each value in state only", async () => {
    workdir.writeStack(stack("ops"));
    const plan = await orgform("plan");
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("Plan: 2 to add, 0 to change, 0 to destroy.");

    const apply = await orgform("apply", "--auto-approve");
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    const keys = keysInState();
    expect(keys.ci!.value).toMatch(/^sk-admin-/);
    expect(emulator.issuedKeyValues().sort()).toEqual([keys.ci!.value, keys.ops!.value].sort());
    for (const key of Object.values(keys)) seenValues.add(key.value);
  });

  it("plans no changes right after apply", async () => {
    const plan = await orgform("plan", "--detailed-exitcode");
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("No changes.");
  });

  it("masks the value in state show and output", async () => {
    const show = await orgform("state", "show", "openai_admin_api_key.ci");
    expect(show.code).toBe(0);
    expect(show.stdout).toContain("(sensitive value)");
    const output = await orgform("output", "ci_key");
    expect(output.code).toBe(0);
  });

  it("replaces a renamed key: the old one deleted, the new one created with its value in state", async () => {
    const before = keysInState();
    workdir.writeStack(stack("ops-2"));
    const plan = await orgform("plan", "--detailed-exitcode");
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/openai_admin_api_key\.ops must be replaced/);
    expect(plan.stdout).toMatch(/name\s+= "ops" -> "ops-2" # forces replacement/);
    expect(plan.stdout).toContain("Plan: 1 to add, 0 to change, 1 to destroy.");

    const apply = await orgform("apply", "--auto-approve");
    expect(apply.code).toBe(0);
    const after = keysInState();
    expect(after.ops).toMatchObject({ name: "ops-2", value: expect.stringMatching(/^sk-admin-/) });
    expect(after.ops!.id).not.toBe(before.ops!.id);
    expect(after.ops!.value).not.toBe(before.ops!.value);
    expect(after.ci).toEqual(before.ci);
    expect(emulator.store.adminKeys.has(before.ops!.id)).toBe(false);
    expect(emulator.store.adminKeys.get(after.ops!.id)).toMatchObject({ name: "ops-2", value: after.ops!.value });
    seenValues.add(after.ops!.value);
  });

  it("re-creates a key deleted outside orgform", async () => {
    const { ci } = keysInState();
    emulator.deleteAdminKey(ci!.id);
    const plan = await orgform("plan", "--detailed-exitcode");
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/openai_admin_api_key\.ci will be created/);
    expect(plan.stdout).toContain("Plan: 1 to add, 0 to change, 0 to destroy.");

    const apply = await orgform("apply", "--auto-approve");
    expect(apply.code).toBe(0);
    const recreated = keysInState().ci!;
    expect(recreated.id).not.toBe(ci!.id);
    expect(emulator.store.adminKeys.get(recreated.id)?.value).toBe(recreated.value);
    seenValues.add(recreated.value);
    expect((await orgform("plan", "--detailed-exitcode")).code).toBe(0);
  });

  it("never printed a key value, in any command's stdout or stderr", () => {
    for (const value of emulator.issuedKeyValues()) seenValues.add(value);
    expect(seenValues.size).toBeGreaterThanOrEqual(4);
    expect(outputs.length).toBeGreaterThan(8);
    for (const { stdout, stderr } of outputs) {
      for (const value of seenValues) {
        expect(stdout).not.toContain(value);
        expect(stderr).not.toContain(value);
        // Not even a long fragment of one.
        expect(stdout + stderr).not.toContain(value.slice(9, 40));
      }
    }
  });
});
