/**
 * The crash harness (issue 16): a round applies the mixed stack of test/support/crash-world.ts
 * with `orgform apply --auto-approve` as a real child process, under seeded fault plans on every
 * emulator, and SIGKILLs it one, two or three times in a row (the later kills land in the
 * recovery runs). Kill moments are request events (the Nth request to arrive, commit or be
 * answered across the emulators), not wall-clock sleeps, so load does not move them. Mid-run a
 * colleague makes foreign look-alikes through the APIs. Then apply runs without faults until it
 * succeeds (at most MAX_APPLIES times), and the round is judged from the emulators' own stores
 * by CHECKS, each defined once, in what a user would notice.
 */
import { existsSync, readFileSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import type { FaultPlan } from "../../src/emulator/faults";
import type { RequestEvent } from "../../src/emulator/server";
import type { CliResult } from "./cli";
import { CrashWorld, DECLARED_KEYS, SOURCE, STACK, type Foreign, type Seen } from "./crash-world";
import { StackRun, seeded, type StateResource } from "./stack-run";

/** Applies without faults after the kills; a round that needs more did not converge. */
export const MAX_APPLIES = 4;
const FOREIGN_PER_ROUND = 2;

/** The fault plan of every faulted run (seeded per round and emulator). */
export const FAULTS: FaultPlan = {
  latencyMs: 5,
  rate429: 0.02,
  retryAfterSeconds: 0.2,
  rate500: 0.02,
  resetBeforeCommitRate: 0.03,
  resetAfterCommitRate: 0.03,
  status500AfterCommitRate: 0.03,
  malformedAfterCommitRate: 0.02,
  slowRate: 0.1,
  slowMs: 40,
};

export interface KillPoint {
  readonly phase: RequestEvent["phase"];
  /** The Nth event of this phase in that run, counted over all four emulators. */
  readonly n: number;
}

export interface RoundPlan {
  readonly seed: number;
  readonly kills: readonly KillPoint[];
  readonly foreign: ReadonlyArray<{ kind: string; pick: number; atArrival: number }>;
}

/** Seed → the round, so one seed replays one round: 1 + seed % 3 kills in a row. */
export function planRound(seed: number, requestsPerApply: number, foreignKinds: readonly string[]): RoundPlan {
  const random = seeded(seed);
  const phases: Array<RequestEvent["phase"]> = ["arrived", "committed", "answered"];
  const kills = Array.from({ length: 1 + (seed % 3) }, (_, i) => ({
    phase: phases[Math.floor(random() * 3)]!,
    // A recovery run has fewer creates left: its kills land earlier.
    n: 1 + Math.floor(random() * requestsPerApply * (i === 0 ? 1 : 0.6)),
  }));
  const foreign = Array.from({ length: FOREIGN_PER_ROUND }, () => ({
    kind: foreignKinds[Math.floor(random() * foreignKinds.length)]!,
    pick: random(),
    atArrival: 1 + Math.floor(random() * requestsPerApply),
  }));
  return { seed, kills, foreign };
}

/** What the round's world looks like at the end, as a user can see it. */
export interface Snapshot {
  readonly live: readonly Seen[];
  readonly recorded: ReadonlyArray<Seen & { address: string }>;
  readonly foreign: readonly Foreign[];
  /** Everything orgform printed in the round: an orphan it reported is told apart from one it never mentioned. */
  readonly outputs: string;
}

const declared = new Set(DECLARED_KEYS);
const isForeign = (s: Snapshot, id: string) => s.foreign.some((f) => f.id === id);
/**
 * An object a recovery run reported by id as one it can neither adopt nor delete: a look-alike it
 * cannot tell from a colleague's, or a key whose secret only the lost answer carried. orgform
 * never deletes those (it cannot prove it made them); the user is told which ids to check.
 */
const reportedAmbiguous = (s: Snapshot, id: string) => s.outputs.split("\n").some((line) => line.includes(id) && line.includes("deletes none"));
const ours = (s: Snapshot) => s.live.filter((o) => declared.has(o.key) && !isForeign(s, o.id) && !reportedAmbiguous(s, o.id));

/** One definition of each thing a user must never see after a round. */
export const CHECKS: Record<string, (s: Snapshot) => string[]> = {
  /** A declared object that exists twice (not counting a colleague's look-alike). */
  duplicates: (s) =>
    DECLARED_KEYS.flatMap((key) => {
      const found = ours(s).filter((o) => o.key === key);
      return found.length > 1 ? [`${key}: ${found.length} objects (${found.map((o) => o.id).join(", ")})`] : [];
    }),
  /** An object like a declared one, not a colleague's, that no state knows: nobody will ever clean it up. */
  orphans: (s) =>
    ours(s)
      .filter((o) => !s.recorded.some((r) => r.id === o.id))
      .map((o) => {
        const said = s.outputs.split("\n").find((line) => line.includes(o.id));
        return `${o.key} (id ${o.id}) is in no state; ${said ? `orgform said: ${said.trim().slice(0, 300)}` : "orgform never mentioned it"}`;
      }),
  /** A declared object state points at but the API no longer has (or never had). */
  missing: (s) => s.recorded.filter((r) => !s.live.some((o) => o.id === r.id && o.key === r.key)).map((r) => `${r.address} (${r.key}, id ${r.id}) is in state but not in the API`),
  /** A key in state without the secret the API issued for it. */
  secretless: (s) =>
    s.recorded
      .filter((r) => r.hasSecret)
      .flatMap((r) => {
        const issued = s.live.find((o) => o.id === r.id)?.secret;
        if (r.secret === undefined || r.secret === null || r.secret === "") return [`${r.address} (${r.key}, id ${r.id}) has no secret in state`];
        return issued !== undefined && r.secret !== issued ? [`${r.address} (${r.key}, id ${r.id}) holds a secret other than the one the API issued`] : [];
      }),
  /**
   * An object state records that orgform also named as one it can neither adopt nor delete: it
   * told the user its own managed object may be a stranger's, and to delete or revoke it.
   */
  ownReported: (s) =>
    s.recorded
      .filter((r) => reportedAmbiguous(s, r.id))
      .map((r) => `${r.address} (${r.key}, id ${r.id}) is in state, yet orgform said: ${s.outputs.split("\n").find((line) => line.includes(r.id) && line.includes("deletes none"))!.trim().slice(0, 300)}`),
  /** A colleague's look-alike deleted or changed. */
  foreignTouched: (s) =>
    s.foreign.flatMap((f) => {
      const now = s.live.find((o) => o.id === f.id);
      if (!now) return [`foreign ${f.key} (id ${f.id}) was deleted`];
      return now.looks !== f.looks ? [`foreign ${f.key} (id ${f.id}) was modified: ${f.looks} → ${now.looks}`] : [];
    }),
};

export interface RoundResult {
  readonly plan: RoundPlan;
  /** Where each kill landed ("not reached" when the run ended first). */
  readonly killedAt: string[];
  readonly faults: Map<string, number>;
  readonly foreign: readonly Foreign[];
  /** Applies without faults until one succeeded; MAX_APPLIES + 1 when none did. */
  readonly appliesToConverge: number;
  readonly foreignAdopted: number;
  /** Objects like declared ones that orgform reported by id as neither adoptable nor deletable. */
  readonly reported: number;
  /** Check name → what it found; also "converge", "plan" and "crash". */
  readonly violations: Map<string, string[]>;
}

/** The first lines a user reads when a run fails. */
const errorLines = (r: CliResult) => (r.stderr.split("\n").filter((l) => l.trim()).slice(0, 3).join(" | ") || `exit ${r.code}`).slice(0, 600);

/** Runs one round in its own emulators and directory; `template` holds the synthesized stack. */
export async function runRound(template: StackRun, plan: RoundPlan): Promise<RoundResult> {
  const world = new CrashWorld();
  await world.start();
  const run = new StackRun(STACK, world.env, "orgform-crash-round-");
  run.freezeFrom(template);
  const faults = new Map<string, number>();
  const killedAt: string[] = [];
  const foreign: Foreign[] = [];
  const pendingForeign: Array<Promise<void>> = [];
  const crashes: string[] = [];
  const outputs: string[] = [];
  const violations = new Map<string, string[]>();
  // A look-alike whose parent does not exist yet is tried again before recovery.
  const retry: Array<RoundPlan["foreign"][number]> = [];
  const makeForeign = (f: RoundPlan["foreign"][number]) => world.makeForeign(f.kind, f.pick).then((made) => void (made ? foreign.push(made) : retry.push(f)));
  try {
    world.servers.forEach((server, i) => server.setFaults({ ...FAULTS, seed: plan.seed * 4 + i + 1 }));
    let foreignDue = plan.foreign.map((f) => ({ ...f, made: false }));
    // A kill the run never reached (faults ended it first) is tried once more in the next run,
    // at a moment drawn within the events that run did reach.
    const again = seeded(plan.seed ^ 0x5bd1e995);
    const slots = plan.kills.map((kill) => ({ ...kill, retried: false }));
    for (let index = 0; index < slots.length; index++) {
      const kill = slots[index]!;
      const counts = { arrived: 0, committed: 0, answered: 0 };
      let child: ChildProcess | undefined;
      let landed = `${kill.phase} #${kill.n}: not reached (the run ended first)`;
      const offs = world.servers.map((server) =>
        server.observe((event) => {
          counts[event.phase]++;
          if (event.phase === "arrived" && event.fault !== "none") {
            const kind = event.fault === "status" ? "429 or 500" : event.fault;
            faults.set(kind, (faults.get(kind) ?? 0) + 1);
          }
          if (index === 0 && event.phase === "arrived") {
            for (const f of foreignDue.filter((d) => !d.made && d.atArrival === counts.arrived)) {
              f.made = true;
              pendingForeign.push(makeForeign(f));
            }
          }
          if (counts[kill.phase] === kill.n && child && child.exitCode === null && child.signalCode === null) {
            child.kill("SIGKILL");
            landed = `${kill.phase} #${kill.n} (${event.route})`;
          }
        }),
      );
      const started = run.start(["apply", "--auto-approve", "--parallelism", "4"]);
      child = started.child;
      const result = await started.done;
      outputs.push(result.stdout, result.stderr);
      offs.forEach((off) => off());
      killedAt.push(`${index === 0 ? "apply" : "recovery"} at ${landed}`);
      if (!result.signal && !kill.retried && counts[kill.phase] > 0) {
        slots.splice(index + 1, 0, { phase: kill.phase, n: 1 + Math.floor(again() * counts[kill.phase]), retried: true });
      }
      if (result.stderr.includes("orgform crashed")) crashes.push(`faulted run ${index + 1}: ${errorLines(result)}`);
      // Requests the dead run left on the wire still commit, as on a real API.
      await quiet(world);
      // Look-alikes whose moment never came (the run died first) are made before the next run.
      for (const f of foreignDue.filter((d) => !d.made)) {
        f.made = true;
        pendingForeign.push(makeForeign(f));
      }
      foreignDue = [];
      await Promise.all(pendingForeign.splice(0));
    }
    for (const f of retry.splice(0)) await world.makeForeign(f.kind, f.pick).then((made) => void (made && foreign.push(made)));
    world.servers.forEach((server) => server.setFaults({}));

    const journalPath = `${run.statePath}.journal`;
    let appliesToConverge = MAX_APPLIES + 1;
    const failures: string[] = [];
    for (let attempt = 1; attempt <= MAX_APPLIES; attempt++) {
      const apply = await run.orgform(["apply", "--auto-approve"]);
      outputs.push(apply.stdout, apply.stderr);
      if (apply.stderr.includes("orgform crashed")) crashes.push(`apply ${attempt} after the kills: ${errorLines(apply)}`);
      if (apply.code === 0) {
        appliesToConverge = attempt;
        break;
      }
      failures.push(`apply ${attempt}: ${errorLines(apply)}`);
    }
    if (appliesToConverge > MAX_APPLIES) {
      // What the journal still says, to tell a lost intent from one that did not match.
      const journal = existsSync(journalPath) ? readFileSync(journalPath, "utf8").replace(/"state":"(?:[^"\\]|\\.)*"/g, '"state":"…"').slice(0, 3000) : "no journal";
      const said = outputs.join("\n").split("\n").filter((line) => /interrupted run|Creation failed|Error:/.test(line)).slice(0, 12).join(" | ");
      violations.set("converge", [`no apply succeeded in ${MAX_APPLIES}: ${failures.join(" || ")} || journal: ${journal} || said: ${said}`]);
    }
    const finalPlan = await run.orgform(["plan", "--detailed-exitcode"]);
    outputs.push(finalPlan.stdout, finalPlan.stderr);
    if (finalPlan.code !== 0) {
      const changes = finalPlan.stdout.split("\n").filter((l) => /^\s*# .* (will|must)/.test(l) || /^Plan:/.test(l)).slice(0, 8);
      violations.set("plan", [`plan --detailed-exitcode exited ${finalPlan.code}: ${[...changes, errorLines(finalPlan)].join(" | ")}`]);
    }
    if (crashes.length > 0) violations.set("crash", crashes);

    const state = existsSync(run.statePath) ? run.state() : new Map<string, StateResource>();
    const snapshot: Snapshot = { live: world.live(), recorded: world.recorded(state), foreign, outputs: outputs.join("\n") };
    for (const [name, check] of Object.entries(CHECKS)) {
      const found = check(snapshot);
      if (found.length > 0) violations.set(name, found);
    }
    const foreignAdopted = foreign.filter((f) => snapshot.recorded.some((r) => r.id === f.id)).length;
    const reported = snapshot.live.filter((o) => declared.has(o.key) && !isForeign(snapshot, o.id) && reportedAmbiguous(snapshot, o.id)).length;
    return { plan, killedAt, faults, foreign, appliesToConverge, foreignAdopted, reported, violations };
  } finally {
    await Promise.allSettled(pendingForeign);
    await world.stop();
    run.remove();
  }
}

/** Waits until no emulator is handling a request (a hang or slow body ends its handling early). */
async function quiet(world: CrashWorld): Promise<void> {
  await Promise.all(world.servers.map((server) => server.idle()));
}

/** One line a failing round prints: enough to replay it and find the object. */
export function describeRound(result: RoundResult): string {
  const foreign = result.foreign.map((f) => `${f.key} (id ${f.id})`).join("; ") || "none made";
  const faults = [...result.faults].map(([kind, n]) => `${kind}×${n}`).join(", ") || "none";
  return `seed ${result.plan.seed} (replay: ORGFORM_CRASH_SEED=${result.plan.seed} npm run crash); kills: ${result.killedAt.join(", then ")}; faults: ${faults}; foreign: ${foreign}`;
}

/** Per-round problems in one readable list (empty when the round passed). */
export function problems(result: RoundResult): string[] {
  return [...result.violations].flatMap(([check, found]) => found.map((line) => `${check}: ${line}`));
}

const landed = (r: RoundResult) => r.killedAt.filter((k) => !k.includes("not reached")).length;

/** The figures table printed at the end of a run. */
export function figures(results: readonly RoundResult[]): string {
  const count = (check: string) => results.reduce((sum, r) => sum + (r.violations.get(check)?.length ?? 0), 0);
  const faults = new Map<string, number>();
  for (const r of results) for (const [kind, n] of r.faults) faults.set(kind, (faults.get(kind) ?? 0) + n);
  const converged = results.filter((r) => r.appliesToConverge <= MAX_APPLIES);
  const applies = converged.map((r) => r.appliesToConverge);
  const rows: Array<[string, string]> = [
    ["rounds", `${results.length} (${results.filter((r) => r.violations.size === 0).length} clean)`],
    ["kills", `${results.reduce((s, r) => s + landed(r), 0)} landed (${results.reduce((s, r) => s + r.killedAt.length, 0)} faulted runs); rounds by kills landed: ${[0, 1, 2, 3, 4].map((k) => `${k}: ${results.filter((r) => landed(r) === k).length}`).join(", ")}`],
    ["faults injected", `${[...faults.values()].reduce((a, b) => a + b, 0)} (${[...faults].map(([k, n]) => `${k} ${n}`).join(", ")})`],
    ["foreign look-alikes", `${results.reduce((s, r) => s + r.foreign.length, 0)} made, ${results.reduce((s, r) => s + r.foreignAdopted, 0)} adopted into state`],
    ["reported, never deleted", `${results.reduce((s, r) => s + r.reported, 0)} (orgform's objects whose secret was lost, or look-alikes it could not tell apart: named by id in the run's output)`],
    ["duplicates", String(count("duplicates"))],
    ["orphans", `${count("orphans")} (${results.reduce((n, r) => n + (r.violations.get("orphans") ?? []).filter((l) => l.endsWith("orgform never mentioned it")).length, 0)} never mentioned by orgform)`],
    ["missing", String(count("missing"))],
    ["secretless", String(count("secretless"))],
    ["own objects reported as look-alikes", String(count("ownReported"))],
    ["foreign deleted or modified", String(count("foreignTouched"))],
    ["crashes (stack traces)", String(count("crash"))],
    ["not converged", `${results.length - converged.length} of ${results.length}`],
    ["final plan not clean", String(count("plan"))],
    ["applies to converge", applies.length ? `mean ${(applies.reduce((a, b) => a + b, 0) / applies.length).toFixed(2)}, max ${Math.max(...applies)}` : "none converged"],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return ["crash harness figures", ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join("\n");
}

export { SOURCE, STACK };
