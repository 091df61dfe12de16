/**
 * Unmanaged objects inside what a stack manages (issue 6: "an admin must learn, the next
 * morning, that someone … minted an API key by hand"): the stack declares organizations, a
 * workspace and projects on every API, but nothing inside them (a Langfuse project's keys are
 * read with its own organization key: the public API has no admin list). Keys, members and service accounts made
 * there by hand (an Anthropic key in the Console, an OpenAI project key in the dashboard) must appear in `orgform drift` (exit 2); right after apply only
 * the Default projects every organization comes with are unmanaged, and --no-unmanaged is clean.
 */
import { AnthropicEmulator } from "../providers/anthropic/emulator";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { OpenaiEmulator } from "../providers/openai/emulator";
import { ProjectsEmulator } from "../providers/projects/emulator";
import { builtInEmulators } from "../providers/emulators";
import type { RunningEmulator } from "../src/emulator/definition";
import { callAdminApi } from "../providers/examples";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

const SOURCE = `
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey, LangfuseProject } from "${PROVIDERS}/langfuse";
import { AnthropicProvider, AnthropicWorkspace } from "${PROVIDERS}/anthropic";
import { OpenaiProvider, OpenaiProject } from "${PROVIDERS}/openai";
import { ProjectsProvider, Project } from "${PROVIDERS}/projects";
const app = new App();
const stack = new TerraformStack(app, "shells");
new LangfuseProvider(stack, "langfuse");
new AnthropicProvider(stack, "anthropic");
new OpenaiProvider(stack, "openai");
new ProjectsProvider(stack, "projects");
const org = new LangfuseOrganization(stack, "org", { name: "Shell Org" });
const orgKey = new LangfuseOrganizationApiKey(stack, "org_key", { organizationId: org.id, note: "orgform" });
new LangfuseProject(stack, "web", { orgApiKey: orgKey, name: "web" });
new AnthropicWorkspace(stack, "ws", { name: "Shell Workspace" });
new OpenaiProject(stack, "assistants", { name: "Shell Project" });
new Project(stack, "bot", { name: "Shell Bot" });
app.synth();
`;

const langfuse = new LangfuseEmulator({ adminApiKey: "drift-shells-admin-key-0123456789" });
const anthropic = new AnthropicEmulator();
const openai = new OpenaiEmulator();
const projects = new ProjectsEmulator();
let run: StackRun;
let urls: { langfuse: string; anthropic: string; openai: string };

beforeAll(async () => {
  const [lf, an, oa] = await Promise.all([langfuse.start(), anthropic.start(), openai.start(), projects.start()]);
  urls = { langfuse: lf, anthropic: an, openai: oa };
  // The environment each emulator's definition gives a stack (as `orgform demo` sets it).
  const running: Record<string, [RunningEmulator, string]> = { langfuse: [langfuse, lf], anthropic: [anthropic, an], openai: [openai, oa], projects: [projects, projects.url] };
  const env = Object.assign({}, ...builtInEmulators.map((definition) => definition.environment(...running[definition.name]!))) as NodeJS.ProcessEnv;
  run = new StackRun("shells", env, "orgform-drift-shells-");
  await run.synthOnce(SOURCE);
});

afterAll(async () => {
  await Promise.all([langfuse.stop(), anthropic.stop(), openai.stop(), projects.stop()]);
  run.remove();
});


