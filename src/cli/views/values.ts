/**
 * Renders attribute values the way Terraform's plan does: strings quoted, maps and lists in HCL
 * style over several lines, "(known after apply)" for unknowns and "(sensitive value)" for
 * secrets. Secrets are never revealed here: this module cannot print one.
 */
import { compareText } from "../../values/compare";
import { SENSITIVE_MASK, isSensitive } from "../../values/sensitive";
import { UNKNOWN_TEXT, isUnknown } from "../../values/unknown";
import { isDelivered } from "../../values/delivered";

export function renderValue(value: unknown, indent: string, sensitive = false): string {
  if (isDelivered(value)) return value.toString();
  if (sensitive || isSensitive(value)) return SENSITIVE_MASK;
  if (isUnknown(value)) return UNKNOWN_TEXT;
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value !== "object") return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inner = value.map((item) => `${indent}    ${renderValue(item, `${indent}    `)},`).join("\n");
    return `[\n${inner}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  const width = Math.max(...entries.map(([key]) => quoteKey(key).length));
  const inner = entries
    .sort(([a], [b]) => compareText(a, b))
    .map(([key, item]) => `${indent}    ${quoteKey(key).padEnd(width)} = ${renderValue(item, `${indent}    `)}`)
    .join("\n");
  return `{\n${inner}\n${indent}}`;
}

function quoteKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
}
