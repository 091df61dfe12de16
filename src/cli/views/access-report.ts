/**
 * `orgform report access` rendered: per person (by email), every grant on every provider, with
 * invitations and grants made by hand marked. Text for a terminal, Markdown for an issue (under
 * the budget), JSON in the documented `orgform.access/v1` shape (docs/access-report.md).
 */
import type { AccessEntry } from "../../plan/access-report";
import { cell, fitMarkdown } from "./markdown";

export const ACCESS_SCHEMA = "orgform.access/v1";

/** "workspace Research (wrkspc_01…)", "organization". */
function where(entry: AccessEntry): string {
  if (!entry.target) return "organization";
  return entry.targetName ? `${entry.on} ${entry.targetName} (${entry.target})` : `${entry.on} ${entry.target}`;
}

function what(entry: AccessEntry): string {
  const role = entry.role ?? "no role";
  const state = entry.state && !(entry.invitation && entry.state === "pending") ? ` [${entry.state}]` : "";
  return entry.invitation ? `invited as ${role}${state}` : `${role}${state}`;
}

function who(entry: AccessEntry): string {
  return entry.address ? `managed: ${entry.address}` : "made by hand";
}

export function byPerson(entries: readonly AccessEntry[]): Map<string, AccessEntry[]> {
  const people = new Map<string, AccessEntry[]>();
  for (const entry of entries) people.set(entry.email, [...(people.get(entry.email) ?? []), entry]);
  return people;
}

function summary(entries: readonly AccessEntry[]): string {
  const people = byPerson(entries).size;
  const invitations = entries.filter((e) => e.invitation).length;
  const byHand = entries.filter((e) => !e.address).length;
  return `${people} ${people === 1 ? "person" : "people"}, ${entries.length} grants (${invitations} invitations, ${byHand} made by hand).`;
}

export function renderAccessText(entries: readonly AccessEntry[]): string {
  if (entries.length === 0) return "No access found.";
  const lines: string[] = [];
  for (const [email, grants] of byPerson(entries)) {
    lines.push(email);
    for (const e of grants) lines.push(`  ${e.provider.padEnd(10)} ${where(e)}: ${what(e)}  (${who(e)})`);
    lines.push("");
  }
  lines.push(summary(entries));
  return lines.join("\n");
}

export function renderAccessMarkdown(entries: readonly AccessEntry[], budget: number): string {
  const head = ["## orgform access report", "", summary(entries), "", "| person | provider | on | role | managed |", "|---|---|---|---|---|"].join("\n");
  const rows = entries.map((e) => `| ${cell(e.email)} | ${cell(e.provider)} | ${cell(where(e))} | ${cell(what(e))} | ${e.address ? `\`${cell(e.address)}\`` : "by hand"} |`);
  return fitMarkdown({ head, details: rows, separator: "\n", fullReportHint: "Run `orgform report access --json` for the full list." }, budget);
}

export function renderAccessJson(entries: readonly AccessEntry[], filter: { email?: string; provider?: string }): string {
  const people = [...byPerson(entries)].map(([email, grants]) => ({
    email,
    access: grants.map((e) => ({
      provider: e.provider,
      type: e.type,
      on: e.on,
      target: e.target || null,
      target_name: e.targetName,
      role: e.role,
      state: e.state,
      invitation: e.invitation,
      managed: e.address !== null,
      address: e.address,
      stack: e.stack,
    })),
  }));
  return JSON.stringify({ schema: ACCESS_SCHEMA, filters: { email: filter.email ?? null, provider: filter.provider ?? null }, people }, null, 2);
}
