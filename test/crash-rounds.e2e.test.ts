/**
 * Issue 16: the permanent crash/fault harness (test/support/crash-harness.ts). Each round kills
 * `orgform apply` one to three times in a row under fault plans on every emulator, with foreign
 * look-alikes made mid-run, then applies until it converges and checks what a user would see:
 * no duplicates, no orphans, nothing missing, no key without its secret, none of orgform's own
 * objects reported as a look-alike, no colleague's object touched, a clean final plan, no stack
 * trace.
 *
 * `npm test` runs a fixed, bounded set of rounds (ORGFORM_CRASH_ROUNDS, default 6);
 * `npm run crash` runs 60. ORGFORM_CRASH_SEED=<seed> replays one round. The figures table is
 * printed at the end.
 */
import { CrashWorld } from "./support/crash-world";
import { SOURCE, STACK, describeRound, figures, planRound, problems, runRound, type RoundResult } from "./support/crash-harness";
import { StackRun } from "./support/stack-run";

const ROUNDS = Number(process.env.ORGFORM_CRASH_ROUNDS ?? 6);
const SEEDS = process.env.ORGFORM_CRASH_SEED
  ? process.env.ORGFORM_CRASH_SEED.split(",").map(Number)
  : Array.from({ length: ROUNDS }, (_, i) => 16001 + i * 7919);

let template: StackRun;
/** Requests one faultless apply of the stack makes: the range kill moments are drawn from. */
let requestsPerApply = 0;
const foreignKinds = new CrashWorld().foreignKinds();
const results: RoundResult[] = [];

beforeAll(async () => {
  const world = new CrashWorld();
  await world.start();
  template = new StackRun(STACK, world.env, "orgform-crash-template-");
  try {
    await template.synthOnce(SOURCE);
    const calibration = new StackRun(STACK, world.env, "orgform-crash-calibration-");
    calibration.freezeFrom(template);
    const offs = world.servers.map((server) => server.observe((event) => void (event.phase === "arrived" && requestsPerApply++)));
    await calibration.orgform(["apply", "--auto-approve", "--parallelism", "4"]);
    offs.forEach((off) => off());
    calibration.remove();
  } finally {
    await world.stop();
  }
}, 120_000);

afterAll(() => {
  template?.remove();
  if (results.length > 0) process.stdout.write(`\n${figures(results)}\n\n`);
});

describe("SIGKILL at seeded request events, under faults, with foreign look-alikes", () => {
  it.each(SEEDS.map((seed, i) => ({ round: i + 1, seed })))("round $round (seed $seed) converges with nothing lost, doubled or touched", async ({ round, seed }) => {
    expect(requestsPerApply).toBeGreaterThan(10);
    const result = await runRound(template, planRound(seed, requestsPerApply, foreignKinds));
    results.push(result);
    expect({ round, problems: problems(result), round_detail: describeRound(result) }).toEqual({ round, problems: [], round_detail: describeRound(result) });
  }, 240_000);
});
