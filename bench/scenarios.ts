/**
 * The benchmark's scenarios, each a few engine calls measured as one phase: synth, the no-op
 * plan, the plan and apply of 10% changes, the per-resource refresh baseline, and the apply of
 * 100 creates. They call the engine's functions directly (openStack, makePlan, applyPlan), so
 * the CPU and memory measured are the engine's.
 */
import { applyPlan, type ApplyResult } from "../src/apply/apply";
import { synth } from "../src/config/synth";
import { makePlan } from "../src/plan/plan";
import type { Plan } from "../src/plan/types";
import { openStack, type OpenStack } from "../src/project/open";
import type { ProviderRegistry } from "../src/provider/registry";
import type { StateBackend } from "../src/state/backend";
import type { ResourceState, StateDocument } from "../src/state/document";
import { emptyState } from "../src/state/document";
import { spawn } from "node:child_process";
import { copyFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { counterDelta, type EmulatorWorker } from "./emulators";
import { mainThreadCpuMs, measure, type Measurement } from "./measure";

export interface Engine {
  readonly registry: ProviderRegistry;
  readonly emulators: EmulatorWorker;
  /** Where every project of one size keeps its state, so the changed stack plans against it. */
  readonly stateDir: string;
}

const PLAN_OPTIONS = { mode: "normal" as const, refresh: true, targets: [], replace: [] };

export async function measureSynth(projectDir: string): Promise<Measurement> {
  return (await measure(undefined, async () => synth({ projectDir }))).measurement;
}

export function open(engine: Engine, projectDir: string): OpenStack {
  return openStack({ projectDir, registry: engine.registry, env: { ...process.env, ...engine.emulators.environment() }, stateDirOverride: engine.stateDir });
}

/**
 * Where a plan's time went: open (load + graph; synth is cached), state read, makePlan (refresh
 * + diff); wall and main-thread CPU (10 ms ticks) for each.
 */
export interface PlanBreakdown {
  readonly openMs: number;
  readonly readStateMs: number;
  readonly makePlanMs: number;
  readonly openCpuMs?: number;
  readonly readStateCpuMs?: number;
  readonly makePlanCpuMs?: number;
}

export interface PlanRun {
  readonly plan: Plan;
  readonly opened: OpenStack;
  readonly measurement: Measurement;
  readonly breakdown: PlanBreakdown;
}

/** Open the stack (synth already done: the in-process app is cached), read state, plan. */
export async function measurePlan(engine: Engine, projectDir: string, mode: "normal" | "refresh-only" = "normal"): Promise<PlanRun> {
  const { result, measurement } = await measure(engine.emulators, async () => {
    const t0 = performance.now();
    const c0 = mainThreadCpuMs();
    const opened = open(engine, projectDir);
    const t1 = performance.now();
    const c1 = mainThreadCpuMs();
    const prevRun = (await opened.backend.read()) ?? emptyState();
    const journal = await opened.backend.readJournal();
    const t2 = performance.now();
    const c2 = mainThreadCpuMs();
    const plan = await makePlan(opened.context, prevRun, { ...PLAN_OPTIONS, mode, journal });
    const t3 = performance.now();
    const c3 = mainThreadCpuMs();
    const cpu = c0 === undefined ? {} : { openCpuMs: c1! - c0, readStateCpuMs: c2! - c1!, makePlanCpuMs: c3! - c2! };
    return { plan, opened, breakdown: { openMs: t1 - t0, readStateMs: t2 - t1, makePlanMs: t3 - t2, ...cpu } };
  });
  return { ...result, measurement };
}

/** The median run (by wall time) of `times` plans; `walls` keeps every run's wall time. */
export async function measurePlanRepeated(
  engine: Engine,
  projectDir: string,
  times: number,
  check: (plan: Plan) => void,
  mode: "normal" | "refresh-only" = "normal",
): Promise<PlanRun & { walls: number[] }> {
  const runs: PlanRun[] = [];
  for (let i = 0; i < Math.max(1, times); i++) {
    const run = await measurePlan(engine, projectDir, mode);
    check(run.plan);
    runs.push(run);
  }
  const sorted = [...runs].sort((a, b) => a.measurement.wallMs - b.measurement.wallMs);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return { ...median, walls: runs.map((run) => Math.round(run.measurement.wallMs)) };
}

/** State writes and journal appends an apply made, and the main-thread time their calls took (serializing). */
export interface PersistenceTime {
  readonly stateWrites: number;
  readonly stateWriteMs: number;
  readonly journalAppends: number;
  readonly journalAppendMs: number;
}

export async function measureApply(
  engine: Engine,
  opened: OpenStack,
  plan: Plan,
  parallelism: number,
  backend: StateBackend = opened.backend,
): Promise<{ result: ApplyResult; measurement: Measurement; persistence: PersistenceTime }> {
  // Bench-only instrumentation of this backend instance: how long its writes take.
  const tally = { stateWrites: 0, stateWriteMs: 0, journalAppends: 0, journalAppendMs: 0 };
  const write = backend.write.bind(backend);
  const append = backend.appendJournal.bind(backend);
  // A backend serializes synchronously inside the call and does its file work after: timing the
  // call itself is the main thread's share, with nothing else counted in (awaiting the promise
  // would also count the fsync in the thread pool and other tasks queued ahead of us).
  backend.write = (state) => {
    const started = performance.now();
    const done = write(state);
    tally.stateWrites++;
    tally.stateWriteMs += performance.now() - started;
    return done;
  };
  backend.appendJournal = (entry) => {
    const started = performance.now();
    const done = append(entry);
    tally.journalAppends++;
    tally.journalAppendMs += performance.now() - started;
    return done;
  };
  try {
    const { result, measurement } = await measure(engine.emulators, () => applyPlan(opened.context, plan, backend, { parallelism }));
    return { result, measurement, persistence: tally };
  } finally {
    backend.write = write;
    backend.appendJournal = append;
  }
}

/**
 * How per-resource providers refresh: one read() per object in state, `parallelism` at a time.
 * Types whose read costs no request (null_resource) are read too; they add no requests.
 */
export async function measurePerResourceRefresh(engine: Engine, opened: OpenStack, state: StateDocument, parallelism: number): Promise<Measurement> {
  const managed = [...state.resources.values()].filter((resource) => resource.mode === "managed");
  const { measurement } = await measure(engine.emulators, async () => {
    let next = 0;
    const worker = async () => {
      for (;;) {
        const resource: ResourceState | undefined = managed[next++];
        if (!resource) return;
        const type = opened.context.resourceType(resource.address, resource.type);
        await type.read(opened.context.operation(resource.address, resource.provider), resource.attributes);
      }
    };
    await Promise.all(Array.from({ length: parallelism }, worker));
  });
  return measurement;
}

/** Counts a plan's changes by action, e.g. { "no-op": 990, update: 9, replace: 81 }. */
export function actionCounts(plan: Plan): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const change of plan.changes) counts[change.action] = (counts[change.action] ?? 0) + 1;
  return counts;
}

