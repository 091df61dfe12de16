/**
 * A create that takes more than one call. A projects project is a POST, then a GET of
 * its key pair (secret=true). When the POST succeeded and only the GET after it is refused (a
 * 403 for a token that may not read keys, a 404 from a lagging replica, a 429 after retries),
 * apply records the create's outcome as "refused" ("the API made nothing") and retires the
 * intent, although the project exists: orgform's own project is forgotten, and every later
 * apply meets a 409 on its name.
 */
import { ProjectsEmulator, projectsEmulatorDefinition } from "../providers/projects/emulator";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

const projects = new ProjectsEmulator();
let run: StackRun;

beforeAll(async () => {
  await projects.start();
  run = new StackRun(
    "rvsecond",
    {
      ...projectsEmulatorDefinition.environment(projects, projects.url),
      ORGFORM_CLOCK_SKEW_MS: "600000",
    },
    "orgform-rvsecond-",
  );
  await run.synthOnce(`
import { App, TerraformStack } from "cdktf";
import { ProjectsProvider, Project } from "${PROVIDERS}/projects";
const app = new App();
const stack = new TerraformStack(app, "rvsecond");
new ProjectsProvider(stack, "projects");
new Project(stack, "web", { name: "Second Call" });
app.synth();
`);
});

afterAll(async () => {
  await projects.stop();
  run.remove();
});

it("never forgets a project whose POST succeeded when the key read after it is refused", async () => {
  const plan = await run.orgform(["plan", "-out=plan.bin"]);
  expect(plan.code).toBe(0);
  // The saved plan's apply reads nothing before the POST: the next GET is the key read after it.
  projects.failNext("GET", 403, "Forbidden");
  const failed = await run.orgform(["apply", "plan.bin"]);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/\(403\) on GET/);
  const made = [...projects.projects.values()].filter((p) => p.name === "Second Call");
  expect(made).toHaveLength(1);

  const next = await run.orgform(["apply", "--auto-approve"]);
  expect({ code: next.code, stderr: next.stderr }).toEqual({ code: 0, stderr: "" });
  expect(String(run.state().get("projects_project.web")?.attributes.id)).toBe(made[0]!.id);
  expect([...projects.projects.values()].filter((p) => p.name === "Second Call")).toHaveLength(1);
});
