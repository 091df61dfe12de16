/**
 * Issue 20's own measure: a no-op `orgform plan` over N null_resources (groups of 10, each
 * depending on its group's first), as a new process, against `node -e 0` in the same run, runs
 * interleaved so a machine whose load drifts weighs on both alike. No admin API is involved:
 * this is orgform's fixed cost and its engine, as Terraform's `terraform_data` plan measures its.
 * The plan synthesizes, as orgform does by default; beside it, the same plan with the opt-in synth
 * cache (ORGFORM_SYNTH_CACHE=1, src/config/synth-cache.ts) serving the unchanged stack.
 *
 *   npm run bench:null-shape -- [--sizes 100,1000] [--runs 7] [--baseline DIR]
 *
 * --baseline DIR adds the default plan of another checkout (built, with its node_modules), e.g.
 * an older commit made with `git worktree add`, to the same interleaved runs: before → after
 * figures from one run on one machine.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";

import { basename, join, resolve } from "node:path";

const REPO = resolve(__dirname, "..");
const ORGFORM = join(REPO, "src", "cli", "bin.cjs");

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1]! : fallback;
}

function stackSource(n: number): string {
  return `import { App, TerraformStack } from "cdktf";
import { NullProvider, NullResource } from ${JSON.stringify(join(REPO, "providers", "null"))};
const app = new App();
const stack = new TerraformStack(app, "nulls");
new NullProvider(stack, "null");
for (let g = 0; g < ${n / 10}; g++) {
  const first = new NullResource(stack, \`r\${g}_0\`, {});
  for (let i = 1; i < 10; i++) new NullResource(stack, \`r\${g}_\${i}\`, { dependsOn: [first] });
}
app.synth();
`;
}

function timed(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, env: { ...process.env, CI: "true", ...env }, stdio: ["ignore", "ignore", "pipe"] });
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr.toString()}`);
  return performance.now() - started;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

const sizes = option("--sizes", "100,1000").split(",").map(Number);
const runs = Number(option("--runs", "7"));
const baselineDir = option("--baseline", "");
const BASELINE = baselineDir ? join(resolve(baselineDir), "src", "cli", "bin.cjs") : undefined;
console.log(`no-op orgform plan over N null_resources vs node -e 0, medians of ${runs} interleaved runs`);
for (const n of sizes) {
  // Inside the repository: the stack resolves cdktf from its node_modules, as a user's stack does from theirs.
  const dir = mkdtempSync(join(REPO, "bench", ".null-shape-"));
  try {
    writeFileSync(join(dir, "main.ts"), stackSource(n));
    writeFileSync(join(dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "npx tsx main.ts" }));
    timed([ORGFORM, "apply", "--auto-approve"], dir);
    timed([ORGFORM, "plan"], dir, { ORGFORM_SYNTH_CACHE: "1" }); // warms the code and transform caches, writes the module pack
    timed([ORGFORM, "plan"], dir, { ORGFORM_SYNTH_CACHE: "1" }); // records the synth, adds the pack's code
    timed([ORGFORM, "plan"], dir); // the pack, with what the synthesizing plan loads
    if (BASELINE) for (let warming = 0; warming < 3; warming++) timed([BASELINE, "plan"], dir); // warms the baseline's caches
    const node: number[] = [];
    const plan: number[] = [];
    const cached: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < runs; i++) {
      node.push(timed(["-e", "0"], dir));
      if (BASELINE) baseline.push(timed([BASELINE, "plan"], dir));
      plan.push(timed([ORGFORM, "plan"], dir));
      cached.push(timed([ORGFORM, "plan"], dir, { ORGFORM_SYNTH_CACHE: "1" }));
    }
    const ratio = (runs: number[]) => `${(median(runs) / median(node)).toFixed(1)}×`;
    const before = BASELINE ? `   baseline ${basename(resolve(baselineDir))} plan ${median(baseline).toFixed(0)} ms ${ratio(baseline)}` : "";
    console.log(
      `N=${String(n).padEnd(6)} node -e 0 ${median(node).toFixed(0)} ms${before}   orgform plan ${median(plan).toFixed(0)} ms ${ratio(plan)}   with ORGFORM_SYNTH_CACHE=1 ${median(cached).toFixed(0)} ms ${ratio(cached)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