export function assertNoOp(plan: Plan, what: string): void {
  const changed = plan.changes.filter((change) => change.action !== "no-op");
  if (changed.length > 0 || plan.drift.length > 0) {
    throw new Error(`${what}: expected a no-op plan, got ${changed.length} changes (${changed.slice(0, 3).map((c) => `${c.action} ${c.address}`).join(", ")}) and ${plan.drift.length} drift entries`);
  }
}

/** `orgform plan` as a user runs it; wall time is the whole process's, from spawn to exit. */
export interface CliPlanRun {
  readonly wallMs: number;
  readonly requests: number;
  readonly exitCode: number | null;
}

/**
 * A new `orgform plan --detailed-exitcode` process in the project, as in CI: node starts, loads
 * orgform, synthesizes the stack with cdktf and plans against the same emulators and state (the
 * state file is copied where the stack's local backend looks). Exit 0 means no changes.
 */
export async function measureCliPlan(engine: Engine, projectDir: string, stack: string): Promise<CliPlanRun> {
  const file = `terraform.${stack}.tfstate`;
  copyFileSync(join(engine.stateDir, file), join(projectDir, file));
  const before = await engine.emulators.counters();
  const started = performance.now();
  const exitCode = await new Promise<number | null>((resolvePromise, reject) => {
    const child = spawn(process.execPath, [ORGFORM_BIN, "plan", "--no-color", "--detailed-exitcode"], {
      cwd: projectDir,
      env: { ...process.env, ...engine.emulators.environment(), CI: "true" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("error", reject);
    child.on("close", (code) => resolvePromise(code));
  });
  const wallMs = performance.now() - started;
  const requests = Object.values(counterDelta(before, await engine.emulators.counters())).reduce((sum, n) => sum + n, 0);
  return { wallMs, requests, exitCode };
}

const ORGFORM_BIN = resolve(__dirname, "..", "src", "cli", "bin.cjs");
