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
import { resolve } from "node:path";
import { isOrgformError, redact, registerSecretSource } from "../errors";
import { unpackStack } from "../config/throw-site";
import type { ProviderManifestEntry } from "./lazy-registry";
import { knownSecretValues } from "./secret-env";
import { ORGFORM_VERSION } from "../version";
import { processIo, type Io } from "./io";
import { parseFlags, SPECS, usage } from "./terraform-args";

/** The Terraform release whose CLI this speaks; cdktf-cli warns below 1.2.0. */
export const TERRAFORM_COMPAT_VERSION = "1.9.0";

export interface ShimWiring {
  /** The built-in providers' manifest (loaded on first use): a provider's module loads only when
   *  a command needs it (cdktf-cli runs `version -json` several times per command: it loads none). */
  readonly providers: () => readonly ProviderManifestEntry[];
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
  registerSecretSource(() => knownSecretValues(env, wiring.providers()));
  try {
    return await dispatch(argv, { providers: wiring.providers, io: baseIo, cwd: wiring.cwd ?? process.cwd(), env });
  } catch (error) {
    if (isOrgformError(error)) {
      baseIo.err(`Error: ${error.message}`);
      return 1;
    }
    // A bug, not a user error: show the stack, but never a known secret.
    const secrets = knownSecretValues(env, wiring.providers());
    baseIo.err(redact(`orgform-terraform crashed (this is a bug): ${unpackStack((error as Error)?.stack ?? String(error))}`, secrets));
    return 1;
  }
}

/** What every command gets. */
export interface Base {
  readonly providers: () => readonly ProviderManifestEntry[];
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
    case "providers":
      if (rest[0] !== "lock") throw usage(`orgform-terraform supports only "providers lock" (a no-op): orgform's providers are built in.`);
      parseFlags("providers lock", rest.slice(1), SPECS["providers lock"]);
      base.io.out("orgform's providers are built into orgform-terraform: there is nothing to download or lock.");
      return 0;
    case "init":
    case "plan":
    case "apply":
    case "destroy":
    case "output": {
      // The engine loads only here, so that version and providers lock stay quick. require, not
      // a dynamic import: under tsx's CommonJS hook that would bypass the TypeScript loader.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runCommand } = require("./terraform-run") as typeof import("./terraform-run");
      return runCommand(command, rest, here);
    }
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

