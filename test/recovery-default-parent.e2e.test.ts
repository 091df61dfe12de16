/**
 * Recovery must know orgform's own objects in a provider's default parent. A projects project's
 * create records its parent as "" (no organization_id argument: the provider's organization),
 * while state and the API's list name that organization. A create answered 500 keeps its intent
 * in the journal until its window has passed; when the next run made the project, the run after
 * it found that very project, took it for a stranger's and said "another one … besides the one
 * state holds: delete it in the API" (seen in the fault test under load, which then counted
 * orgform's own project as a look-alike).
 */
import { projectsStackForFile } from "./support/projects-stack";

const file = projectsStackForFile("defaultparent", {
  uses: ["Project"],
  body: `new Project(stack, "web", { name: "Default Parent Web" });`,
  env: () => ({
    // The failed create's intent stays open for the whole test, as it does for a second after a
    // 500 (the allowed clock skew) in a fast pipeline: independent of how fast this machine is.
    ORGFORM_CLOCK_SKEW_MS: "600000",
  }),
});

it("never takes its own project, made after a create answered 500, for a stranger's look-alike", async () => {
  file.projects.failNext("POST", 500, "Internal server error");
  const failed = await file.run.orgform(["apply", "--auto-approve"]);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toContain("answered 500");

  const made = await file.run.orgform(["apply", "--auto-approve"]);
  expect(made.stderr).toBe("");
  expect(made.code).toBe(0);
  const id = String(file.run.state().get("projects_project.web")!.attributes.id);
  expect([...file.projects.projects.values()].filter((p) => p.name === "Default Parent Web").map((p) => p.id)).toEqual([id]);

  // The 500's intent is still open: the project state holds is where it would be, and is orgform's.
  const again = await file.run.orgform(["apply", "--auto-approve"]);
  expect(again.stderr).toBe("");
  expect(again.code).toBe(0);
  expect(again.stdout).not.toContain(id);
  expect(again.stdout).not.toMatch(/interrupted run|deletes none/);
  const plan = await file.run.orgform(["plan", "--detailed-exitcode"]);
  expect(plan.stdout).not.toMatch(/interrupted run|deletes none/);
  expect(plan.code).toBe(0);
});
