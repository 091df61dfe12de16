/**
 * A create that takes more than one call. A projects project is a POST, then a GET of
 * its key pair (secret=true). When the POST succeeded and only the GET after it is refused (a
 * 403 for a token that may not read keys, a 404 from a lagging replica, a 429 after retries),
 * apply records the create's outcome as "refused" ("the API made nothing") and retires the
 * intent, although the project exists: orgform's own project is forgotten, and every later
 * apply meets a 409 on its name.
 */
import { projectsStackForFile } from "./support/projects-stack";

const file = projectsStackForFile("severalcalls", {
  uses: ["Project"],
  body: `new Project(stack, "web", { name: "Second Call" });`,
  env: () => ({ ORGFORM_CLOCK_SKEW_MS: "600000" }),
});

it("never forgets a project whose POST succeeded when the key read after it is refused", async () => {
  const plan = await file.run.orgform(["plan", "-out=plan.bin"]);
  expect(plan.code).toBe(0);
  // The saved plan's apply reads nothing before the POST: the next GET is the key read after it.
  file.projects.failNext("GET", 403, "Forbidden");
  const failed = await file.run.orgform(["apply", "plan.bin"]);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/\(403\) on GET/);
  const made = [...file.projects.projects.values()].filter((p) => p.name === "Second Call");
  expect(made).toHaveLength(1);

  const next = await file.run.orgform(["apply", "--auto-approve"]);
  expect({ code: next.code, stderr: next.stderr }).toEqual({ code: 0, stderr: "" });
  expect(String(file.run.state().get("projects_project.web")?.attributes.id)).toBe(made[0]!.id);
  expect([...file.projects.projects.values()].filter((p) => p.name === "Second Call")).toHaveLength(1);
});
