/**
 * The benchmark's report: its JSON shape, the targets (issue 9) judged PASS/MISS, and the table
 * printed to stdout. No measuring here.
 */
import type { LowerBounds } from "./bounds";
import type { Measurement } from "./measure";
import type { PersistenceTime, PlanBreakdown } from "./scenarios";

/** A plan measurement (the median of --repeat runs where `walls` is given). */
export type PlanMeasurement = Measurement & { readonly breakdown: PlanBreakdown; readonly walls?: readonly number[] };

export interface SizeResult {
  readonly n: number;
  readonly shape: {
    /** Resources by Terraform type. */
    byType: Record<string, number>;
    /** People seeded first (the API cannot make them), by provider. */
    people: Record<string, number>;
    /** Resources the "10% changed" stack changes. */
    changed: number;
    /** The zero-latency apply that made the world the phases start from. */
    world: Measurement;
  };
  readonly synth: Measurement;
  /** Open (load + graph; synth cached) + state read + plan, emulators answering at once. */
  readonly zeroLatencyPlan: PlanMeasurement;
  readonly noopPlan: PlanMeasurement;
  /** makePlan in refresh-only mode: the refresh alone (plus open and state read). */
  readonly refreshOnlyPlan: PlanMeasurement;
  /** The no-op plan's list calls sent by a bare HTTP client: what the emulators and loopback cost. */
  readonly refreshWireFloor: Measurement;
  /** `orgform plan` in a new process, as CI runs it (start, load, synth, plan): the median run. */
  readonly cliPlan: { readonly wallMs: number; readonly requests: number; readonly walls: number[] };
  /** One write of the whole state through the backend (what apply pays per change). */
  readonly stateWrite: Measurement;
  readonly perResourceRefresh: Measurement;
  readonly changedPlan: { measurement: Measurement; breakdown: PlanBreakdown; actions: Record<string, number> };
  readonly apply?: { measurement: Measurement; persistence: PersistenceTime; counts: { added: number; changed: number; destroyed: number } };
  readonly bounds: LowerBounds;
}

export interface TargetResult {
  readonly target: string;
  readonly status: "PASS" | "MISS" | "NOT RUN";
  readonly measured: string;
}

export interface BenchReport {
  readonly startedAt: string;
  readonly durationS: number;
  readonly environment: Record<string, unknown>;
  readonly options: {
    sizes: number[];
    latencyMs: number;
    parallelism: number;
    sizing: { shares: Readonly<Record<string, number>>; children: Readonly<Record<string, number>>; sink: string };
    creates: string;
    applyMaxSize: number;
    repeat: number;
  };
  readonly providers: string;
  readonly sizes: SizeResult[];
  /** `inMemory`: the same apply with state serialized but kept in memory (no files, no fsync). */
  readonly creates: { creates: number; levels: number[]; idealMs: number; measurement: Measurement; walls: number[]; persistence: PersistenceTime; inMemory: Measurement; wireFloor: Measurement };
  readonly targets: TargetResult[];
}

const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;
const x = (n: number) => `${n.toFixed(2)}×`;

