/**
 * The orgform-terraform commands that need the engine: init, plan, apply, destroy, output. They
 * work from the cdk.tf.json in the current directory (cdktf-cli synthesized it already) and reuse
 * orgform's own plan/apply commands, so the output and the safety rules are orgform's.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { z } from "zod";
import { OrgformError } from "../errors";
import { loadStackFile } from "../config/load";
import type { SynthesizedStack } from "../config/synth";
import { openSynthesized } from "../project/open";
import { LazyProviderRegistry } from "./lazy-registry";
import { selectBackend } from "../state/select";
import { isSensitive } from "../values/sensitive";
import { applyCommand, applySavedPlanCommand, planCommand, type Environment, type PlanCommandOptions } from "./commands/plan-apply";
import type { Io } from "./io";
import { parseFlags, SPECS, usage, type ParsedArgs } from "./terraform-args";
import type { Base } from "./terraform-shim";
import { renderValue } from "./views/values";

export async function runCommand(command: "init" | "plan" | "apply" | "destroy" | "output", rest: readonly string[], here: Base): Promise<number> {
  switch (command) {
    case "init":
      return initCommand(here, parseFlags("init", rest, SPECS.init));
    case "plan": {
      const args = parseFlags("plan", rest, SPECS.plan);
      noPositional("plan", args);
      const out = args.values.get("out");
      const options: PlanCommandOptions = { ...runOptions(here, args), detailedExitcode: args.bools.get("detailed-exitcode"), out: out === undefined ? undefined : resolve(here.cwd, out) };
      return planCommand(environment(here, args), options, args.bools.get("destroy") ? "destroy" : "normal");
    }
    case "apply": {
      const args = parseFlags("apply", rest, SPECS.apply);
      if (args.positional.length > 1) throw usage(`apply takes at most one argument, a saved plan file (got ${args.positional.length}).`);
      const options: PlanCommandOptions = { ...runOptions(here, args), autoApprove: args.bools.get("auto-approve") };
      const planFile = args.positional[0];
      if (planFile !== undefined) return applySavedPlanCommand(environment(here, args), resolve(here.cwd, planFile), options);
      const mode = args.bools.get("destroy") ? "destroy" : options.refreshOnly ? "refresh-only" : "normal";
      return applyCommand(environment(here, args), options, mode);
    }
    case "destroy": {
      const args = parseFlags("destroy", rest, SPECS.destroy);
      noPositional("destroy", args);
      return applyCommand(environment(here, args), { ...runOptions(here, args), autoApprove: args.bools.get("auto-approve") }, "destroy");
    }
    case "output":
      return outputCommand(here, parseFlags("output", rest, SPECS.output));
  }
}

/** The stack in `cwd`: cdk.tf.json as cdktf-cli synthesized it, named by its metadata. */
function stackHere(cwd: string): SynthesizedStack {
  const path = join(cwd, "cdk.tf.json");
  if (!existsSync(path)) {
    throw new OrgformError(
      "CONFIG_NOT_FOUND",
      `no cdk.tf.json in ${cwd}. orgform-terraform runs where cdktf-cli runs terraform (cdktf.out/stacks/<stack>); run \`cdktf synth\` first, or use \`orgform\` in the project directory.`,
    );
  }
  let name = basename(cwd);
  try {
    const meta = z.object({ "//": z.object({ metadata: z.object({ stackName: z.string().min(1) }) }) }).safeParse(JSON.parse(readFileSync(path, "utf8")));
    if (meta.success) name = meta.data["//"].metadata.stackName;
  } catch {
    // Invalid JSON: loadStackFile reports it with the file name.
  }
  return { name, path };
}

/** The cdktf project (the directory with cdktf.json) above cdktf.out/stacks/<stack>: relative
 *  paths in the stack (state files, secret sinks) start there, as with `orgform`. */
