/**
 * The Terraform-like text rendering of a plan: drift notes, one block per changed object with an
 * attribute-level diff, then "Plan: N to add, N to change, N to destroy." and output changes.
 * Views never compute: everything shown comes from the Plan.
 */
import type { DriftEntry, Plan, ResourceChange } from "../../plan/types";
import { hasChanges, summarize } from "../../plan/types";
import { isUnknown } from "../../values/unknown";
import type { Palette } from "./color";
import { MESSAGES } from "./messages";
import { renderValue } from "./values";

export function renderPlan(plan: Plan, palette: Palette): string {
  const out: string[] = [];
  if (plan.drift.length > 0) out.push(renderDrift(plan.drift, palette));
  for (const warning of plan.warnings) out.push(`${palette.yellow("Warning:")} ${warning}\n`);
  const visible = plan.changes.filter((change) => change.action !== "no-op" || change.importId !== undefined);
  if (!hasChanges(plan)) {
    out.push(palette.bold(palette.green(MESSAGES.noChanges)), "", MESSAGES.noChangesDetail, "");
    return out.join("\n");
  }
  if (visible.length > 0) {
    out.push(MESSAGES.legendHeader);
    for (const symbol of legendSymbols(visible)) out.push(symbol(palette));
    out.push("", MESSAGES.actionsHeader, "");
    for (const change of visible) out.push(renderChangeBlock(change, palette), "");
  }
  const summary = summarize(plan);
  const importPart = summary.import > 0 ? `${summary.import} to import, ` : "";
  out.push(`${palette.bold("Plan:")} ${importPart}${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy.`);
  const outputs = plan.outputs.filter((output) => output.action !== "no-op");
  if (outputs.length > 0) {
    out.push("", "Changes to Outputs:");
    const width = Math.max(...outputs.map((o) => o.name.length));
    for (const output of outputs) {
      const symbol = output.action === "create" ? palette.green("+") : output.action === "delete" ? palette.red("-") : palette.yellow("~");
      const shown =
        output.action === "delete"
          ? `${renderValue(output.before, "  ", output.sensitive)} -> null`
          : output.action === "update"
            ? `${renderValue(output.before, "  ", output.sensitive)} -> ${renderValue(output.after, "  ", output.sensitive)}`
            : renderValue(output.after, "  ", output.sensitive);
      out.push(`  ${symbol} ${output.name.padEnd(width)} = ${shown}`);
    }
  }
  out.push("");
  return out.join("\n");
}

function legendSymbols(changes: readonly ResourceChange[]): Array<(p: Palette) => string> {
  const actions = new Set(changes.map((c) => (c.action === "replace" ? `replace-${c.replaceOrder}` : c.action)));
  const lines: Array<(p: Palette) => string> = [];
  if (actions.has("create")) lines.push((p) => `  ${p.green("+")} create`);
  if (actions.has("update")) lines.push((p) => `  ${p.yellow("~")} update in-place`);
  if (actions.has("delete")) lines.push((p) => `  ${p.red("-")} destroy`);
  if (actions.has("replace-delete-first")) lines.push((p) => `${p.red("-")}/${p.green("+")} destroy and then create replacement`);
  if (actions.has("replace-create-first")) lines.push((p) => `${p.green("+")}/${p.red("-")} create replacement and then destroy`);
  if (actions.has("read")) lines.push((p) => ` ${p.dim("<=")} read (data resources)`);
  return lines;
}

function headline(change: ResourceChange): string {
  const { verbs } = change;
  switch (change.action) {
    case "create":
      if (change.reason === "create-because-gone") return `will be created (it was ${change.reasonText ?? "gone"})`;
      if (change.importId !== undefined) return "will be imported";
      return verbs.create ? `will be ${verbs.create}` : "will be created";
    case "update":
      return change.importId !== undefined ? "will be imported and updated in-place" : "will be updated in-place";
    case "delete":
      return verbs.delete ? `will be ${verbs.delete}${verbs.deleteNote ? ` (${verbs.deleteNote})` : ""}` : "will be destroyed";
    case "replace":
      if (change.reason === "replace-by-request") return "will be replaced, as requested";
      if (change.reason === "replace-because-tainted") return "is tainted, so must be replaced";
      return "must be replaced";
    case "read":
      return "will be read during apply";
    default:
      return change.importId !== undefined ? "will be imported" : "";
  }
}

