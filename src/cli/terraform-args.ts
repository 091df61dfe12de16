/**
 * Argument parsing for orgform-terraform, the way terraform's Go `flag` package does it: a flag
 * is `-name` or `--name`; a value flag takes `-name=value` or `-name value`; a boolean flag takes
 * `-name` or `-name=true|false`. Each subcommand lists the flags it accepts, so an unknown flag
 * fails loudly instead of being silently ignored (cdktf-cli only passes flags listed here).
 */
import { OrgformError } from "../errors";

export interface FlagSpec {
  /** `-name` or `-name=true|false`. */
  readonly bool: readonly string[];
  /** `-name=value` or `-name value`; the last one wins. */
  readonly value: readonly string[];
  /** Like value, but repeatable: every occurrence is kept in order. */
  readonly multi: readonly string[];
}

export interface ParsedArgs {
  readonly bools: ReadonlyMap<string, boolean>;
  readonly values: ReadonlyMap<string, string>;
  readonly multis: ReadonlyMap<string, readonly string[]>;
  readonly positional: readonly string[];
}

export function parseFlags(command: string, args: readonly string[], spec: FlagSpec): ParsedArgs {
  const bools = new Map<string, boolean>();
  const values = new Map<string, string>();
  const multis = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    // As Go's flag package: "--" ends the flags, and so does the first non-flag argument.
    if (arg === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(...args.slice(i));
      break;
    }
    const body = arg.replace(/^--?/, "");
    const eq = body.indexOf("=");
    const name = eq === -1 ? body : body.slice(0, eq);
    const inline = eq === -1 ? undefined : body.slice(eq + 1);
    if (spec.bool.includes(name)) {
      if (inline !== undefined && !["true", "false", "1", "0"].includes(inline)) {
        throw usage(`invalid boolean value ${JSON.stringify(inline)} for -${name} in "${command}"`);
      }
      bools.set(name, inline === undefined || inline === "true" || inline === "1");
      continue;
    }
    if (spec.value.includes(name) || spec.multi.includes(name)) {
      let value = inline;
      if (value === undefined) {
        value = args[i + 1];
        if (value === undefined) throw usage(`flag needs an argument: -${name} (in "${command}")`);
        i++;
      }
      if (spec.multi.includes(name)) multis.set(name, [...(multis.get(name) ?? []), value]);
      else values.set(name, value);
      continue;
    }
    throw usage(`"${command}" does not accept -${name}. orgform-terraform speaks the part of the terraform CLI that cdktf-cli uses; run \`orgform-terraform -help\`.`);
  }
  return { bools, values, multis, positional };
}

/** Common to plan, apply and destroy: the flags cdktf-cli passes, and the usual Terraform ones. */
const RUN_BOOLS = ["input", "lock", "refresh", "no-color", "compact-warnings"];
const RUN_VALUES = ["parallelism", "lock-timeout"];
const RUN_MULTIS = ["var", "var-file", "target", "replace"];

export const SPECS = {
  version: { bool: ["json"], value: [], multi: [] },
  init: {
    bool: ["input", "lock", "no-color", "upgrade", "migrate-state", "reconfigure", "force-copy", "get", "backend", "json"],
    value: ["lock-timeout", "plugin-dir", "lockfile", "test-directory", "from-module"],
    multi: ["backend-config"],
  },
  "providers lock": { bool: ["no-color", "enable-plugin-cache"], value: [], multi: ["platform", "fs-mirror", "net-mirror"] },
  plan: { bool: [...RUN_BOOLS, "destroy", "refresh-only", "detailed-exitcode"], value: [...RUN_VALUES, "out", "generate-config-out"], multi: RUN_MULTIS },
  apply: { bool: [...RUN_BOOLS, "destroy", "refresh-only", "auto-approve"], value: RUN_VALUES, multi: RUN_MULTIS },
  destroy: { bool: [...RUN_BOOLS, "auto-approve"], value: RUN_VALUES, multi: RUN_MULTIS },
  output: { bool: ["json", "raw", "no-color"], value: [], multi: [] },
} as const satisfies Record<string, FlagSpec>;

export function usage(message: string): OrgformError {
  return new OrgformError("USAGE", message);
}
