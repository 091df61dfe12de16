/** `orgform report keys`: the key usage report in text, JSON or Markdown. Reads only. */
import { OrgformError } from "../../errors";
import { reportKeys, type KeyReportEntry } from "../../plan/key-report";
import { emptyState } from "../../state/document";
import { openAllStacks } from "../../project/open";
import { budgetOf, cell, fitMarkdown } from "../views/markdown";
import type { CommonOptions } from "../options";
import { openOptions, type Environment } from "./plan-apply";
import { accessReportCommand } from "./report-access";

export interface ReportOptions extends CommonOptions {
  readonly unusedDays?: string;
  readonly expiryDays?: string;
  readonly markdown?: boolean;
  readonly markdownBudget?: string;
  readonly email?: string;
  readonly provider?: string;
}

export async function reportCommand(environment: Environment, what: string, options: ReportOptions): Promise<number> {
  if (what === "access") return accessReportCommand(environment, options);
  if (what !== "keys") throw new OrgformError("USAGE", `unknown report "${what}". Reports: keys, access.`);
  const unusedDays = days(options.unusedDays, 30, "--unused-days");
  const expiryDays = days(options.expiryDays, 14, "--expiry-days");
  const stacks = openAllStacks(openOptions(environment, options));
  const entries: KeyReportEntry[] = [];
  for (const { context, backend } of stacks) {
    entries.push(...(await reportKeys(context, (await backend.read()) ?? emptyState(), { unusedDays, expiryDays, now: new Date() })));
  }
  const flagged = entries.filter((e) => e.flags.length > 0);
  if (options.json) {
    environment.io.out(JSON.stringify({ schema: "orgform.keys/v1", unused_days: unusedDays, expiry_days: expiryDays, keys: entries, flagged: flagged.length }, null, 2));
  } else if (options.markdown) {
    const head = [
      "## orgform key usage report",
      "",
      `${entries.length} keys managed, ${flagged.length} flagged (unused for ${unusedDays} days, or expiring within ${expiryDays} days).`,
      "",
      "| key | type | created | last used | expires | flags |",
      "|---|---|---|---|---|---|",
    ].join("\n");
    const rows = entries.map((e) => `| \`${cell(e.address)}\` ${cell(e.label)} | ${e.type} | ${day(e.createdAt)} | ${lastUsed(e)} | ${day(e.expiresAt)} | ${e.flags.join(", ") || "ok"} |`);
    environment.io.out(fitMarkdown({ head, details: rows, separator: "\n", fullReportHint: "Run `orgform report keys --json` for the full list." }, budgetOf(options.markdownBudget)));
  } else {
    const width = Math.max(12, ...entries.map((e) => e.address.length));
    const lines = [`${"key".padEnd(width)}  ${"created".padEnd(10)}  ${"last used".padEnd(10)}  ${"expires".padEnd(10)}  flags`];
    for (const e of entries) lines.push(`${e.address.padEnd(width)}  ${day(e.createdAt).padEnd(10)}  ${lastUsed(e).padEnd(10)}  ${day(e.expiresAt).padEnd(10)}  ${e.flags.join(", ") || "ok"}`);
    lines.push("", `${entries.length} keys, ${flagged.length} flagged (unused ≥ ${unusedDays} days, expiring within ${expiryDays} days).`);
    environment.io.out(lines.join("\n"));
  }
  return 0;
}

/** "never" only where the API tracks use and has none; "unknown" where it does not say. */
function lastUsed(entry: KeyReportEntry): string {
  return entry.lastUse === "recorded" ? day(entry.lastUsedAt) : entry.lastUse;
}

function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : "—";
}

function days(text: string | undefined, fallback: number, flag: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new OrgformError("USAGE", `${flag} must be a whole number of days (got ${JSON.stringify(text)}).`);
  return n;
}
