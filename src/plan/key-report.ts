/**
 * The key usage report security reviews ask for: every API key orgform manages, on every
 * provider, with created / last-used / expiry dates from a live refresh, flagging keys unused for
 * N days and keys past or near expiry. A type counts as a key when its name says so (…_api_key,
 * …_key, service accounts); its dates come from created_at, last_used_at and expires_at.
 */
import type { StateDocument } from "../state/document";
import { isSensitive } from "../values/sensitive";
import { compareText } from "../values/compare";
import type { EngineContext } from "./context";
import { refreshState } from "./refresh";

export type KeyFlag = "unused" | "never-used" | "expired" | "expiring" | "deleted-outside";

export interface KeyReportEntry {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  readonly id: string;
  readonly label: string;
  readonly createdAt: string | null;
  readonly lastUsedAt: string | null;
  readonly expiresAt: string | null;
  readonly flags: readonly KeyFlag[];
}

export interface KeyReportOptions {
  readonly unusedDays: number;
  readonly expiryDays: number;
  readonly now: Date;
}

const KEY_TYPE = /(_api_key|_key|_service_account)$/;

export async function reportKeys(context: EngineContext, prevRun: StateDocument, options: KeyReportOptions): Promise<KeyReportEntry[]> {
  const refreshed = await refreshState(context, prevRun);
  const entries: KeyReportEntry[] = [];
  for (const resource of prevRun.resources.values()) {
    if (resource.mode !== "managed" || !KEY_TYPE.test(resource.type)) continue;
    const live = refreshed.state.resources.get(resource.address);
    const attributes = live?.attributes ?? resource.attributes;
    const createdAt = date(attributes.created_at);
    const lastUsedAt = date(attributes.last_used_at);
    const expiresAt = date(attributes.expires_at);
    const flags: KeyFlag[] = [];
    const dayMs = 86_400_000;
    if (!live) flags.push("deleted-outside");
    if (expiresAt && Date.parse(expiresAt) <= options.now.getTime()) flags.push("expired");
    else if (expiresAt && Date.parse(expiresAt) - options.now.getTime() <= options.expiryDays * dayMs) flags.push("expiring");
    const lastActivity = lastUsedAt ?? createdAt;
    if (lastActivity && options.now.getTime() - Date.parse(lastActivity) >= options.unusedDays * dayMs) flags.push(lastUsedAt ? "unused" : "never-used");
    entries.push({
      stack: context.config.stack,
      address: resource.address,
      type: resource.type,
      id: String(attributes.id),
      label: labelOf(attributes),
      createdAt,
      lastUsedAt,
      expiresAt,
      flags,
    });
  }
  return entries.sort((a, b) => compareText(a.stack, b.stack) || compareText(a.address, b.address));
}

function date(value: unknown): string | null {
  if (value === null || value === undefined || isSensitive(value)) return null;
  if (typeof value === "number") return new Date(value < 1e12 ? value * 1000 : value).toISOString();
  const parsed = Date.parse(String(value));
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}

function labelOf(attributes: Readonly<Record<string, unknown>>): string {
  for (const key of ["name", "note", "label", "public_key", "redacted_value", "partial_key_hint"]) {
    const value = attributes[key];
    if (typeof value === "string" && value) return value;
  }
  return String(attributes.id);
}
