/**
 * Issue 18, item 6: the state orgform writes is a document Terraform and OpenTofu can read. It is
 * checked by readers that are not orgform's: test/support/terraform-state-v4.ts (written from
 * Terraform's statefile version4.go, go-version and cty's JSON types) always, and the real
 * `terraform` CLI (`state list`, `output -json`, which parse the whole document without provider
 * schemas) when it is installed. Old states that say "orgform-0.1.0" are still read by orgform.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { ORGFORM_VERSION } from "../src/version";
import { runOrgform } from "./support/cli";
import { stateV4Problems } from "./support/terraform-state-v4";
import { PROVIDERS, Workdir } from "./support/workdir";

const ADMIN_KEY = "state-terraform-admin-key-0123";
const STATE = "terraform.tfcompat.tfstate";

const SOURCE = `
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
import { NullProvider, NullResource } from "${PROVIDERS}/null";
const app = new App();
const stack = new TerraformStack(app, "tfcompat");
new LangfuseProvider(stack, "langfuse");
new NullProvider(stack, "null");
const org = new LangfuseOrganization(stack, "acme", { name: "Acme", metadata: { team: "ml" } });
const key = new LangfuseOrganizationApiKey(stack, "ci", { organizationId: org.id, note: "ci" });
new NullResource(stack, "after_key", { triggers: { key: key.publicKey }, dependsOn: [key] });
new TerraformOutput(stack, "name", { value: "Acme" });
new TerraformOutput(stack, "count", { value: 3 });
new TerraformOutput(stack, "enabled", { value: true });
new TerraformOutput(stack, "teams", { value: ["ml", "research"] });
new TerraformOutput(stack, "labels", { value: { team: "ml", tier: 2 } });
new TerraformOutput(stack, "secret", { value: key.secretKey, sensitive: true });
app.synth();
`;

function terraformInstalled(): boolean {
  return spawnSync("terraform", ["version"], { stdio: "ignore" }).status === 0;
}

describe("a state Terraform can read", () => {
  let emulator: LangfuseEmulator;
  let work: Workdir;
  let env: NodeJS.ProcessEnv;
  let stateText: string;

  beforeAll(async () => {
    emulator = new LangfuseEmulator({ adminApiKey: ADMIN_KEY });
    env = { LANGFUSE_BASE_URL: await emulator.start(), LANGFUSE_ADMIN_API_KEY: ADMIN_KEY };
    work = new Workdir();
    work.writeStack(SOURCE);
    const apply = await runOrgform(["apply", "--auto-approve"], { cwd: work.dir, env });
    expect({ code: apply.code, stderr: apply.stderr }).toEqual({ code: 0, stderr: "" });
    stateText = readFileSync(work.path(STATE), "utf8");
  });

  afterAll(async () => {
    await emulator.stop();
    work.remove();
  });

  it("passes the independent v4 reader, with orgform's version in a field of its own", () => {
    expect(stateV4Problems(stateText)).toEqual([]);
    const doc = JSON.parse(stateText) as { terraform_version: string; orgform_version: string };
    expect(doc.orgform_version).toBe(ORGFORM_VERSION);
  });

  it("the independent reader refuses what orgform wrote before: a version that is not a version string", () => {
    const before = stateText.replace(/"terraform_version": "[^"]*"/, `"terraform_version": "orgform-${ORGFORM_VERSION}"`);
    expect(stateV4Problems(before)).toEqual([`terraform_version "orgform-${ORGFORM_VERSION}" is not a valid version string`]);
    const untypedList = stateText.replace(/"type": \[\s*"tuple"[^\]]*\][^\]]*\]/, '"type": "list"');
    expect(stateV4Problems(untypedList)).toEqual(['output teams: invalid type ("list" is not a type)']);
  });

  (terraformInstalled() ? it : it.skip)("terraform itself lists the resources and reads every output", () => {
    const terraform = (args: string[]) => spawnSync("terraform", args, { cwd: work.dir, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" } });
    const list = terraform(["state", "list", `-state=${STATE}`]);
    expect({ status: list.status, stdout: list.stdout }).toEqual({
      status: 0,
      stdout: "langfuse_organization.acme\nlangfuse_organization_api_key.ci\nnull_resource.after_key\n",
    });
    const outputs = terraform(["output", `-state=${STATE}`, "-json"]);
    expect(outputs.status).toBe(0);
    const values = JSON.parse(outputs.stdout) as Record<string, { value: unknown; sensitive: boolean }>;
    expect(Object.fromEntries(Object.entries(values).map(([name, output]) => [name, output.sensitive ? "(sensitive)" : output.value]))).toEqual({
      name: "Acme",
      count: 3,
      enabled: true,
      teams: ["ml", "research"],
      labels: { team: "ml", tier: 2 },
      secret: "(sensitive)",
    });
  });

  it("orgform still reads a state it wrote before, whose terraform_version says orgform-0.1.0", async () => {
    const old = stateText.replace(/"terraform_version": "[^"]*",\n\s*"orgform_version": "[^"]*"/, '"terraform_version": "orgform-0.1.0"');
    expect(old).not.toContain("orgform_version");
    work.write(STATE, old);
    const list = await runOrgform(["state", "list"], { cwd: work.dir, env });
    expect({ code: list.code, stdout: list.stdout }).toEqual({ code: 0, stdout: "langfuse_organization.acme\nlangfuse_organization_api_key.ci\nnull_resource.after_key\n" });
  });
});
