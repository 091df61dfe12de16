/**
 * The PostgreSQL backend against a real server (test/support/postgres.ts starts one, or uses
 * ORGFORM_TEST_PG_URL). Lock holders that must die run as real child processes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { OrgformError } from "../errors";
import type { LockInfo } from "./backend";
import { parseState } from "./document";
import { EncryptingBackend } from "./encryption";
import type { JournalEntry } from "./journal";
import { PgBackend, type PgBackendOptions } from "./pg-backend";
import { selectBackend } from "./select";
import { startTestPostgres, sql, uniqueSchema, type TestPostgres } from "../../test/support/postgres";
import { SECRET, keyResource, secretOf, stateDoc } from "../../test/support/state-docs";

const REPO = resolve(__dirname, "../..");
let pg: TestPostgres;
const opened: PgBackend[] = [];
const children: ChildProcess[] = [];

function backend(options: Partial<PgBackendOptions> & { schemaName: string }): PgBackend {
  const created = new PgBackend({ connStr: pg.url, name: "main", ...options });
  opened.push(created);
  return created;
}

/** A separate orgform process that takes the lock and holds it until killed. */
function holderProcess(schemaName: string, name = "main"): Promise<{ child: ChildProcess; info: LockInfo }> {
  const script = `
    require("tsx/cjs");
    const { PgBackend } = require(${JSON.stringify(resolve(REPO, "src/state/pg-backend.ts"))});
    const backend = new PgBackend(${JSON.stringify({ connStr: pg.url, schemaName, name })});
    backend.lock("OperationTypeApply").then(
      (info) => { process.stdout.write(JSON.stringify(info) + "\\n"); setInterval(() => undefined, 1000); },
      (error) => { process.stderr.write(error.message); process.exit(3); },
    );`;
  const child = spawn(process.execPath, ["-e", script], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  return new Promise((resolvePromise, reject) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolvePromise({ child, info: JSON.parse(out.split("\n")[0]!) as LockInfo });
    });
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`lock holder exited ${code}: ${err}`)));
  });
}

async function rejection(promise: Promise<unknown>): Promise<OrgformError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OrgformError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolvePromise) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
    child.once("exit", () => resolvePromise());
    child.kill("SIGKILL");
  });
}

beforeAll(async () => {
  pg = await startTestPostgres();
});

afterEach(async () => {
  await Promise.all(children.splice(0).map(killed));
  await Promise.all(opened.splice(0).map((b) => b.close().catch(() => undefined)));
});

afterAll(async () => {
  await pg?.stop();
});

