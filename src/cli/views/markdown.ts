/**
 * Markdown for PR comments and issues. GitHub rejects comments over 65,536 characters, so a
 * document is built from a head (always kept) and detail blocks added while they fit a budget
 * (default 60,000); what does not fit is counted in a closing line that says where the full
 * report is.
 */
export const DEFAULT_MARKDOWN_BUDGET = 60_000;

export interface MarkdownDocument {
  readonly head: string;
  readonly details: readonly string[];
  /** Where the full report can be had, for the overflow line. */
  readonly fullReportHint: string;
  /** Between blocks: a blank line (default), or "\n" for table rows. */
  readonly separator?: string;
}

export function fitMarkdown(doc: MarkdownDocument, budget: number = DEFAULT_MARKDOWN_BUDGET): string {
  const separator = doc.separator ?? "\n\n";
  const parts = [doc.head];
  let used = doc.head.length;
  let omitted = 0;
  const reserve = 400; // room for the overflow line
  for (const block of doc.details) {
    if (budget > 0 && used + block.length + separator.length + reserve > budget) {
      omitted++;
      continue;
    }
    parts.push(block);
    used += block.length + separator.length;
  }
  if (omitted > 0) {
    parts.push(`${separator === "\n" ? "\n" : ""}> **${omitted} more ${omitted === 1 ? "entry does" : "entries do"} not fit in this comment.** ${doc.fullReportHint}`);
  }
  return `${parts.join(separator)}\n`;
}

/** Escapes text for a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** A collapsible block with a fenced body (the body is plain text, e.g. a rendered plan). */
export function collapsible(summary: string, body: string, language = "diff"): string {
  const fence = body.includes("```") ? "````" : "```";
  return `<details><summary>${summary}</summary>\n\n${fence}${language}\n${body}\n${fence}\n\n</details>`;
}

/** The --markdown-budget flag's value; the default when absent or not a whole number. */
export function budgetOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MARKDOWN_BUDGET;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 ? n : DEFAULT_MARKDOWN_BUDGET;
}
