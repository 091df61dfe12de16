/**
 * orgform-terraform: orgform's engine behind the part of the terraform CLI that cdktf-cli 0.21
 * runs, so that `TERRAFORM_BINARY_NAME=orgform-terraform cdktf diff|deploy|destroy|output` plans
 * and applies through orgform. cdktf-cli runs it in cdktf.out/stacks/<stack> after synthesizing,
 * so it works from the cdk.tf.json found there and never synthesizes again.
 *
 * The calls cdktf-cli 0.21 makes (from @cdktf/cli-core's terraform-cli.ts and deploy-machine.ts):
 *   -v, version -json                        Terraform version check, telemetry
 *   init [-upgrade] [-no-color] [-migrate-state]
 *   providers lock -platform=linux_amd64     when there is no .terraform.lock.hcl
 *   plan -input=false [-generate-config-out=…] -out plan [-destroy] [-refresh-only]
 *        [-parallelism=n] [-no-color] [-var=…] [-var-file=…]
 *   apply [-auto-approve] [-refresh-only] [-no-color] [-parallelism=n] [-var=…] [-var-file=…]
 *   destroy [-auto-approve] [-no-color] [-parallelism=n] [-var=…] [-var-file=…]
 *   output -json
 * apply and destroy run in a pseudo-terminal: without -auto-approve cdktf-cli waits for the line
 * "Do you want to perform these actions" (or "Do you really want to destroy all resources?") and
 * answers "yes" or "no" on stdin.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { z } from "zod";
import { OrgformError, isOrgformError, redact } from "../errors";
import { loadStackFile } from "../config/load";
import type { SynthesizedStack } from "../config/synth";
import { openSynthesized } from "../project/open";
import type { ProviderDefinition } from "../provider/contract";
import { ProviderRegistry } from "../provider/registry";
import { ORGFORM_VERSION } from "../state/document";
import { selectBackend } from "../state/select";
import { isSensitive } from "../values/sensitive";
import { applyCommand, applySavedPlanCommand, planCommand, type Environment, type PlanCommandOptions } from "./commands/plan-apply";
import { processIo, type Io } from "./io";
import { parseFlags, SPECS, usage, type ParsedArgs } from "./terraform-args";
import { renderValue } from "./views/values";

/** The Terraform release whose CLI this speaks; cdktf-cli warns below 1.2.0. */
export const TERRAFORM_COMPAT_VERSION = "1.9.0";