describe("PgBackend storage", () => {
  it.each([1, 8])("creates the schema and tables on first use, %i backends at once", async (count) => {
    const schemaName = uniqueSchema();
    const backends = Array.from({ length: count }, (_, i) => backend({ schemaName, name: `stack${i}` }));
    await Promise.all(backends.map((b, i) => b.write(stateDoc(i + 1))));
    const tables = await sql<{ table_name: string }>(pg.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1", [schemaName]);
    expect(tables.map((t) => t.table_name)).toEqual(["journal", "locks", "states"]);
    const rows = await sql<{ name: string }>(pg.url, `SELECT name FROM "${schemaName}".states ORDER BY name`);
    expect(rows).toHaveLength(count);
  });

  it("reads nothing before the first write, then the last document written, keeping the previous as backup", async () => {
    const b = backend({ schemaName: uniqueSchema() });
    expect(await b.read()).toBeUndefined();
    await b.write(stateDoc(1));
    await b.write(stateDoc(2, [keyResource("ci"), keyResource("analytics", "sk-lf-other")]));
    const read = await backend({ schemaName: b.schema }).read();
    expect(read?.serial).toBe(2);
    expect([...read!.resources.keys()].sort()).toEqual(["langfuse_organization_api_key.analytics", "langfuse_organization_api_key.ci"]);
    expect(secretOf(read)).toBe(SECRET);
    const backup = parseState((await b.readBackupText())!, "backup");
    expect(backup.serial).toBe(1);
    expect(backup.resources.size).toBe(1);
  });

  it("keeps one row per stack name (Terraform's layout: id, name, data)", async () => {
    const schemaName = uniqueSchema();
    await backend({ schemaName, name: "one" }).write(stateDoc(5));
    await backend({ schemaName, name: "two" }).write(stateDoc(9));
    const rows = await sql<{ name: string; data: string }>(pg.url, `SELECT name, data FROM "${schemaName}".states ORDER BY name`);
    expect(rows.map((r) => [r.name, JSON.parse(r.data).serial])).toEqual([["one", 5], ["two", 9]]);
    expect((await backend({ schemaName, name: "one" }).read())?.serial).toBe(5);
  });

  it("adds the backup column to a states table that Terraform created", async () => {
    const schemaName = uniqueSchema();
    await sql(pg.url, `CREATE SCHEMA "${schemaName}"`);
    await sql(pg.url, `CREATE TABLE "${schemaName}".states (id bigserial primary key, name text, data text)`);
    await sql(pg.url, `CREATE UNIQUE INDEX ON "${schemaName}".states (name)`);
    const b = backend({ schemaName, skipSchemaCreation: true });
    await b.write(stateDoc(1));
    await b.write(stateDoc(2));
    expect(JSON.parse((await b.readBackupText())!).serial).toBe(1);
  });

  it("round-trips the create journal, and replaces it in one statement", async () => {
    const b = backend({ schemaName: uniqueSchema() });
    const entry = (address: string): JournalEntry => ({
      kind: "create-intent",
      intent: `intent-${address}`,
      lineage: "lineage-1",
      address,
      type: "langfuse_organization",
      provider: "langfuse",
      scope: "admin",
      match: { name: address },
      at: "2026-01-01T00:00:00Z",
      deadline: "2026-01-01T00:02:30Z",
    });
    const addressOf = (e: JournalEntry) => (e.kind === "create-intent" ? e.address : e.intent);
    expect(await b.readJournal()).toEqual([]);
    await b.appendJournal(entry("langfuse_organization.a"));
    await b.appendJournal(entry("langfuse_organization.b"));
    await backend({ schemaName: b.schema, name: "other" }).appendJournal(entry("langfuse_organization.z"));
    expect((await b.readJournal()).map(addressOf)).toEqual(["langfuse_organization.a", "langfuse_organization.b"]);
    await b.replaceJournal([entry("langfuse_organization.b")]);
    expect((await b.readJournal()).map(addressOf)).toEqual(["langfuse_organization.b"]);
    await b.replaceJournal([]);
    expect(await b.readJournal()).toEqual([]);
    expect(await backend({ schemaName: b.schema, name: "other" }).readJournal()).toHaveLength(1);
  });

  it("fails with STATE_BACKEND_FAILED naming the server but never the password", async () => {
    const b = new PgBackend({ connStr: "postgres://orgform:hunter2-password@127.0.0.1:1/infra", name: "main" });
    opened.push(b);
    const error = await rejection(b.read());
    expect(error.code).toBe("STATE_BACKEND_FAILED");
    expect(error.message).toContain("postgres://orgform@127.0.0.1:1/infra");
    expect(error.message).not.toContain("hunter2");
  });

  it("stores only ciphertext when wrapped in encryption, in data and backup alike", async () => {
    const inner = backend({ schemaName: uniqueSchema() });
    const encrypted = new EncryptingBackend(inner, { passphrase: "pg-passphrase-0123456789", scrypt: { N: 1024, r: 8, p: 1 } });
    await encrypted.write(stateDoc(1));
    await encrypted.write(stateDoc(2));
    const [row] = await sql<{ data: string; backup: string }>(pg.url, `SELECT data, backup FROM "${inner.schema}".states`);
    for (const text of [row!.data, row!.backup]) {
      expect(text).toContain('"orgform_encrypted": 1');
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("pg-passphrase");
    }
    expect(secretOf(await encrypted.read())).toBe(SECRET);
  });
});

describe("PgBackend locks", () => {
  it.each(["another client in this process", "another process"])("refuses a second lock while %s holds it, naming the holder", async (kind) => {
    const schemaName = uniqueSchema();
    let holder: LockInfo;
    let release: () => Promise<void>;
    if (kind === "another process") {
      const held = await holderProcess(schemaName);
      holder = held.info;
      release = () => killed(held.child);
    } else {
      const first = backend({ schemaName });
      holder = await first.lock("OperationTypeApply");
      release = () => first.unlock(holder);
    }
    const second = backend({ schemaName });
    const error = await rejection(second.lock("OperationTypeDestroy"));
    expect(error.code).toBe("STATE_LOCKED");
    expect(error.message).toContain(`is locked: OperationTypeApply by ${holder.Who} (process ${holder.Pid}) since ${holder.Created}, lock ID ${holder.ID}`);
    expect(error.message).toContain(`orgform force-unlock ${holder.ID}`);
    expect(error.details).toEqual({ lockId: holder.ID });
    // Another stack in the same schema is not affected.
    await backend({ schemaName, name: "other" }).lock("OperationTypeApply");
    await release();
    await expect(waitForLock(second)).resolves.toMatchObject({ Operation: "OperationTypeDestroy" });
  });

  it("releases the lock of a killed holder with its session, and says it took it over", async () => {
    const schemaName = uniqueSchema();
    const { child, info } = await holderProcess(schemaName);
    await killed(child);
    const next = backend({ schemaName });
    const mine = await waitForLock(next);
    expect(mine.ID).not.toBe(info.ID);
    expect(next.warnings.join("\n")).toContain(`Took over the lock ${info.ID}`);
    const [row] = await sql<{ lock_id: string }>(pg.url, `SELECT lock_id FROM "${schemaName}".locks WHERE name = 'main'`);
    expect(row!.lock_id).toBe(mine.ID);
  });

  it("unlock removes the lock row and frees the lock", async () => {
    const b = backend({ schemaName: uniqueSchema() });
    const info = await b.lock("OperationTypeApply");
    await b.write(stateDoc(1));
    await b.unlock(info);
    expect(await sql(pg.url, `SELECT * FROM "${b.schema}".locks`)).toEqual([]);
    await backend({ schemaName: b.schema }).lock("OperationTypeApply");
  });

  it.each([
    ["a live holder in another process", "process"],
    ["a holder whose process was killed", "killed"],
  ])("force-unlock clears %s", async (_title, kind) => {
    const schemaName = uniqueSchema();
    const { child, info } = await holderProcess(schemaName);
    if (kind === "killed") await killed(child);
    const admin = backend({ schemaName });
    expect((await rejection(admin.forceUnlock("not-the-id"))).message).toContain(`has ID ${info.ID}, not not-the-id`);
    await admin.forceUnlock(info.ID);
    expect(await sql(pg.url, `SELECT * FROM "${schemaName}".locks`)).toEqual([]);
    await backend({ schemaName }).lock("OperationTypeApply");
    expect((await rejection(admin.forceUnlock(info.ID))).code).toBe("USAGE");
  });

  it("a run whose lock was forced away cannot write any more", async () => {
    const schemaName = uniqueSchema();
    const holder = backend({ schemaName });
    const info = await holder.lock("OperationTypeApply");
    await holder.write(stateDoc(1));
    await backend({ schemaName }).forceUnlock(info.ID);
    const error = await rejection(holder.write(stateDoc(2)));
    expect(error.code).toBe("STATE_LOCKED");
    expect(error.message).toContain("lost the lock");
    expect((await backend({ schemaName }).read())?.serial).toBe(1);
    await holder.unlock(info);
  });

  it("force-unlock of an unlocked state says there is nothing to unlock", async () => {
    const error = await rejection(backend({ schemaName: uniqueSchema() }).forceUnlock("some-id"));
    expect(error.code).toBe("STATE_NOT_FOUND");
  });
});

describe("selectBackend for a cdktf PgBackend block", () => {
  it.each([
    ["conn_str in the block", { conn_str: "URL", schema_name: "SCHEMA" }, {}],
    ["PG_CONN_STR when conn_str is empty", { conn_str: "", schema_name: "SCHEMA" }, { PG_CONN_STR: "URL" }],
  ])("uses %s, keyed by the stack name", async (_title, settings, env) => {
    const schemaName = uniqueSchema();
    const fill = (value: Record<string, string>) => Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v.replace("URL", pg.url).replace("SCHEMA", schemaName)]));
    const chosen = selectBackend({ type: "pg", settings: fill(settings) }, { projectDir: "/nowhere", stack: "billing", env: fill(env) });
    expect(chosen).toBeInstanceOf(PgBackend);
    opened.push(chosen as PgBackend);
    await chosen.write(stateDoc(3));
    const rows = await sql<{ name: string }>(pg.url, `SELECT name FROM "${schemaName}".states`);
    expect(rows).toEqual([{ name: "billing" }]);
  });

  it("defaults the schema to terraform_remote_state", () => {
    const chosen = selectBackend({ type: "pg", settings: { conn_str: "postgres://u:pw@db.internal/infra" } }, { projectDir: "/", stack: "main", env: {} }) as PgBackend;
    opened.push(chosen);
    expect(chosen.schema).toBe("terraform_remote_state");
    expect(chosen.describe()).toBe('PostgreSQL state "main" in schema terraform_remote_state (postgres://u@db.internal/infra)');
  });
});

/** The server notices a killed client's closed socket within moments, not instantly. */
async function waitForLock(b: PgBackend): Promise<LockInfo> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await b.lock("OperationTypeDestroy");
    } catch (error) {
      if (attempt > 50 || !(error instanceof OrgformError) || error.code !== "STATE_LOCKED") throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
