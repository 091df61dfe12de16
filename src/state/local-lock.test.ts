/**
 * The local lock under a real race: several orgform processes find the same stale lock (left by
 * a killed run) at once, and exactly one of them may take it over and go on; every other one is
 * told the state is locked. Each racer is its own node process using the real LocalBackend on a
 * real directory, so the race is the one users meet in CI, where jobs start together.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

const REPO_ROOT = resolve(__dirname, "../..");
// Lets the same race be run against another version of the backend (to see it fail before a fix).
const BACKEND = process.env.ORGFORM_LOCK_RACE_BACKEND ?? resolve(__dirname, "local-backend.ts");
const RACERS = 6;
const TRIALS = 30;

const RACER = `
require(${JSON.stringify(require.resolve("tsx/cjs", { paths: [REPO_ROOT] }))});
const { LocalBackend } = require(process.argv[2]);
const lines = require("node:readline").createInterface({ input: process.stdin });
lines.on("line", async (path) => {
  try {
    await new LocalBackend(path).lock("OperationTypeApply");
    process.stdout.write("won\\n");
  } catch (error) {
    process.stdout.write(error.code === "STATE_LOCKED" ? "locked\\n" : "error " + error.message.replace(/\\n/g, " ") + "\\n");
  }
});
`;

class Racer {
  private readonly answers: Array<(line: string) => void> = [];
  private stderr = "";
  constructor(readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on("line", (line) => this.answers.shift()?.(line));
    child.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    // A racer that dies answers every question it still owes with why.
    child.on("exit", () => this.answers.splice(0).forEach((answer) => answer(`exited ${this.stderr.trim()}`)));
  }
  /** Asks the racer to lock the state at `path`; resolves to its answer. */
  lock(path: string): Promise<string> {
    return new Promise((answer) => {
      this.answers.push(answer);
      this.child.stdin.write(`${path}\n`);
    });
  }
}

/** The pid of a process that has exited: what a lock left by a killed run names. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("LocalBackend lock", () => {
  let dir: string;
  let racers: Racer[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "orgform-lock-race-"));
    const script = join(dir, "racer.cjs");
    writeFileSync(script, RACER);
    racers = Array.from({ length: RACERS }, () => new Racer(spawn(process.execPath, [script, BACKEND], { stdio: ["pipe", "pipe", "pipe"] })));
    // Every racer has loaded the backend before the first trial (a warm-up lock of its own).
    await Promise.all(racers.map((racer, i) => racer.lock(join(dir, `warm-up-${i}.tfstate`))));
  });
  afterAll(() => {
    for (const racer of racers) racer.child.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`lets exactly one of ${RACERS} processes take over a stale lock, in each of ${TRIALS} trials`, async () => {
    const pid = deadPid();
    const outcomes: string[][] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const state = join(dir, `trial-${trial}`, "terraform.race.tfstate");
      const lockPath = `${state}.lock.info`;
      const stale = { ID: `stale-${trial}`, Operation: "OperationTypeApply", Who: "ci@runner", Version: "orgform", Created: new Date(0).toISOString(), Path: state, Pid: pid, Host: hostname() };
      mkdirSync(join(dir, `trial-${trial}`));
      writeFileSync(lockPath, JSON.stringify(stale));
      const answers = await Promise.all(racers.map((racer) => racer.lock(state)));
      outcomes.push(answers);
      // The lock left is the winner's, a live process's, not the stale one.
      const holder = JSON.parse(readFileSync(lockPath, "utf8")) as { ID: string; Pid: number };
      expect(holder.ID).not.toBe(stale.ID);
      expect(racers.map((racer) => racer.child.pid)).toContain(holder.Pid);
    }
    const winners = outcomes.map((answers) => answers.filter((answer) => answer === "won").length);
    expect(outcomes.flat().filter((answer) => answer !== "won" && answer !== "locked")).toEqual([]);
    expect(winners).toEqual(Array.from({ length: TRIALS }, () => 1));
  });

  it("leaves no staging file or takeover marker behind once a run holds the lock", async () => {
    const state = join(dir, "tidy", "terraform.tidy.tfstate");
    mkdirSync(join(dir, "tidy"));
    writeFileSync(`${state}.lock.info`, JSON.stringify({ ID: "stale-tidy", Operation: "OperationTypeApply", Who: "x", Version: "orgform", Created: "", Path: state, Pid: deadPid(), Host: hostname() }));
    // A takeover abandoned half-way by a killed run leaves its marker: it must not block anyone.
    writeFileSync(`${state}.lock.info.takeover-stale-tidy-1`, JSON.stringify({ ID: "dead-taker", Pid: deadPid(), Host: hostname() }));
    expect(await racers[0]!.lock(state)).toBe("won");
    expect(readdirSync(join(dir, "tidy")).sort()).toEqual(["terraform.tidy.tfstate.lock.info"]);
    expect(existsSync(`${state}.lock.info`)).toBe(true);
  });
});
