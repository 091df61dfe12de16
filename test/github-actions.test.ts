/**
 * The CI templates in examples/github-actions/, linted: real YAML (the `yaml` parser), the keys
 * GitHub Actions requires, every `npx orgform …` command and flag they run present in the real
 * CLI's --help, secrets only as `${{ secrets.X }}` in env maps (never pasted into a script) and
 * never echoed. Plus what each template is for: one updated PR comment, a saved plan applied
 * with the pg backend, one drift issue.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { REPO_ROOT, runOrgform } from "./support/cli";

const DIR = join(REPO_ROOT, "examples/github-actions");
const FILES = readdirSync(DIR).filter((file) => /\.ya?ml$/.test(file)).sort();

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, unknown>;
  readonly if?: string;
}
interface Job {
  readonly "runs-on": unknown;
  readonly env?: Record<string, string>;
  readonly steps: Step[];
}
interface Workflow {
  readonly name: string;
  readonly on: unknown;
  readonly env?: Record<string, string>;
  readonly permissions?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

function load(file: string): { text: string; workflow: Workflow } {
  const text = readFileSync(join(DIR, file), "utf8");
  const document = parseDocument(text, { prettyErrors: true });
  expect(document.errors.map(String)).toEqual([]);
  expect(document.warnings.map(String)).toEqual([]);
  return { text, workflow: document.toJS() as Workflow };
}

const steps = (workflow: Workflow): Step[] => Object.values(workflow.jobs).flatMap((job) => job.steps);
const scripts = (workflow: Workflow): string[] => steps(workflow).flatMap((step) => (step.run ? [step.run] : []));

/** `npx orgform <command> [subcommand] [--flags]` calls in a script, continuation lines joined. */
function orgformCalls(script: string): Array<{ command: string[]; flags: string[] }> {
  const calls: Array<{ command: string[]; flags: string[] }> = [];
  for (const line of script.replace(/\\\n\s*/g, " ").split("\n")) {
    const at = line.indexOf("npx orgform ");
    if (at === -1) continue;
    // The call ends where the shell takes over: a redirection, a pipe, a list operator.
    const words = line.slice(at + "npx orgform ".length).split(/\s+/);
    const end = words.findIndex((word) => /^(\d?>|>>|\||\|\||&&|;|\))/.test(word));
    const args = end === -1 ? words : words.slice(0, end);
    const command = args.filter((word, index) => !word.startsWith("-") && (index === 0 || (args[0] === "state" && index === 1)));
    calls.push({ command, flags: args.filter((word) => word.startsWith("--")).map((flag) => flag.split("=")[0]!) });
  }
  return calls;
}

/** Every string in the document with the path of keys that leads to it. */
function strings(value: unknown, path: readonly string[] = []): Array<{ path: readonly string[]; text: string }> {
  if (typeof value === "string") return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => strings(item, [...path, String(index)]));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => strings(item, [...path, key]));
  return [];
}

describe.each(FILES)("examples/github-actions/%s", (file) => {
  it("is a valid workflow: name, on, jobs; each job runs-on and steps that use or run", () => {
    const { workflow } = load(file);
    expect(typeof workflow.name).toBe("string");
    expect(workflow.on).toBeTruthy();
    expect(Object.keys(workflow.jobs).length).toBeGreaterThan(0);
    for (const job of Object.values(workflow.jobs)) {
      expect(typeof job["runs-on"]).toBe("string");
      expect(Array.isArray(job.steps) && job.steps.length > 0).toBe(true);
      for (const step of job.steps) expect(typeof step.uses === "string" || typeof step.run === "string").toBe(true);
    }
  });

  it("runs only orgform commands and flags that exist in the CLI", async () => {
    const calls = scripts(load(file).workflow).flatMap(orgformCalls);
    expect(calls.length).toBeGreaterThan(0);
    const help = async (args: string[]) => {
      const result = await runOrgform([...args, "--help"], { cwd: REPO_ROOT });
      expect(result.code).toBe(0);
      return result.stdout;
    };
    const top = await help([]);
    const commands = new Set([...top.matchAll(/^ {2}([a-z-]+)(?:\|([a-z-]+))?/gm)].flatMap((m) => [m[1]!, m[2]].filter((c): c is string => !!c)));
    for (const call of calls) {
      expect(commands).toContain(call.command[0]);
      const own = await help(call.command);
      for (const flag of call.flags) expect({ command: call.command.join(" "), flag, known: new RegExp(`(^|[\\s,])${flag}([\\s,]|$)`, "m").test(own) }).toEqual({ command: call.command.join(" "), flag, known: true });
    }
  });

  it("takes secrets only as ${{ secrets.X }} in env maps, and never echoes one", () => {
    expect(secretProblems(readFileSync(join(DIR, file), "utf8"))).toEqual([]);
  });
});

