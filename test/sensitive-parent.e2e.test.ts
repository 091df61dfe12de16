/**
 * A parent id that arrives as a sensitive value (a `sensitive: true` variable). Scopes are
 * computed with String(), which turns a sensitive wrapper into its mask "(sensitive value)": the
 * create journal's intent, refresh's grouping and recovery's listing then name a parent that
 * does not exist.
 */
import type { ProjectsEmulator } from "../providers/projects/emulator";
import { projectsStackForFile } from "./support/projects-stack";
import { StackRun } from "./support/stack-run";

/** The organization's default project: it exists before the stack, so its id can be a variable. */
const defaultProjectOf = (projects: ProjectsEmulator) => [...projects.projects.values()].find((project) => project.isDefault)!.id;

const file = projectsStackForFile("sensitiveparent", {
  uses: ["ProjectMember"],
  body: `
const project = new TerraformVariable(stack, "project", { type: "string", sensitive: true });
new ProjectMember(stack, "ada", { projectId: project.stringValue, email: "ada@example.com", role: "MEMBER", organizationRole: "MEMBER" });
`,
  cdktf: ["TerraformVariable"],
  env: (projects) => ({ TF_VAR_project: defaultProjectOf(projects) }),
});
let projectId: string;
beforeAll(() => (projectId = defaultProjectOf(file.projects)));

it("refreshes a member whose project id is a sensitive variable in its own project", async () => {
  const first = await file.run.orgform(["apply", "--auto-approve"]);
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  expect(file.projects.projects.get(projectId)!.members.list().map((m) => m.email)).toContain("ada@example.com");

  const plan = await file.run.orgform(["plan", "--detailed-exitcode"]);
  expect(plan.stdout).not.toMatch(/deleted outside|will be created/);
  expect(plan.code).toBe(0);
  const again = await file.run.orgform(["apply", "--auto-approve"]);
  expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: "" });
});

it("recovers a member whose create answer was lost when its project id is a sensitive variable", async () => {
  const other = new StackRun("sensitiveparent", { ...file.run.env, ORGFORM_CLOCK_SKEW_MS: "600000" }, "orgform-sensitiveparent2-");
  try {
    other.freezeFrom(file.run);
    // ada is a member already (the test above): remove her so the create is made again.
    const ada = file.projects.projects.get(projectId)!.members.list().find((m) => m.email === "ada@example.com");
    if (ada) file.projects.projects.get(projectId)!.members.delete(ada.id);

    file.projects.server.setFaults({ resetAfterCommitRate: 1, methods: ["POST"] });
    const lost = await other.orgform(["apply", "--auto-approve"]);
    file.projects.server.setFaults({});
    expect(lost.code).toBe(1);
    expect(file.projects.projects.get(projectId)!.members.list().map((m) => m.email)).toContain("ada@example.com");

    const recovered = await other.orgform(["apply", "--auto-approve"]);
    expect({ code: recovered.code, stderr: recovered.stderr }).toEqual({ code: 0, stderr: "" });
    expect(recovered.stdout).toMatch(/projects_member\.ada: created by an interrupted run .*adopted, not created again/);
  } finally {
    other.remove();
  }
});
