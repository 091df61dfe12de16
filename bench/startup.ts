/**
 * The bench's start-up section (issue 20): what every orgform command pays before and around the
 * engine. Whole processes, as a user or CI runs them: `node -e 0` (the floor), `orgform version`,
 * and a no-op `orgform plan` at each size, warm and with a cold tsx transform cache
 * (TSX_DISABLE_CACHE=1, as on a fresh CI runner), run from the compiled build (dist/) and from the
 * TypeScript sources (ORGFORM_FROM_SOURCE=1, how every command ran before the build existed).
 * Each plan is split into start (node until orgform's executable runs), load (until synth
 * begins), synth, and plan (the rest: config, state, refresh, diff, output), from the marks the
 * CLI records when ORGFORM_STARTUP_MARKS names a file (src/cli/entry.cjs).
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";

const REPO = resolve(__dirname, "..");
const ORGFORM_BIN = join(REPO, "src", "cli", "bin.cjs");

export type Mode = "compiled" | "sources" | "baseline";

export interface StartupRun {
  readonly wallMs: number;
  /** user + system CPU of the process, where it reports it. */
  readonly cpuMs?: number;
  readonly phases?: { readonly startMs: number; readonly loadMs: number; readonly synthMs: number; readonly planMs: number };
}

export interface StartupMeasurement {
  readonly label: string;
  readonly n?: number;
  readonly mode?: Mode;
  /** For a "baseline" row: the checkout's directory name. */
  readonly baseline?: string;
  readonly cold?: boolean;
  /** A "compiled" row that ran the sources: a source changed after the build (checked after the runs). */
  readonly staleBuild?: boolean;
  /** The median run by wall time. */
  readonly median: StartupRun;
  readonly walls: readonly number[];
}

export interface StartupReport {
  /** Whether dist/ was fresh: if not, "compiled" rows ran the sources too (src/cli/compiled.cjs). */
  readonly buildFresh: boolean;
  readonly rows: StartupMeasurement[];
}

/** Whether `orgform` would run dist/ now (a build newer than every source). */
export function buildIsFresh(): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const compiledRoot = require(join(REPO, "src", "cli", "compiled.cjs")) as () => string | undefined;
  return compiledRoot() !== undefined;
}

/** `--startup-profile DIR`: every orgform process of the start-up section writes a V8 CPU profile (node --cpu-prof) to DIR. */
let profileDir: string | undefined;
export function profileStartupTo(dir: string | undefined): void {
  profileDir = dir && resolve(dir);
}