export function evaluateTargets(report: BenchReport): TargetResult[] {
  const { latencyMs } = report.options;
  const at = (n: number) => report.sizes.find((size) => size.n === n);
  const targets: TargetResult[] = [];
  const notRun = (target: string, why: string): TargetResult => ({ target, status: "NOT RUN", measured: why });
  const judge = (target: string, ok: boolean, measured: string): TargetResult => ({ target, status: ok ? "PASS" : "MISS", measured });

  const thousand = at(1000);
  const latencyNote = latencyMs === 25 ? "" : ` (run at ${latencyMs} ms, not 25)`;
  if (!thousand) {
    targets.push(notRun("no-op plan at N=1,000, 25 ms: ≤ 1.5× lower bound", "N=1000 not in --sizes"));
    targets.push(notRun("no-op plan at N=1,000: ≥ 10× fewer requests than one GET per resource", "N=1000 not in --sizes"));
  } else {
    const ratio = thousand.noopPlan.wallMs / Math.max(thousand.bounds.lowerBoundMs, 1e-9);
    targets.push(judge(`no-op plan at N=1,000, 25 ms: ≤ 1.5× lower bound${latencyNote}`, ratio <= 1.5, `${ms(thousand.noopPlan.wallMs)} vs lower bound ${ms(thousand.bounds.lowerBoundMs)} = ${x(ratio)}`));
    const fewer = thousand.perResourceRefresh.requests / Math.max(thousand.noopPlan.requests, 1);
    targets.push(judge("no-op plan at N=1,000: ≥ 10× fewer requests than one GET per resource", fewer >= 10, `${thousand.noopPlan.requests} vs ${thousand.perResourceRefresh.requests} requests = ${x(fewer)} fewer`));
  }
  const tenThousand = at(10_000);
  if (!tenThousand) {
    targets.push(notRun("engine overhead at N=10,000, zero latency: plan < 2 s (synth excluded)", "N=10000 not in --sizes"));
    targets.push(notRun("engine overhead at N=10,000, zero latency: peak RSS < 500 MB", "N=10000 not in --sizes"));
  } else {
    const plan = tenThousand.zeroLatencyPlan;
    targets.push(judge("engine overhead at N=10,000, zero latency: plan < 2 s (synth excluded)", plan.wallMs < 2000, `${ms(plan.wallMs)} wall, ${ms(plan.engineCpuMs)} engine CPU`));
    targets.push(judge("engine overhead at N=10,000, zero latency: peak RSS < 500 MB", plan.peakRssMb < 500, `${Math.round(plan.peakRssMb)} MB peak (${Math.round(plan.startRssMb)} MB at start)`));
  }
  const { creates } = report;
  const ratio = creates.measurement.wallMs / creates.idealMs;
  targets.push(
    judge(
      `apply of ${creates.creates} creates at ${latencyMs} ms, parallelism ${report.options.parallelism}: ≤ 1.3× Σ ceil(level/p) × latency`,
      ratio <= 1.3,
      `${ms(creates.measurement.wallMs)} vs ideal ${ms(creates.idealMs)} (levels ${creates.levels.join(" + ")}) = ${x(ratio)}`,
    ),
  );
  return targets;
}

function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function row(size: string, phase: string, m: Measurement, extra = ""): string[] {
  return [size, phase, ms(m.wallMs), ms(m.engineCpuMs), ms(m.processCpuMs), `${Math.round(m.peakRssMb)}`, String(m.requests), extra];
}

function topRoutes(m: Measurement): string {
  return Object.entries(m.requestsByRoute)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([route, count]) => `${count} ${route.replace("/api/admin/organizations", "/orgs").replace("/v1/organizations", "").replace("/v1/organization", "").replace("/organizations/:orgId", "")}`)
    .join(", ");
}


/** Whether the bare client made exactly the engine's requests (the plan's, or the apply's), route by route. */
function sameRoutes(wire: Measurement, engine: Measurement, what = "plan"): string {
  const routes = new Set([...Object.keys(wire.requestsByRoute), ...Object.keys(engine.requestsByRoute)]);
  const differ = [...routes].filter((route) => wire.requestsByRoute[route] !== engine.requestsByRoute[route]);
  return differ.length === 0 ? `same requests as the ${what}` : `differs from the ${what} on ${differ.join(", ")}`;
}

function planNotes(m: PlanMeasurement): string {
  const b = m.breakdown;
  const runs = m.walls && m.walls.length > 1 ? `; runs ${m.walls.join("/")} ms` : "";
  const cpu = b.openCpuMs === undefined ? "" : ` (CPU ${b.openCpuMs} + ${b.readStateCpuMs} + ${b.makePlanCpuMs})`;
  return `open ${Math.round(b.openMs)} + state ${Math.round(b.readStateMs)} + makePlan ${Math.round(b.makePlanMs)} ms${cpu}${runs}; ${topRoutes(m)}`;
}

function persistenceNotes(p: PersistenceTime): string {
  // Writes run in the background; what they cost the main thread is serializing the state.
  return `${p.stateWrites} state writes (${Math.round(p.stateWriteMs)} ms of main thread), ${p.journalAppends} journal appends (${Math.round(p.journalAppendMs)} ms)`;
}

