/**
 * The PostgreSQL backend (cdktf's PgBackend; Terraform's pg backend layout): one row per stack in
 * `<schema>.states` (id, name unique, data), created with the schema if missing. Beside it,
 * orgform keeps the previous document in a `backup` column, the lock holder in `locks` and the
 * create journal in `journal`.
 *
 * The lock is a session-level advisory lock taken on a dedicated connection that lives as long
 * as the lock: if the process dies, PostgreSQL ends the session and the lock with it, so there is
 * no stale lock to clear. While the lock is held, every read and write goes through that same
 * connection, so a run whose lock was forced away (force-unlock terminates its session) cannot
 * write another byte. Every write is one statement, hence one transaction.
 */
import { createHash } from "node:crypto";
import { Client, Pool, escapeIdentifier, type QueryResultRow } from "pg";
import { OrgformError } from "../errors";
import { newLockInfo, type LockInfo } from "./backend";
import { serializeState, type StateDocument } from "./document";
import { journalSetAside, parseJournal, type JournalEntry } from "./journal";
import { lockedError } from "./local-backend";
import { parseStoredState, type TextStateBackend } from "./raw";

export const DEFAULT_SCHEMA = "terraform_remote_state";

export interface PgBackendOptions {
  /** A postgres:// URL; undefined: libpq's PG* environment variables (PGHOST, PGUSER…). */
  readonly connStr?: string;
  readonly schemaName?: string;
  /** The row's `name`: the stack (Terraform uses the workspace). */
  readonly name: string;
  /** The schema exists and orgform may not create it. */
  readonly skipSchemaCreation?: boolean;
}

interface HeldLock {
  readonly info: LockInfo;
  readonly client: Client;
  /** Set when the session ended under us (force-unlock, server restart, network). */
  lost?: Error;
  /**
   * The statement before the next one: a session runs one statement at a time, and state writes
   * and journal appends of a parallel apply arrive together (pg deprecates queueing them itself).
   */
  previous?: Promise<unknown>;
}

/** Serializes schema creation across processes: CREATE … IF NOT EXISTS alone can still collide. */
const DDL_LOCK_KEY = "7403311928830155301";

export class PgBackend implements TextStateBackend {
  readonly warnings: string[] = [];
  readonly schema: string;
  readonly name: string;
  private readonly pool: Pool;
  private ready: Promise<void> | undefined;
  private held: HeldLock | undefined;
  /** Whether this run has taken its backup yet (see writeText). */
  private backedUp = false;
  private readonly lockKey: string;

  constructor(private readonly options: PgBackendOptions) {
    this.schema = options.schemaName || DEFAULT_SCHEMA;
    this.name = options.name;
    // Idle connections must not keep a finished CLI run alive.
    this.pool = new Pool({ connectionString: options.connStr, max: 4, idleTimeoutMillis: 1000, allowExitOnIdle: true, connectionTimeoutMillis: 10_000, application_name: "orgform" });
    this.pool.on("error", () => undefined); // an idle client dropped by the server; the next query reconnects
    const digest = createHash("sha256").update(`orgform\0${this.schema}\0${this.name}`).digest();
    this.lockKey = digest.readBigInt64BE(0).toString();
  }

  describe(): string {
    return `PostgreSQL state ${this.where()}`;
  }

  /** `"main" in schema terraform_remote_state (postgres://orgform@db:5432/infra)`. */
  where(): string {
    return `"${this.name}" in schema ${this.schema} (${safeTarget(this.options.connStr)})`;
  }

  async read(): Promise<StateDocument | undefined> {
    const text = await this.readText();
    if (text === undefined) return undefined;
    try {
      return parseStoredState(text, this.describe());
    } catch (error) {
      if (error instanceof OrgformError && error.code === "STATE_CORRUPT") {
        const what = error.message.split(". Restore")[0];
        throw new OrgformError("STATE_CORRUPT", `${what}. The previous document is in the row's "backup" column of ${this.table("states")}: restore it from there.`);
      }
      throw error;
    }
  }

  async write(state: StateDocument): Promise<void> {
    await this.writeText(serializeState(state));
  }