export interface ShimWiring {
  readonly providers: ReadonlyArray<ProviderDefinition<any>>;
  readonly io?: Io;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

const HELP = `Usage: orgform-terraform [-chdir=DIR] <command> [args]

orgform's engine behind the terraform commands that cdktf-cli runs. Use it with
  TERRAFORM_BINARY_NAME=orgform-terraform cdktf diff | deploy | destroy | output
It works in the directory holding cdk.tf.json (cdktf.out/stacks/<stack>).

Commands:
  version [-json]      the Terraform CLI version this speaks
  init                 check the stack against orgform's providers (nothing to download)
  providers lock       nothing to do: orgform's providers are built in
  plan                 show what apply would change (-out, -destroy, -refresh-only, -var, -target, …)
  apply [plan]         apply the changes, asking first unless -auto-approve; or a saved plan exactly
  destroy              destroy every object the stack manages
  output [-json] [name]  outputs from state (sensitive values are never printed: null / <sensitive>)`;

export async function terraformMain(argv: readonly string[], wiring: ShimWiring): Promise<number> {
  const env = wiring.env ?? process.env;
  const baseIo = wiring.io ?? processIo;
  try {
    return await dispatch(argv, { registry: new ProviderRegistry(wiring.providers), io: baseIo, cwd: wiring.cwd ?? process.cwd(), env });
  } catch (error) {
    if (isOrgformError(error)) {
      baseIo.err(`Error: ${error.message}`);
      return 1;
    }
    // A bug, not a user error: show the stack, but never a known secret.
    const secrets = [env.LANGFUSE_ADMIN_API_KEY, env.ANTHROPIC_ADMIN_API_KEY, env.OPENAI_ADMIN_KEY, env.ORGANIZATIONS_API_KEY, env.ORGANIZATIONS_API_TOKEN, env.PG_CONN_STR].filter((s): s is string => !!s);
    baseIo.err(redact(`orgform-terraform crashed (this is a bug): ${(error as Error)?.stack ?? String(error)}`, secrets));
    return 1;
  }
}

interface Base {
  readonly registry: ProviderRegistry;
  readonly io: Io;
  /** Where the command runs: the directory holding cdk.tf.json. */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

async function dispatch(argv: readonly string[], base: Base): Promise<number> {
  let cwd = base.cwd;
  let i = 0;
  // Global options come before the subcommand, as in terraform.
  for (; i < argv.length && argv[i]!.startsWith("-"); i++) {
    const arg = argv[i]!.replace(/^--?/, "-");
    if (arg === "-v" || arg === "-version") return versionCommand(base.io, false);
    if (arg === "-help" || arg === "-h") return help(base.io);
    if (arg.startsWith("-chdir=")) cwd = resolve(cwd, arg.slice("-chdir=".length));
    else throw usage(`unknown global option ${argv[i]}. Run \`orgform-terraform -help\`.`);
  }
  const command = argv[i];
  const rest = argv.slice(i + 1);
  const here = { ...base, cwd };
  switch (command) {
    case undefined:
    case "help":
      return help(base.io);
    case "version":
      return versionCommand(base.io, parseFlags("version", rest, SPECS.version).bools.get("json") === true);
    case "init":
      return initCommand(here, parseFlags("init", rest, SPECS.init));
    case "providers":
      if (rest[0] !== "lock") throw usage(`orgform-terraform supports only "providers lock" (a no-op): orgform's providers are built in.`);
      parseFlags("providers lock", rest.slice(1), SPECS["providers lock"]);
      base.io.out("orgform's providers are built into orgform-terraform: there is nothing to download or lock.");
      return 0;
    case "plan": {
      const args = parseFlags("plan", rest, SPECS.plan);
      noPositional("plan", args);
      const out = args.values.get("out");
      const options: PlanCommandOptions = { ...runOptions(here, args), detailedExitcode: args.bools.get("detailed-exitcode"), out: out === undefined ? undefined : resolve(cwd, out) };
      return planCommand(environment(here, args), options, args.bools.get("destroy") ? "destroy" : "normal");
    }
    case "apply": {
      const args = parseFlags("apply", rest, SPECS.apply);
      if (args.positional.length > 1) throw usage(`apply takes at most one argument, a saved plan file (got ${args.positional.length}).`);
      const options: PlanCommandOptions = { ...runOptions(here, args), autoApprove: args.bools.get("auto-approve") };
      const planFile = args.positional[0];
      if (planFile !== undefined) return applySavedPlanCommand(environment(here, args), resolve(cwd, planFile), options);
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
    default:
      throw usage(`orgform-terraform does not implement "${command}": it speaks the terraform commands that cdktf-cli runs (version, init, providers lock, plan, apply, destroy, output). Use \`orgform ${command}\` instead.`);
  }
}

function help(io: Io): number {
  io.out(HELP);
  return 0;
}

function versionCommand(io: Io, json: boolean): number {
  const platform = `${{ win32: "windows" }[process.platform as string] ?? process.platform}_${{ x64: "amd64", ia32: "386" }[process.arch as string] ?? process.arch}`;
  if (json) {
    // The shape of `terraform version -json`; cdktf-cli reads terraform_version.
    io.out(JSON.stringify({ terraform_version: TERRAFORM_COMPAT_VERSION, platform, provider_selections: {}, terraform_outdated: false, orgform_version: ORGFORM_VERSION }, null, 2));
  } else {
    // cdktf-cli matches /Terraform v\d+.\d+.\d+/ in the first lines.
    io.out(`Terraform v${TERRAFORM_COMPAT_VERSION}\non ${platform}\n\norgform-terraform ${ORGFORM_VERSION}: orgform's engine behind the terraform CLI commands that cdktf-cli uses.`);
  }
  return 0;
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
    registry: here.registry,
    io: withStdinPrompt(here.io, args.bools.get("input") !== false),
    cwd: projectDirOf(here.cwd),
    env: here.env,
    synthesized: stackHere(here.cwd),
  };
}

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
      const parsed = z.record(z.string(), z.unknown()).safeParse(JSON.parse(text));
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
  const { config } = openSynthesized(stack, { projectDir: projectDirOf(here.cwd), registry: here.registry, env: here.env });
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
