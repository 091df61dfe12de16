/**
 * `npm run bench`: how the engine scales. For each size N it synthesizes a real cdktf stack of
 * every provider's bench part (providers/<api>/examples.ts, through the manifest), makes it in
 * the emulators with a zero-latency apply, and measures the no-op plan, the per-resource refresh
 * baseline, the plan and the apply of 10% changes, and the no-op plan at zero latency (engine
 * overhead); then the apply of 100 creates. Prints a table and the targets (PASS/MISS) and
 * writes bench/results/<timestamp>.json. Flags: see README.md or --help.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { ProviderRegistry } from "../src/provider/registry";
import { builtInProviders } from "../providers/registry";
import { emptyState } from "../src/state/document";
import { EmulatorWorker } from "./emulators";
import { SerializeOnlyBackend } from "./memory-backend";
import { collectGarbage, engineCpuSource, measure } from "./measure";
import { collections, createsIdeal, hostConcurrency, lowerBounds, type LowerBounds } from "./bounds";
import { actionCounts, assertNoOp, measureApply, measureCliPlan, type CliPlanRun, measurePerResourceRefresh, measurePlan, measurePlanRepeated, measureSynth, open, type Engine } from "./scenarios";
import { BenchProject, NULL_SHARE, STACK_NAME, benchParts, changedShape, countsByType, familiesFor, familySizes, resourceCount, shapeFor, type Sizing, type StackSpec } from "./stack";
import { evaluateTargets, printReport, type SizeResult, type BenchReport } from "./report";
import { createsWireFloor, recordRequests, refreshWireFloor, type RecordedRequest } from "./wire-floor";
import type { Measurement } from "./measure";
import { profiled } from "./profile";
import { buildIsFresh, profileStartupTo, startupModes, measureStartupFloor, measureStartupPlan, printStartup, type StartupMeasurement, type StartupReport } from "./startup";

/** The median (by wall time) of `times` runs of a measured phase. */
async function medianOf(times: number, run: () => Promise<Measurement>): Promise<Measurement> {
  const runs: Measurement[] = [];
  for (let i = 0; i < Math.max(1, times); i++) runs.push(await run());
  return runs.sort((a, b) => a.wallMs - b.wallMs)[Math.floor((runs.length - 1) / 2)]!;
}

interface Options {
  readonly sizes: number[];
  readonly latencyMs: number;
  readonly parallelism: number;
  /** Each bench part's share of N, children per parent, and the part that takes the rest. */
  readonly sizing: Sizing;
  /** The bench part whose families make the apply of 100 creates. */
  readonly creates: string;
  readonly applyMaxSize: number;
  readonly repeat: number;
  readonly keep: boolean;
  /** Where to write CPU profiles of the no-op plan and the 100 creates (none when undefined). */
  readonly profileDir: string | undefined;
  /** Only the start-up section (bench/startup.ts): node -e 0, orgform version, orgform plan per size. */
  readonly startupOnly: boolean;
  /** Another checkout whose `orgform` the start-up section also runs (before → after). */
  readonly baselineDir: string | undefined;
  /** Where the start-up section's orgform processes write CPU profiles (none when undefined). */
  readonly startupProfileDir: string | undefined;
  /** Which of compiled, sources, baseline the start-up section runs (all when undefined). */
  readonly startupModes: string | undefined;
}

const partList = (describe: (part: (typeof benchParts)[number][1]) => string | number) => benchParts.map(([provider, part]) => `${provider}=${describe(part)}`).join(",");

