/** `orgform report access`: who has access to what, across every configured provider. Reads only. */
import { OrgformError } from "../../errors";
import { compareEntries, reportAccess, type AccessEntry } from "../../plan/access-report";
import { emptyState } from "../../state/document";
import { openAllStacks } from "../../project/open";
import { budgetOf } from "../views/markdown";
import { renderAccessJson, renderAccessMarkdown, renderAccessText } from "../views/access-report";
import { openOptions, type Environment } from "./plan-apply";
import type { ReportOptions } from "./report";

export async function accessReportCommand(environment: Environment, options: ReportOptions): Promise<number> {
  const filter = { email: options.email, provider: options.provider };
  if (filter.email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(filter.email)) {
    throw new OrgformError("USAGE", `--email must be an email address (got ${JSON.stringify(filter.email)}).`);
  }
  const stacks = openAllStacks(openOptions(environment, options));
  if (filter.provider !== undefined) {
    const known = [...new Set(stacks.flatMap(({ context }) => [...context.config.providers.keys()].map((key) => key.split(".")[0]!)))].sort();
    if (!known.includes(filter.provider)) {
      throw new OrgformError("USAGE", `--provider "${filter.provider}" is not configured in the stack. Configured: ${known.join(", ") || "none"}.`);
    }
  }
  // A grant two stacks both see is listed once, as managed if either manages it.
  const merged = new Map<string, AccessEntry>();
  for (const { context, backend } of stacks) {
    for (const entry of await reportAccess(context, (await backend.read()) ?? emptyState(), filter)) {
      const key = `${entry.email}\u0000${entry.provider}\u0000${entry.type}\u0000${entry.target}`;
      const seen = merged.get(key);
      if (!seen || (!seen.address && entry.address)) merged.set(key, entry);
    }
  }
  const entries = [...merged.values()].sort(compareEntries);
  if (options.json) environment.io.out(renderAccessJson(entries, filter));
  else if (options.markdown) environment.io.out(renderAccessMarkdown(entries, budgetOf(options.markdownBudget)));
  else environment.io.out(renderAccessText(entries));
  return 0;
}
