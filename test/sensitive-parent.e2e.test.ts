/**
 * A parent id that arrives as a sensitive value (a `sensitive: true` variable). Scopes are
 * computed with String(), which turns a sensitive wrapper into its mask "(sensitive value)": the
 * create journal's intent, refresh's grouping and recovery's listing then name a parent that
 * does not exist.
 */
import { ProjectsEmulator, projectsEmulatorDefinition } from "../providers/projects/emulator";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

const projects = new ProjectsEmulator();
let run: StackRun;
let projectId: string;

beforeAll(async () => {
  await projects.start();
  projectId = [...projects.projects.values()].find((project) => project.isDefault)!.id;
  run = new StackRun(
    "rvsensitive",
    {
      ...projectsEmulatorDefinition.environment(projects, projects.url),
      TF_VAR_project: projectId,
    },
    "orgform-rvsensitive-",
  );
  await run.synthOnce(`
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { ProjectsProvider, ProjectMember } from "${PROVIDERS}/projects";
const app = new App();
const stack = new TerraformStack(app, "rvsensitive");
new ProjectsProvider(stack, "projects");
const project = new TerraformVariable(stack, "project", { type: "string", sensitive: true });
new ProjectMember(stack, "ada", { projectId: project.stringValue, email: "ada@example.com", role: "MEMBER", organizationRole: "MEMBER" });
app.synth();
`);
});

afterAll(async () => {
  await projects.stop();
  run.remove();
});

it("refreshes a member whose project id is a sensitive variable in its own project", async () => {
  const first = await run.orgform(["apply", "--auto-approve"]);
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  expect(projects.projects.get(projectId)!.members.list().map((m) => m.email)).toContain("ada@example.com");

  const plan = await run.orgform(["plan", "--detailed-exitcode"]);
  expect(plan.stdout).not.toMatch(/deleted outside|will be created/);
  expect(plan.code).toBe(0);
  const again = await run.orgform(["apply", "--auto-approve"]);
  expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: "" });
});

it("recovers a member whose create answer was lost when its project id is a sensitive variable", async () => {
  const other = new StackRun("rvsensitive", { ...run.env, ORGFORM_CLOCK_SKEW_MS: "600000" }, "orgform-rvsensitive2-");
  try {
    other.freezeFrom(run);
    // ada is a member already (the test above): remove her so the create is made again.
    const ada = projects.projects.get(projectId)!.members.list().find((m) => m.email === "ada@example.com");
    if (ada) projects.projects.get(projectId)!.members.delete(ada.id);

    projects.server.setFaults({ resetAfterCommitRate: 1, methods: ["POST"] });
    const lost = await other.orgform(["apply", "--auto-approve"]);
    projects.server.setFaults({});
    expect(lost.code).toBe(1);
    expect(projects.projects.get(projectId)!.members.list().map((m) => m.email)).toContain("ada@example.com");

    const recovered = await other.orgform(["apply", "--auto-approve"]);
    expect({ code: recovered.code, stderr: recovered.stderr }).toEqual({ code: 0, stderr: "" });
    expect(recovered.stdout).toMatch(/projects_member\.ada: created by an interrupted run .*adopted, not created again/);
  } finally {
    other.remove();
  }
});
