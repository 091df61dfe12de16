/**
 * The Anthropic key inventory through the real CLI (issue 19 item 3): a stack finds a person's
 * active key with `data.anthropic_api_keys` (filters sent to the API) and adopts it without
 * knowing its id; the data source's ids are an output a review can read.
 */
import { AnthropicEmulator } from "../providers/anthropic/emulator";
import { runOrgform, type CliResult } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const SOURCE = `
import { App, Fn, TerraformOutput, TerraformStack } from "cdktf";
import { AnthropicApiKey, AnthropicProvider, DataAnthropicApiKeys, DataAnthropicUser } from "${PROVIDERS}/anthropic";
const app = new App();
const stack = new TerraformStack(app, "inventory");
new AnthropicProvider(stack, "anthropic");
const ada = new DataAnthropicUser(stack, "ada", { email: "ada@example.com" });
const adaKeys = new DataAnthropicApiKeys(stack, "ada_keys", { createdByUserId: ada.id, status: "active" });
new TerraformOutput(stack, "ada_key_ids", { value: adaKeys.ids });
new AnthropicApiKey(stack, "ada_key", { apiKeyId: Fn.element(adaKeys.ids, 0), name: "ada (managed by orgform)" });
app.synth();
`;

const emulator = new AnthropicEmulator({ adminApiKey: "sk-ant-admin01-inventory-secret" });
const work = new Workdir("orgform-anthropic-inventory-");
let env: NodeJS.ProcessEnv = {};
const orgform = (...args: string[]): Promise<CliResult> => runOrgform(args, { cwd: work.dir, env });

beforeAll(async () => {
  env = { ANTHROPIC_BASE_URL: await emulator.start(), ANTHROPIC_ADMIN_API_KEY: emulator.adminApiKey };
});
afterAll(async () => {
  await emulator.stop();
  work.remove();
});

it("adopts a person's active key found by the inventory, without naming its id", async () => {
  const ada = emulator.seedUser({ email: "ada@example.com", name: "Ada", role: "developer" });
  const grace = emulator.seedUser({ email: "grace@example.com", name: "Grace", role: "developer" });
  emulator.seedApiKey({ name: "ada's old key", createdBy: ada, status: "inactive" });
  const adaActive = emulator.seedApiKey({ name: "ada's key", createdBy: ada, lastUsedAt: "2026-11-30T08:00:00Z" });
  emulator.seedApiKey({ name: "grace's key", createdBy: grace });
  work.writeStack(SOURCE);

  const plan = await orgform("plan");
  expect(plan.stderr).toBe("");
  expect(plan.stdout).toMatch(/anthropic_api_key\.ada_key will be adopted/);
  expect(plan.stdout).toContain(adaActive);

  const apply = await orgform("apply", "--auto-approve");
  expect(apply.stderr).toBe("");
  expect(apply.code).toBe(0);
  expect(emulator.store.apiKeys.get(adaActive)!.name).toBe("ada (managed by orgform)");
  const outputs = JSON.parse((await orgform("output", "-json")).stdout) as { ada_key_ids: { value: string[] } };
  expect(outputs.ada_key_ids.value).toEqual([adaActive]);
  expect((await orgform("plan", "--detailed-exitcode")).code).toBe(0);
});