function projectDirOf(cwd: string): string {
  let dir = cwd;
  for (let up = 0; up < 4; up++) {
    if (existsSync(join(dir, "cdktf.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return cwd;
}

function environment(here: Base, args: ParsedArgs): Environment {
  return {
    registry: new LazyProviderRegistry(here.providers()),
    io: withStdinPrompt(here.io, args.bools.get("input") !== false),
    cwd: projectDirOf(here.cwd),
    env: here.env,
    synthesized: stackHere(here.cwd),
  };
}

/** -lock=false, -lock-timeout and -compact-warnings are accepted and change nothing: orgform
 *  always locks state while it applies, and fails at once, naming the holder, on a held lock. */
function runOptions(here: Base, args: ParsedArgs): PlanCommandOptions {
  return {
    var: [...varFilePairs(here.cwd, args.multis.get("var-file") ?? []), ...(args.multis.get("var") ?? [])],
    color: args.bools.get("no-color") ? false : undefined,
    target: [...(args.multis.get("target") ?? [])],
    replace: [...(args.multis.get("replace") ?? [])],
    parallelism: args.values.get("parallelism"),
    refresh: args.bools.get("refresh"),
    refreshOnly: args.bools.get("refresh-only"),
  };
}

function noPositional(command: string, args: ParsedArgs): void {
  if (args.positional.length > 0) throw usage(`${command} takes no arguments (got ${JSON.stringify(args.positional[0])}); the configuration is the cdk.tf.json in this directory.`);
}

/**
 * -var-file: JSON files (*.tfvars.json), and the simple `name = value` lines of *.tfvars (strings,
 * numbers, booleans). Anything else in a .tfvars file is refused rather than guessed.
 */
function varFilePairs(cwd: string, files: readonly string[]): string[] {
  const pairs: string[] = [];
  for (const file of files) {
    const path = resolve(cwd, file);
    if (!existsSync(path)) throw usage(`-var-file ${file}: no such file (looked in ${cwd}).`);
    const text = readFileSync(path, "utf8");
    if (path.endsWith(".json")) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw usage(`-var-file ${file} is not valid JSON: ${(error as Error).message}.`);
      }
      const parsed = z.record(z.string(), z.unknown()).safeParse(json);
      if (!parsed.success) throw usage(`-var-file ${file}: must be a JSON object of variable values.`);
      for (const [name, value] of Object.entries(parsed.data)) pairs.push(`${name}=${typeof value === "string" ? value : JSON.stringify(value)}`);
      continue;
    }
    text.split(/\r?\n/).forEach((raw, index) => {
      const line = raw.replace(/(^|\s)(#|\/\/).*$/, "").trim();
      if (!line) return;
      const match = /^([A-Za-z_][\w-]*)\s*=\s*(".*"|-?\d+(?:\.\d+)?|true|false)$/.exec(line);
      if (!match) throw usage(`-var-file ${file} line ${index + 1}: orgform-terraform reads only \`name = "string" | number | bool\` lines; use a .tfvars.json file for other values.`);
      pairs.push(`${match[1]}=${match[2]!.startsWith('"') ? (JSON.parse(match[2]!) as string) : match[2]}`);
    });
  }
  return pairs;
}

/**
 * Terraform asks on stdin whether or not it is a terminal (cdktf-cli answers through a
 * pseudo-terminal; a script may pipe "yes"); -input=false means there is no one to ask.
 */
function withStdinPrompt(io: Io, input: boolean): Io {
  return {
    out: io.out,
    err: io.err,
    ask: async (question) => {
      if (!input) return undefined;
      process.stdout.write(question);
      const answer = await new Promise<string | undefined>((resolveAnswer) => {
        const rl = createInterface({ input: process.stdin, terminal: false });
        let answered = false;
        rl.once("line", (line) => {
          answered = true;
          rl.close();
          resolveAnswer(line);
        });
        rl.once("close", () => {
          if (!answered) resolveAnswer(undefined);
        });
      });
      // A terminal echoes the answer and its newline; piped input does not.
      if (!process.stdin.isTTY) process.stdout.write("\n");
      return answer;
    },
  };
}

/** `terraform init`: nothing to download; checks the stack so that errors show before plan. */
function initCommand(here: Base, args: ParsedArgs): number {
  void args; // -upgrade, -migrate-state, -backend-config…: nothing to do for built-in providers
  const stack = stackHere(here.cwd);
  const { config } = openSynthesized(stack, { projectDir: projectDirOf(here.cwd), registry: new LazyProviderRegistry(here.providers()), env: here.env });
  const providers = [...new Set([...config.providers.values()].map((provider) => provider.name))].sort();
  here.io.out(
    [
      "Initializing the backend...",
      `Initializing provider plugins...`,
      `- built into orgform: ${providers.join(", ") || "(none)"}`,
      "",
      `orgform-terraform has been successfully initialized! (stack "${stack.name}", ${config.resources.size} resources)`,
    ].join("\n"),
  );
  return 0;
}

/**
 * `terraform output`: the outputs in state, in Terraform's JSON shape {name: {sensitive, type,
 * value}}. Unlike Terraform, a sensitive value is never printed: it is null (JSON) or
 * <sensitive>, with its type kept; `orgform output NAME --reveal` prints one on purpose.
 */
async function outputCommand(here: Base, args: ParsedArgs): Promise<number> {
  const stack = stackHere(here.cwd);
  const projectDir = projectDirOf(here.cwd);
  const config = loadStackFile(stack.path, stack.name, projectDir);
  const state = await selectBackend(config.backend, { projectDir, stack: stack.name, env: here.env }).read();
  const outputs = state?.outputs ?? {};
  const json = args.bools.get("json") === true;
  const name = args.positional[0];
  if (args.positional.length > 1) throw usage(`output takes at most one output name.`);
  if (name === undefined) {
    if (json) {
      const shaped = Object.fromEntries(
        Object.keys(outputs)
          .sort()
          .map((key) => {
            const output = outputs[key]!;
            const value = isSensitive(output.value) ? output.value.reveal() : output.value;
            return [key, { sensitive: output.sensitive, type: output.sensitive ? shallowType(value) : ctyType(value), value: output.sensitive ? null : output.value }];
          }),
      );
      here.io.out(JSON.stringify(shaped, null, 2));
    } else if (Object.keys(outputs).length === 0) {
      here.io.err("Warning: No outputs found. The state file either has no outputs defined, or all the defined outputs are empty.");
    } else {
      here.io.out(Object.keys(outputs).sort().map((key) => `${key} = ${outputs[key]!.sensitive ? "<sensitive>" : renderValue(outputs[key]!.value, "")}`).join("\n"));
    }
    return 0;
  }
  const output = outputs[name];
  if (!output) throw new OrgformError("STATE_NOT_FOUND", `output "${name}" not found. Outputs: ${Object.keys(outputs).join(", ") || "none"}.`);
  if (output.sensitive) {
    here.io.out(json ? "null" : "<sensitive>");
    here.io.err(`Output "${name}" is sensitive; orgform never prints secrets by default. To print it (e.g. into a secret store), run in the project directory: orgform output ${name} --reveal`);
    return 0;
  }
  const value = output.value;
  if (args.bools.get("raw")) {
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") throw usage(`output "${name}" is not a string, number or bool: -raw cannot print it; use -json.`);
    here.io.out(String(value));
  } else here.io.out(json ? JSON.stringify(value) : renderValue(value, ""));
  return 0;
}

/** Terraform's JSON encoding of a cty type, inferred from a state value. */
export function ctyType(value: unknown): unknown {
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return ["tuple", value.map(ctyType)];
  if (value !== null && typeof value === "object" && !isSensitive(value)) return ["object", Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ctyType(v)]))];
  return "dynamic";
}

/** A sensitive value's type without its shape (object keys may say too much). */
function shallowType(value: unknown): unknown {
  const type = ctyType(value);
  return typeof type === "string" ? type : "dynamic";
}