export function printReport(report: BenchReport): void {
  const { latencyMs, parallelism } = report.options;
  console.log(`\norgform benchmark — ${report.startedAt}, ${report.environment.node}, ${report.environment.cpus} CPUs, latency ${latencyMs} ms, parallelism ${parallelism}`);
  console.log(`providers: ${report.providers}; engine CPU: ${report.environment.engineCpu}; load average ${String(report.environment.loadAverageAtStart)} → ${String(report.environment.loadAverageAtEnd)}\n`);
  const rows: string[][] = [];
  for (const size of report.sizes) {
    const label = `N=${size.n}`;
    rows.push(row(label, "synth (cdktf, in-process)", size.synth));
    rows.push(row(label, "one state write (whole state)", size.stateWrite));
    rows.push(row(label, "no-op plan, 0 ms latency", size.zeroLatencyPlan, planNotes(size.zeroLatencyPlan)));
    rows.push(row(label, `no-op plan, ${latencyMs} ms`, size.noopPlan, planNotes(size.noopPlan)));
    rows.push(row(label, `refresh-only plan, ${latencyMs} ms`, size.refreshOnlyPlan, planNotes(size.refreshOnlyPlan)));
    rows.push([label, "orgform plan, a new process", ms(size.cliPlan.wallMs), "", "", "", String(size.cliPlan.requests), `node start + load + synth + plan, as in CI; runs ${size.cliPlan.walls.join("/")} ms`]);
    rows.push(row(label, `same list calls, bare HTTP client`, size.refreshWireFloor, `wire floor; ${sameRoutes(size.refreshWireFloor, size.noopPlan)}`));
    rows.push(row(label, `per-resource refresh, p=${parallelism}`, size.perResourceRefresh, topRoutes(size.perResourceRefresh)));
    const actions = Object.entries(size.changedPlan.actions).filter(([action]) => action !== "no-op").map(([action, count]) => `${count} ${action}`).join(", ");
    rows.push(row(label, `plan, ${size.shape.changed} changed`, size.changedPlan.measurement, actions));
    if (size.apply) rows.push(row(label, `apply, p=${parallelism}`, size.apply.measurement, persistenceNotes(size.apply.persistence)));
    else rows.push([label, `apply, p=${parallelism}`, "skipped", "", "", "", "", `N above --apply-max-size`]);
  }
  rows.push(row(`creates`, `apply ${report.creates.creates} creates, p=${parallelism}`, report.creates.measurement, `${persistenceNotes(report.creates.persistence)}; runs ${report.creates.walls.join("/")} ms`));
  rows.push(row(`creates`, `same, state in memory (no files)`, report.creates.inMemory, `counterfactual: ${(report.creates.inMemory.wallMs / report.creates.idealMs).toFixed(2)}× ideal ${ms(report.creates.idealMs)}`));
  rows.push(row(`creates`, `same POSTs, bare HTTP client`, report.creates.wireFloor, `wire floor: apply / floor = ${x(report.creates.measurement.wallMs / report.creates.wireFloor.wallMs)}; ${sameRoutes(report.creates.wireFloor, report.creates.measurement, "apply")}`));
  console.log(table(["size", "phase", "wall", "engine CPU", "process CPU", "peak RSS MB", "requests", "notes"], rows));

  console.log(`\nRefresh against its floors (latency ${latencyMs} ms):`);
  console.log(
    table(
      ["size", "collections", "largest", "lower bound", `host-limited (${Object.entries(report.sizes[0]?.bounds.hostConcurrency ?? {}).map(([p, c]) => `${p} ${c}`).join(", ")})`, "wire floor", "no-op plan", "plan / bound", "plan / wire floor", "per-resource", "per-resource / bound", "requests: per-resource / batched"],
      report.sizes.map((size) => [
        `N=${size.n}`,
        String(size.bounds.collections),
        String(size.bounds.largestCollection),
        ms(size.bounds.lowerBoundMs),
        ms(size.bounds.hostLimitedBoundMs),
        ms(size.refreshWireFloor.wallMs),
        ms(size.noopPlan.wallMs),
        x(size.noopPlan.wallMs / Math.max(size.bounds.lowerBoundMs, 1e-9)),
        x(size.noopPlan.wallMs / Math.max(size.refreshWireFloor.wallMs, 1e-9)),
        ms(size.perResourceRefresh.wallMs),
        x(size.perResourceRefresh.wallMs / Math.max(size.bounds.lowerBoundMs, 1e-9)),
        `${size.perResourceRefresh.requests} / ${size.noopPlan.requests} = ${x(size.perResourceRefresh.requests / Math.max(size.noopPlan.requests, 1))}`,
      ]),
    ),
  );

  if (report.sizes.length > 1) {
    // Linear scaling shows as a flat cost per resource from the smallest size to the largest.
    const perResource = (m: Measurement, n: number) => `${Math.round((m.wallMs * 1000) / n)} µs`;
    console.log(`\nCost per resource (flat = linear):`);
    console.log(
      table(
        ["size", "synth", "no-op plan, 0 ms (wall)", "no-op plan, 0 ms (engine CPU)"],
        report.sizes.map((size) => [`N=${size.n}`, perResource(size.synth, size.n), perResource(size.zeroLatencyPlan, size.n), `${Math.round((size.zeroLatencyPlan.engineCpuMs * 1000) / size.n)} µs`]),
      ),
    );
  }

  console.log("\nTargets:");
  for (const target of report.targets) console.log(`  ${target.status.padEnd(7)} ${target.target}: ${target.measured}`);
}
