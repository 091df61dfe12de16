/** `orgform report keys`: every managed key with its dates, and the ones a security review must see. */
import { AnthropicEmulator } from "../providers/anthropic/emulator";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { ProjectsEmulator } from "../providers/projects/emulator";
import { runOrgform } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

it("lists every managed key with dates and flags unused, never-used and expiring keys, in three formats", async () => {
  const emulator = new LangfuseEmulator({ adminApiKey: "report-admin-key" });
  const work = new Workdir();
  try {
    const env = { LANGFUSE_BASE_URL: await emulator.start(), LANGFUSE_ADMIN_API_KEY: "report-admin-key" };
    work.writeStack(`
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "keys");
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: "Key Co" });
for (const note of ["fresh", "stale", "idle", "expiring"]) new LangfuseOrganizationApiKey(stack, note, { organizationId: org.id, note });
app.synth();
`);
    expect((await runOrgform(["apply", "--auto-approve"], { cwd: work.dir, env })).code).toBe(0);
    const day = 86_400_000;
    const key = (note: string) => [...emulator.store.keys.values()].find((k) => k.note === note)!;
    key("fresh").lastUsedAt = new Date(Date.now() - day).toISOString();
    key("stale").lastUsedAt = new Date(Date.now() - 60 * day).toISOString();
    key("idle").createdAt = new Date(Date.now() - 45 * day).toISOString();
    key("expiring").lastUsedAt = new Date().toISOString();
    key("expiring").expiresAt = new Date(Date.now() + 3 * day).toISOString();

    const text = await runOrgform(["report", "keys"], { cwd: work.dir, env });
    expect(text.code).toBe(0);
    const line = (address: string) => text.stdout.split("\n").find((l) => l.startsWith(address))!;
    expect(line("langfuse_organization_api_key.fresh")).toMatch(/ ok$/);
    expect(line("langfuse_organization_api_key.stale")).toMatch(/ unused$/);
    expect(line("langfuse_organization_api_key.idle")).toMatch(/ never-used$/);
    expect(line("langfuse_organization_api_key.expiring")).toMatch(/ expiring$/);
    expect(text.stdout).toContain("4 keys, 3 flagged");

    const json = JSON.parse((await runOrgform(["report", "keys", "--json", "--unused-days", "90"], { cwd: work.dir, env })).stdout);
    expect(json.schema).toBe("orgform.keys/v1");
    expect(json.keys.find((k: { address: string }) => k.address.endsWith(".stale")).flags).toEqual([]);
    expect(json.keys.find((k: { address: string }) => k.address.endsWith(".stale")).lastUsedAt).toBe(key("stale").lastUsedAt);

    const markdown = await runOrgform(["report", "keys", "--markdown"], { cwd: work.dir, env });
    expect(markdown.stdout).toContain("| key | type | created | last used | expires | flags |");
    expect(markdown.stdout).toContain("| `langfuse_organization_api_key.stale` stale | langfuse_organization_api_key |");
    for (const k of emulator.store.keys.values()) expect(text.stdout + markdown.stdout + JSON.stringify(json)).not.toContain(k.secretKey);
  } finally {
    await emulator.stop();
    work.remove();
  }
});

// Issue 19, item 2: last use is read wherever an API gives it (Anthropic keys' last_used_at,
// projects-API keys' lastUsedAt) and is "unknown", never "never used", where an API gives none
// (projects-API LLM keys). Old keys in daily use used to be flagged never-used.
it("shows true last use, and 'unknown' only where the API gives none", async () => {
  const anthropic = new AnthropicEmulator();
  const projects = new ProjectsEmulator();
  const work = new Workdir();
  try {
    const day = 86_400_000;
    const longAgo = new Date(Date.now() - 100 * day).toISOString();
    const yesterday = new Date(Date.now() - day).toISOString();
    const inUse = anthropic.seedApiKey({ name: "in use", lastUsedAt: yesterday });
    const idle = anthropic.seedApiKey({ name: "idle" });
    for (const id of [inUse, idle]) anthropic.store.apiKeys.get(id)!.created_at = longAgo;
    const env = {
      ANTHROPIC_BASE_URL: await anthropic.start(),
      ANTHROPIC_ADMIN_API_KEY: anthropic.adminApiKey,
      ORGANIZATIONS_API_BASE_URL: (await projects.start(), projects.url),
      ORGANIZATIONS_API_KEY: projects.apiKey,
      ORGANIZATIONS_API_TOKEN: projects.token,
      ORGANIZATIONS_API_ORGANIZATION_ID: projects.organizationId,
    };
    work.writeStack(`
import { App, TerraformStack } from "cdktf";
import { AnthropicProvider, AnthropicApiKey } from "${PROVIDERS}/anthropic";
import { ProjectsProvider, Project, ProjectApiKey, ProjectLlmApiKey } from "${PROVIDERS}/projects";
const app = new App();
const stack = new TerraformStack(app, "keys");
new AnthropicProvider(stack, "anthropic");
new AnthropicApiKey(stack, "in_use", { apiKeyId: ${JSON.stringify(inUse)}, name: "in use" });
new AnthropicApiKey(stack, "idle", { apiKeyId: ${JSON.stringify(idle)}, name: "idle" });
new ProjectsProvider(stack, "projects");
const project = new Project(stack, "bot", { name: "Report Bot" });
new ProjectApiKey(stack, "ci", { projectId: project.id, label: "ci" });
new ProjectLlmApiKey(stack, "openai", { projectId: project.id, llmProvider: "openai", secretKey: "sk-report-llm-secret-0123456789" });
app.synth();
`);
    const apply = await runOrgform(["apply", "--auto-approve"], { cwd: work.dir, env });
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    const stored = [...projects.projects.values()].find((p) => p.name === "Report Bot")!;
    for (const key of stored.apiKeys.values()) Object.assign(key, { createdAt: longAgo, lastUsedAt: yesterday });
    for (const key of stored.llmKeys.values()) key.createdAt = longAgo;

    const text = await runOrgform(["report", "keys"], { cwd: work.dir, env });
    expect(text.code).toBe(0);
    const line = (address: string) => text.stdout.split("\n").find((l) => l.startsWith(address))!;
    expect(line("anthropic_api_key.in_use")).toMatch(new RegExp(`${yesterday.slice(0, 10)} .* ok$`));
    expect(line("anthropic_api_key.idle")).toMatch(/ never .* never-used$/);
    expect(line("projects_api_key.ci")).toMatch(new RegExp(`${yesterday.slice(0, 10)} .* ok$`));
    expect(line("projects_llm_api_key.openai")).toMatch(/ unknown .* ok$/);
    expect(text.stdout).toContain("4 keys, 1 flagged");

    const json = JSON.parse((await runOrgform(["report", "keys", "--json"], { cwd: work.dir, env })).stdout) as { keys: Array<{ address: string; lastUse: string; lastUsedAt: string | null }> };
    expect(Object.fromEntries(json.keys.map((k) => [k.address, k.lastUse]))).toEqual({
      "anthropic_api_key.idle": "never",
      "anthropic_api_key.in_use": "recorded",
      "projects_api_key.ci": "recorded",
      "projects_llm_api_key.openai": "unknown",
    });
    const markdown = await runOrgform(["report", "keys", "--markdown"], { cwd: work.dir, env });
    expect(markdown.stdout).toMatch(/\| `projects_llm_api_key\.openai` .* \| unknown \|/);
  } finally {
    await Promise.all([anthropic.stop(), projects.stop()]);
    work.remove();
  }
});
