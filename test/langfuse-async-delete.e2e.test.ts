/**
 * Issue 19, item 8: Langfuse deletes projects in a background job. DELETE /api/public/projects/{id}
 * answers 202, and until the job is done the organization cannot be deleted (400, "Deletion of
 * your projects is still being processed…"). destroy used to delete the organization right after
 * its projects and fail; now it waits, with a progress line, and succeeds. The emulator's job
 * finishes only when this test says so: after it has refused the organization's deletion once.
 */
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { runOrgform } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const SOURCE = `
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey, LangfuseProject } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "async");
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: "Async Deletes" });
const orgKey = new LangfuseOrganizationApiKey(stack, "org_key", { organizationId: org.id, note: "orgform" });
new LangfuseProject(stack, "web", { orgApiKey: orgKey, name: "web" });
new LangfuseProject(stack, "api", { orgApiKey: orgKey, name: "api" });
app.synth();
`;

const emulator = new LangfuseEmulator({ adminApiKey: "async-delete-admin-key-0123" });
const work = new Workdir("orgform-langfuse-async-");
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  env = { LANGFUSE_BASE_URL: await emulator.start(), LANGFUSE_ADMIN_API_KEY: emulator.adminApiKey };
  work.writeStack(SOURCE);
});

afterAll(async () => {
  await emulator.stop();
  work.remove();
});

it("destroy waits for Langfuse to finish deleting the projects, then deletes the organization", async () => {
  const apply = await runOrgform(["apply", "--auto-approve"], { cwd: work.dir, env });
  expect(apply.code).toBe(0);
  const orgId = [...emulator.store.organizations.keys()][0]!;

  // The background job never finishes by itself; the first refused organization DELETE finishes it.
  emulator.store.projectDeletionDelay = Number.MAX_SAFE_INTEGER;
  const refusals: number[] = [];
  const off = emulator.server.observe((event) => {
    if (event.phase !== "answered" || event.route !== "DELETE /api/admin/organizations/:orgId") return;
    refusals.push(emulator.store.pendingProjectDeletions(orgId));
    emulator.store.finishProjectDeletions();
  });
  try {
    const destroy = await runOrgform(["destroy", "--auto-approve"], { cwd: work.dir, env });
    expect(destroy.stderr).toBe("");
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toMatch(/langfuse_organization\.org: Still destroying\.\.\. \[\d+s elapsed\] \(waiting for Langfuse to finish deleting the organization's projects\)/);
    expect(destroy.stdout).toContain("Destroy complete! Resources: 4 destroyed.");
    // Refused once while two project deletions were pending, then accepted.
    expect(refusals).toEqual([2, 0]);
    expect(emulator.store.organizations.size).toBe(0);
  } finally {
    off();
  }
}, 60_000);

it("the emulator answers a project DELETE with 202 and refuses the organization meanwhile, with both error and message", async () => {
  emulator.store.projectDeletionDelay = Number.MAX_SAFE_INTEGER;
  const admin = { "content-type": "application/json", authorization: `Bearer ${emulator.adminApiKey}` };
  const org = (await (await fetch(`${env.LANGFUSE_BASE_URL}/api/admin/organizations`, { method: "POST", headers: admin, body: JSON.stringify({ name: "Pending" }) })).json()) as { id: string };
  const projectId = emulator.seedProject(org.id, "doomed");
  const { publicKey, secretKey } = emulator.organizationKeyPair(org.id);
  const basic = `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString("base64")}`;
  const deleted = await fetch(`${env.LANGFUSE_BASE_URL}/api/public/projects/${projectId}`, { method: "DELETE", headers: { authorization: basic } });
  expect(deleted.status).toBe(202);
  const refused = await fetch(`${env.LANGFUSE_BASE_URL}/api/admin/organizations/${org.id}`, { method: "DELETE", headers: admin });
  expect(refused.status).toBe(400);
  expect(await refused.json()).toEqual({ error: "Bad Request", message: "Deletion of your projects is still being processed. Please try again later." });
  emulator.store.finishProjectDeletions();
  expect((await fetch(`${env.LANGFUSE_BASE_URL}/api/admin/organizations/${org.id}`, { method: "DELETE", headers: admin })).status).toBe(200);
});