  async readText(): Promise<string | undefined> {
    const rows = await this.query<{ data: string | null }>(`SELECT data FROM ${this.table("states")} WHERE name = $1`, [this.name]);
    return rows[0]?.data ?? undefined;
  }

  /** The document the last write replaced, for recovery. */
  async readBackupText(): Promise<string | undefined> {
    const rows = await this.query<{ backup: string | null }>(`SELECT backup FROM ${this.table("states")} WHERE name = $1`, [this.name]);
    return rows[0]?.backup ?? undefined;
  }

  async writeText(text: string, backup?: string): Promise<void> {
    // As the local backend: the backup is the state this run started from, taken on its first write.
    const takeBackup = !this.backedUp || backup !== undefined;
    const rows = await this.query<{ kept: boolean }>(
      `INSERT INTO ${this.table("states")} AS s (name, data, backup) VALUES ($1, $2, $4)
       ON CONFLICT (name) DO UPDATE SET backup = CASE WHEN $3 THEN COALESCE($4, s.data) ELSE s.backup END, data = EXCLUDED.data
       RETURNING backup IS NOT NULL AS kept`,
      [this.name, text, takeBackup, backup ?? null],
    );
    // A run that started from no state backs up its first write on its second.
    if (rows[0]?.kept) this.backedUp = true;
  }

  async lock(operation: string): Promise<LockInfo> {
    await this.init();
    if (this.held) throw lockedError(this.held.info, this.where());
    const client = new Client({ connectionString: this.options.connStr, keepAlive: true, application_name: "orgform lock", connectionTimeoutMillis: 10_000 });
    const held: { lost?: Error } = {};
    // Without a listener, the session ending (force-unlock) would crash the process.
    client.on("error", (error) => (held.lost = error));
    await this.guard(() => client.connect());
    try {
      const got = await client.query<{ ok: boolean; pid: number }>("SELECT pg_try_advisory_lock($1::bigint) AS ok, pg_backend_pid() AS pid", [this.lockKey]);
      const { ok, pid } = got.rows[0]!;
      if (!ok) throw lockedError(await this.readHolder(), this.where());
      const info = newLockInfo(operation, `${this.schema}.states/${this.name}`);
      const previous = await client.query<{ info: LockInfo }>(`SELECT info FROM ${this.table("locks")} WHERE name = $1`, [this.name]);
      const stale = previous.rows[0]?.info;
      if (stale) this.warnings.push(`Took over the lock ${stale.ID} left by ${stale.Who} (process ${stale.Pid}, ${stale.Operation}, ${stale.Created}), whose database session has ended.`);
      await client.query(
        `INSERT INTO ${this.table("locks")} (name, lock_id, info, backend_pid) VALUES ($1, $2, $3, $4)
         ON CONFLICT (name) DO UPDATE SET lock_id = EXCLUDED.lock_id, info = EXCLUDED.info, backend_pid = EXCLUDED.backend_pid, created_at = now()`,
        [this.name, info.ID, JSON.stringify(info), pid],
      );
      this.held = Object.assign(held, { info, client });
      return info;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error instanceof OrgformError ? error : this.failure(error);
    }
  }

  async unlock(lock: LockInfo): Promise<void> {
    const held = this.held;
    if (!held || held.info.ID !== lock.ID) return;
    this.held = undefined;
    try {
      if (!held.lost) {
        await held.client.query(`DELETE FROM ${this.table("locks")} WHERE name = $1 AND lock_id = $2`, [this.name, lock.ID]);
        await held.client.query("SELECT pg_advisory_unlock($1::bigint)", [this.lockKey]);
      }
    } catch {
      // The session is gone, and the advisory lock with it.
    } finally {
      await held.client.end().catch(() => undefined);
    }
  }

