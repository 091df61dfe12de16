/**
 * The orgform command line: parses arguments (commander), runs a command, prints errors. User
 * errors (OrgformError, and file system errors such as ENOENT/EISDIR/EACCES naming a path) print
 * one "Error: …" line and no stack trace; exit codes: 0 success,
 * 1 error, 2 changes present with --detailed-exitcode.
 */
import { Command, CommanderError } from "commander";
import fs, { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileSystemUserError, isOrgformError, redact, redactKnownSecrets, registerSecretSource } from "../errors";
import { unpackStack } from "../config/throw-site";
import type { EmulatorDefinition } from "../emulator/definition";
import type { ProviderRegistry } from "../provider/registry";
import { LazyProviderRegistry, type ProviderManifestEntry } from "./lazy-registry";
import { knownSecretValues } from "./secret-env";
import type { Environment, PlanCommandOptions } from "./commands/plan-apply";
import { collect, normalizeArgv } from "./options";
import { outliveClosedPipes, processIo, type Io } from "./io";
import { usageErrorLine, versionText } from "./views/messages";
import { ORGFORM_VERSION } from "../version";

// A command's module (and with it the engine, zod, undici, pg) loads only when that command runs,
// so `--help` and `version` answer at once. require, not a dynamic import: under tsx's CommonJS
// hook that would bypass the TypeScript loader (and orgform's module pack leaves such modules out).
/* eslint-disable @typescript-eslint/no-require-imports */
const commands = {
  planApply: () => require("./commands/plan-apply") as typeof import("./commands/plan-apply"),
  state: () => require("./commands/state") as typeof import("./commands/state"),
  stateEdit: () => require("./commands/state-edit") as typeof import("./commands/state-edit"),
  stateMigrate: () => require("./commands/state-migrate") as typeof import("./commands/state-migrate"),
  drift: () => require("./commands/drift") as typeof import("./commands/drift"),
  report: () => require("./commands/report") as typeof import("./commands/report"),
  import: () => require("./commands/import") as typeof import("./commands/import"),
  generate: () => require("./commands/generate") as typeof import("./commands/generate"),
  emulate: () => require("./commands/emulate") as typeof import("./commands/emulate"),
  demo: () => require("./commands/demo") as typeof import("./commands/demo"),
  synth: () => require("../config/synth") as typeof import("../config/synth"),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export interface Wiring {
  /** The built-in providers' manifest (loaded on first use): each provider's module loads when a command first needs it. */
  readonly providers: () => readonly ProviderManifestEntry[];
  /** Loaded only by `emulate` and `demo`. */
  readonly emulators: () => readonly EmulatorDefinition[];
  readonly io?: Io;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export async function main(argv: readonly string[], wiring: Wiring): Promise<number> {
  nameThePathInReadErrors();
  if (!wiring.io) outliveClosedPipes();
  const io = wiring.io ?? processIo;
  let registry: ProviderRegistry | undefined;
  const environment: Environment = {
    get registry() {
      return (registry ??= new LazyProviderRegistry(wiring.providers()));
    },
    io,
    cwd: wiring.cwd ?? process.cwd(),
    env: wiring.env ?? process.env,
  };
  // Any provider's API may echo any credential (its own, or another's it was sent by mistake).
  registerSecretSource(() => knownSecretValues(environment.env, wiring.providers()));
  let exitCode = 0;
  const program = buildProgram(environment, wiring.emulators, (code) => (exitCode = code));
  try {
    await program.parseAsync(normalizeArgv(argv), { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    if (isOrgformError(error)) {
      io.err(`Error: ${error.message}`);
      return 1;
    }
    // A file that is missing, a directory where a file should be, a permission: the user's to fix.
    const fileError = fileSystemUserError(error, (path) => existsSync(resolve(environment.cwd, path)));
    if (fileError) {
      io.err(`Error: ${fileError.message}`);
      return 1;
    }
    // A bug, not a user error: show the stack, but never a known secret.
    const secrets = knownSecretValues(environment.env, wiring.providers());
    io.err(redactKnownSecrets(redact(`orgform crashed (this is a bug): ${unpackStack((error as Error)?.stack ?? String(error))}`, secrets)));
    return 1;
  }
}

/**
 * Reading a directory as a file (a plan file, a pushed state or a journal path that is a
 * directory) fails in read(), after open() succeeded, so Node's EISDIR error carries no `path`:
 * the one system error the top-level handler could not name the path of. readFileSync is wrapped
 * once to add it; nothing else about the call or its errors changes.
 */
function nameThePathInReadErrors(): void {
  const marker = Symbol.for("orgform.readFileSync.namesPath");
  const current = fs.readFileSync as typeof fs.readFileSync & { [key: symbol]: boolean };
  if (current[marker]) return;
  const named = function readFileSync(this: unknown, path: fs.PathOrFileDescriptor, ...rest: unknown[]) {
    try {
      return (current as (...args: unknown[]) => unknown).call(this, path, ...rest);
    } catch (error) {
      const systemError = error as NodeJS.ErrnoException;
      if (systemError && typeof systemError.code === "string" && systemError.path === undefined && typeof path !== "number") {
        systemError.path = path instanceof URL ? path.pathname : String(path);
      }
      throw error;
    }
  } as typeof fs.readFileSync & { [key: symbol]: boolean };
  named[marker] = true;
  fs.readFileSync = named;
}

function buildProgram(environment: Environment, emulators: () => readonly EmulatorDefinition[], setExit: (code: number) => void): Command {
  const version = versionText(ORGFORM_VERSION, process.version, `${process.platform}_${process.arch}`);
  const program = new Command("orgform")
    .description("Organizations as code for AI platforms: plan and apply cdktf stacks against admin APIs.")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => environment.io.out(text.trimEnd()),
      writeErr: (text) => environment.io.err(text.trimEnd()),
      outputError: (text, write) => write(usageErrorLine(text)),
    })
    .version(version, "-v, --version", "print the orgform and Node.js versions");

  const withStack = (command: Command) =>
    command
      .option("--stack <name>", "the stack to work on (required when the app has several)")
      .option("--app <command>", "the cdktf app command, instead of cdktf.json's")
      .option("--var <name=value>", "set an input variable (repeatable)", collect)
      .option("--no-color", "no ANSI colours")
      .option("--json", "machine-readable output");
  const planFlags = (command: Command) =>
    withStack(command)
      .option("--target <address>", "limit to this resource and its dependencies (repeatable)", collect)
      .option("--replace <address>", "replace this resource even if unchanged (repeatable)", collect)
      .option("--no-refresh", "skip reading the live APIs; plan against state as it is")
      .option("--parallelism <n>", "operations at once during apply", "10");
  const run = (work: () => Promise<number>) => async () => setExit(await work());

  program
    .command("synth")
    .description("synthesize the cdktf app to cdktf.out/stacks/<stack>/cdk.tf.json")
    .option("--app <command>", "the cdktf app command, instead of cdktf.json's")
    .action((options: { app?: string }) =>
      run(async () => {
        const stacks = commands.synth().synth({ projectDir: environment.cwd, app: options.app });
        for (const stack of stacks) environment.io.out(`Generated Terraform JSON for stack "${stack.name}" in ${stack.path}`);
        return 0;
      })(),
    );

  planFlags(program.command("plan").alias("diff").description("show what apply would change"))
    .option("--detailed-exitcode", "exit 0 for no changes, 2 for changes, 1 for errors")
    .option("--destroy", "plan to destroy everything")
    .option("--markdown", "Markdown for a pull request comment")
    .option("--markdown-budget <chars>", "largest Markdown output (0: no limit)", "60000")
    .option("--out <file>", "save the plan; `orgform apply <file>` then performs exactly it")
    .action((options: PlanCommandOptions & { destroy?: boolean }) => run(() => commands.planApply().planCommand(environment, options, options.destroy ? "destroy" : "normal"))());

  planFlags(program.command("apply [planfile]").alias("deploy").description("plan, ask, and apply the changes (or apply a saved plan exactly)"))
    .option("--auto-approve", "apply without asking")
    .option("--refresh-only", "accept changes made outside orgform into state, changing nothing remote")
    .action((planFile: string | undefined, options: PlanCommandOptions) =>
      run(() => (planFile ? commands.planApply().applySavedPlanCommand(environment, planFile, options) : commands.planApply().applyCommand(environment, options, options.refreshOnly ? "refresh-only" : "normal")))(),
    );

  planFlags(program.command("destroy").description("destroy every object the stack manages"))
    .option("--auto-approve", "destroy without asking")
    .action((options: PlanCommandOptions) => run(() => commands.planApply().applyCommand(environment, options, "destroy"))());

  withStack(program.command("output [name]").description("show the stack's outputs (sensitive ones masked)"))
    .option("--reveal", "print a sensitive output's value (for piping into a secret store)")
    .action((name: string | undefined, options) => run(() => commands.state().outputCommand(environment, name, options))());

  withStack(program.command("drift").description("report changes made outside orgform and unmanaged objects (exit 2 on drift)"))
    .option("--markdown", "Markdown for an issue or PR comment")
    .option("--markdown-budget <chars>", "largest Markdown output (0: no limit)", "60000")
    .option("--full-report <file>", "also write the complete Markdown report to this file")
    .option("--no-unmanaged", "skip looking for unmanaged objects")
    .action((options) => run(() => commands.drift().driftCommand(environment, options))());

  withStack(program.command("report <what>").description("reports: `keys` lists every managed key with created/last-used/expiry dates and flags; `access` lists who has access to what on every configured provider"))
    .option("--unused-days <n>", "flag keys unused for this many days", "30")
    .option("--expiry-days <n>", "flag keys expiring within this many days", "14")
    .option("--email <address>", "access: only this person")
    .option("--provider <name>", "access: only this provider (anthropic, langfuse, openai, projects)")
    .option("--markdown", "Markdown table")
    .option("--markdown-budget <chars>", "largest Markdown output (0: no limit)", "60000")
    .action((what: string, options) => run(() => commands.report().reportCommand(environment, what, options))());

  withStack(program.command("import <address> <id>").description("bring an existing object under management")).action((address: string, id: string, options) =>
    run(() => commands.import().importCommand(environment, address, id, options))(),
  );

  withStack(program.command("generate <type> <ids...>").description("print construct code for existing objects, ready to import")).action((type: string, ids: string[], options) =>
    run(() => commands.generate().generateCommand(environment, type, ids, options))(),
  );

  const state = program.command("state").description("inspect and edit state");
  withStack(state.command("list").description("list the addresses in state")).action((options) => run(() => commands.state().stateListCommand(environment, options))());
  withStack(state.command("show <address>").description("show one object's attributes (sensitive ones masked)")).action((address: string, options) =>
    run(() => commands.state().stateShowCommand(environment, address, options))(),
  );

  withStack(state.command("rm <addresses...>").description("forget objects (nothing is deleted in the API)")).action((addresses: string[], options) =>
    run(() => commands.stateEdit().stateRmCommand(environment, addresses, options))(),
  );
  withStack(state.command("mv <from> <to>").description("move an object to another address")).action((from: string, to: string, options) =>
    run(() => commands.stateEdit().stateMvCommand(environment, from, to, options))(),
  );
  withStack(state.command("pull").description("print the state (secrets masked) or write it whole with --out"))
    .option("--out <file>", "write the complete state to this file (mode 0600)")
    .action((options) => run(() => commands.stateEdit().statePullCommand(environment, options))());
  withStack(state.command("push <file>").description("replace the state with a file (refuses older serials and other lineages)"))
    .option("--force", "push even an older serial or another lineage")
    .action((file: string, options) => run(() => commands.stateEdit().statePushCommand(environment, file, options))());

  withStack(state.command("encrypt").description("store the state encrypted with ORGFORM_STATE_PASSPHRASE now (re-keys from ORGFORM_STATE_PREVIOUS_PASSPHRASE)")).action((options) =>
    run(() => commands.stateEdit().stateEncryptCommand(environment, options))(),
  );

  withStack(state.command("migrate").description("move the state into the backend the stack now declares, from --from"))
    .requiredOption("--from <backend>", "where the state is now: local:<path> or pg:<connection string>")
    .option("--from-schema <name>", "schema of the pg backend named by --from")
    .option("--force", "overwrite a destination that holds another or a newer state")
    .action((options) => run(() => commands.stateMigrate().stateMigrateCommand(environment, options))());

  withStack(program.command("force-unlock <lockId>").description("remove a lock left by a run that is gone")).action((id: string, options) =>
    run(() => commands.state().forceUnlockCommand(environment, id, options))(),
  );

  program
    .command("version")
    .description("print the orgform and Node.js versions")
    .action(() =>
      run(async () => {
        environment.io.out(version);
        return 0;
      })(),
    );

  program
    .command("emulate <provider>")
    .description("run a provider's local emulator on loopback")
    .option("--port <n>", "port to listen on (default: any free port)")
    .option("--faults <json>", 'fault plan, e.g. {"latencyMs":25,"rate429":0.1}')
    .option("--seed", "add the demo's users and keys")
    .option("--strict", "refuse request body fields the API does not document")
    .action((provider: string, options) => run(() => commands.emulate().emulateCommand(emulators(), environment.io, provider, options))());

  program
    .command("demo")
    .description("start the emulators and apply stacks/main.ts against them")
    .option("--no-color", "no ANSI colours")
    .action((options) => run(() => commands.demo().demoCommand(environment, emulators(), options))());

  return program;
}
