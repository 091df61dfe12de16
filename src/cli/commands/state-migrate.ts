/**
 * `orgform state migrate --from <backend>`: moves a stack's state into the backend its stack now
 * declares (change LocalBackend to PgBackend in the stack, then migrate; and back). Both sides
 * are locked; the destination must be empty or hold an older serial of the same lineage; after
 * the write the destination is read back and its lineage and serial verified. The source is left
 * as it was (as Terraform does), so nothing is lost if the move is abandoned.
 */
import { OrgformError } from "../../errors";
import type { BackendConfig } from "../../config/model";
import { selectBackend } from "../../state/select";
import type { StateBackend } from "../../state/backend";
import type { CommonOptions } from "../options";
import type { Environment } from "./plan-apply";
import { stackBackendAndName } from "./state";

export interface MigrateOptions extends CommonOptions {
  /** "local:<path>" or "pg:<connection string>". */
  readonly from: string;
  readonly fromSchema?: string;
  readonly force?: boolean;
}

export async function stateMigrateCommand(environment: Environment, options: MigrateOptions): Promise<number> {
  const { backend: destination, stack } = stackBackendAndName(environment, options);
  const source = selectBackend(parseSpec(options.from, options.fromSchema), { projectDir: environment.cwd, stack, env: environment.env });
  if (source.describe() === destination.describe()) {
    throw new OrgformError("USAGE", `--from names the backend the stack already uses (${destination.describe()}). Change the stack's backend first, then migrate from the old one.`);
  }
  const sourceLock = await source.lock("OperationTypeMigrate");
  try {
    const destinationLock = await destination.lock("OperationTypeMigrate");
    try {
      const state = await source.read();
      if (!state) throw new OrgformError("STATE_NOT_FOUND", `no state for stack ${stack} in ${source.describe()}: nothing to migrate.`);
      const existing = await destination.read();
      if (existing && !options.force) {
        if (existing.lineage !== state.lineage) {
          throw new OrgformError("STATE_CONFLICT", `${destination.describe()} already holds another state (lineage ${existing.lineage}, not ${state.lineage}). Use --force to overwrite it.`);
        }
        if (existing.serial >= state.serial) {
          throw new OrgformError("STATE_CONFLICT", `${destination.describe()} already holds serial ${existing.serial} of this state, not older than the source's ${state.serial}: nothing to migrate. Use --force to overwrite it.`);
        }
      }
      await destination.write(state);
      const journal = await source.readJournal();
      if (journal.length > 0) await destination.replaceJournal(journal);
      const check = await destination.read();
      if (!check || check.lineage !== state.lineage || check.serial !== state.serial || check.resources.size !== state.resources.size) {
        throw new OrgformError("STATE_CONFLICT", `the state read back from ${destination.describe()} does not match what was written; the source ${source.describe()} is unchanged.`);
      }
      environment.io.out(
        `Migrated stack ${stack}: serial ${state.serial}, lineage ${state.lineage}, ${state.resources.size} objects\n  from ${source.describe()}\n  to   ${destination.describe()}\nThe source was left as it was; remove it once you no longer need it.`,
      );
      return 0;
    } finally {
      await destination.unlock(destinationLock);
    }
  } finally {
    await source.unlock(sourceLock);
    await closeQuietly(source);
    await closeQuietly(destination);
  }
}

function parseSpec(spec: string, schema: string | undefined): BackendConfig {
  const colon = spec.indexOf(":");
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const rest = colon < 0 ? "" : spec.slice(colon + 1);
  if (kind === "local") return { type: "local", settings: rest ? { path: rest } : {} };
  if (kind === "pg") return { type: "pg", settings: { conn_str: rest, ...(schema ? { schema_name: schema } : {}) } };
  throw new OrgformError("USAGE", `--from must be local:<path> or pg:<connection string> (got a backend of kind "${kind}").`);
}

async function closeQuietly(backend: StateBackend): Promise<void> {
  await (backend as { close?: () => Promise<void> }).close?.().catch(() => undefined);
}
