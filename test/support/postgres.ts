/**
 * A real PostgreSQL server for the pg backend tests. With ORGFORM_TEST_PG_URL set (CI runs
 * `eval "$(.ci/pg.sh start)"`), that server is used; otherwise a throwaway one is started from the
 * installed binaries in a temp dir and stopped afterwards. No binaries at all is a failure, not a
 * skip: a silently skipped backend test would hide a broken backend.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";

export interface TestPostgres {
  /** postgres://… of a server where the tests may create schemas. */
  readonly url: string;
  stop(): Promise<void>;
}

export const MISSING_POSTGRES =
  "PostgreSQL is not installed, and ORGFORM_TEST_PG_URL is not set: the pg state backend tests need a real server. " +
  'Run `eval "$(.ci/pg.sh start)"` (as root it installs postgresql with apt-get) and run the tests again.';

export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.ORGFORM_TEST_PG_URL;
  if (given) return { url: given, stop: async () => undefined };
  const bindir = findBindir();
  if (!bindir) throw new Error(MISSING_POSTGRES);
  const dir = mkdtempSync(join(tmpdir(), "orgform-pg-"));
  const data = join(dir, "data");
  // initdb refuses to run as root: hand the directory to the postgres user and run as it.
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUser() : undefined;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = (file: string, args: string[]) => {
    const [command, argv] = owner ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
    const result = spawnSync(command, argv, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${file} ${args[0] ?? ""} failed: ${result.stderr || result.stdout}`);
  };
  const port = await freePort();
  run(join(bindir, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--no-instructions", "-E", "UTF8"]);
  try {
    run(join(bindir, "pg_ctl"), [
      "-D", data, "-l", join(dir, "server.log"), "-w", "-t", "60", "start",
      "-o", `-c listen_addresses=127.0.0.1 -p ${port} -k ${data} -c fsync=off -c synchronous_commit=off -c max_connections=200`,
    ]);
  } catch (error) {
    const log = existsSync(join(dir, "server.log")) ? readFileSync(join(dir, "server.log"), "utf8") : "";
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      spawnSync(owner ? "runuser" : join(bindir, "pg_ctl"), owner ? ["-u", "postgres", "--", join(bindir, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"] : ["-D", data, "-m", "immediate", "-w", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs one SQL statement on its own connection (for assertions on raw rows). */
export async function sql<Row extends Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** A schema name no other test uses. */
export function uniqueSchema(prefix = "orgform_test"): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

function findBindir(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], "bin");
  }
  try {
    const dir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
    return dir && existsSync(join(dir, "initdb")) ? dir : undefined;
  } catch {
    return undefined;
  }
}

function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("postgres:"));
  if (!line) throw new Error(`running as root and there is no postgres user to run initdb as. ${MISSING_POSTGRES}`);
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