export function renderChangeBlock(change: ResourceChange, p: Palette): string {
  const symbolText = { create: p.green("+"), update: p.yellow("~"), delete: p.red("-"), read: p.dim("<="), "no-op": " " }[change.action as "create"];
  const symbol =
    change.action === "replace"
      ? change.replaceOrder === "create-first"
        ? `${p.green("+")}/${p.red("-")}`
        : `${p.red("-")}/${p.green("+")}`
      : `  ${symbolText}`;
  const kind = change.mode === "data" ? "data" : "resource";
  const lines = [p.bold(`  # ${change.address} ${headline(change)}`)];
  if (change.action === "delete" && change.reason === "delete-because-no-config") lines.push(`  # (because ${change.address} is not in the configuration)`);
  if (change.reason === "read-because-dependency-pending") lines.push("  # (depends on a resource with changes pending)");
  lines.push(`${symbol} ${kind} "${change.type}" "${change.name}" {`);
  const rows = attributeRows(change, p);
  const width = Math.max(0, ...rows.filter((r) => r.key).map((r) => r.key!.length));
  let hidden = 0;
  for (const row of rows) {
    if (row.hidden) hidden++;
    else lines.push(`      ${row.symbol} ${row.key!.padEnd(width)} = ${row.text}`);
  }
  if (hidden > 0) lines.push(p.dim(`        # (${hidden} unchanged attribute${hidden === 1 ? "" : "s"} hidden)`));
  lines.push("    }");
  return lines.join("\n");
}

interface Row {
  key?: string;
  symbol: string;
  text: string;
  hidden?: boolean;
}

function attributeRows(change: ResourceChange, p: Palette): Row[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const rows: Row[] = [];
  const secret = (key: string) => change.sensitiveKeys.includes(key) || change.writeOnlyKeys.includes(key);
  for (const key of keys) {
    const b = before[key];
    const a = after[key];
    const indent = "        ";
    if (change.action === "create" || change.action === "read") {
      if (a === null || a === undefined) continue;
      rows.push({ key, symbol: p.green("+"), text: renderValue(a, indent, secret(key) && !isUnknown(a)) });
    } else if (change.action === "delete") {
      if (b === null || b === undefined) continue;
      rows.push({ key, symbol: p.red("-"), text: `${renderValue(b, indent, secret(key))} -> null` });
    } else if (!change.changedKeys.includes(key)) {
      rows.push({ key, symbol: " ", text: "", hidden: true });
    } else {
      const forces = change.replacePaths.includes(key) ? p.red(" # forces replacement") : "";
      const elements = change.changedElements[key];
      if (elements && !secret(key)) {
        rows.push({ key, symbol: p.yellow("~"), text: mapDiff(b as Record<string, unknown>, a as Record<string, unknown>, elements, indent, p, forces) });
        continue;
      }
      const from = b === undefined ? "null" : renderValue(b, indent, secret(key));
      rows.push({ key, symbol: p.yellow("~"), text: `${from} -> ${renderValue(a, indent, secret(key) && !isUnknown(a))}${forces}` });
    }
  }
  return rows;
}

/** A changed map, one row per key the plan names as changed, as Terraform shows `tags`. */
function mapDiff(before: Record<string, unknown>, after: Record<string, unknown>, elements: readonly string[], indent: string, p: Palette, forces: string): string {
  const inner = `${indent}    `;
  const width = Math.max(0, ...elements.map((element) => JSON.stringify(element).length));
  const lines = [`{${forces}`];
  for (const element of elements) {
    const name = JSON.stringify(element).padEnd(width);
    if (!(element in before)) lines.push(`${indent}  ${p.green("+")} ${name} = ${renderValue(after[element], inner)}`);
    else if (!(element in after)) lines.push(`${indent}  ${p.red("-")} ${name} = ${renderValue(before[element], inner)} -> null`);
    else lines.push(`${indent}  ${p.yellow("~")} ${name} = ${renderValue(before[element], inner)} -> ${renderValue(after[element], inner)}`);
  }
  const unchanged = new Set([...Object.keys(before), ...Object.keys(after)]).size - elements.length;
  if (unchanged > 0) lines.push(p.dim(`${inner}# (${unchanged} unchanged element${unchanged === 1 ? "" : "s"} hidden)`));
  lines.push(`${indent}}`);
  return lines.join("\n");
}

function renderDrift(drift: readonly DriftEntry[], p: Palette): string {
  const lines = [p.bold(MESSAGES.driftHeader), "", MESSAGES.driftDetail, ""];
  for (const entry of drift) {
    if (entry.kind === "deleted") lines.push(p.bold(`  # ${entry.address} has been deleted`));
    else if (entry.kind === "gone") lines.push(p.bold(`  # ${entry.address} is gone: ${entry.reasonText ?? "no longer usable"}`));
    else {
      lines.push(p.bold(`  # ${entry.address} has changed`));
      for (const key of entry.changedKeys) {
        const secret = entry.sensitiveKeys.includes(key);
        lines.push(`      ${p.yellow("~")} ${key} = ${renderValue(entry.before[key], "      ", secret)} -> ${renderValue(entry.after?.[key], "      ", secret)}`);
      }
    }
  }
  lines.push("", "Unless you have made equivalent changes to your stack, the plan below will undo them.", "");
  return lines.join("\n");
}