const HELP = `Usage: npm run bench -- [--sizes 100,1000,10000] [--latency 25] [--parallelism 10]
                      [--share PROVIDER=FRACTION,…] [--children PROVIDER=N,…] [--creates PROVIDER]
                      [--apply-max-size 10000] [--repeat 3] [--quick] [--keep]
                      [--profile DIR] [--startup-only] [--baseline DIR[,DIR…]] [--startup-profile DIR]
                      [--startup-modes compiled,sources,baseline]
  --sizes           stack sizes (resources) to run, comma-separated
  --latency         ms added by the emulators to every request
  --parallelism     apply and per-resource-refresh parallelism
  --share           share of N that is each provider's families (0: none); repeatable
                    (default ${partList((part) => part.share)}; 10% are null_resources;
                    what the shares leave goes to the largest share not given)
  --children        children per parent, the size of each child collection; repeatable
                    (default ${partList((part) => part.children)})
  --creates         whose families make the apply of 100 creates (default ${defaultCreates()})
  --apply-max-size  skip the apply of 10% changes above this size (at N=10,000 it
                    takes a few seconds: state is written in the background)
  --repeat          no-op plans, the 100 creates and the wire floors run this many
                    times; the median is reported
  --quick           --sizes 100,1000 (about a minute)
  --keep            keep the generated stacks (cdktf apps) in the temp dir
  --startup-only    only the start-up section: node -e 0, orgform version and a no-op
                    orgform plan per size (compiled and sources, warm and cold cache)
  --baseline        other checkouts (e.g. an older commit from git archive, with
                    node_modules) whose orgform the start-up section runs too
  --startup-modes   run only these of compiled, sources, baseline in the start-up section
  --profile         write CPU profiles (main thread) of the 25 ms no-op plans and of the
                    100 creates to DIR, and print self time by file and function
  --startup-profile every orgform process of the start-up section writes a CPU profile
                    (node --cpu-prof) to DIR; summarize one with
                    tsx bench/profile.ts DIR/<file>.cpuprofile`;

