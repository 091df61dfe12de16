/**
 * Drift on every admin API at once (issue 6): out-of-band changes made through each emulator's
 * own API, as an admin in a console would (a rename, a role change, an archive, a delete, a key
 * minted by hand), appear in `orgform drift` in all three formats with exit 2 and nothing
 * written; then an existing workspace is imported and the next plan shows only the intended diff.
 */
import { readFileSync } from "node:fs";
import { AnthropicEmulator, DEMO, seedAnthropicDemo } from "../providers/anthropic/emulator";
import { OpenaiEmulator } from "../providers/openai/emulator";
import { ProjectsEmulator } from "../providers/projects/emulator";
import { callAdminApi } from "../providers/examples";
import { runOrgform, type CliResult } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const stack = (extra = "") => `
import { App, TerraformStack } from "cdktf";
import { AnthropicProvider, AnthropicWorkspace, AnthropicOrganizationMember, AnthropicApiKey } from "${PROVIDERS}/anthropic";
import { OpenaiProvider, OpenaiAdminApiKey, OpenaiProject } from "${PROVIDERS}/openai";
import { ProjectsProvider, Project, ProjectApiKey, ProjectMember } from "${PROVIDERS}/projects";
const app = new App();
const stack = new TerraformStack(app, "everything");
new AnthropicProvider(stack, "anthropic");
new OpenaiProvider(stack, "openai");
new ProjectsProvider(stack, "projects");
new AnthropicWorkspace(stack, "research", { name: "Research" });
new AnthropicOrganizationMember(stack, "grace", { email: "grace@example.com", role: "developer" });
new AnthropicApiKey(stack, "ci", { apiKeyId: ${JSON.stringify(DEMO.apiKeyId)}, name: "ci" });
new OpenaiAdminApiKey(stack, "automation", { name: "automation" });
new OpenaiProject(stack, "assistants", { name: "Assistants" });
const bot = new Project(stack, "bot", { name: "Support Bot" });
new ProjectApiKey(stack, "bot_key", { projectId: bot.id, label: "production" });
new ProjectMember(stack, "lead", { projectId: bot.id, email: "lead@acme.example", role: "ADMIN", organizationRole: "ADMIN" });
${extra}
app.synth();
`;

