/**
 * Issue 16, the recovery rules, one regression test per failure the adversarial run found. Each
 * runs the real CLI against the Langfuse emulator (organization keys: the secret is shown only
 * on create) and judges from the emulator's own store what a user would notice: a key deleted
 * that orgform did not make, a key in state without its secret, a journal replayed later.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { FAULT_EXEMPT_HEADER } from "../src/emulator/server";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

const langfuse = new LangfuseEmulator({ adminApiKey: "recovery-rules-admin-key-0123456789" });
const runs: StackRun[] = [];

beforeAll(async () => {
  await langfuse.start();
});

afterAll(async () => {
  await langfuse.stop();
  runs.forEach((run) => run.remove());
});

afterEach(() => langfuse.server.setFaults({}));

/** A stack of one organization and the given keys (by note), synthesized once. */
async function stack(org: string, notes: readonly string[]): Promise<StackRun> {
  const run = new StackRun("rules", { LANGFUSE_BASE_URL: langfuse.url, LANGFUSE_ADMIN_API_KEY: langfuse.adminApiKey }, "orgform-rules-");
  runs.push(run);
  await run.synthOnce(`
import { App, TerraformStack, TerraformOutput } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "rules");
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: ${JSON.stringify(org)} });
for (const note of ${JSON.stringify(notes)}) {
  const key = new LangfuseOrganizationApiKey(stack, note, { organizationId: org.id, note });
  new TerraformOutput(stack, note + "_secret", { value: key.secretKey, sensitive: true });
}
app.synth();
`);
  const created = await run.orgform(["apply", "--auto-approve", "--target", "langfuse_organization.org"]);
  expect(created.stderr).toBe("");
  expect(created.code).toBe(0);
  return run;
}

function orgId(name: string): string {
  return [...langfuse.store.organizations.values()].find((org) => org.name === name)!.id;
}

function keysOf(org: string, note: string) {
  return [...langfuse.store.keys.values()].filter((key) => key.organizationId === orgId(org) && key.note === note);
}

/** A colleague makes a key through the API, `laterMs` after now on the API's clock. */
async function colleagueKey(org: string, note: string, laterMs: number): Promise<string> {
  langfuse.server.clock.advance(laterMs);
  try {
    const response = await fetch(`${langfuse.url}/api/admin/organizations/${orgId(org)}/apiKeys`, {
      method: "POST",
      headers: { authorization: `Bearer ${langfuse.adminApiKey}`, "content-type": "application/json", [FAULT_EXEMPT_HEADER]: "1" },
      body: JSON.stringify({ note }),
    });
    expect(response.status).toBeLessThan(300);
    return ((await response.json()) as { id: string }).id;
  } finally {
    langfuse.server.clock.advance(-laterMs);
  }
}

/** Every key of the stack in state holds the secret the API issued for it. */
function expectSecretsHeld(run: StackRun, org: string, notes: readonly string[]): void {
  for (const note of notes) {
    const inState = run.state().get(`langfuse_organization_api_key.${note}`)!.attributes;
    const live = keysOf(org, note).find((key) => key.id === inState.id);
    expect(live).toBeDefined();
    expect(inState.secret_key).toBe(live!.secretKey);
  }
}

it("item 1: a journal left behind is retired by a no-op apply, and never replayed against later state", async () => {
  const org = "Rules Leftover";
  const run = await stack(org, ["ci"]);
  expect((await run.orgform(["apply", "--auto-approve"])).code).toBe(0);
  const key = run.state().get("langfuse_organization_api_key.ci")!.attributes;
  const document = JSON.parse(readFileSync(run.statePath, "utf8")) as { lineage: string; resources: Array<{ type: string }> };
  const made = { ...document, resources: document.resources.filter((resource) => resource.type === "langfuse_organization_api_key") };
  const createdAt = Date.parse(String(key.created_at));
  // What a run killed after its last state write, before it removed the journal, leaves.
  const journal = `${run.statePath}.journal`;
  const leftover = [
    { kind: "create-intent", intent: "i-1", lineage: document.lineage, address: "langfuse_organization_api_key.ci", type: "langfuse_organization_api_key", provider: "langfuse", scope: orgId(org), match: { organization_id: orgId(org), note: "ci" }, at: new Date(createdAt - 50).toISOString(), deadline: new Date(createdAt + 150_000).toISOString() },
    { kind: "create-outcome", intent: "i-1", result: "made", at: new Date(createdAt + 20).toISOString(), id: key.id, state: JSON.stringify(made) },
  ];
  writeFileSync(journal, leftover.map((entry) => `${JSON.stringify(entry)}\n`).join(""));

  const noop = await run.orgform(["apply", "--auto-approve"]);
  expect(noop.code).toBe(0);
  expect(noop.stdout).toContain("No changes");
  expect(existsSync(journal)).toBe(false);

  // `state rm` forgets the key and deletes nothing; no later apply may delete it either.
  writeFileSync(journal, leftover.map((entry) => `${JSON.stringify(entry)}\n`).join(""));
  expect((await run.orgform(["state", "rm", "langfuse_organization_api_key.ci"])).code).toBe(0);
  const again = await run.orgform(["apply", "--auto-approve"]);
  expect(again.code).toBe(0);
  expect(again.stdout).not.toContain("created by an interrupted run");
  expect(langfuse.store.keys.has(String(key.id))).toBe(true);
  expect(run.state().get("langfuse_organization_api_key.ci")!.attributes.id).not.toBe(key.id);
  expect(existsSync(journal)).toBe(false);
});

