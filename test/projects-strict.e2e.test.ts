/**
 * Issue 16, item 7: a JSON:API server that refuses query parameters it does not document answers
 * 400. Get Project used to send `forceRefresh` (documented for List Projects only), so once a
 * project existed no plan worked. Against the emulator in strict mode, through the real CLI, every
 * projects type plans, applies, plans clean, imports and is destroyed.
 */
import { ProjectsEmulator } from "../providers/projects/emulator";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

const LLM_SECRET = "sk-strict-openai-secret-0123456789";

const SOURCE = `
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { ProjectsProvider, Project, ProjectApiKey, ProjectLlmApiKey, ProjectMember, ProjectInvitation, DataProjects } from "${PROVIDERS}/projects";
const app = new App();
const stack = new TerraformStack(app, "strict");
new ProjectsProvider(stack, "projects");
const openaiKey = new TerraformVariable(stack, "openai_key", { type: "string", sensitive: true });
const project = new Project(stack, "bot", { name: "Strict Bot" });
new ProjectApiKey(stack, "ci", { projectId: project.id, label: "CI" });
new ProjectLlmApiKey(stack, "openai", { projectId: project.id, llmProvider: "openai", secretKey: openaiKey.stringValue });
new ProjectMember(stack, "ada", { projectId: project.id, email: "ada@example.com", role: "ADMIN", organizationRole: "OWNER" });
new ProjectInvitation(stack, "grace", { projectId: project.id, email: "grace@example.com", organizationRole: "MEMBER" });
new DataProjects(stack, "all", { sort: "name" });
app.synth();
`;

const emulator = new ProjectsEmulator({ strict: true });
let run: StackRun;

beforeAll(async () => {
  await emulator.start();
  run = new StackRun(
    "strict",
    {
      ORGANIZATIONS_API_BASE_URL: emulator.url,
      ORGANIZATIONS_API_KEY: emulator.apiKey,
      ORGANIZATIONS_API_TOKEN: emulator.token,
      ORGANIZATIONS_API_ORGANIZATION_ID: emulator.organizationId,
    },
    "orgform-projects-strict-",
  );
  await run.synthOnce(SOURCE);
});

afterAll(async () => {
  await emulator.stop();
  run.remove();
});

const orgform = (args: string[]) => run.orgform([...args, "--var", `openai_key=${LLM_SECRET}`]);

it("plans, applies, plans clean, imports and destroys against a server that refuses undocumented query parameters", async () => {
  const apply = await orgform(["apply", "--auto-approve"]);
  expect(apply.stderr).toBe("");
  expect(apply.code).toBe(0);
  expect(apply.stdout).toMatch(/5 added, 0 changed, 0 destroyed/);

  // The plan right after apply reads every collection (projects, keys, members, invitations).
  const again = await orgform(["plan", "--detailed-exitcode"]);
  expect(again.stderr).toBe("");
  expect(again.stdout).toContain("No changes");
  expect(again.code).toBe(0);

  const id = String(run.state().get("projects_project.bot")!.attributes.id);
  const removed = await orgform(["state", "rm", "projects_project.bot"]);
  expect(removed.code).toBe(0);
  const imported = await orgform(["import", "projects_project.bot", id]);
  expect(imported.stderr).toBe("");
  expect(imported.code).toBe(0);
  expect(run.state().get("projects_project.bot")!.attributes.secret_key).toBe(emulator.project(id).secretKey);

  const destroy = await orgform(["destroy", "--auto-approve"]);
  expect(destroy.stderr).toBe("");
  expect(destroy.code).toBe(0);
  expect(emulator.projects.has(id)).toBe(false);
});
