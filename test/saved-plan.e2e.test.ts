/** Saved plans: the plan reviewed is the plan applied, and a stale one is refused. */
import { statSync } from "node:fs";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { runOrgform, type CliResult } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const stack = (name: string) => `
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "saved");
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: ${JSON.stringify(name)} });
new LangfuseOrganizationApiKey(stack, "key", { organizationId: org.id, note: "saved plan key" });
app.synth();
`;

describe("saved plans", () => {
  let emulator: LangfuseEmulator;
  let work: Workdir;
  let env: NodeJS.ProcessEnv;
  const orgform = (args: string[]): Promise<CliResult> => runOrgform(args, { cwd: work.dir, env });

  beforeEach(async () => {
    emulator = new LangfuseEmulator({ adminApiKey: "saved-key" });
    env = { LANGFUSE_BASE_URL: await emulator.start(), LANGFUSE_ADMIN_API_KEY: "saved-key" };
    work = new Workdir();
  });
  afterEach(async () => {
    await emulator.stop();
    work.remove();
  });

  it("applies exactly the saved plan, without asking, and refuses it once state has moved on", async () => {
    work.writeStack(stack("Saved Org"));
    const plan = await orgform(["plan", "-out=plan.bin"]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("Saved the plan to plan.bin");
    expect(statSync(work.path("plan.bin")).mode & 0o777).toBe(0o600);
    expect(emulator.store.organizations.size).toBe(0);

    const apply = await orgform(["apply", "plan.bin"]);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
    expect(emulator.store.organizations.size).toBe(1);
    expect(emulator.store.keys.size).toBe(1);

    const again = await orgform(["apply", "plan.bin"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/plan\.bin was made against state serial 0, but the state is now at serial \d+: someone applied in between/);
    expect(emulator.store.organizations.size).toBe(1);
  });

  it("refuses a saved plan when the stack changed after it was made", async () => {
    work.writeStack(stack("Saved Org"));
    expect((await orgform(["plan", "--out", "plan.bin"])).code).toBe(0);
    work.writeStack(stack("Another Name"));
    const apply = await orgform(["apply", "plan.bin"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("the stack changed since plan.bin was made");
    expect(emulator.store.organizations.size).toBe(0);
  });
});
