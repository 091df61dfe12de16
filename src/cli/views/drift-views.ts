/**
 * Drift reports in three formats, each sorted stably so two reports diff cleanly: text for
 * people, JSON for tools (schema "orgform.drift/v1", documented in docs/drift-report.md), and
 * Markdown for an issue or PR comment within a size budget.
 */
import type { DriftReport } from "../../plan/drift";
import type { DriftEntry } from "../../plan/types";
import { isSensitive } from "../../values/sensitive";
import type { Palette } from "./color";
import { cell, collapsible, fitMarkdown } from "./markdown";
import { renderValue } from "./values";

export const DRIFT_JSON_SCHEMA = "orgform.drift/v1";

export function driftToText(reports: readonly DriftReport[], p: Palette): string {
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(p.bold(`Stack ${report.stack}: ${report.checked} managed objects checked`));
    if (report.drift.length === 0 && report.unmanaged.length === 0) {
      lines.push(p.green("  No drift: every managed object matches the last apply, and nothing unmanaged was found."), "");
      continue;
    }
    for (const entry of report.drift) lines.push(...entryLines(entry, p), "");
    if (report.unmanaged.length > 0) {
      lines.push(p.bold(`  Unmanaged objects (exist, but in no stack): ${report.unmanaged.length}`));
      for (const object of report.unmanaged) lines.push(`    ? ${object.type} ${JSON.stringify(object.label)} [id=${object.id}]${object.scope ? ` in ${object.scope}` : ""}`);
      lines.push("");
    }
  }
  const total = reports.reduce((n, r) => n + r.drift.length, 0);
  const unmanaged = reports.reduce((n, r) => n + r.unmanaged.length, 0);
  lines.push(`Drift: ${total} changed outside orgform, ${unmanaged} unmanaged.`);
  return lines.join("\n");
}

function entryLines(entry: DriftEntry, p: Palette): string[] {
  if (entry.kind === "deleted") return [p.red(`  # ${entry.address} was deleted outside orgform`)];
  if (entry.kind === "gone") return [p.red(`  # ${entry.address} is gone: ${entry.reasonText ?? "no longer usable"}`)];
  const lines = [p.yellow(`  # ${entry.address} was changed outside orgform`)];
  for (const key of entry.changedKeys) {
    const secret = entry.sensitiveKeys.includes(key);
    lines.push(`      ~ ${key} = ${renderValue(entry.before[key], "        ", secret)} -> ${renderValue(entry.after?.[key], "        ", secret)}`);
  }
  return lines;
}

export function driftToJson(reports: readonly DriftReport[]): unknown {
  return {
    schema: DRIFT_JSON_SCHEMA,
    stacks: reports.map((report) => ({
      stack: report.stack,
      checked: report.checked,
      drift: report.drift.map((entry) => ({
        address: entry.address,
        kind: entry.kind,
        reason: entry.reasonText ?? null,
        changes: entry.changedKeys.map((key) => {
          const secret = entry.sensitiveKeys.includes(key) || isSensitive(entry.before[key]);
          return { attribute: key, sensitive: secret, before: secret ? null : entry.before[key] ?? null, after: secret ? null : entry.after?.[key] ?? null };
        }),
      })),
      unmanaged: report.unmanaged.map((o) => ({ type: o.type, id: o.id, label: o.label, scope: o.scope })),
    })),
    summary: {
      changed: reports.reduce((n, r) => n + r.drift.filter((d) => d.kind === "changed").length, 0),
      deleted: reports.reduce((n, r) => n + r.drift.filter((d) => d.kind !== "changed").length, 0),
      unmanaged: reports.reduce((n, r) => n + r.unmanaged.length, 0),
    },
  };
}

export function driftToMarkdown(reports: readonly DriftReport[], budget: number, fullReportHint: string, plain: Palette): string {
  const rows = reports.map(
    (r) =>
      `| ${cell(r.stack)} | ${r.checked} | ${r.drift.filter((d) => d.kind === "changed").length} | ${r.drift.filter((d) => d.kind !== "changed").length} | ${r.unmanaged.length} |`,
  );
  const any = reports.some((r) => r.drift.length > 0 || r.unmanaged.length > 0);
  const head = [
    `## orgform drift report`,
    "",
    any ? "Objects changed outside orgform, or exist without being managed by any stack." : "No drift: every managed object matches its stack.",
    "",
    "| stack | checked | changed | deleted or gone | unmanaged |",
    "|---|---:|---:|---:|---:|",
    ...rows,
  ].join("\n");
  const details: string[] = [];
  for (const report of reports) {
    for (const entry of report.drift) details.push(collapsible(`<code>${entry.address}</code>: ${entry.kind === "changed" ? `changed (${entry.changedKeys.join(", ")})` : entry.kind === "deleted" ? "deleted" : `gone: ${entry.reasonText ?? ""}`}`, entryLines(entry, plain).join("\n")));
    // Unmanaged objects in blocks of 50, so a huge list degrades block by block under the budget.
    for (let start = 0; start < report.unmanaged.length; start += 50) {
      const chunk = report.unmanaged.slice(start, start + 50);
      const body = chunk.map((o) => `? ${o.type} ${JSON.stringify(o.label)} [id=${o.id}]${o.scope ? ` in ${o.scope}` : ""}`).join("\n");
      details.push(collapsible(`${report.stack}: unmanaged objects ${start + 1}–${start + chunk.length} of ${report.unmanaged.length}`, body, "text"));
    }
  }
  return fitMarkdown({ head, details, fullReportHint }, budget);
}
