/**
 * Chooses the state backend from the stack's cdktf backend block, and wraps it in encryption
 * when ORGFORM_STATE_PASSPHRASE (or a previous passphrase, to rotate or remove it) is set.
 */
import { isAbsolute, resolve } from "node:path";
import { OrgformError } from "../errors";
import type { BackendConfig } from "../config/model";
import type { StateBackend } from "./backend";
import { withEncryption } from "./encryption";
import { LocalBackend } from "./local-backend";
import type { TextStateBackend } from "./raw";

export interface BackendChoice {
  readonly projectDir: string;
  readonly stack: string;
  /** Put local state files in this directory instead (the demo uses a temp dir). */
  readonly stateDirOverride?: string;
  /** PG_CONN_STR and the state passphrases come from here; default process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

export function selectBackend(config: BackendConfig, choice: BackendChoice): StateBackend {
  const env = choice.env ?? process.env;
  return withEncryption(storageBackend(config, choice, env), env);
}

function storageBackend(config: BackendConfig, choice: BackendChoice, env: NodeJS.ProcessEnv): TextStateBackend {
  if (config.type === "local") {
    const raw = typeof config.settings.path === "string" ? config.settings.path : `terraform.${choice.stack}.tfstate`;
    if (choice.stateDirOverride) return new LocalBackend(resolve(choice.stateDirOverride, `terraform.${choice.stack}.tfstate`));
    return new LocalBackend(isAbsolute(raw) ? raw : resolve(choice.projectDir, raw));
  }
  if (config.type === "pg") {
    const { conn_str: connStr, schema_name: schemaName, skip_schema_creation: skipSchemaCreation } = config.settings;
    // The PostgreSQL client (pg) loads only when a stack uses it: most keep state in a file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PgBackend } = require("./pg-backend") as typeof import("./pg-backend");
    // As Terraform: an empty conn_str falls back to PG_CONN_STR, then to libpq's PG* variables,
    // so the password need not be written into the stack.
    return new PgBackend({
      connStr: (typeof connStr === "string" && connStr) || env.PG_CONN_STR || undefined,
      schemaName: (typeof schemaName === "string" && schemaName) || undefined,
      name: choice.stack,
      skipSchemaCreation: skipSchemaCreation === true,
    });
  }
  throw new OrgformError(
    "CONFIG_INVALID",
    `the stack's backend "${config.type}" is not supported by orgform yet. Use LocalBackend (the default) or PgBackend.`,
  );
}
