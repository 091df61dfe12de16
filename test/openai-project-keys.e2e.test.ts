/**
 * OpenAI project API keys through the real CLI against the emulator (issue 19 item 1): drift
 * reports a key someone made in the dashboard inside a managed project (and not the first key of
 * a managed service account, which is part of it); a stack lists the project's keys with the data
 * source, adopts the key by id (the plan says "adopted"), and destroy revokes it.
 */
import { OpenaiEmulator } from "../providers/openai/emulator";
import { runOrgform, type CliResult } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const emulator = new OpenaiEmulator();
const workdir = new Workdir("orgform-openai-project-keys-e2e-");
let env: NodeJS.ProcessEnv = {};

function stack(adoptKeyId?: string): string {
  const adopt = adoptKeyId
    ? `const keys = new openai.DataOpenaiProjectApiKeys(stack, "keys", { projectId: eng.id });
new TerraformOutput(stack, "key_ids", { value: keys.ids });
new openai.OpenaiProjectApiKey(stack, "laptop", { projectId: eng.id, apiKeyId: ${JSON.stringify(adoptKeyId)} });`
    : "";
  return `
import { App, TerraformOutput, TerraformStack } from "cdktf";
import * as openai from "${PROVIDERS}/openai";

const app = new App();
const stack = new TerraformStack(app, "org");
new openai.OpenaiProvider(stack, "openai", { pageSize: 1 });
const eng = new openai.OpenaiProject(stack, "eng", { name: "Key Hygiene" });
new openai.OpenaiProjectServiceAccount(stack, "deployer", { projectId: eng.id, name: "deployer" });
${adopt}
app.synth();
`;
}

const orgform = (...args: string[]): Promise<CliResult> => runOrgform(args, { cwd: workdir.dir, env });
/** What drift --json calls unmanaged, as "type label"; the Default project every organization has is always there. */
async function unmanaged(): Promise<string[]> {
  const report = JSON.parse((await orgform("drift", "--json")).stdout) as { stacks: Array<{ unmanaged: Array<{ type: string; label: string }> }> };
  return report.stacks[0]!.unmanaged.map((object) => `${object.type} ${object.label}`).sort();
}
const projectId = () => [...emulator.store.projects.values()].find((project) => project.name === "Key Hygiene")!.id;
let laptop: { id: string; value: string };

beforeAll(async () => {
  const url = await emulator.start();
  env = { OPENAI_BASE_URL: url, OPENAI_ADMIN_KEY: emulator.adminKey };
});

afterAll(async () => {
  await emulator.stop();
  workdir.remove();
});

describe("openai project API keys through the CLI", () => {
  it("drift reports a key made in the dashboard inside a managed project, not the managed service account's", async () => {
    workdir.writeStack(stack());
    const apply = await orgform("apply", "--auto-approve");
    expect(apply.stderr).toBe("");
    expect(await unmanaged()).toEqual(["openai_project Default project"]);

    // Ada made a key and has since left the project: the API hides such keys unless asked for
    // owner_project_access=any, and they are the first an admin must find.
    const ada = emulator.seedUser("ada@example.com", "Ada");
    laptop = emulator.seedProjectApiKey(projectId(), "ada's laptop", { userId: ada });
    const drift = await orgform("drift");
    expect(drift.stderr).toBe("");
    expect(drift.code).toBe(2);
    expect(drift.stdout).toMatch(/\? openai_project_api_key "ada's laptop"/);
    expect(drift.stdout).not.toContain("Secret Key"); // the deployer's own key
    expect(drift.stdout + drift.stderr).not.toContain(laptop.value);
    expect(await unmanaged()).toEqual(["openai_project Default project", "openai_project_api_key ada's laptop"]);
  });

  it("adopts the key by id, listing the project's keys, and drift is clean", async () => {
    workdir.writeStack(stack(laptop.id));
    const plan = await orgform("plan");
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toMatch(/openai_project_api_key\.laptop will be adopted/);
    const apply = await orgform("apply", "--auto-approve");
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    const keyIds = JSON.parse((await orgform("output", "-json")).stdout) as { key_ids: { value: string[] } };
    expect(keyIds.key_ids.value).toContain(laptop.id);
    expect(keyIds.key_ids.value).toHaveLength(2); // the laptop key and the deployer's
    expect(await unmanaged()).toEqual(["openai_project Default project"]);
  });

  it("refuses at plan time to adopt a key that does not exist instead of the adopted one, saying how to get one", async () => {
    workdir.writeStack(stack("key_does_not_exist"));
    const plan = await orgform("plan");
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/openai_project_api_key\.laptop: project proj_\w+ has no API key key_does_not_exist\. The Admin API cannot create project keys/);
  });

  it("says it will revoke the key on destroy, and does", async () => {
    workdir.writeStack(stack(laptop.id));
    const plan = await orgform("plan", "--destroy");
    expect(plan.stdout).toMatch(/openai_project_api_key\.laptop will be revoked \(the key stops working at once/);
    const destroy = await orgform("destroy", "--auto-approve");
    expect(destroy.stderr).toBe("");
    expect(destroy.code).toBe(0);
    expect(emulator.store.projectApiKeys.has(laptop.id)).toBe(false);
  });
});
