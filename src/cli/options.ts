/** Options shared by commands, parsed from commander's raw values. */
import { OrgformError } from "../errors";

export interface CommonOptions {
  readonly stack?: string;
  readonly app?: string;
  readonly var?: string[];
  readonly color?: boolean;
  readonly json?: boolean;
}

export function parseVars(pairs: readonly string[] | undefined): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new OrgformError("USAGE", `--var must look like name=value (got a value without "=").`);
    vars[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return vars;
}

export function parseParallelism(text: string | undefined): number {
  if (text === undefined) return 10;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new OrgformError("USAGE", `--parallelism must be a whole number of at least 1 (got ${JSON.stringify(text)}).`);
  return n;
}

/** Terraform habits: `-auto-approve`, `-var=x=1`, `-out=plan` work as their `--` forms. */
export function normalizeArgv(argv: readonly string[]): string[] {
  return argv.map((arg) => (/^-[a-z][a-z-]+(=.*)?$/.test(arg) ? `-${arg}` : arg));
}

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
