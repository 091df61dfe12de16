/** The plan as a PR comment: a summary table, then each change's diff in a collapsible block. */
import type { Plan } from "../../plan/types";
import { hasChanges, summarize } from "../../plan/types";
import { PLAIN } from "./color";
import { cell, collapsible, fitMarkdown } from "./markdown";
import { renderChangeBlock } from "./plan-text";

export function planToMarkdown(plan: Plan, budget: number, fullReportHint: string): string {
  const summary = summarize(plan);
  const visible = plan.changes.filter((c) => c.action !== "no-op" || c.importId !== undefined);
  const head = [
    `## orgform plan: \`${plan.stack}\``,
    "",
    hasChanges(plan)
      ? `**Plan:** ${summary.import > 0 ? `${summary.import} to import, ` : ""}${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy.`
      : "**No changes.** The organizations match the stack.",
    ...(plan.drift.length > 0 ? ["", `:warning: ${plan.drift.length} object(s) changed outside orgform since the last apply.`] : []),
    ...(visible.length > 0 ? ["", "| address | action |", "|---|---|", ...visible.map((c) => `| \`${cell(c.address)}\` | ${c.action}${c.replaceOrder === "create-first" ? " (create first)" : ""} |`)] : []),
  ].join("\n");
  const details = visible.map((change) => collapsible(`<code>${change.address}</code>: ${change.action}`, renderChangeBlock(change, PLAIN)));
  return fitMarkdown({ head, details, fullReportHint }, budget);
}
