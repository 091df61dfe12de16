/**
 * A create-before-destroy replacement that moves a projects member to another project.
 * A projects member's id is the person's (the same in every project), so "the object state holds
 * at this address" and "the object the replacement made" have the same id but different parents.
 *
 * 1. The journal proves the replacement was made (a completion record; the run died before its
 *    state write): recovery must adopt it (and depose the old one), not take it for the object
 *    state already holds and create it again (409 on every later apply).
 * 2. The replacement's answer was lost (reset after commit): the run after should not meet a 409
 *    on every apply because orgform's own member is left unadopted.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { ProjectsEmulator, projectsEmulatorDefinition } from "../providers/projects/emulator";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

const source = (stack: string) => `
import { App, TerraformStack } from "cdktf";
import { ProjectsProvider, Project, ProjectMember } from "${PROVIDERS}/projects";
const app = new App();
const stack = new TerraformStack(app, "${stack}");
new ProjectsProvider(stack, "projects");
const web = new Project(stack, "web", { name: "${stack} Web" });
const data = new Project(stack, "data", { name: "${stack} Data" });
new ProjectMember(stack, "ada", { projectId: web.id, email: "ada@example.com", role: "MEMBER", organizationRole: "MEMBER", lifecycle: { createBeforeDestroy: true } });
void data;
app.synth();
`;

const projects = new ProjectsEmulator();
beforeAll(async () => {
  await projects.start();
});
afterAll(async () => {
  await projects.stop();
});

function env(): NodeJS.ProcessEnv {
  return {
    ...projectsEmulatorDefinition.environment(projects, projects.url),
    ORGFORM_CLOCK_SKEW_MS: "600000",
  };
}

/** Applies the stack (ada a member of web), then moves ada to data: the two projects' ids. */
async function appliedThenMovedToData(run: StackRun): Promise<{ web: string; data: string }> {
  await run.synthOnce(source(run.stack));
  const first = await run.orgform(["apply", "--auto-approve"]);
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  const [web, data] = ["web", "data"].map((name) => String(run.state().get(`projects_project.${name}`)!.attributes.id));
  moveToData(run);
  return { web: web!, data: data! };
}

/** The member now belongs in the data project: its project_id (force-new) changes. */
function moveToData(run: StackRun): void {
  const file = run.work.path(`cdktf.out/stacks/${run.stack}/cdk.tf.json`);
  const text = readFileSync(file, "utf8");
  expect(text).toContain("${projects_project.web.id}");
  writeFileSync(file, text.split("${projects_project.web.id}").join("${projects_project.data.id}"));
}

const membersOf = (projectId: string) => projects.projects.get(projectId)!.members.list().map((m) => m.email);

it("adopts a replacement member the journal proves made, although the member it replaces has the same id in another project", async () => {
  const run = new StackRun("rvmade", env(), "orgform-rvmade-");
  try {
    const { web, data } = await appliedThenMovedToData(run);

    // What a create-first replacement leaves when killed after its journal completion record and
    // before its state write: ada is a member of data (made by orgform), state still says web.
    const document = JSON.parse(readFileSync(run.statePath, "utf8")) as { lineage: string; resources: Array<{ type: string; name: string; instances: Array<{ attributes: Record<string, unknown> }> }> };
    const member = document.resources.find((resource) => resource.name === "ada")!;
    const response = await fetch(`${projects.url}/organizations/${projects.organizationId}/projects/${data}/users`, {
      method: "POST",
      headers: { "Api-Key": projects.apiKey, Authorization: `Bearer ${projects.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ data: { type: "users", attributes: { email: "ada@example.com", role: "MEMBER", orgRole: "MEMBER", projectOnly: false } } }),
    });
    expect(response.status).toBeLessThan(300);
    const made = await response.json() as { data: { id: string } };
    expect(made.data.id).toBe(member.instances[0]!.attributes.id);
    const at = new Date().toISOString();
    const record = { ...document, resources: [{ ...member, instances: [{ ...member.instances[0]!, attributes: { ...member.instances[0]!.attributes, project_id: data } }] }] };
    const journal = [
      { kind: "create-intent", intent: "r-1", lineage: document.lineage, address: "projects_member.ada", type: "projects_member", provider: "projects", scope: data, match: { project_id: data, email: "ada@example.com", role: "MEMBER", organization_role: "MEMBER", project_only: false, access: "active" }, at, deadline: at },
      { kind: "create-outcome", intent: "r-1", result: "made", at, id: made.data.id, state: JSON.stringify(record) },
    ];
    writeFileSync(`${run.statePath}.journal`, journal.map((entry) => `${JSON.stringify(entry)}\n`).join(""));

    const recovered = await run.orgform(["apply", "--auto-approve"]);
    expect(recovered.stderr).toBe("");
    expect(recovered.code).toBe(0);
    expect(run.state().get("projects_member.ada")!.attributes.project_id).toBe(data);
    expect(membersOf(data)).toContain("ada@example.com");
    expect(membersOf(web)).not.toContain("ada@example.com");
    expect((await run.orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
  } finally {
    run.remove();
  }
});

it("does not meet a 409 on every apply after a create-first replacement's answer was lost", async () => {
  const run = new StackRun("rvlost", env(), "orgform-rvlost-");
  try {
    const { data } = await appliedThenMovedToData(run);

    projects.server.setFaults({ resetAfterCommitRate: 1, methods: ["POST"] });
    const lost = await run.orgform(["apply", "--auto-approve"]);
    projects.server.setFaults({});
    expect(lost.code).toBe(1);
    expect(membersOf(data)).toContain("ada@example.com");

    const next = await run.orgform(["apply", "--auto-approve"]);
    const after = await run.orgform(["apply", "--auto-approve"]);
    // orgform's own member must not be named as one to delete, nor block every later apply.
    expect({ code: next.code, stderr: next.stderr }).toEqual({ code: 0, stderr: "" });
    expect({ code: after.code, stderr: after.stderr }).toEqual({ code: 0, stderr: "" });
    expect(run.state().get("projects_member.ada")!.attributes.project_id).toBe(data);
  } finally {
    run.remove();
  }
});

it("keeps the new member in state after a create-first replacement moves it to another project", async () => {
  const run = new StackRun("rvmove", env(), "orgform-rvmove-");
  try {
    const { web, data } = await appliedThenMovedToData(run);

    const moved = await run.orgform(["apply", "--auto-approve"]);
    expect(moved.stderr).toBe("");
    expect(moved.code).toBe(0);
    expect(membersOf(data)).toContain("ada@example.com");
    expect(membersOf(web)).not.toContain("ada@example.com");
    // The member the replacement made is orgform's and in the stack: state must hold it.
    expect(run.state().get("projects_member.ada")?.attributes.project_id).toBe(data);
    const plan = await run.orgform(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(0);
    const again = await run.orgform(["apply", "--auto-approve"]);
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: "" });
  } finally {
    run.remove();
  }
});