describe("drift across Anthropic, OpenAI and the projects API", () => {
  const anthropic = new AnthropicEmulator({ adminApiKey: "sk-ant-admin01-drift-secret", organizationName: "Acme" });
  const openai = new OpenaiEmulator();
  const projects = new ProjectsEmulator();
  const work = new Workdir();
  let env: NodeJS.ProcessEnv = {};
  const orgform = (args: string[]): Promise<CliResult> => runOrgform(args, { cwd: work.dir, env });

  beforeAll(async () => {
    seedAnthropicDemo(anthropic);
    const anthropicUrl = await anthropic.start();
    const openaiUrl = await openai.start();
    await projects.start();
    env = {
      ANTHROPIC_BASE_URL: anthropicUrl,
      ANTHROPIC_ADMIN_API_KEY: anthropic.adminApiKey,
      OPENAI_BASE_URL: openaiUrl,
      OPENAI_ADMIN_KEY: openai.adminKey,
      ORGANIZATIONS_API_BASE_URL: projects.url,
      ORGANIZATIONS_API_KEY: projects.apiKey,
      ORGANIZATIONS_API_TOKEN: projects.token,
      ORGANIZATIONS_API_ORGANIZATION_ID: projects.organizationId,
      LANGFUSE_API_URL: projects.langfuseUrl,
    };
    work.writeStack(stack());
    const apply = await orgform(["apply", "--auto-approve"]);
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
  });

  afterAll(async () => {
    await Promise.all([anthropic.stop(), openai.stop(), projects.stop()]);
    work.remove();
  });

  it("reports out-of-band changes on every API in three formats, exit 2, writing nothing", async () => {
    const state = JSON.parse(readFileSync(work.path("terraform.everything.tfstate"), "utf8"));
    const idOf = (name: string) => state.resources.find((r: { name: string }) => r.name === name).instances[0].attributes.id as string;
    const a = { "x-api-key": anthropic.adminApiKey, "anthropic-version": "2023-06-01" };
    const o = { authorization: `Bearer ${openai.adminKey}` };
    const p = { "api-key": projects.apiKey, authorization: `Bearer ${projects.token}` };
    const org = `${projects.url}/organizations/${projects.organizationId}/projects/${idOf("bot")}`;

    await callAdminApi(`${env.ANTHROPIC_BASE_URL}/v1/organizations/workspaces/${idOf("research")}/archive`, "POST", a);
    await callAdminApi(`${env.ANTHROPIC_BASE_URL}/v1/organizations/users/${idOf("grace")}`, "POST", a, { role: "user" });
    anthropic.seedApiKey({ name: "made in the Console" });
    await callAdminApi(`${env.OPENAI_BASE_URL}/organization/projects/${idOf("assistants")}`, "POST", o, { name: "Assistants (renamed)" });
    await callAdminApi(`${env.OPENAI_BASE_URL}/organization/admin_api_keys/${idOf("automation")}`, "DELETE", o);
    await callAdminApi(`${env.OPENAI_BASE_URL}/organization/admin_api_keys`, "POST", o, { name: "minted by hand" });
    await callAdminApi(`${org}/users/${idOf("lead")}`, "PATCH", p, { data: { type: "users", id: idOf("lead"), attributes: { role: "VIEWER" } } });
    await callAdminApi(`${org}/api-keys`, "POST", p, { data: { type: "apiKey", attributes: { label: "minted by hand" } } });
    const stateBefore = readFileSync(work.path("terraform.everything.tfstate"), "utf8");

    const text = await orgform(["drift"]);
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(/anthropic_workspace\.research is gone: archived/);
    expect(text.stdout).toMatch(/anthropic_organization_member\.grace was changed outside orgform\n\s+~ role = "developer" -> "user"/);
    expect(text.stdout).toMatch(/openai_project\.assistants was changed outside orgform\n\s+~ name = "Assistants" -> "Assistants \(renamed\)"/);
    expect(text.stdout).toContain("openai_admin_api_key.automation was deleted outside orgform");
    expect(text.stdout).toMatch(/projects_member\.lead was changed outside orgform\n\s+~ role = "ADMIN" -> "VIEWER"/);
    expect(text.stdout).toMatch(/\? anthropic_api_key "made in the Console"/);
    expect(text.stdout).toMatch(/\? openai_admin_api_key "minted by hand"/);
    expect(text.stdout).toMatch(/\? projects_api_key "minted by hand"/);

    const json = JSON.parse((await orgform(["drift", "--json"])).stdout);
    expect(json.summary).toEqual({ changed: 3, deleted: 2, unmanaged: expect.any(Number) });
    const unmanagedTypes = new Set(json.stacks[0].unmanaged.map((u: { type: string }) => u.type));
    for (const type of ["anthropic_api_key", "openai_admin_api_key", "projects_api_key"]) expect(unmanagedTypes).toContain(type);
    const markdown = await orgform(["drift", "--markdown"]);
    expect(markdown.code).toBe(2);
    expect(markdown.stdout).toContain("| everything |");
    expect(markdown.stdout).toContain("<code>anthropic_workspace.research</code>: gone");
    expect(readFileSync(work.path("terraform.everything.tfstate"), "utf8")).toBe(stateBefore);
    for (const out of [text.stdout, markdown.stdout, JSON.stringify(json)]) {
      expect(out).not.toContain(anthropic.adminApiKey);
      expect(out).not.toContain(openai.adminKey);
    }
  });

  it("imports an existing workspace; the next plan shows only the intended change", async () => {
    const made = await callAdminApi(`${env.ANTHROPIC_BASE_URL}/v1/organizations/workspaces`, "POST", { "x-api-key": anthropic.adminApiKey, "anthropic-version": "2023-06-01" }, { name: "Made By Hand" });
    work.writeStack(stack(`new AnthropicWorkspace(stack, "adopted", { name: "Made By Hand", tags: { owner: "platform" } });`));
    const imported = await orgform(["import", "anthropic_workspace.adopted", String(made.id)]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("Import successful!");
    const plan = await orgform(["plan", "--target", "anthropic_workspace.adopted"]);
    expect(plan.stdout).toContain("# anthropic_workspace.adopted will be updated in-place");
    // A changed map shows the keys that change, one row each (issue 18 item 8).
    expect(plan.stdout).toMatch(/~ tags\s+= \{\n\s+\+ "owner" = "platform"\n\s+\}/);
    expect(plan.stdout).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
  });
});
