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
import { AnthropicEmulator } from "../providers/anthropic/emulator";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { OpenaiEmulator } from "../providers/openai/emulator";
import { ProjectsEmulator } from "../providers/projects/emulator";
import type { CliResult } from "./support/cli";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

const LLM_SECRET = "sk-leak-test-llm-secret-5f0e2a91";
const WRONG_KEYS = ["wrong-langfuse-admin-key-1d2c3b4a", "sk-admin-wrong-openai-key-77aa88bb"];

const SOURCE = `
import { App, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
import { OpenaiProvider, OpenaiAdminApiKey } from "${PROVIDERS}/openai";
import { ProjectsProvider, Project, ProjectApiKey, ProjectLlmApiKey } from "${PROVIDERS}/projects";
import { AnthropicProvider, AnthropicWorkspace } from "${PROVIDERS}/anthropic";
const app = new App();
const stack = new TerraformStack(app, "leak");
new LangfuseProvider(stack, "langfuse");
new OpenaiProvider(stack, "openai");
new ProjectsProvider(stack, "projects");
new AnthropicProvider(stack, "anthropic");
const llmKey = new TerraformVariable(stack, "llm_key", { type: "string", sensitive: true });
const org = new LangfuseOrganization(stack, "org", { name: "Leak Org" });
const lfKey = new LangfuseOrganizationApiKey(stack, "lf_key", { organizationId: org.id, note: "ci" });
const admin = new OpenaiAdminApiKey(stack, "admin", { name: "deploy" });
const project = new Project(stack, "project", { name: "Leak Project" });
const apiKey = new ProjectApiKey(stack, "project_key", { projectId: project.id, label: "ci" });
new ProjectLlmApiKey(stack, "llm", { projectId: project.id, llmProvider: "openai", secretKey: llmKey.stringValue });
new AnthropicWorkspace(stack, "ws", { name: "Leak Workspace" });
new TerraformOutput(stack, "org_id", { value: org.id });
new TerraformOutput(stack, "lf_secret", { value: lfKey.secretKey, sensitive: true });
new TerraformOutput(stack, "admin_value", { value: admin.value, sensitive: true });
new TerraformOutput(stack, "project_secret", { value: project.secretKey, sensitive: true });
new TerraformOutput(stack, "project_key_secret", { value: apiKey.secretKey, sensitive: true });
new TerraformOutput(stack, "llm_key_echo", { value: llmKey.stringValue, sensitive: true });
app.synth();
`;
const SENSITIVE_ADDRESSES = ["langfuse_organization_api_key.lf_key", "openai_admin_api_key.admin", "projects_project.project", "projects_api_key.project_key", "projects_llm_api_key.llm"];

const langfuse = new LangfuseEmulator({ adminApiKey: "leak-langfuse-admin-key-0a1b2c3d" });
const openai = new OpenaiEmulator({ adminKey: "sk-admin-leak-bootstrap-key-4e5f6a7b" });
const projects = new ProjectsEmulator();
const anthropic = new AnthropicEmulator();
let run: StackRun;
const results: Array<{ command: string; result: CliResult }> = [];

async function orgform(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const result = await run.orgform([...args, "--var", `llm_key=${LLM_SECRET}`], { env });
  results.push({ command: args.join(" "), result });
  return result;
}

/** Every secret that exists anywhere: in the emulators, the environment, the variables. */
const seen = new Set<string>();
function allSecrets(): string[] {
  const secrets = [LLM_SECRET, ...WRONG_KEYS, langfuse.adminApiKey, openai.adminKey, projects.apiKey, projects.token, anthropic.adminApiKey];
  secrets.push(...[...langfuse.store.keys.values()].map((k) => k.secretKey));
  secrets.push(...openai.issuedKeyValues());
  for (const project of projects.projects.values()) secrets.push(project.secretKey, ...[...project.apiKeys.values()].map((k) => k.secretKey), ...[...project.llmKeys.values()].map((k) => k.secretKey));
  // Keys deleted since (replaced, destroyed) stay secrets: remember every one seen.
  for (const secret of secrets) if (secret.length >= 8) seen.add(secret);
  return [...seen];
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
  const [lf, oa, , an] = await Promise.all([langfuse.start(), openai.start(), projects.start(), anthropic.start()]);
  run = new StackRun("leak", {
    LANGFUSE_BASE_URL: lf,
    LANGFUSE_ADMIN_API_KEY: langfuse.adminApiKey,
    OPENAI_BASE_URL: oa,
    OPENAI_ADMIN_KEY: openai.adminKey,
    ORGANIZATIONS_API_BASE_URL: projects.url,
    ORGANIZATIONS_API_KEY: projects.apiKey,
    ORGANIZATIONS_API_TOKEN: projects.token,
    ORGANIZATIONS_API_ORGANIZATION_ID: projects.organizationId,
    LANGFUSE_API_URL: projects.langfuseUrl,
    ANTHROPIC_BASE_URL: an,
    ANTHROPIC_ADMIN_API_KEY: anthropic.adminApiKey,
  }, "orgform-leak-");
  await run.synthOnce(SOURCE);
});

afterAll(async () => {
  await Promise.all([langfuse.stop(), openai.stop(), projects.stop(), anthropic.stop()]);
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
      ...["org_id", "lf_secret", "admin_value", "project_secret", "project_key_secret", "llm_key_echo"].map((name) => orgform(["output", name])),
      orgform(["state", "list"]),
      orgform(["state", "pull"]),
    ]);
    await Promise.all(SENSITIVE_ADDRESSES.flatMap((address) => [orgform(["state", "show", address]), orgform(["state", "show", address, "--json"])]));
    await readOnly();
    // A saved plan holds secrets by design (0600, like state); applying it must not print them.
    expect((await orgform(["plan", "--out", "saved.plan"])).code).toBe(0);
    expect((await orgform(["apply", "saved.plan"])).code).toBe(0);
    // Replacing keys shows their old secrets as before-values in the plan and apply output.
    const replaced = await orgform(["apply", "--auto-approve", "--replace", "langfuse_organization_api_key.lf_key", "--replace", "openai_admin_api_key.admin", "--replace", "projects_api_key.project_key"]);
    expect(replaced.code).toBe(0);
    allSecrets();

    // Error paths: refused credentials (the wrong keys are secrets too).
    expect((await orgform(["plan"], { LANGFUSE_ADMIN_API_KEY: WRONG_KEYS[0] })).stderr).toContain("LANGFUSE_ADMIN_API_KEY");
    expect((await orgform(["plan"], { OPENAI_ADMIN_KEY: WRONG_KEYS[1] })).stderr).toContain("OPENAI_ADMIN_KEY");

    expect(allSecrets().length).toBeGreaterThanOrEqual(15);
    expect(results.length).toBeGreaterThanOrEqual(35);
    expect(leaksIn(results)).toEqual([]);
    // The outputs were there, masked: the test looked at real output, not at empty text.
    expect(results.find((r) => r.command === "output lf_secret")!.result.stdout).toContain("sensitive");
  }, 300_000);

  it("an API error message that echoes a key created by an earlier run", async () => {
    const from = results.length;
    const adminValue = String(run.state().get("openai_admin_api_key.admin")!.attributes.value);
    openai.failNext("GET", 400, `The key ${adminValue} is not allowed here (admin key ${openai.adminKey}).`);
    const echoed = await orgform(["plan"]);
    expect(echoed.code).toBe(1);
    expect(echoed.stderr).toContain("OpenAI Admin API answered 400");
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
