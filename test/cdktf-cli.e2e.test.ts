/**
 * orgform-terraform under a user's own cdktf-cli 0.21: with TERRAFORM_BINARY_NAME=orgform-terraform
 * (found on PATH, as `npm install orgform` puts it in node_modules/.bin), `cdktf diff`, `deploy`,
 * `output` and `destroy` plan and apply through orgform against the Langfuse emulator. cdktf-cli
 * is slow to start, so one test walks the whole lifecycle; a second drives the shim directly with
 * the argv sequences cdktf-cli uses (and a stdin answer to the approval prompt).
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { REPO_ROOT, runOrgform, type CliResult } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const CDKTF = join(dirname(require.resolve("cdktf-cli/package.json")), "bundle/bin/cdktf");
const SHIM = resolve(REPO_ROOT, "src/cli/terraform-bin.cjs");
const ADMIN_KEY = "cdktf-cli-admin-key-0123456789";

const STACK = `
import { App, TerraformStack, TerraformOutput } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "cdktfcli");
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: "Through cdktf-cli" });
const key = new LangfuseOrganizationApiKey(stack, "key", { organizationId: org.id, note: "deployed by cdktf" });
new TerraformOutput(stack, "org_id", { value: org.id });
new TerraformOutput(stack, "key_secret", { value: key.secretKey, sensitive: true });
app.synth();
`;

function run(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, input?: string): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [file, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", CI: "true", ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("orgform-terraform", () => {
  let emulator: LangfuseEmulator;
  let work: Workdir;
  let env: NodeJS.ProcessEnv;
  /** Everything any process printed: no secret may appear in it. */
  let printed: string;
  const record = (result: CliResult): CliResult => {
    printed += result.stdout + result.stderr;
    return result;
  };
  /** The admin key, and every created key's secret (taken while the keys exist). */
  let secrets: string[];
  const rememberSecrets = () => secrets.push(...[...emulator.store.keys.values()].map((key) => key.secretKey));

  beforeEach(async () => {
    emulator = new LangfuseEmulator({ adminApiKey: ADMIN_KEY });
    env = { LANGFUSE_BASE_URL: await emulator.start(), LANGFUSE_ADMIN_API_KEY: ADMIN_KEY };
    work = new Workdir("orgform-cdktf-");
    work.writeStack(STACK);
    printed = "";
    secrets = [ADMIN_KEY];
  });
  afterEach(async () => {
    await emulator.stop();
    work.remove();
  });

  it("serves cdktf-cli 0.21: diff, deploy --auto-approve, output and destroy --auto-approve", async () => {
    // The name alone, looked up on PATH, as cdktf-cli does with TERRAFORM_BINARY_NAME.
    const bin = work.path(".bin");
    mkdirSync(bin);
    symlinkSync(SHIM, join(bin, "orgform-terraform"));
    // "tsx main.ts" rather than "npx tsx main.ts": the same synth, without npm's start-up time.
    work.write("cdktf.json", JSON.stringify({ language: "typescript", app: "tsx main.ts" }));
    const cdktfEnv = {
      ...env,
      TERRAFORM_BINARY_NAME: "orgform-terraform",
      PATH: [bin, resolve(REPO_ROOT, "node_modules/.bin"), process.env.PATH].join(delimiter),
      CHECKPOINT_DISABLE: "1", // no telemetry
      CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1",
      CDKTF_HOME: work.path(".cdktf-home"),
    };
    const cdktf = async (...args: string[]) => record(await run(CDKTF, args, work.dir, cdktfEnv));

    const diff = await cdktf("diff");
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain("orgform-terraform has been successfully initialized!");
    expect(diff.stdout).toContain('+ resource "langfuse_organization" "org"');
    expect(diff.stdout).toContain("Plan: 2 to add, 0 to change, 0 to destroy.");
    expect(emulator.store.organizations.size).toBe(0);

    const deploy = await cdktf("deploy", "--auto-approve");
    expect(deploy.code).toBe(0);
    expect(deploy.stdout).toContain("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
    expect(emulator.store.organizations.size).toBe(1);
    expect(emulator.store.keys.size).toBe(1);
    rememberSecrets();
    const orgId = [...emulator.store.organizations.keys()][0]!;
    // cdktf-cli prints the outputs it read with `output -json`; the secret stays masked.
    expect(deploy.stdout).toMatch(new RegExp(`org_id = ${orgId}`));
    expect(deploy.stdout).toMatch(/key_secret = <sensitive>/);
    // State lives in the project directory, as with `orgform apply`.
    expect(JSON.parse(readFileSync(work.path("terraform.cdktfcli.tfstate"), "utf8")).resources).toHaveLength(2);

    const output = await cdktf("output", "--outputs-file", "outputs.json", "--outputs-file-include-sensitive-outputs");
    expect(output.code).toBe(0);
    expect(output.stdout).toContain(`org_id = ${orgId}`);
    const file = JSON.parse(readFileSync(work.path("outputs.json"), "utf8")) as Record<string, Record<string, unknown>>;
    expect(file.cdktfcli).toEqual({ org_id: orgId, key_secret: null });

    const destroy = await cdktf("destroy", "--auto-approve");
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toContain("Destroy complete! Resources: 2 destroyed.");
    expect(emulator.store.organizations.size).toBe(0);
    expect(emulator.store.keys.size).toBe(0);

    expect(secrets).toHaveLength(2);
    for (const secret of secrets) expect(printed).not.toContain(secret);
    expect(readFileSync(work.path("outputs.json"), "utf8")).not.toContain("sk-lf-");
  }, 300_000);

  it("answers cdktf-cli's argv: version, init, providers lock, plan -out, the approval prompt on stdin, output -json", async () => {
    expect((await runOrgform(["synth"], { cwd: work.dir, env })).code).toBe(0);
    const stackDir = work.path("cdktf.out/stacks/cdktfcli");
    const tf = async (args: string[], input?: string) => record(await run(SHIM, args, stackDir, env, input));

    const version = JSON.parse((await tf(["version", "-json"])).stdout) as { terraform_version: string; provider_selections: object };
    expect(version.terraform_version).toMatch(/^1\.(9|[1-9]\d)\.\d+$/);
    expect(version.provider_selections).toEqual({});
    expect((await tf(["-v"])).stdout).toMatch(/^Terraform v\d+\.\d+\.\d+/);
    expect((await tf(["init", "-upgrade", "-no-color"])).code).toBe(0);
    expect((await tf(["providers", "lock", "-platform=linux_amd64", "-no-color"])).code).toBe(0);

    const plan = await tf(["plan", "-input=false", "-out", "plan", "-parallelism=4", "-lock-timeout=0s", "-no-color"]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("Plan: 2 to add, 0 to change, 0 to destroy.");

    const unknownFlag = await tf(["apply", "-bogus"]);
    expect(unknownFlag.code).toBe(1);
    expect(unknownFlag.stderr).toContain('"apply" does not accept -bogus');

    // Without -auto-approve, Terraform's prompt is printed and the answer read from stdin, even
    // without a terminal: that line is what cdktf-cli waits for before it answers.
    const refused = await tf(["apply"], "no\n");
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("Do you want to perform these actions?");
    expect(refused.stderr).toContain("Apply cancelled.");
    expect(emulator.store.organizations.size).toBe(0);

    // The saved plan applies exactly, without asking.
    const saved = await tf(["apply", "plan"]);
    expect(saved.code).toBe(0);
    expect(saved.stdout).toContain("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
    expect(emulator.store.keys.size).toBe(1);
    rememberSecrets();

    const outputs = JSON.parse((await tf(["output", "-json"])).stdout) as Record<string, unknown>;
    expect(outputs).toEqual({
      key_secret: { sensitive: true, type: "string", value: null },
      org_id: { sensitive: false, type: "string", value: [...emulator.store.organizations.keys()][0] },
    });

    const destroy = await tf(["destroy"], "yes\n");
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toContain("Do you really want to destroy all resources?");
    expect(emulator.store.organizations.size).toBe(0);

    expect(secrets).toHaveLength(2);
    for (const secret of secrets) expect(printed).not.toContain(secret);
  }, 120_000);
});
