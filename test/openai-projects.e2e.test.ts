/**
 * OpenAI projects end to end through the real CLI against the emulator: the verbs the plan uses
 * where the API cannot create or delete (adopted, archived, left as is), a rename in place, a
 * project archived out of band coming back as a create with its reason, and a destroy that
 * archives the project and leaves its rate limit as it was.
 */
import { OpenaiEmulator } from "../providers/openai/emulator";
import { runOrgform, type CliResult } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const emulator = new OpenaiEmulator();
const workdir = new Workdir("orgform-openai-projects-e2e-");
let env: NodeJS.ProcessEnv = {};

function stack(projectName: string): string {
  return `
import { App, TerraformStack } from "cdktf";
import * as openai from "${PROVIDERS}/openai";

const app = new App();
const stack = new TerraformStack(app, "org");
new openai.OpenaiProvider(stack, "openai", { pageSize: 1 });
const eng = new openai.OpenaiProject(stack, "eng", { name: ${JSON.stringify(projectName)} });
const ada = new openai.DataOpenaiUser(stack, "ada", { email: "ada@example.com" });
new openai.OpenaiProjectUser(stack, "ada_eng", { projectId: eng.id, userId: ada.id, role: "owner" });
new openai.OpenaiProjectRateLimit(stack, "gpt4o", { projectId: eng.id, model: "gpt-4o", maxRequestsPer1Minute: 100 });
app.synth();
`;
}

const orgform = (...args: string[]): Promise<CliResult> => runOrgform(args, { cwd: workdir.dir, env });

function projectNamed(name: string) {
  return [...emulator.store.projects.values()].find((project) => project.name === name);
}

beforeAll(async () => {
  const url = await emulator.start();
  env = { OPENAI_BASE_URL: url, OPENAI_ADMIN_KEY: emulator.adminKey };
  emulator.seedUser("ada@example.com", "Ada Lovelace");
});

afterAll(async () => {
  await emulator.stop();
  workdir.remove();
});

describe("openai projects through the CLI", () => {
  it("creates a project, adds a member by email and adopts a rate limit", async () => {
    workdir.writeStack(stack("Engineering"));
    const plan = await orgform("plan");
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toMatch(/openai_project_rate_limit\.gpt4o will be adopted/);
    expect(plan.stdout).toMatch(/openai_project\.eng will be created/);

    expect((await orgform("apply", "--auto-approve")).code).toBe(0);
    const project = projectNamed("Engineering")!;
    expect(emulator.store.rateLimits.get(project.id)!.find((limit) => limit.model === "gpt-4o")!.values).toMatchObject({
      max_requests_per_1_minute: 100,
      max_tokens_per_1_minute: 30_000_000,
    });
    expect([...emulator.store.projectUsers.get(project.id)!.values()]).toEqual([expect.objectContaining({ role: "owner" })]);
    expect((await orgform("plan", "--detailed-exitcode")).code).toBe(0);
  });

  it("renames the project in place", async () => {
    const id = projectNamed("Engineering")!.id;
    workdir.writeStack(stack("Platform"));
    const plan = await orgform("plan");
    expect(plan.stdout).toMatch(/openai_project\.eng will be updated in-place/);
    expect((await orgform("apply", "--auto-approve")).code).toBe(0);
    expect(emulator.store.projects.get(id)!.name).toBe("Platform");
  });

  it("plans a new project when the old one was archived outside orgform, saying why", async () => {
    const old = projectNamed("Platform")!;
    emulator.archiveProject(old.id);
    const plan = await orgform("plan");
    expect(plan.stdout).toMatch(/openai_project\.eng is gone: archived at \d{4}-\d\d-\d\dT/);
    expect(plan.stdout).toMatch(/openai_project\.eng will be created \(it was archived at /);
    expect((await orgform("apply", "--auto-approve")).code).toBe(0);
    const fresh = [...emulator.store.projects.values()].find((project) => project.name === "Platform" && project.archived_at === null);
    expect(fresh?.id).not.toBe(old.id);
  });

  it("destroys by archiving the project and leaving its rate limit as it is", async () => {
    const plan = await orgform("plan", "--destroy");
    expect(plan.stdout).toMatch(/openai_project\.eng will be archived/);
    expect(plan.stdout).toMatch(/openai_project_rate_limit\.gpt4o will be left as is/);
    const project = [...emulator.store.projects.values()].find((p) => p.name === "Platform" && p.archived_at === null)!;
    const destroy = await orgform("destroy", "--auto-approve");
    expect(destroy.stderr).toBe("");
    expect(destroy.code).toBe(0);
    expect(emulator.store.projects.get(project.id)!.archived_at).not.toBeNull();
    expect(emulator.store.rateLimits.get(project.id)!.find((limit) => limit.model === "gpt-4o")!.values.max_requests_per_1_minute).toBe(100);
  });
});