it("item 2: a key POST dropped before it reached the API never makes a colleague's later look-alike ours", async () => {
  const org = "Rules Lookalike";
  const run = await stack(org, ["ci"]);
  langfuse.server.setFaults({ resetBeforeCommitRate: 1, methods: ["POST"] });
  expect((await run.orgform(["apply", "--auto-approve"])).code).toBe(1);
  langfuse.server.setFaults({});
  expect(keysOf(org, "ci")).toHaveLength(0);
  const theirs = await colleagueKey(org, "ci", 60_000);

  const next = await run.orgform(["apply", "--auto-approve"]);
  expect(next.code).toBe(0);
  expect(next.stdout).not.toContain("created by an interrupted run");
  expect(langfuse.store.keys.has(theirs)).toBe(true);
  expect(run.state().get("langfuse_organization_api_key.ci")!.attributes.id).not.toBe(theirs);
  expectSecretsHeld(run, org, ["ci"]);
});

it("item 2: a look-alike inside the window of a request whose outcome is unknown is reported, never deleted", async () => {
  const org = "Rules Ambiguous";
  const run = await stack(org, ["ci"]);
  langfuse.server.setFaults({ resetAfterCommitRate: 1, methods: ["POST"] });
  expect((await run.orgform(["apply", "--auto-approve"])).code).toBe(1);
  langfuse.server.setFaults({});
  const [ours] = keysOf(org, "ci");
  // A colleague's key made in the same moment (on the API's clock, however long this machine took
  // since): nothing can tell the two apart.
  const theirs = await colleagueKey(org, "ci", Date.parse(ours!.createdAt) - langfuse.server.clock.now());

  const next = await run.orgform(["apply", "--auto-approve"]);
  expect(next.code).toBe(0);
  expect(next.stdout).toContain(`adopts none and deletes none`);
  expect(next.stdout).toContain(`orgform import langfuse_organization_api_key.ci <id>`);
  expect(langfuse.store.keys.has(theirs)).toBe(true);
  expect(langfuse.store.keys.has(ours!.id)).toBe(true);
  expectSecretsHeld(run, org, ["ci"]);
});

it("item 3: a key whose create answer was lost never sits in state without its secret, and nothing is deleted for it", async () => {
  const org = "Rules Secretless";
  const run = await stack(org, ["ci", "ops"]);
  langfuse.server.setFaults({ resetAfterCommitRate: 1, methods: ["POST"] });
  expect((await run.orgform(["apply", "--auto-approve"])).code).toBe(1);
  const lost = [...keysOf(org, "ci"), ...keysOf(org, "ops")].map((key) => key.id);
  expect(lost).toHaveLength(2);
  const deletes = () => langfuse.server.requestCount("DELETE", "/api/admin/organizations/:orgId/apiKeys/:keyId");
  const deletesBefore = deletes();

  // Deletes would fail now, but the recovery run must not need any: it reports the keys whose
  // secrets nobody holds (they may be a colleague's) and makes keys whose secrets state holds.
  langfuse.server.setFaults({ rate500: 1, methods: ["DELETE"] });
  const recovered = await run.orgform(["apply", "--auto-approve"]);
  expect(recovered.stderr).toBe("");
  expect(recovered.code).toBe(0);
  expect(deletes()).toBe(deletesBefore);
  for (const id of lost) {
    expect(recovered.stdout).toContain(`(id ${id}), but its secret was never recorded`);
    expect(langfuse.store.keys.has(id)).toBe(true);
  }
  expectSecretsHeld(run, org, ["ci", "ops"]);
  const outputs = await run.orgform(["output", "--json"]);
  expect(outputs.code).toBe(0);
  const plan = await run.orgform(["plan", "--detailed-exitcode"]);
  expect(plan.code).toBe(0);
});