describe("the secrets lint itself", () => {
  const workflowWith = (step: string) => `name: t
on: push
jobs:
  j:
    runs-on: ubuntu-latest
    steps:
${step}`;
  it.each([
    ["a secret pasted into a script", "      - run: curl -H \"Authorization: ${{ secrets.TOKEN }}\" https://example.test", /TOKEN.*outside an env map/],
    ["a secret in another spelling", "      - env:\n          T: ${{secrets.TOKEN}}\n        run: ./deploy", /not written as/],
    ["an echoed secret", "      - env:\n          T: ${{ secrets.TOKEN }}\n        run: echo \"token is $T\"", /echoes \$T/],
    ["shell tracing", "      - env:\n          T: ${{ secrets.TOKEN }}\n        run: |\n          set -x\n          ./deploy", /traces or dumps/],
  ])("catches %s", (_what, step, problem) => {
    expect(secretProblems(workflowWith(step)).join("\n")).toMatch(problem);
  });
});

/** What is wrong with a workflow's handling of secrets (empty: nothing). */
function secretProblems(text: string): string[] {
  const problems: string[] = [];
  const workflow = parseDocument(text).toJS() as Workflow;
  // Every use of secrets.X is a whole ${{ secrets.NAME }} expression...
  const uses = text.match(/secrets\.\w/g)?.length ?? 0;
  if (uses !== (text.match(/\$\{\{ secrets\.[A-Z][A-Z0-9_]* \}\}/g)?.length ?? 0)) problems.push("a secret is not written as ${{ secrets.NAME }}");
  // ...and sits in an env map: never pasted into a script, where it would be shell text.
  for (const { path, text: value } of strings(workflow)) {
    if (/secrets\.\w/.test(value) && path.at(-2) !== "env") problems.push(`${value.match(/secrets\.\w+/)![0]} used outside an env map, at ${path.join(".")}`);
  }
  for (const job of Object.values(workflow.jobs)) {
    const secretVars = (env: Record<string, string> | undefined) => Object.entries(env ?? {}).filter(([, value]) => /secrets\.\w/.test(value)).map(([name]) => name);
    const inherited = [...secretVars(workflow.env), ...secretVars(job.env)];
    for (const step of job.steps) {
      if (!step.run) continue;
      if (/\bset -[a-z]*x|\bprintenv\b|^\s*env\s*$/m.test(step.run)) problems.push(`step "${step.name ?? step.run}" traces or dumps its environment`);
      for (const name of [...inherited, ...secretVars(step.env)]) {
        const echoed = step.run.split("\n").some((line) => /\b(echo|printf)\b/.test(line) && new RegExp(`\\$\\{?${name}\\b`).test(line));
        if (echoed) problems.push(`step "${step.name ?? step.run}" echoes $${name}`);
      }
    }
  }
  return problems;
}

describe("what each template does", () => {
  it("the plan comment: Markdown plan, one comment found by its marker and PATCHed", () => {
    const { workflow } = load("orgform-plan-comment.yml");
    expect(Object.keys(workflow.on as object)).toEqual(["pull_request"]);
    const all = scripts(workflow).join("\n");
    expect(all).toContain("npx orgform plan --markdown");
    expect(all).toContain("<!-- orgform-plan -->");
    expect(all).toMatch(/--method PATCH "repos\/\$\{GITHUB_REPOSITORY\}\/issues\/comments\/\$\{id\}"/);
    expect(workflow.permissions).toMatchObject({ "pull-requests": "write" });
  });

  it("the apply on merge: main only, pg connection from a secret, plan --out then apply that file, plan uploaded", () => {
    const { workflow } = load("orgform-apply-on-merge.yml");
    expect((workflow.on as { push: { branches: string[] } }).push.branches).toEqual(["main"]);
    const job = Object.values(workflow.jobs)[0]!;
    expect(job.env?.PG_CONN_STR).toBe("${{ secrets.ORGFORM_PG_CONN_STR }}");
    const runs = job.steps.map((step) => step.run ?? step.uses ?? "");
    const plan = runs.findIndex((run) => /npx orgform plan .*--out orgform\.plan/.test(run));
    const upload = runs.findIndex((run) => run.startsWith("actions/upload-artifact"));
    const apply = runs.findIndex((run) => run.includes("npx orgform apply orgform.plan"));
    expect(plan).toBeGreaterThan(-1);
    expect(upload).toBeGreaterThan(plan);
    expect(apply).toBeGreaterThan(upload);
  });

  it("the nightly drift: scheduled, exit code 2 opens or updates one issue labelled drift", () => {
    const { workflow } = load("orgform-drift.yml");
    expect((workflow.on as { schedule: Array<{ cron: string }> }).schedule[0]!.cron).toMatch(/^\S+ \S+ \* \* \*$/);
    const job = Object.values(workflow.jobs)[0]!;
    const issueStep = job.steps.find((step) => step.run?.includes("gh issue create"))!;
    expect(issueStep.if).toBe("steps.drift.outputs.exitcode == '2'");
    expect(issueStep.run).toContain("--label drift");
    expect(issueStep.run).toContain("gh issue edit");
    expect(scripts(workflow).join("\n")).toContain("npx orgform drift --markdown");
  });
});