it("reports keys, members and service accounts made by hand inside managed objects", async () => {
  const apply = await run.orgform(["apply", "--auto-approve"]);
  expect(apply.stderr).toBe("");
  expect(apply.code).toBe(0);
  // Right after apply, only what every organization comes with is unmanaged: its Default projects.
  const unmanagedTypes = async () => (JSON.parse((await run.orgform(["drift", "--json"])).stdout) as { stacks: Array<{ unmanaged: Array<{ type: string; label: string }> }> }).stacks[0]!.unmanaged;
  expect((await unmanagedTypes()).map((object) => `${object.type} ${object.label}`).sort()).toEqual(["openai_project Default project", "projects_project Default project"]);

  const id = (address: string) => String(run.state().get(address)!.attributes.id);
  const userId = anthropic.seedUser({ email: "pat@example.com", name: "Pat", role: "user" });
  await callAdminApi(`${urls.langfuse}/api/admin/organizations/${id("langfuse_organization.org")}/apiKeys`, "POST", { authorization: `Bearer ${langfuse.adminApiKey}` }, { note: "minted by hand" });
  await callAdminApi(`${urls.anthropic}/v1/organizations/workspaces/${id("anthropic_workspace.ws")}/members`, "POST", { "x-api-key": anthropic.adminApiKey, "anthropic-version": "2023-06-01" }, { user_id: userId, workspace_role: "workspace_user" });
  await callAdminApi(`${urls.openai}/organization/projects/${id("openai_project.assistants")}/service_accounts`, "POST", { authorization: `Bearer ${openai.adminKey}` }, { name: "made by hand" });
  // Keys only people make, in the Console and the dashboard (issue 19 items 1 and 3); one Anthropic key outside the managed workspace.
  anthropic.seedApiKey({ name: "made in the Console", workspaceId: id("anthropic_workspace.ws") });
  const elsewhere = (await callAdminApi(`${urls.anthropic}/v1/organizations/workspaces`, "POST", { "x-api-key": anthropic.adminApiKey, "anthropic-version": "2023-06-01" }, { name: "Not in the stack" })) as { id: string };
  anthropic.seedApiKey({ name: "in an unmanaged workspace", workspaceId: elsewhere.id });
  openai.seedProjectApiKey(id("openai_project.assistants"), "made in the dashboard", { userId: openai.ownerId });
  // The Langfuse public API, with the organization key the stack made: a project beside the
  // managed one, and a key inside the managed one.
  const orgKey = run.state().get("langfuse_organization_api_key.org_key")!.attributes;
  const basic = { authorization: `Basic ${Buffer.from(`${String(orgKey.public_key)}:${String(orgKey.secret_key)}`).toString("base64")}` };
  await callAdminApi(`${urls.langfuse}/api/public/projects`, "POST", basic, { name: "made by hand", retention: 0 });
  await callAdminApi(`${urls.langfuse}/api/public/projects/${id("langfuse_project.web")}/apiKeys`, "POST", basic, { note: "made by hand" });
  await callAdminApi(`${urls.langfuse}/api/public/scim/Users`, "POST", basic, { userName: "lin@example.com", roles: ["MEMBER"] });
  const p = { "api-key": projects.apiKey, authorization: `Bearer ${projects.token}` };
  await callAdminApi(`${projects.url}/organizations/${projects.organizationId}/projects/${id("projects_project.bot")}/api-keys`, "POST", p, { data: { type: "apiKey", attributes: { label: "made by hand" } } });

  const text = await run.orgform(["drift"]);
  expect(text.stderr).toBe("");
  expect(text.code).toBe(2);
  expect(text.stdout).toMatch(/\? langfuse_organization_api_key "minted by hand"/);
  expect(text.stdout).toMatch(/\? anthropic_workspace_member /);
  expect(text.stdout).toMatch(/\? openai_project_service_account "made by hand"/);
  expect(text.stdout).toMatch(/\? anthropic_api_key "made in the Console"/);
  expect(text.stdout).not.toContain("in an unmanaged workspace");
  expect(text.stdout).toMatch(/\? openai_project_api_key "made in the dashboard"/);
  expect(text.stdout).toMatch(/\? openai_project_api_key "Secret Key"/); // the hand-made service account's
  expect(text.stdout).toMatch(/\? projects_api_key "made by hand"/);
  expect(text.stdout).toMatch(/\? langfuse_project "made by hand"/);
  expect(text.stdout).toMatch(/\? langfuse_project_api_key "made by hand"/);
  expect(text.stdout).toMatch(/\? langfuse_organization_membership .*lin@example\.com/);
  // What a project holds for every model is not something a person made.
  expect(text.stdout).not.toContain("openai_project_rate_limit");
  expect(text.stdout).not.toContain(langfuse.adminApiKey);

  expect((await unmanagedTypes()).map((object) => object.type).sort()).toEqual([
    "anthropic_api_key",
    "anthropic_workspace", // "Not in the stack": reported itself, its key is not read
    "anthropic_workspace_member",
    "langfuse_organization_api_key",
    "langfuse_organization_membership",
    "langfuse_project",
    "langfuse_project_api_key",
    "openai_project",
    "openai_project_api_key",
    "openai_project_api_key",
    "openai_project_service_account",
    "projects_api_key",
    "projects_project",
  ]);

  const skipped = await run.orgform(["drift", "--no-unmanaged"]);
  expect(skipped.code).toBe(0);
});
