/**
 * Issue 16, item 6: recovery identity is per parent. A projects-API member is (project, user):
 * when the same person is a managed member of one project, a member create in another project
 * whose answer was lost must still be recovered, not skipped as "known" (every later apply then
 * met a 409 forever).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { ProjectsEmulator } from "../providers/projects/emulator";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

const projects = new ProjectsEmulator();
let run: StackRun;

beforeAll(async () => {
  await projects.start();
  run = new StackRun("perparent", {
    ORGANIZATIONS_API_BASE_URL: projects.url,
    ORGANIZATIONS_API_KEY: projects.apiKey,
    ORGANIZATIONS_API_TOKEN: projects.token,
    ORGANIZATIONS_API_ORGANIZATION_ID: projects.organizationId,
    LANGFUSE_API_URL: projects.langfuseUrl,
  }, "orgform-perparent-");
  await run.synthOnce(`
import { App, TerraformStack } from "cdktf";
import { ProjectsProvider, Project, ProjectMember } from "${PROVIDERS}/projects";
const app = new App();
const stack = new TerraformStack(app, "perparent");
new ProjectsProvider(stack, "projects");
const web = new Project(stack, "web", { name: "Per Parent Web" });
const data = new Project(stack, "data", { name: "Per Parent Data" });
new ProjectMember(stack, "ada_web", { projectId: web.id, email: "ada@example.com", role: "MEMBER", organizationRole: "MEMBER" });
new ProjectMember(stack, "ada_data", { projectId: data.id, email: "ada@example.com", role: "VIEWER", organizationRole: "MEMBER" });
app.synth();
`);
});

afterAll(async () => {
  await projects.stop();
  run.remove();
});

it("recovers a member whose create answer was lost although the same person is managed in another project", async () => {
  const first = await run.orgform(["apply", "--auto-approve", "--target", "projects_member.ada_web", "--target", "projects_project.data"]);
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);

  projects.server.setFaults({ resetAfterCommitRate: 1, methods: ["POST"] });
  const lost = await run.orgform(["apply", "--auto-approve"]);
  projects.server.setFaults({});
  expect(lost.code).toBe(1);

  const recovered = await run.orgform(["apply", "--auto-approve"]);
  expect(recovered.stderr).toBe("");
  expect(recovered.code).toBe(0);
  expect(recovered.stdout).toMatch(/projects_member\.ada_data: created by an interrupted run .*adopted, not created again/);
  expect(run.state().get("projects_member.ada_data")!.attributes.role).toBe("VIEWER");
  expect((await run.orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
});

it("adopts a member the journal records as made although the same person is managed in another project", async () => {
  // The state as it was, then the member forgotten as a run killed before its state write leaves
  // it: the create is only in the journal's completion record.
  expect((await run.orgform(["apply", "--auto-approve"])).code).toBe(0);
  const document = JSON.parse(readFileSync(run.statePath, "utf8")) as { lineage: string; resources: Array<{ type: string; name: string; instances: Array<{ attributes: Record<string, unknown> }> }> };
  const member = document.resources.find((resource) => resource.name === "ada_data")!;
  const attributes = member.instances[0]!.attributes;
  expect((await run.orgform(["state", "rm", "projects_member.ada_data"])).code).toBe(0);
  const at = new Date().toISOString();
  const made = { ...document, resources: [member] };
  const journal = [
    { kind: "create-intent", intent: "m-1", lineage: document.lineage, address: "projects_member.ada_data", type: "projects_member", provider: "projects", scope: attributes.project_id, match: { project_id: attributes.project_id, email: "ada@example.com" }, at, deadline: at },
    { kind: "create-outcome", intent: "m-1", result: "made", at, id: attributes.id, state: JSON.stringify(made) },
  ];
  writeFileSync(`${run.statePath}.journal`, journal.map((entry) => `${JSON.stringify(entry)}\n`).join(""));

  const recovered = await run.orgform(["apply", "--auto-approve"]);
  expect(recovered.stderr).toBe("");
  expect(recovered.code).toBe(0);
  expect(recovered.stdout).toContain("projects_member.ada_data: created by an interrupted run");
  expect(run.state().get("projects_member.ada_data")!.attributes.id).toBe(attributes.id);
  expect((await run.orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
});

it("never deposes (and so deletes) the object state holds when the journal records that same object as made", async () => {
  expect((await run.orgform(["apply", "--auto-approve"])).code).toBe(0);
  const document = JSON.parse(readFileSync(run.statePath, "utf8")) as { lineage: string; resources: Array<{ type: string; name: string; instances: Array<{ attributes: Record<string, unknown> }> }> };
  const project = document.resources.find((resource) => resource.name === "web")!;
  const id = project.instances[0]!.attributes.id as string;
  // The completion record a killed run left for the project, as its create answered it (the
  // intent's parent scope, "" for the session's organization, is not how refresh records it).
  const at = new Date().toISOString();
  const made = { ...document, resources: [{ ...project, instances: [{ ...project.instances[0]!, attributes: { ...project.instances[0]!.attributes, organization_id: undefined } }] }] };
  const journal = [
    { kind: "create-intent", intent: "p-1", lineage: document.lineage, address: "projects_project.web", type: "projects_project", provider: "projects", scope: "", match: { name: "Per Parent Web" }, at, deadline: at },
    { kind: "create-outcome", intent: "p-1", result: "made", at, id, state: JSON.stringify(made) },
  ];
  writeFileSync(`${run.statePath}.journal`, journal.map((entry) => `${JSON.stringify(entry)}\n`).join(""));

  const again = await run.orgform(["apply", "--auto-approve"]);
  expect(again.stderr).toBe("");
  expect(again.code).toBe(0);
  expect(again.stdout).not.toContain("deposed");
  expect(projects.projects.has(id)).toBe(true);
  expect(run.state().get("projects_project.web")!.attributes.id).toBe(id);
});
