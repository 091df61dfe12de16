/**
 * Drift's unmanaged objects are de-duplicated by type and id alone, but a projects
 * member's id is the person's, the same in every project. A person added by hand to two managed
 * projects is two memberships made by hand; the report must name both.
 */
import { ProjectsEmulator, projectsEmulatorDefinition } from "../providers/projects/emulator";
import { callAdminApi } from "../providers/examples";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

const projects = new ProjectsEmulator();
let run: StackRun;

beforeAll(async () => {
  await projects.start();
  run = new StackRun(
    "rvdrift",
    {
      ...projectsEmulatorDefinition.environment(projects, projects.url),
    },
    "orgform-rvdrift-",
  );
  await run.synthOnce(`
import { App, TerraformStack } from "cdktf";
import { ProjectsProvider, Project } from "${PROVIDERS}/projects";
const app = new App();
const stack = new TerraformStack(app, "rvdrift");
new ProjectsProvider(stack, "projects");
new Project(stack, "web", { name: "Drift Web" });
new Project(stack, "data", { name: "Drift Data" });
app.synth();
`);
});

afterAll(async () => {
  await projects.stop();
  run.remove();
});

it("reports a person added by hand to two managed projects in both", async () => {
  const apply = await run.orgform(["apply", "--auto-approve"]);
  expect(apply.stderr).toBe("");
  expect(apply.code).toBe(0);
  const p = { "api-key": projects.apiKey, authorization: `Bearer ${projects.token}` };
  const scopes: string[] = [];
  for (const address of ["projects_project.web", "projects_project.data"]) {
    const id = String(run.state().get(address)!.attributes.id);
    scopes.push(id);
    await callAdminApi(`${projects.url}/organizations/${projects.organizationId}/projects/${id}/users`, "POST", p, {
      data: { type: "users", attributes: { email: "bob@example.com", role: "MEMBER", orgRole: "MEMBER", projectOnly: false } },
    });
  }
  const drift = await run.orgform(["drift", "--json"]);
  const unmanaged = (JSON.parse(drift.stdout) as { stacks: Array<{ unmanaged: Array<{ type: string; scope: string; label: string }> }> }).stacks[0]!.unmanaged;
  const bob = unmanaged.filter((object) => object.type === "projects_member" && object.label === "bob@example.com");
  expect(bob.map((object) => object.scope).sort()).toEqual([...scopes].sort());
});
