/**
 * `orgform drift`: the scheduled report. Refreshes every stack (or --stack) and reports drift
 * and unmanaged objects; exit 0 no drift, 2 drift, 1 error. Never writes state or calls a
 * write endpoint, and takes no lock.
 */
import { compareText } from "../../values/compare";
import { writeFileSync } from "node:fs";
import { detectDrift, hasDrift, type DriftReport } from "../../plan/drift";
import { emptyState } from "../../state/document";
import { openAllStacks } from "../../project/open";
import { PLAIN, paletteFor } from "../views/color";
import { driftToJson, driftToMarkdown, driftToText } from "../views/drift-views";
import { budgetOf } from "../views/markdown";
import type { CommonOptions } from "../options";
import { openOptions, type Environment } from "./plan-apply";

export interface DriftOptions extends CommonOptions {
  readonly markdown?: boolean;
  readonly markdownBudget?: string;
  readonly unmanaged?: boolean;
  /** Also write the full (unbudgeted) Markdown report here. */
  readonly fullReport?: string;
}

export async function driftCommand(environment: Environment, options: DriftOptions): Promise<number> {
  const stacks = openAllStacks(openOptions(environment, options));
  const reports: DriftReport[] = [];
  for (const { context, backend } of stacks) {
    const prevRun = (await backend.read()) ?? emptyState();
    reports.push(await detectDrift(context, prevRun, { unmanaged: options.unmanaged !== false }));
  }
  reports.sort((a, b) => compareText(a.stack, b.stack));
  if (options.json) environment.io.out(JSON.stringify(driftToJson(reports), null, 2));
  else if (options.markdown) {
    const hint = options.fullReport ? `The full report is in \`${options.fullReport}\`.` : "Run `orgform drift --markdown --markdown-budget 0` for the full report.";
    if (options.fullReport) writeFileSync(options.fullReport, driftToMarkdown(reports, 0, "", PLAIN));
    environment.io.out(driftToMarkdown(reports, budgetOf(options.markdownBudget), hint, PLAIN));
  } else environment.io.out(driftToText(reports, paletteFor(options.color === false)));
  return reports.some(hasDrift) ? 2 : 0;
}