async function runOnce(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<StartupRun> {
  const dir = mkdtempSync(join(tmpdir(), "orgform-startup-"));
  const marksFile = join(dir, "marks.json");
  try {
    const started = performance.now();
    const code = await new Promise<number | null>((resolvePromise, reject) => {
      const profileArgs = profileDir && args[0] !== "-e" ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "--cpu-prof-interval=250"] : [];
      // A cold run is a fresh CI runner's: no tsx transform cache, no V8 code cache, and no
      // cdktf.out from an earlier synth to reuse (the synth cache, src/config/synth-cache.ts, is
      // off: it then leaves the warm runs' record as it is).
      const cold = env.TSX_DISABLE_CACHE === "1" ? { ORGFORM_COMPILE_CACHE_DIR: join(dir, "compile-cache"), ORGFORM_SYNTH_CACHE: "0" } : {};
      const child = spawn(process.execPath, [...profileArgs, ...args], { cwd, env: { ...process.env, CI: "true", ...env, ...cold, ORGFORM_STARTUP_MARKS: marksFile }, stdio: ["ignore", "ignore", "inherit"] });
      child.on("error", reject);
      child.on("close", resolvePromise);
    });
    const wallMs = performance.now() - started;
    if (code !== 0) throw new Error(`${args.join(" ")} exited ${code}`);
    if (!existsSync(marksFile)) return { wallMs };
    const recorded = JSON.parse(readFileSync(marksFile, "utf8")) as { marks: Record<string, number>; cpuMs: number };
    const { bin, exit } = recorded.marks as { bin?: number; exit: number };
    if (bin === undefined) return { wallMs, cpuMs: recorded.cpuMs };
    const synthStart = recorded.marks["synth-start"] ?? exit;
    const synthEnd = recorded.marks["synth-end"] ?? exit;
    return { wallMs, cpuMs: recorded.cpuMs, phases: { startMs: bin, loadMs: synthStart - bin, synthMs: synthEnd - synthStart, planMs: exit - synthEnd } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function medianRun(label: string, repeat: number, run: () => Promise<StartupRun>, extra: Partial<StartupMeasurement> = {}): Promise<StartupMeasurement> {
  const runs: StartupRun[] = [];
  for (let i = 0; i < Math.max(1, repeat); i++) runs.push(await run());
  return summarize(label, runs, extra);
}

function summarize(label: string, runs: readonly StartupRun[], extra: Partial<StartupMeasurement> = {}): StartupMeasurement {
  const median = [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((runs.length - 1) / 2)]!;
  // Staleness only grows until the next build: fresh now means fresh for every run above.
  const staleBuild = extra.mode === "compiled" && !buildIsFresh() ? true : undefined;
  return { label, ...extra, staleBuild, median, walls: runs.map((r) => Math.round(r.wallMs)) };
}

/** `--startup-modes compiled,sources,baseline`: the ways to run (all by default). */
let onlyModes: ReadonlySet<string> | undefined;
export function startupModes(list: string | undefined): void {
  onlyModes = list ? new Set(list.split(",").map((mode) => mode.trim())) : undefined;
}

/**
 * The ways orgform is run: its build, its sources, and optionally other checkouts' executables
 * (`--baseline DIR[,DIR…]`, e.g. an older commit unpacked with `git archive`), for before → after
 * figures from one run on one machine.
 */
function modes(baselineDirs: string | undefined): ReadonlyArray<{ mode: Mode; baseline?: string; bin: string; env: NodeJS.ProcessEnv }> {
  const all = [
    { mode: "compiled" as const, bin: ORGFORM_BIN, env: { ORGFORM_FROM_SOURCE: "" } },
    { mode: "sources" as const, bin: ORGFORM_BIN, env: { ORGFORM_FROM_SOURCE: "1" } },
    ...(baselineDirs ?? "")
      .split(",")
      .filter(Boolean)
      .map((dir) => ({ mode: "baseline" as const, baseline: basename(resolve(dir)), bin: resolve(dir, "src", "cli", "bin.cjs"), env: {} })),
  ];
  return all.filter(({ mode }) => !onlyModes || onlyModes.has(mode));
}

// node -e 0, plus reporting its CPU time at exit as orgform does (one require of node:fs).
const FLOOR_SCRIPT = `process.once("exit",()=>{const c=process.cpuUsage();require("node:fs").writeFileSync(process.env.ORGFORM_STARTUP_MARKS,JSON.stringify({marks:{exit:performance.now()},cpuMs:(c.user+c.system)/1000}))})`;

/** `node -e 0` and `orgform version` in both modes. */
export async function measureStartupFloor(repeat: number, baselineDir?: string): Promise<StartupMeasurement[]> {
  // node -e 0, plus reporting its CPU time at exit as orgform does (one require of node:fs).
  const rows = [await medianRun("node -e 0", repeat, () => runOnce(["-e", FLOOR_SCRIPT], REPO, {}))];
  for (const { mode, baseline, bin, env } of modes(baselineDir)) rows.push(await medianRun("orgform version", repeat, () => runOnce([bin, "version"], REPO, env), { mode, baseline }));
  return rows;
}

/**
 * A no-op `orgform plan` over the project in `projectDir` (its state file is copied in from
 * `stateFile` first), in every mode, warm and cold. The runs are interleaved (each round runs
 * `node -e 0` and every variant once), so that a machine whose load changes over minutes weighs
 * on every variant alike; this size's own `node -e 0` row is the ratios' floor.
 */
export async function measureStartupPlan(n: number, projectDir: string, stateFile: string, env: NodeJS.ProcessEnv, repeat: number, baselineDir?: string): Promise<StartupMeasurement[]> {
  copyFileSync(stateFile, join(projectDir, stateFile.split("/").pop()!));
  const variants = modes(baselineDir).flatMap(({ mode, baseline, bin, env: modeEnv }) =>
    [false, true].map((cold) => ({ mode, baseline, bin, cold, env: { ...env, ...modeEnv, ...(cold ? { TSX_DISABLE_CACHE: "1" } : {}) }, runs: [] as StartupRun[] })),
  );
  // Unmeasured runs fill each mode's warm caches (and the OS's file cache): three, as the module
  // pack (src/cli/module-pack.cjs) is written by a directory's second command and gains its code
  // on the third.
  for (let warming = 0; warming < 3; warming++) for (const variant of variants) if (!variant.cold) await runOnce([variant.bin, "plan", "--no-color"], projectDir, variant.env);
  const floor: StartupRun[] = [];
  for (let i = 0; i < Math.max(1, repeat); i++) {
    floor.push(await runOnce(["-e", FLOOR_SCRIPT], REPO, {}));
    for (const variant of variants) variant.runs.push(await runOnce([variant.bin, "plan", "--no-color"], projectDir, variant.env));
  }
  return [
    summarize("node -e 0", floor, { n }),
    ...variants.map(({ mode, baseline, cold, runs }) => summarize("orgform plan (no-op)", runs, { n, mode, baseline, cold })),
  ];
}

const ms = (value: number | undefined) => (value === undefined ? "" : `${Math.round(value)} ms`);

/** The start-up table: wall, ratio to `node -e 0` measured in the same run, and the split. */
export function printStartup(report: StartupReport): void {
  const floorRow = report.rows.find((row) => row.label === "node -e 0")!.median;
  const floor = floorRow.wallMs;
  const floorCpu = floorRow.cpuMs;
  // A size's rows are measured against the node -e 0 runs interleaved with them.
  const floorFor = (row: StartupMeasurement) => report.rows.find((other) => other.label === "node -e 0" && other.n === row.n)?.median ?? floorRow;
  console.log(`\nStart-up: whole processes, median of runs; ratios to node -e 0 (${ms(floor)} wall, ${ms(floorCpu)} CPU; each size's plans to its own node -e 0 runs, interleaved with them) in the same run${report.buildFresh ? "" : " (dist/ was stale: the compiled rows ran the sources)"}`);
  console.log("On a loaded machine wall times swing; CPU (user + system of the process) is the steadier measure.");
  const header = ["what", "N", "code", "cache", "wall", "× node", "CPU", "CPU × node", "start", "load", "synth", "plan", "runs"];
  const rows = report.rows.map((row) => [
    row.label,
    row.n === undefined ? "" : String(row.n),
    row.staleBuild ? "compiled (stale: ran sources)" : row.baseline ? `baseline ${row.baseline}` : row.mode ?? "",
    row.cold === undefined ? "" : row.cold ? "cold" : "warm",
    ms(row.median.wallMs),
    `${(row.median.wallMs / floorFor(row).wallMs).toFixed(1)}×`,
    ms(row.median.cpuMs),
    row.median.cpuMs !== undefined && floorFor(row).cpuMs ? `${(row.median.cpuMs / floorFor(row).cpuMs!).toFixed(1)}×` : "",
    ms(row.median.phases?.startMs),
    ms(row.median.phases?.loadMs),
    row.median.phases && row.n !== undefined ? ms(row.median.phases.synthMs) : "",
    row.median.phases && row.n !== undefined ? ms(row.median.phases.planMs) : "",
    row.walls.join("/"),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}