/** The first bench part that says its families make the 100 creates, else the first without people to seed. */
function defaultCreates(): string {
  return (benchParts.find(([, part]) => part.creates) ?? benchParts.find(([, part]) => !part.people))?.[0] ?? "(none)";
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
  };
  const number = (name: string, fallback: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
    return n;
  };
  /** Every `--name provider=number` (repeated, or comma-separated), by provider. */
  const perProvider = (name: string): Record<string, number> => {
    const given: Record<string, number> = {};
    argv.forEach((arg, i) => {
      const raw = arg === name ? argv[i + 1] : arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : undefined;
      for (const item of raw?.split(",") ?? []) {
        const [provider, amount] = item.split("=");
        const n = Number(amount);
        if (!benchParts.some(([known]) => known === provider)) throw new Error(`${name} ${item}: no bench part named ${provider} (${benchParts.map(([known]) => known).join(", ")})`);
        if (amount === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${name} ${item}: expected ${provider}=<non-negative number>`);
        given[provider!] = n;
      }
    });
    return given;
  };
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(HELP);
    process.exit(0);
  }
  const quick = argv.includes("--quick");
  const sizes = (value("--sizes") ?? (quick ? "100,1000" : "100,1000,10000")).split(",").map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 10)) throw new Error(`--sizes must be integers ≥ 10`);
  const given = perProvider("--share");
  const shares = Object.fromEntries(benchParts.map(([provider, part]) => [provider, given[provider] ?? part.share]));
  const named = Object.values(given).reduce((sum, share) => sum + share, 0);
  if (named > 1 - NULL_SHARE) throw new Error(`--share: the shares given add up to ${named}; at most ${1 - NULL_SHARE} (10% are null_resources)`);
  // What the shares leave (or take beyond 90%) goes to the largest share not given, else the largest.
  const bySize = [...benchParts].sort(([a], [b]) => shares[b]! - shares[a]!).map(([provider]) => provider);
  const sink = bySize.find((provider) => !(provider in given)) ?? bySize[0] ?? "";
  const children = perProvider("--children");
  for (const [provider, n] of Object.entries(children)) if (!Number.isInteger(n)) throw new Error(`--children ${provider}=${n}: expected a whole number`);
  const creates = value("--creates") ?? defaultCreates();
  const createsPart = benchParts.find(([provider]) => provider === creates)?.[1];
  if (!createsPart) throw new Error(`--creates ${creates}: no bench part of that name (${benchParts.map(([provider]) => provider).join(", ")})`);
  // Every run starts from fresh emulators, where seeded people would get new ids the stack does not name.
  if (createsPart.people) throw new Error(`--creates ${creates}: its children name people the API cannot make; choose a part without them`);
  return {
    sizes,
    latencyMs: number("--latency", 25),
    parallelism: Math.max(1, number("--parallelism", 10)),
    sizing: { shares, children: Object.fromEntries(benchParts.map(([provider, part]) => [provider, children[provider] ?? part.children])), sink },
    creates,
    applyMaxSize: number("--apply-max-size", 10_000),
    repeat: Math.max(1, Math.round(number("--repeat", 3))),
    keep: argv.includes("--keep"),
    profileDir: value("--profile"),
    startupOnly: argv.includes("--startup-only"),
    baselineDir: value("--baseline"),
    startupProfileDir: value("--startup-profile"),
    startupModes: value("--startup-modes"),
  };
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Seeds the people each part's families name (the API cannot make them): their ids by provider. */
async function seedPeople(emulators: EmulatorWorker, families: Readonly<Record<string, readonly number[]>>): Promise<Record<string, string[]>> {
  const people: Record<string, string[]> = {};
  for (const [provider, part] of benchParts) {
    const count = part.people && (families[provider]?.length ?? 0) > 0 ? part.people.count(families[provider]!) : 0;
    if (count > 0) people[provider] = await emulators.seedPeople(provider, count);
  }
  return people;
}

/** Applies the whole stack to empty emulators at zero latency: the world the phases start from. Returns the apply's requests if asked to record them. */
async function makeWorld(engine: Engine, projectDir: string, what: string, record = false): Promise<RecordedRequest[]> {
  const planned = await measurePlan(engine, projectDir);
  const applying = () => measureApply(engine, planned.opened, planned.plan, WORLD_PARALLELISM);
  const { result: applied, requests } = record ? await recordRequests(applying) : { result: await applying(), requests: [] };
  const failures = applied.result.failures;
  if (failures.length > 0) throw new Error(`${what}: the apply that makes the world failed: ${failures.slice(0, 3).map((f) => `${f.address}: ${(f.error as Error)?.message ?? f.error}`).join("; ")}`);
  return requests;
}

/** The zero-latency apply that makes each size's world: parallelism does not change what it makes, only how soon. */
const WORLD_PARALLELISM = 32;

const describe = (counts: Readonly<Record<string, number>>) => Object.entries(counts).map(([type, count]) => `${count} ${type}`).join(", ");

async function runSize(n: number, options: Options, registry: ProviderRegistry, emulators: EmulatorWorker, startup: StartupMeasurement[]): Promise<SizeResult | undefined> {
  await emulators.reset();
  await emulators.setLatency(0);
  const families = familiesFor(n, options.sizing);
  // People join an organization outside the API: they exist before the stack names them.
  const people = await seedPeople(emulators, families);
  const spec = shapeFor(families, people, Math.round(n * NULL_SHARE));
  const changed = changedShape(spec);
  const base = new BenchProject(spec, `n${n}`);
  const edited = new BenchProject(changed.spec, `n${n}-changed`);
  const engine: Engine = { registry, emulators, stateDir: join(base.dir, "state") };
  const byType = countsByType(spec);
  try {
    log(`N=${resourceCount(spec)}: synth (${describe(byType)})`);
    const synthBase = await measureSynth(base.dir);
    await measureSynth(edited.dir);

    log(`N=${n}: make the world: apply the stack at 0 ms (parallelism ${WORLD_PARALLELISM})`);
    const world = await measure(emulators, () => makeWorld(engine, base.dir, `N=${n}`));
    log(`N=${n}: made in ${(world.measurement.wallMs / 1000).toFixed(1)} s (${world.measurement.requests} requests)`);
    const state = (await open(engine, base.dir).backend.read()) ?? emptyState();
    // One write of the whole state: what apply pays per change (see the apply rows).
    const stateWrite = await measure(undefined, () => open(engine, base.dir).backend.write(state));

    // Warm-up at zero latency (connections, JIT) and the check that the world is a no-op; its
    // requests are what the wire floor sends again.
    const warm = await recordRequests(() => measurePlan(engine, base.dir));
    assertNoOp(warm.result.plan, `N=${n} warm-up`);
    log(`N=${n}: start-up: orgform plan as a new process, compiled and from sources, warm and cold cache, ${options.repeat}× each`);
    startup.push(...(await measureStartupPlan(n, base.dir, join(engine.stateDir, `terraform.${STACK_NAME}.tfstate`), emulators.environment(), options.repeat, options.baselineDir)));
    if (options.startupOnly) return undefined;
    log(`N=${n}: no-op plan at 0 ms (engine overhead), ${options.repeat}×`);
    const zeroLatencyPlan = await measurePlanRepeated(engine, base.dir, options.repeat, (plan) => assertNoOp(plan, `N=${n} zero-latency plan`));

    await emulators.setLatency(options.latencyMs);
    log(`N=${n}: no-op plan at ${options.latencyMs} ms, ${options.repeat}×`);
    const noop = await profiled(options.profileDir, `noop-plan-n${n}`, () => measurePlanRepeated(engine, base.dir, options.repeat, (plan) => assertNoOp(plan, `N=${n} no-op plan`)), emulators);
    const refreshOnly = await measurePlanRepeated(engine, base.dir, options.repeat, (plan) => assertNoOp(plan, `N=${n} refresh-only`), "refresh-only");
    log(`N=${n}: orgform plan as CI runs it (a new process: start, synth, plan), ${options.repeat}×`);
    const cliRuns: CliPlanRun[] = [];
    for (let run = 0; run < options.repeat; run++) {
      const cli = await measureCliPlan(engine, base.dir, STACK_NAME);
      if (cli.exitCode !== 0) throw new Error(`N=${n}: orgform plan exited ${cli.exitCode}, expected 0 (no changes)`);
      cliRuns.push(cli);
    }
    const cliPlan = { ...[...cliRuns].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((cliRuns.length - 1) / 2)]!, walls: cliRuns.map((run) => Math.round(run.wallMs)) };
    log(`N=${n}: the same list calls from a bare HTTP client (wire floor), ${options.repeat}×`);
    const refreshWire = await medianOf(options.repeat, () => refreshWireFloor(emulators, warm.requests));

    log(`N=${n}: per-resource refresh (one read() per resource, parallelism ${options.parallelism})`);
    const perResource = await measurePerResourceRefresh(engine, noop.opened, state, options.parallelism);

    log(`N=${n}: plan of ${changed.changed} changed resources`);
    const changedPlan = await measurePlan(engine, edited.dir);
    let apply: SizeResult["apply"];
    if (n <= options.applyMaxSize) {
      log(`N=${n}: apply (parallelism ${options.parallelism})`);
      const applied = await measureApply(engine, changedPlan.opened, changedPlan.plan, options.parallelism);
      const failures = applied.result.failures;
      if (failures.length > 0) throw new Error(`N=${n} apply failed: ${failures.slice(0, 3).map((f) => `${f.address}: ${(f.error as Error)?.message ?? f.error}`).join("; ")}`);
      apply = { measurement: applied.measurement, persistence: applied.persistence, counts: { added: applied.result.added, changed: applied.result.changed, destroyed: applied.result.destroyed } };
      await emulators.setLatency(0);
      const after = await measurePlan(engine, edited.dir);
      assertNoOp(after.plan, `N=${n} plan after apply`);
    }
    await emulators.setLatency(0);

    const bounds: LowerBounds = lowerBounds(collections(noop.opened.context, state), options.latencyMs, hostConcurrency(emulators));
    return {
      n: resourceCount(spec),
      shape: { byType, people: Object.fromEntries(Object.entries(people).map(([provider, ids]) => [provider, ids.length])), changed: changed.changed, world: world.measurement },
      synth: synthBase,
      zeroLatencyPlan: { ...zeroLatencyPlan.measurement, breakdown: zeroLatencyPlan.breakdown, walls: zeroLatencyPlan.walls },
      noopPlan: { ...noop.measurement, breakdown: noop.breakdown, walls: noop.walls },
      refreshOnlyPlan: { ...refreshOnly.measurement, breakdown: refreshOnly.breakdown, walls: refreshOnly.walls },
      refreshWireFloor: refreshWire,
      cliPlan,
      stateWrite: stateWrite.measurement,
      perResourceRefresh: perResource,
      changedPlan: { measurement: changedPlan.measurement, breakdown: changedPlan.breakdown, actions: actionCounts(changedPlan.plan) },
      apply,
      bounds,
    };
  } finally {
    if (!options.keep) {
      base.remove();
      edited.remove();
    }
  }
}

/** 100 creates from empty state: 10 parents of the `--creates` part, then 9 children of each. */
async function runCreates(options: Options, registry: ProviderRegistry, emulators: EmulatorWorker) {
  const families = { [options.creates]: familySizes(100, 9) };
  const spec: StackSpec = shapeFor(families, {}, 0);
  const project = new BenchProject(spec, "creates");
  const fresh = async (latencyMs: number) => {
    await emulators.reset();
    await emulators.setLatency(latencyMs);
  };
  try {
    await measureSynth(project.dir);
    // Each run: a fresh emulator and empty state; the median run (by wall time) is reported.
    const runs: Array<Awaited<ReturnType<typeof measureApply>>> = [];
    for (let run = 0; run < options.repeat; run++) {
      const engine: Engine = { registry, emulators, stateDir: join(project.dir, `state-${run}`) };
      await fresh(options.latencyMs);
      const planned = await measurePlan(engine, project.dir);
      if (run === 0) log(`apply of ${planned.plan.changes.length} creates (${describe(countsByType(spec))}) at ${options.latencyMs} ms, parallelism ${options.parallelism}, ${options.repeat}×`);
      const applying = () => measureApply(engine, planned.opened, planned.plan, options.parallelism);
      const applied = run === 0 ? await profiled(options.profileDir, "creates", applying, emulators) : await applying();
      if (applied.result.failures.length > 0) throw new Error(`creates failed: ${String((applied.result.failures[0]!.error as Error)?.message)}`);
      runs.push(applied);
    }
    const applied = [...runs].sort((a, b) => a.measurement.wallMs - b.measurement.wallMs)[Math.floor((runs.length - 1) / 2)]!;
    // The same creates again, on a fresh emulator, with state kept in memory (serialized, no files).
    await fresh(options.latencyMs);
    const inMemoryEngine: Engine = { registry, emulators, stateDir: join(project.dir, "state-in-memory") };
    const replanned = await measurePlan(inMemoryEngine, project.dir);
    const inMemory = await measureApply(inMemoryEngine, replanned.opened, replanned.plan, options.parallelism, new SerializeOnlyBackend());
    log(`the same creates from a bare HTTP client (wire floor), ${options.repeat}×`);
    // Once more at 0 ms, unmeasured, to record the apply's requests for the bare client.
    await fresh(0);
    const recordingEngine: Engine = { registry, emulators, stateDir: join(project.dir, "state-recorded") };
    const recorded = await makeWorld(recordingEngine, project.dir, "creates", true);
    const wireFloor = await medianOf(options.repeat, async () => {
      await fresh(options.latencyMs);
      return createsWireFloor(emulators, recorded, options.parallelism);
    });
    await emulators.setLatency(0);
    const levels = [families[options.creates]!.length, families[options.creates]!.reduce((sum, count) => sum + count, 0)];
    return { creates: applied.result.added, levels, idealMs: createsIdeal(levels, options.parallelism, options.latencyMs), measurement: applied.measurement, walls: runs.map((run) => Math.round(run.measurement.wallMs)), persistence: applied.persistence, inMemory: inMemory.measurement, wireFloor };
  } finally {
    if (!options.keep) project.remove();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  profileStartupTo(options.startupProfileDir);
  startupModes(options.startupModes);
  const registry = new ProviderRegistry(builtInProviders);
  const emulators = new EmulatorWorker();
  await emulators.start();
  const started = Date.now();
  const loadAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
  const sizes: SizeResult[] = [];
  const buildFresh = buildIsFresh();
  try {
    log(`start-up floor: node -e 0 and orgform version, ${options.repeat}× each${buildFresh ? "" : " (dist/ is stale or missing: run npm run build first)"}`);
    const startup: StartupReport = { buildFresh, rows: await measureStartupFloor(options.repeat, options.baselineDir) };
    let creates: Awaited<ReturnType<typeof runCreates>> | undefined;
    for (const n of options.sizes) {
      const size = await runSize(n, options, registry, emulators, startup.rows);
      collectGarbage();
      if (!size) continue;
      sizes.push(size);
      // The 100 creates run once the first size has warmed the apply path, and before a large
      // size leaves the process (and the emulators' thread) in a state no CLI run of 100 creates has.
      creates ??= await runCreates(options, registry, emulators);
    }
    if (options.startupOnly) {
      printStartup(startup);
      writeResults({ startedAt: new Date(started).toISOString(), environment: { loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100), node: process.version, cpus: cpus().length }, options, startup });
      return;
    }
    if (!creates) throw new Error("no size ran");
    const report: BenchReport = {
      startedAt: new Date(started).toISOString(),
      durationS: (Date.now() - started) / 1000,
      environment: { loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100), node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "?", totalMemGb: Math.round(totalmem() / 2 ** 30), engineCpu: engineCpuSource, gcExposed: typeof (globalThis as { gc?: unknown }).gc === "function", tmpdir: tmpdir() },
      options,
      providers: `builtInProviders; bench parts ${benchParts.map(([provider]) => provider).join(", ")} and null_resources`,
      sizes,
      creates,
      targets: [],
    };
    report.targets.push(...evaluateTargets(report));
    printReport(report);
    printStartup(startup);
    writeResults({ ...report, startup });
  } finally {
    await emulators.stop();
  }
}

function writeResults(report: { readonly startedAt: string; readonly [key: string]: unknown }): void {
  const dir = resolve(__dirname, "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${report.startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nResults written to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
