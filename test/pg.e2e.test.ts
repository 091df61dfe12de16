/**
 * The PostgreSQL backend as a user runs it: a cdktf stack with `new PgBackend(stack, {...})`,
 * the real CLI in child processes, the Langfuse emulator on loopback, a real PostgreSQL server.
 */
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { PgBackend } from "../src/state/pg-backend";
import type { ChildProcess } from "node:child_process";
import { runOrgform, type CliResult } from "./support/cli";
import { startTestPostgres, sql, uniqueSchema, type TestPostgres } from "./support/postgres";
import { PROVIDERS, Workdir } from "./support/workdir";

const PASSPHRASE = "e2e-state-passphrase-5c2a91f0";

function stackSource(connStr: string, schemaName: string, ciNote = "CI pipelines", extraKeys = 0): string {
  return `
import { App, TerraformStack, TerraformOutput, PgBackend } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "e2e");
new PgBackend(stack, { connStr: ${JSON.stringify(connStr)}, schemaName: ${JSON.stringify(schemaName)} });
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: "Acme Platform" });
const ci = new LangfuseOrganizationApiKey(stack, "ci", { organizationId: org.id, note: ${JSON.stringify(ciNote)} });
new LangfuseOrganizationApiKey(stack, "analytics", { organizationId: org.id, note: "analytics" });
for (let i = 0; i < ${extraKeys}; i++) new LangfuseOrganizationApiKey(stack, \`extra\${i}\`, { organizationId: org.id, note: \`extra \${i}\` });
new TerraformOutput(stack, "ci_secret", { value: ci.secretKey, sensitive: true });
app.synth();
`;
}

