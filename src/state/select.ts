/** Chooses the state backend from the stack's cdktf backend block. */
import { isAbsolute, resolve } from "node:path";
import { OrgformError } from "../errors";
import type { BackendConfig } from "../config/model";
import type { StateBackend } from "./backend";
import { LocalBackend } from "./local-backend";

export interface BackendChoice {
  readonly projectDir: string;
  readonly stack: string;
  /** Put local state files in this directory instead (the demo uses a temp dir). */
  readonly stateDirOverride?: string;
}

export function selectBackend(config: BackendConfig, choice: BackendChoice): StateBackend {
  if (config.type === "local") {
    const raw = typeof config.settings.path === "string" ? config.settings.path : `terraform.${choice.stack}.tfstate`;
    if (choice.stateDirOverride) return new LocalBackend(resolve(choice.stateDirOverride, `terraform.${choice.stack}.tfstate`));
    return new LocalBackend(isAbsolute(raw) ? raw : resolve(choice.projectDir, raw));
  }
  throw new OrgformError(
    "CONFIG_INVALID",
    `the stack's backend "${config.type}" is not supported by orgform yet. Use LocalBackend (the default).`,
  );
}
