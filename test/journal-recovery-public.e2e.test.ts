/**
 * Create reconciliation for the Langfuse public API, whose types have no list (each read needs
 * the organization key the resource names): a project and a project key whose create answers
 * were lost after Langfuse committed them. The next apply must adopt the project (not meet a 409
 * on its name) and replace the key (its secret was never seen, so no key may stay alive that
 * nobody holds), leaving exactly one of each, with the key's secret in state, and never taking
 * an older key with the same note for its own.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

const SOURCE = `
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey, LangfuseProject, LangfuseProjectApiKey } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "recover_public");
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: "Recover Public Org" });
const orgKey = new LangfuseOrganizationApiKey(stack, "org_key", { organizationId: org.id, note: "orgform" });
const web = new LangfuseProject(stack, "web", { orgApiKey: orgKey, name: "web" });
new LangfuseProjectApiKey(stack, "web_key", { project: web, note: "web ingest" });
app.synth();
`;

const langfuse = new LangfuseEmulator({ adminApiKey: "recover-public-admin-key-0123456789" });
let run: StackRun;
let baseUrl: string;

beforeAll(async () => {
  const url = await langfuse.start();
  baseUrl = url;
  run = new StackRun("recover_public", { LANGFUSE_BASE_URL: url, LANGFUSE_ADMIN_API_KEY: langfuse.adminApiKey }, "orgform-recover-public-");
  await run.synthOnce(SOURCE);
});

afterAll(async () => {
  await langfuse.stop();
  run.remove();
});

const webProjects = () => [...langfuse.store.organizations.values()].flatMap((org) => org.projects.filter((project) => project.name === "web"));

it("adopts a project whose create answer was lost, and reports (never deletes) a key whose secret was lost with its answer", async () => {
  expect((await run.orgform(["apply", "--auto-approve", "--target", "langfuse_organization_api_key.org_key"])).code).toBe(0);

  // The project's POST commits, its answer is lost: apply fails, the key is never tried.
  langfuse.server.setFaults({ resetAfterCommitRate: 1, methods: ["POST"] });
  expect((await run.orgform(["apply", "--auto-approve"])).code).toBe(1);
  expect(webProjects()).toHaveLength(1);

  // The next apply adopts the project instead of meeting a 409 on its name; the key's POST is lost too.
  const adopting = await run.orgform(["apply", "--auto-approve"]);
  expect(adopting.stdout).toMatch(/langfuse_project\.web: created by an interrupted run \(id [^)]+\): adopted, not created again/);
  expect(adopting.code).toBe(1);
  expect(webProjects()).toHaveLength(1);
  const orphan = [...langfuse.store.projectKeys.values()];
  expect(orphan).toHaveLength(1);
  // Someone made a key with the same note an hour ago: it must never be taken for ours.
  const theirs = { ...orphan[0]!, id: "their-key", publicKey: "pk-lf-theirs", secretKey: "sk-lf-theirs", createdAt: new Date(Date.now() - 3_600_000).toISOString() };
  langfuse.store.projectKeys.set(theirs.id, theirs);

  langfuse.server.setFaults({});
  const recovered = await run.orgform(["apply", "--auto-approve"]);
  expect(recovered.stderr).toBe("");
  expect(recovered.code).toBe(0);
  // The key whose answer was lost is reported, never deleted (it could be someone else's); theirs
  // is untouched; ours is a new key whose secret state holds.
  expect(recovered.stdout).toContain(`langfuse_project_api_key.web_key: an interrupted run may have created it (id ${orphan[0]!.id}), but its secret was never recorded`);
  expect(langfuse.store.projectKeys.has(orphan[0]!.id)).toBe(true);
  expect(langfuse.store.projectKeys.get(theirs.id)).toEqual(theirs);
  const keys = [...langfuse.store.projectKeys.values()].filter((key) => key.id !== theirs.id && key.id !== orphan[0]!.id);
  expect(keys).toHaveLength(1);
  const keyState = run.state().get("langfuse_project_api_key.web_key")!.attributes;
  expect(keyState.id).toBe(keys[0]!.id);
  expect(keyState.secret_key).toBe(keys[0]!.secretKey);
  expect(webProjects()).toHaveLength(1);

  const plan = await run.orgform(["plan", "--detailed-exitcode"]);
  expect(plan.code).toBe(0);
});

it("adopts the right person after a membership's answer was lost, never a colleague with the same role", async () => {
  const members = new StackRun("recover_members", { LANGFUSE_BASE_URL: baseUrl, LANGFUSE_ADMIN_API_KEY: langfuse.adminApiKey }, "orgform-recover-members-");
  try {
    await members.synthOnce(`
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey, LangfuseOrganizationMembership } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "recover_members");
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: "Recover Members Org" });
const orgKey = new LangfuseOrganizationApiKey(stack, "org_key", { organizationId: org.id });
new LangfuseOrganizationMembership(stack, "jane", { orgApiKey: orgKey, email: "jane@example.com", role: "MEMBER" });
app.synth();
`);
    expect((await members.orgform(["apply", "--auto-approve", "--target", "langfuse_organization_api_key.org_key"])).code).toBe(0);
    // A colleague is already a member with the role Jane is to get.
    const orgId = String(members.state().get("langfuse_organization.org")!.attributes.id);
    const colleague = langfuse.seedUser("colleague@example.com", "Colleague", { organizationId: orgId, role: "MEMBER" });

    // Jane's SCIM POST is dropped before Langfuse commits it: the outcome is unknown to orgform.
    langfuse.server.setFaults({ resetBeforeCommitRate: 1, methods: ["POST"] });
    expect((await members.orgform(["apply", "--auto-approve"])).code).toBe(1);
    langfuse.server.setFaults({});

    const recovered = await members.orgform(["apply", "--auto-approve"]);
    expect(recovered.stderr).toBe("");
    expect(recovered.code).toBe(0);
    const jane = members.state().get("langfuse_organization_membership.jane")!.attributes;
    expect(jane.user_email).toBe("jane@example.com");
    expect(langfuse.store.membersOf(orgId).get(colleague)).toBe("MEMBER");
    expect((await members.orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
  } finally {
    members.remove();
  }
});

it("settles, with a note, a lost project create in an organization the stack's key no longer names (nobody can look there any more)", async () => {
  expect((await run.orgform(["apply", "--auto-approve"])).code).toBe(0);
  const { lineage } = JSON.parse(readFileSync(run.statePath, "utf8")) as { lineage: string };
  const at = new Date().toISOString();
  // Its window still open for an hour: only the moved parent can settle it.
  const deadline = new Date(Date.now() + 3_600_000).toISOString();
  const intent = { kind: "create-intent", intent: "moved-1", lineage, address: "langfuse_project.web", type: "langfuse_project", provider: "langfuse", scope: "pk-lf-no-longer-used", match: { name: "web" }, at, deadline };
  writeFileSync(`${run.statePath}.journal`, `${JSON.stringify(intent)}\n`);

  const next = await run.orgform(["apply", "--auto-approve"]);
  expect(next.stderr).toBe("");
  expect(next.code).toBe(0);
  expect(next.stdout).toContain("langfuse_project.web: an interrupted run may have created a langfuse_project in pk-lf-no-longer-used, and orgform cannot look there any more; check for it by hand.");
  expect(existsSync(`${run.statePath}.journal`)).toBe(false);
  expect(webProjects()).toHaveLength(1);
});