describe("PostgreSQL state end to end", () => {
  let pg: TestPostgres;
  let emulator: LangfuseEmulator;
  let work: Workdir;
  let env: NodeJS.ProcessEnv;
  let schemaName: string;
  const orgform = (args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> => runOrgform(args, { cwd: work.dir, env: { ...env, ...extraEnv } });
  const row = async () => (await sql<{ data: string; backup: string | null }>(pg.url, `SELECT data, backup FROM "${schemaName}".states WHERE name = 'e2e'`))[0];
  const serials = async () => {
    const current = await row();
    return { data: JSON.parse(current!.data).serial as number, backup: current!.backup ? (JSON.parse(current!.backup).serial as number) : undefined };
  };

  beforeAll(async () => {
    pg = await startTestPostgres();
  });

  afterAll(async () => {
    await pg?.stop();
  });

  beforeEach(async () => {
    emulator = new LangfuseEmulator({ adminApiKey: "test-admin-key-123456" });
    env = { LANGFUSE_BASE_URL: await emulator.start(), LANGFUSE_ADMIN_API_KEY: "test-admin-key-123456" };
    schemaName = uniqueSchema("orgform_e2e");
    work = new Workdir();
    work.writeStack(stackSource(pg.url, schemaName));
  });

  afterEach(async () => {
    await emulator.stop();
    work.remove();
  });

  it("two concurrent applies: the second is refused with the lock message, nothing is lost", async () => {
    // The first run's creates are held until the second run has ended: the first holds the lock
    // all along, however long the second takes to synthesize (no latency to guess).
    work.writeStack(stackSource(pg.url, schemaName, "CI pipelines", 6));
    const release = emulator.server.hold((method) => method === "POST");
    let second: Promise<CliResult> | undefined;
    const first = await runOrgform(["apply", "--auto-approve", "--parallelism", "1"], {
      cwd: work.dir,
      env: { ...env, ORGFORM_HTTP_TIMEOUT_MS: "600000" },
      onStdout: (text) => {
        if (second !== undefined || !text.includes("Creating...")) return;
        second = orgform(["apply", "--auto-approve"]);
        void second.finally(release);
      },
    });
    const refused = await second!;
    expect(outcome(first)).toEqual({ code: 0, stderr: "" });
    expect(first.stdout).toContain("Apply complete! Resources: 9 added, 0 changed, 0 destroyed.");
    expect(outcome(refused)).toMatchObject({ code: 1 });
    expect(refused.stderr).toMatch(new RegExp(`Error: the state "e2e" in schema ${schemaName} \\(postgres://postgres@127\\.0\\.0\\.1:\\d+/postgres\\) is locked: OperationTypeApply by .* \\(process \\d+\\) since .*, lock ID [0-9a-f-]{36}`));
    expect(refused.stderr).toContain("orgform force-unlock");
    // The run started from no state, so its backup is its first write.
    const written = await serials();
    expect(written.backup).toBe(1);
    expect(written.data).toBeGreaterThan(1);
    expect(emulator.store.organizations.size).toBe(1);
    expect(emulator.store.keys.size).toBe(8);

    const again = await orgform(["apply", "--auto-approve"]);
    expect(outcome(again)).toEqual({ code: 0, stderr: "" });
    expect(again.stdout).toContain("No changes.");
    expect(emulator.store.keys.size).toBe(8);

    work.writeStack(stackSource(pg.url, schemaName, "CI pipelines v2", 6));
    const before = await serials();
    const replace = await orgform(["apply", "--auto-approve"]);
    expect(replace.stdout).toContain("Apply complete! Resources: 1 added, 0 changed, 1 destroyed.");
    const after = await serials();
    expect(after.data).toBeGreaterThan(before.data);
    // The backup is the state this apply started from.
    expect(after.backup).toBe(before.data);
    expect(await sql(pg.url, `SELECT * FROM "${schemaName}".locks`)).toEqual([]);
  });

  it("force-unlock clears a lock held by a run that hangs, and the next apply proceeds", async () => {
    expect(outcome(await orgform(["plan"]))).toEqual({ code: 0, stderr: "" });
    const hung = new PgBackend({ connStr: pg.url, schemaName, name: "e2e" });
    const info = await hung.lock("OperationTypeApply");
    try {
      const refused = await orgform(["apply", "--auto-approve"]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`lock ID ${info.ID}`);
      const unlock = await orgform(["force-unlock", info.ID]);
      expect(unlock.stderr).toBe("");
      expect(unlock.stdout).toContain("successfully unlocked");
      const apply = await orgform(["apply", "--auto-approve"]);
      expect(apply.code).toBe(0);
      expect(emulator.store.keys.size).toBe(2);
      // The forced-out run cannot write over the new state.
      await expect(hung.writeText("{}")).rejects.toThrow(/lost the lock/);
    } finally {
      await hung.close();
    }
  });

  it("a SIGKILLed apply leaves no lock behind, and its journal in PostgreSQL prevents duplicates", async () => {
    // A key's POST is held before it commits; orgform is killed the moment it arrives, and the
    // key is made afterwards: the next run must adopt it from the journal, not make a second.
    emulator.server.setFaults({ latencyMs: 700, methods: ["POST"] });
    let child: ChildProcess | undefined;
    let killedProcess: ChildProcess | undefined;
    const keyPost = "POST /api/admin/organizations/:orgId/apiKeys";
    const landed = new Promise<void>((resolve) => {
      const off = emulator.server.observe((event) => {
        if (event.route !== keyPost) return;
        if (event.phase === "arrived" && !killedProcess) (killedProcess = child)?.kill("SIGKILL");
        if (event.phase === "committed" && killedProcess) {
          off();
          resolve();
        }
      });
    });
    const killed = await runOrgform(["apply", "--auto-approve", "--parallelism", "1"], {
      cwd: work.dir,
      env,
      onStdout: (_text, running) => (child = running),
    });
    expect({ signal: killed.signal, stderr: killed.stderr }).toEqual({ signal: "SIGKILL", stderr: "" });
    await landed;
    emulator.server.setFaults({});
    const rerun = await orgform(["apply", "--auto-approve"]);
    expect(rerun.code).toBe(0);
    expect(emulator.store.organizations.size).toBe(1);
    // The key made after the kill carried its secret only in the lost answer: orgform neither
    // adopts nor deletes it (issue 16) but names it by id, and makes a new one in its place.
    const orphans = [...emulator.store.keys.values()].filter((key) => rerun.stdout.includes(`(id ${key.id})`));
    expect(orphans).toHaveLength(1);
    expect(emulator.store.keys.size).toBe(3);
    expect(await sql(pg.url, `SELECT * FROM "${schemaName}".journal`)).toEqual([]);
    expect((await orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("when state can no longer be written (its lock forced away mid-apply), apply stops with one error and the journal keeps what it made", async () => {
    work.writeStack(stackSource(pg.url, schemaName, "CI pipelines", 4));
    // Every key create after the first waits at the API until the lock has been forced away, so
    // the lock is lost while the apply still runs, however slow this machine is (no latency to guess).
    let keyCreates = 0;
    const release = emulator.server.hold((method, route) => method === "POST" && route.endsWith("/apiKeys") && ++keyCreates > 1);
    // Forced through the backend directly, not a CLI process: it must land while the apply still runs.
    const admin = new PgBackend({ connStr: pg.url, schemaName, name: "e2e" });
    let unlocking: Promise<void> | undefined;
    const cut = await runOrgform(["apply", "--auto-approve", "--parallelism", "1"], {
      cwd: work.dir,
      env,
      onStdout: (text) => {
        if (unlocking || !/langfuse_organization_api_key\.\w+: Creation complete/.test(text)) return;
        unlocking = sql<{ lock_id: string }>(pg.url, `SELECT lock_id FROM "${schemaName}".locks`)
          .then(([held]) => admin.forceUnlock(held!.lock_id))
          .finally(release);
      },
    });
    await unlocking!;
    await admin.close();
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/^Error: the apply stopped because PostgreSQL state "e2e" .* could not be written: lost the lock .* run apply again to adopt them\.\n$/m);
    expect(cut.stderr.match(/^Error:/gm)).toHaveLength(1);
    // It stopped instead of creating the rest; what it made is in the journal or the state, but
    // for a create answered after the lock was lost.
    expect(emulator.store.keys.size).toBeLessThan(6);
    const journaled = await sql(pg.url, `SELECT * FROM "${schemaName}".journal`);
    expect(journaled.length).toBeGreaterThan(0);

    const rerun = await orgform(["apply", "--auto-approve"]);
    expect(outcome(rerun)).toEqual({ code: 0, stderr: "" });
    expect(emulator.store.organizations.size).toBe(1);
    // A key created just as the lock was lost can be recorded neither in the journal nor in state
    // (both refuse a run that lost its lock): the next run names it by id, never deletes it.
    const reported = new Set([...rerun.stdout.matchAll(/\(id ([^)]+)\), but its secret was never recorded/g)].map((m) => m[1]));
    expect(reported.size).toBeLessThanOrEqual(1);
    const declared = [...emulator.store.keys.values()].filter((key) => !reported.has(key.id));
    expect(declared.map((key) => key.note).sort()).toEqual(["CI pipelines", "analytics", "extra 0", "extra 1", "extra 2", "extra 3"]);
    expect(await sql(pg.url, `SELECT * FROM "${schemaName}".journal`)).toEqual([]);
    expect((await orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("with ORGFORM_STATE_PASSPHRASE the rows hold only ciphertext; without it, a clear error", async () => {
    const apply = await orgform(["apply", "--auto-approve"], { ORGFORM_STATE_PASSPHRASE: PASSPHRASE });
    expect(outcome(apply)).toEqual({ code: 0, stderr: "" });
    const secrets = [...emulator.store.keys.values()].map((key) => key.secretKey);
    const stored = await row();
    for (const text of [stored!.data, stored!.backup!]) {
      expect(text).toContain('"orgform_encrypted": 1');
      for (const secret of [...secrets, PASSPHRASE]) expect(text).not.toContain(secret);
    }
    expect((await orgform(["plan", "--detailed-exitcode"], { ORGFORM_STATE_PASSPHRASE: PASSPHRASE })).code).toBe(0);
    const output = await orgform(["output", "ci_secret"], { ORGFORM_STATE_PASSPHRASE: PASSPHRASE });
    expect(output.stdout).toContain("<sensitive>");
    const without = await orgform(["plan"]);
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/Error: PostgreSQL state "e2e" in schema .* is encrypted and ORGFORM_STATE_PASSPHRASE is not set/);
    const wrong = await orgform(["apply", "--auto-approve"], { ORGFORM_STATE_PASSPHRASE: "a-wrong-passphrase-000000" });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("which ORGFORM_STATE_PASSPHRASE does not open");
    expect(wrong.stderr).not.toContain("a-wrong-passphrase");
    expect((await row())!.data).toBe(stored!.data);
  });
});

/** Code and stderr together, so a failing run shows its error in the assertion diff. */
function outcome(result: CliResult): { code: number | null; stderr: string } {
  return { code: result.code, stderr: result.stderr };
}
