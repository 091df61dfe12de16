/**
 * Two instances of one API in one stack: a provider with `alias`, and resources that name it.
 * Each object must be made on, refreshed from and recorded against its own instance.
 */
import { readFileSync } from "node:fs";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { runOrgform } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const ADMIN_KEY = "alias-admin-key-0123456789";

describe("provider aliases", () => {
  const us = new LangfuseEmulator({ adminApiKey: ADMIN_KEY });
  const eu = new LangfuseEmulator({ adminApiKey: ADMIN_KEY });
  let work: Workdir;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    env = { LANGFUSE_BASE_URL: await us.start(), LANGFUSE_ADMIN_API_KEY: ADMIN_KEY };
    const euUrl = await eu.start();
    work = new Workdir();
    work.writeStack(`
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "alias");
new LangfuseProvider(stack, "langfuse");
const euProvider = new LangfuseProvider(stack, "langfuse_eu", { alias: "eu", baseUrl: ${JSON.stringify(euUrl)} });
new LangfuseOrganization(stack, "us", { name: "Acme US" });
const euOrg = new LangfuseOrganization(stack, "eu", { name: "Acme EU", provider: euProvider });
new LangfuseOrganizationApiKey(stack, "eu_ci", { organizationId: euOrg.id, note: "ci", provider: euProvider });
app.synth();
`);
  });

  afterAll(async () => {
    await Promise.all([us.stop(), eu.stop()]);
    work.remove();
  });

  it("makes each object on its own instance, records which, and plans no changes after", async () => {
    const apply = await runOrgform(["apply", "--auto-approve"], { cwd: work.dir, env });
    expect({ code: apply.code, stderr: apply.stderr }).toEqual({ code: 0, stderr: "" });
    expect([...us.store.organizations.values()].map((org) => org.name)).toEqual(["Acme US"]);
    expect([...eu.store.organizations.values()].map((org) => org.name)).toEqual(["Acme EU"]);
    expect([...eu.store.keys.values()].map((key) => key.note)).toEqual(["ci"]);
    expect(us.store.keys.size).toBe(0);

    const state = JSON.parse(readFileSync(work.path("terraform.alias.tfstate"), "utf8")) as { resources: Array<{ name: string; provider: string }> };
    expect(Object.fromEntries(state.resources.map((r) => [r.name, r.provider]))).toEqual({
      us: 'provider["registry.terraform.io/orgform/langfuse"]',
      eu: 'provider["registry.terraform.io/orgform/langfuse"].eu',
      eu_ci: 'provider["registry.terraform.io/orgform/langfuse"].eu',
    });

    const plan = await runOrgform(["plan", "--detailed-exitcode"], { cwd: work.dir, env });
    expect({ code: plan.code, stderr: plan.stderr }).toEqual({ code: 0, stderr: "" });
  });
});
