/**
 * Drift reports, refresh-only, import, generate and the state commands, through the real CLI
 * against the Langfuse emulator. Out-of-band changes are made directly on the emulator, as an
 * admin clicking in a console would.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { runOrgform, type CliResult } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const STACK = (body: string) => `
import { App, TerraformStack, TerraformOutput } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "drift");
new LangfuseProvider(stack, "langfuse");
${body}
app.synth();
`;

const BASE = `
const org = new LangfuseOrganization(stack, "org", { name: "Drift Co", metadata: { tier: "gold" } });
new LangfuseOrganizationApiKey(stack, "ci", { organizationId: org.id, note: "ci" });
new LangfuseOrganizationApiKey(stack, "ops", { organizationId: org.id, note: "ops" });
`;

describe("drift, refresh-only, import, generate and state commands", () => {
  let emulator: LangfuseEmulator;
  let work: Workdir;
  let env: NodeJS.ProcessEnv;
  const orgform = (args: string[]): Promise<CliResult> => runOrgform(args, { cwd: work.dir, env });
  const statePath = () => work.path("terraform.drift.tfstate");
  const writes = () => ["POST", "PUT", "DELETE"].reduce((n, m) => n + [...emulator.server.counters].filter(([k]) => k.startsWith(`${m} `)).reduce((a, [, c]) => a + c, 0), 0);

  beforeEach(async () => {
    emulator = new LangfuseEmulator({ adminApiKey: "drift-admin-key" });
    env = { LANGFUSE_BASE_URL: await emulator.start(), LANGFUSE_ADMIN_API_KEY: "drift-admin-key" };
    work = new Workdir();
    work.writeStack(STACK(BASE));
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
  });

  afterEach(async () => {
    await emulator.stop();
    work.remove();
  });

  function driftOutOfBand(): { orgId: string; mintedNote: string } {
    const org = [...emulator.store.organizations.values()][0]!;
    org.name = "Renamed By Hand";
    const ops = [...emulator.store.keys.values()].find((key) => key.note === "ops")!;
    emulator.store.keys.delete(ops.id);
    const mintedNote = "minted by hand";
    emulator.store.keys.set("hand-key", { ...ops, id: "hand-key", note: mintedNote, publicKey: "pk-lf-hand", secretKey: "sk-lf-hand-secret-value" });
    return { orgId: org.id, mintedNote };
  }

  it("reports changes, deletions and unmanaged objects in three formats, exit 2, writing nothing", async () => {
    driftOutOfBand();
    const stateBefore = readFileSync(statePath(), "utf8");
    const writesBefore = writes();

    const text = await orgform(["drift"]);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain("# langfuse_organization.org was changed outside orgform");
    expect(text.stdout).toMatch(/~ name = "Drift Co" -> "Renamed By Hand"/);
    expect(text.stdout).toContain("# langfuse_organization_api_key.ops was deleted outside orgform");
    expect(text.stdout).toContain('? langfuse_organization_api_key "minted by hand" [id=hand-key]');

    const json = await orgform(["drift", "--json"]);
    expect(json.code).toBe(2);
    const report = JSON.parse(json.stdout);
    expect(report.schema).toBe("orgform.drift/v1");
    expect(report.summary).toEqual({ changed: 1, deleted: 1, unmanaged: 1 });
    expect(report.stacks[0].drift.map((d: { address: string; kind: string }) => `${d.kind}:${d.address}`)).toEqual([
      "changed:langfuse_organization.org",
      "deleted:langfuse_organization_api_key.ops",
    ]);

    const markdown = await orgform(["drift", "--markdown"]);
    expect(markdown.code).toBe(2);
    expect(markdown.stdout).toContain("| stack | checked | changed | deleted or gone | unmanaged |");
    expect(markdown.stdout).toContain("| drift | 3 | 1 | 1 | 1 |");
    expect(markdown.stdout).toContain("<details><summary><code>langfuse_organization.org</code>: changed (name)</summary>");

    // Two runs give identical reports (stable order), and nothing was written anywhere.
    expect((await orgform(["drift", "--json"])).stdout).toBe(json.stdout);
    expect(readFileSync(statePath(), "utf8")).toBe(stateBefore);
    expect(writes()).toBe(writesBefore);
    for (const output of [text, json, markdown]) expect(output.stdout).not.toContain("sk-lf-hand-secret-value");
  });

  it("apply --refresh-only accepts the drift into state; the report is then clean", async () => {
    driftOutOfBand();
    const accept = await orgform(["apply", "--refresh-only", "--auto-approve"]);
    expect(accept.code).toBe(0);
    expect(accept.stdout).toContain("Objects have changed outside of orgform");
    const state = JSON.parse(readFileSync(statePath(), "utf8"));
    expect(state.resources.map((r: { name: string }) => r.name).sort()).toEqual(["ci", "org"]);
    expect(state.resources.find((r: { name: string }) => r.name === "org").instances[0].attributes.name).toBe("Renamed By Hand");
    const clean = await orgform(["drift", "--no-unmanaged"]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("No drift");
  });

  it("keeps Markdown under the budget and says where the full report is", async () => {
    const org = [...emulator.store.organizations.values()][0]!;
    for (let i = 0; i < 300; i++) {
      emulator.store.keys.set(`hand-${i}`, { id: `hand-${i}`, organizationId: org.id, note: `hand minted key number ${i}`, publicKey: `pk-${i}`, secretKey: `sk-${i}-xxxx`, createdAt: new Date().toISOString(), expiresAt: null, lastUsedAt: null });
    }
    const small = await orgform(["drift", "--markdown", "--markdown-budget", "3000", "--full-report", work.path("full.md")]);
    expect(small.code).toBe(2);
    expect(small.stdout.length).toBeLessThanOrEqual(3000);
    expect(small.stdout).toMatch(/more entr(y does|ies do) not fit in this comment.*full\.md/);
    expect(readFileSync(work.path("full.md"), "utf8")).toContain("hand minted key number 299");
  });

  it("imports an existing object, then plans only the intended diff", async () => {
    const ops = [...emulator.store.keys.values()].find((key) => key.note === "ops")!;
    const orgId = ops.organizationId;
    expect((await orgform(["state", "rm", "langfuse_organization_api_key.ops"])).code).toBe(0);
    expect(emulator.store.keys.has(ops.id)).toBe(true);

    const missing = await orgform(["import", "langfuse_organization_api_key.ops", `${orgId}/no-such-key`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('has no langfuse_organization_api_key with id');

    const imported = await orgform(["import", "langfuse_organization_api_key.ops", `${orgId}/${ops.id}`]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("Import successful!");
    const plan = await orgform(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(0);
    expect(emulator.store.keys.size).toBe(2);
  });

  it("generate prints constructs that synthesize and plan as imports with no other change", async () => {
    const extra = new LangfuseEmulator(); // an unrelated object made by hand in the same API
    await extra.stop();
    const created = await fetch(`${env.LANGFUSE_BASE_URL}/api/admin/organizations`, {
      method: "POST",
      headers: { authorization: "Bearer drift-admin-key", "content-type": "application/json" },
      body: JSON.stringify({ name: "Made By Hand", metadata: { owner: "ops" } }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    const generated = await orgform(["generate", "langfuse_organization", created.id]);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toContain('new LangfuseOrganization(stack, "made_by_hand_organization", {');
    expect(generated.stdout).toContain(`.importFrom(${JSON.stringify(created.id)});`);
    work.writeStack(STACK(BASE + generated.stdout));
    const plan = await orgform(["plan"]);
    expect(plan.stdout).toContain("# langfuse_organization.made_by_hand_organization will be imported");
    expect(plan.stdout).toContain("Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.");
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    expect((await orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
    expect(emulator.store.organizations.size).toBe(2);
  });

  it("state mv, pull and push keep lineage and serial rules and never print secrets", async () => {
    const secret = [...emulator.store.keys.values()][0]!.secretKey;
    const pulled = await orgform(["state", "pull"]);
    expect(pulled.stdout).not.toContain(secret);
    expect(pulled.stdout).toContain('"(sensitive value)"');
    expect((await orgform(["state", "pull", "--out", work.path("copy.tfstate")])).code).toBe(0);
    const copy = JSON.parse(readFileSync(work.path("copy.tfstate"), "utf8"));

    const moved = await orgform(["state", "mv", "langfuse_organization_api_key.ops", "langfuse_organization_api_key.operations"]);
    expect(moved.code).toBe(0);
    expect((await orgform(["state", "list"])).stdout.split("\n")).toContain("langfuse_organization_api_key.operations");

    const older = await orgform(["state", "push", work.path("copy.tfstate")]);
    expect(older.code).toBe(1);
    expect(older.stderr).toContain(`has serial ${copy.serial}, older than the current`);
    writeFileSync(work.path("other.tfstate"), JSON.stringify({ ...copy, lineage: "another-lineage", serial: 999 }));
    const other = await orgform(["state", "push", work.path("other.tfstate")]);
    expect(other.stderr).toContain("is another stack's state");
    const masked = work.path("masked.tfstate");
    writeFileSync(masked, pulled.stdout);
    expect((await orgform(["state", "push", masked])).stderr).toContain("holds masked secrets");
    const forced = await orgform(["state", "push", "--force", work.path("copy.tfstate")]);
    expect(forced.code).toBe(0);
    expect((await orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
  });
});