  /**
   * Ends the holder's database session (pg_terminate_backend), which releases its advisory lock
   * at once and stops that run from writing anything more, then removes the lock row.
   */
  async forceUnlock(id: string): Promise<void> {
    const holder = await this.readHolderRow();
    if (!holder) throw new OrgformError("STATE_NOT_FOUND", `${this.describe()} is not locked: nothing to unlock.`);
    if (holder.lock_id !== id) {
      throw new OrgformError("USAGE", `the lock on ${this.describe()} has ID ${holder.lock_id}, not ${id}. Run \`orgform force-unlock ${holder.lock_id}\` if that is the one to clear.`);
    }
    // A row whose session is gone is only a leftover: removing it is all there is to do.
    const alive = await this.sessionHoldsLock(holder.backend_pid);
    if (alive) {
      const ended = await this.query<{ ok: boolean }>("SELECT pg_terminate_backend($1) AS ok", [holder.backend_pid]);
      if (!ended[0]?.ok) {
        throw new OrgformError("STATE_BACKEND_FAILED", `could not end the database session ${holder.backend_pid} that holds the lock on ${this.describe()}: the database user needs the pg_signal_backend role (or the same role as the holder).`);
      }
      for (let waited = 0; waited < 5000 && (await this.sessionHoldsLock(holder.backend_pid)); waited += 50) await sleep(50);
    }
    await this.query(`DELETE FROM ${this.table("locks")} WHERE name = $1 AND lock_id = $2`, [this.name, id]);
  }

  async appendJournal(entry: JournalEntry): Promise<void> {
    // A commit is durable (WAL flushed) before the INSERT returns: the intent survives a crash.
    await this.query(`INSERT INTO ${this.table("journal")} (name, entry) VALUES ($1, $2)`, [this.name, JSON.stringify(entry)]);
  }

  async readJournal(): Promise<JournalEntry[]> {
    const rows = await this.query<{ entry: string }>(`SELECT entry FROM ${this.table("journal")} WHERE name = $1 ORDER BY id`, [this.name]);
    // Each row is a whole record (a committed INSERT is never torn): the trailing newline says so.
    const { entries, badLines } = parseJournal(rows.map((row) => `${row.entry}\n`).join(""));
    if (badLines.length === 0) return entries;
    // Never act on a journal that cannot be read whole: its rows move aside under another name.
    const aside = `${this.name}#corrupt-${new Date().toISOString()}`;
    await this.query(`UPDATE ${this.table("journal")} SET name = $2 WHERE name = $1`, [this.name, aside]);
    this.warnings.push(journalSetAside(`${this.describe()} (journal)`, badLines, `the rows named "${aside}"`));
    return [];
  }

  async replaceJournal(keep: readonly JournalEntry[]): Promise<void> {
    // One statement: the delete and the inserts commit together or not at all.
    await this.query(
      `WITH gone AS (DELETE FROM ${this.table("journal")} WHERE name = $1)
       INSERT INTO ${this.table("journal")} (name, entry) SELECT $1, unnest($2::text[])`,
      [this.name, keep.map((entry) => JSON.stringify(entry))],
    );
  }

  async close(): Promise<void> {
    if (this.held) await this.unlock(this.held.info);
    await this.pool.end();
  }

  private table(name: "states" | "locks" | "journal"): string {
    return `${escapeIdentifier(this.schema)}.${escapeIdentifier(name)}`;
  }

  /** Runs one statement: on the lock's session while the lock is held, else on the pool. */
  private async query<Row extends QueryResultRow>(sql: string, params: unknown[]): Promise<Row[]> {
    await this.init();
    const held = this.held;
    if (held) {
      if (held.lost) throw this.lockLost();
      const turn = (held.previous ?? Promise.resolve()).catch(() => undefined).then(() => held.client.query<Row>(sql, params));
      held.previous = turn;
      try {
        return (await turn).rows;
      } catch (error) {
        // The session's end can reach the query before the client's "error" event does.
        const ended = (error as { code?: string }).code === "57P01" || /Connection terminated|not queryable/.test(String((error as Error).message));
        throw held.lost || ended ? this.lockLost() : this.failure(error);
      }
    }
    return this.guard(async () => (await this.pool.query<Row>(sql, params)).rows);
  }

  private init(): Promise<void> {
    this.ready ??= this.guard(() => this.createTables()).catch((error: unknown) => {
      this.ready = undefined; // let a later call retry (the server may come up)
      throw error;
    });
    return this.ready;
  }