it("item 4: a kill mid-apply keeps every create that completed, with its secret: nothing is deleted and made again", async () => {
  const org = "Rules Durable";
  const notes = ["k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8"];
  const run = await stack(org, notes);
  // One create at a time: when the 6th key POST arrives, the 5 before it have been answered.
  const { child, done } = run.start(["apply", "--auto-approve", "--parallelism", "1"]);
  let posts = 0;
  const off = langfuse.server.observe((event) => {
    if (event.phase === "arrived" && event.route === "POST /api/admin/organizations/:orgId/apiKeys" && ++posts === 6) child.kill("SIGKILL");
  });
  const killed = await done;
  off();
  expect(killed.signal).toBe("SIGKILL");
  const before = new Map(notes.map((note) => [note, keysOf(org, note).map((key) => key.id)]));
  const deletesBefore = langfuse.server.requestCount("DELETE", "/api/admin/organizations/:orgId/apiKeys/:keyId");

  const rerun = await run.orgform(["apply", "--auto-approve"]);
  expect(rerun.code).toBe(0);
  // Nothing is deleted, the 5 answered keys stay as they were (adopted with their secrets from
  // the journal), and the key whose POST was in flight, if the API made it, is reported by id.
  expect(langfuse.server.requestCount("DELETE", "/api/admin/organizations/:orgId/apiKeys/:keyId")).toBe(deletesBefore);
  for (const note of notes.slice(0, 5)) expect(keysOf(org, note).map((key) => key.id)).toEqual(before.get(note));
  for (const id of before.get("k6")!) expect(rerun.stdout).toContain(`(id ${id}), but its secret was never recorded`);
  for (const note of notes.slice(6)) expect(keysOf(org, note)).toHaveLength(1);
  expectSecretsHeld(run, org, notes);
  expect((await run.orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
});

it("item 18: a corrupt journal is set aside with a warning and never acted on", async () => {
  const org = "Rules Corrupt";
  const run = await stack(org, ["ci"]);
  expect((await run.orgform(["apply", "--auto-approve"])).code).toBe(0);
  const journal = `${run.statePath}.journal`;
  writeFileSync(journal, `${Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x0a, 0x7b]).toString("latin1")}\n{"kind":"create-intent","address":"x"}\n`);
  const key = run.state().get("langfuse_organization_api_key.ci")!.attributes.id;

  const plan = await run.orgform(["plan", "--detailed-exitcode"]);
  expect(plan.code).toBe(0);
  expect(plan.stderr).toMatch(/Warning: the create journal .* is damaged \(line 1, 2, 3 cannot be read\); orgform set it aside as .*\.corrupt-/);
  expect(existsSync(journal)).toBe(false);
  expect(readdirSync(run.work.dir).filter((name) => name.includes(".journal.corrupt-"))).toHaveLength(1);
  expect(langfuse.store.keys.has(String(key))).toBe(true);
});

it("a first apply killed before it wrote any state: the next run continues its lineage and adopts what it made", async () => {
  const run = new StackRun("rules", { LANGFUSE_BASE_URL: langfuse.url, LANGFUSE_ADMIN_API_KEY: langfuse.adminApiKey }, "orgform-rules-");
  runs.push(run);
  const name = "Rules First Run";
  await run.synthOnce(`
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "rules");
new LangfuseProvider(stack, "langfuse");
new LangfuseOrganization(stack, "org", { name: ${JSON.stringify(name)} });
app.synth();
`);
  // Killed as its only create arrives: the API makes the organization, no state is ever written.
  const { child, done } = run.start(["apply", "--auto-approve"]);
  const off = langfuse.server.observe((event) => {
    if (event.phase === "arrived" && event.route === "POST /api/admin/organizations") child.kill("SIGKILL");
  });
  expect((await done).signal).toBe("SIGKILL");
  off();
  expect(existsSync(run.statePath)).toBe(false);
  const made = [...langfuse.store.organizations.values()].filter((org) => org.name === name);
  expect(made).toHaveLength(1);

  const rerun = await run.orgform(["apply", "--auto-approve"]);
  expect(rerun.code).toBe(0);
  expect(rerun.stdout).toContain(`langfuse_organization.org: created by an interrupted run (id ${made[0]!.id}): adopted, not created again`);
  expect([...langfuse.store.organizations.values()].filter((org) => org.name === name)).toHaveLength(1);
  expect(existsSync(`${run.statePath}.journal`)).toBe(false);
});

it("a journal of another state (another lineage) is never acted on", async () => {
  const org = "Rules Other Lineage";
  const run = await stack(org, ["ci"]);
  const colleague = await colleagueKey(org, "ci", 0);
  const journal = `${run.statePath}.journal`;
  const now = Date.now();
  writeFileSync(
    journal,
    `${JSON.stringify({ kind: "create-intent", intent: "x-1", lineage: "another-state-lineage", address: "langfuse_organization_api_key.ci", type: "langfuse_organization_api_key", provider: "langfuse", scope: orgId(org), match: { organization_id: orgId(org), note: "ci" }, at: new Date(now - 60_000).toISOString(), deadline: new Date(now + 60_000).toISOString() })}\n`,
  );
  const apply = await run.orgform(["apply", "--auto-approve"]);
  expect(apply.code).toBe(0);
  expect(apply.stdout).toContain("of another state (lineage another-state-lineage): they are not acted on");
  expect(apply.stdout).not.toContain("created by an interrupted run");
  expect(run.state().get("langfuse_organization_api_key.ci")!.attributes.id).not.toBe(colleague);
  expect(langfuse.store.keys.has(colleague)).toBe(true);
});