  private async createTables(): Promise<void> {
    const client = await this.pool.connect();
    try {
      const present = await client.query<{ states: string | null; locks: string | null; journal: string | null; backup: boolean }>(
        `SELECT to_regclass($1) AS states, to_regclass($2) AS locks, to_regclass($3) AS journal,
                EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = $4 AND table_name = 'states' AND column_name = 'backup') AS backup`,
        [this.table("states"), this.table("locks"), this.table("journal"), this.schema],
      );
      const row = present.rows[0]!;
      // Everything there: no DDL, so a user without CREATE rights can still run.
      if (row.states && row.locks && row.journal && row.backup) return;
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1::bigint)", [DDL_LOCK_KEY]);
      if (!this.options.skipSchemaCreation) await client.query(`CREATE SCHEMA IF NOT EXISTS ${escapeIdentifier(this.schema)}`);
      // Terraform's pg backend layout, so its tools can read these rows; `backup` is orgform's.
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.table("states")} (id bigserial PRIMARY KEY, name text, data text)`);
      await client.query(`CREATE UNIQUE INDEX IF NOT EXISTS states_by_name ON ${this.table("states")} (name)`);
      await client.query(`ALTER TABLE ${this.table("states")} ADD COLUMN IF NOT EXISTS backup text`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${this.table("locks")} (name text PRIMARY KEY, lock_id text NOT NULL, info jsonb NOT NULL, backend_pid integer NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
      );
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.table("journal")} (id bigserial PRIMARY KEY, name text NOT NULL, entry text NOT NULL)`);
      await client.query(`CREATE INDEX IF NOT EXISTS journal_by_name ON ${this.table("journal")} (name, id)`);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async readHolderRow(): Promise<{ lock_id: string; info: LockInfo; backend_pid: number } | undefined> {
    const rows = await this.query<{ lock_id: string; info: LockInfo; backend_pid: number }>(`SELECT lock_id, info, backend_pid FROM ${this.table("locks")} WHERE name = $1`, [this.name]);
    return rows[0];
  }

  /** The holder writes its row just after taking the lock: give it a moment before giving up. */
  private async readHolder(): Promise<LockInfo | undefined> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const row = await this.readHolderRow();
      if (row && (await this.sessionHoldsLock(row.backend_pid))) return row.info;
      await sleep(50);
    }
    return undefined;
  }

  private async sessionHoldsLock(pid: number): Promise<boolean> {
    const [classid, objid] = this.lockKeyParts();
    const rows = await this.query<{ held: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = $1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND classid = $2::oid AND objid = $3::oid AND objsubid = 1) AS held`,
      [pid, classid, objid],
    );
    return rows[0]!.held;
  }

  /** pg_locks shows a bigint advisory key as its high and low 32 bits (classid, objid). */
  private lockKeyParts(): [string, string] {
    const key = BigInt.asUintN(64, BigInt(this.lockKey));
    return [(key >> 32n).toString(), (key & 0xffffffffn).toString()];
  }

  private lockLost(): OrgformError {
    return new OrgformError(
      "STATE_LOCKED",
      `lost the lock on ${this.describe()}: its database session ended (force-unlocked by another run, or the connection dropped). Nothing more was written; run \`orgform plan\` to see where things stand.`,
    );
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw error instanceof OrgformError ? error : this.failure(error);
    }
  }

  private failure(error: unknown): OrgformError {
    const { code, message } = error as { code?: string; message?: string };
    return new OrgformError(
      "STATE_BACKEND_FAILED",
      `${this.describe()}: PostgreSQL failed: ${message ?? String(error)}${code ? ` (${code})` : ""}. Check the conn_str (or PG_CONN_STR) and that the server is up.`,
    );
  }
}

/** Where the state lives, for messages: host, port and database, never the password. */
function safeTarget(connStr: string | undefined): string {
  if (!connStr) return "PG* environment";
  try {
    const url = new URL(connStr);
    return `${url.protocol}//${url.username ? `${decodeURIComponent(url.username)}@` : ""}${url.host}${url.pathname}`;
  } catch {
    return "conn_str";
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
