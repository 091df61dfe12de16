/**
 * The key usage report security reviews ask for: every API key orgform manages, on every
 * provider, with created / last-used / expiry dates from a live refresh, flagging keys unused for
 * N days and keys past or near expiry. A type is a key when it declares `keyReport` (which
 * attributes hold its dates); where its API does not report last use, last use is unknown and
 * the key is never flagged as unused for lack of it.
 */
import type { StateDocument } from "../state/document";
import { isSensitive } from "../values/sensitive";
import { compareText } from "../values/compare";
import type { EngineContext } from "./context";
import { refreshState } from "./refresh";
import { withSharedReads } from "../http/shared-reads";

export type KeyFlag = "unused" | "never-used" | "expired" | "expiring" | "deleted-outside";

export interface KeyReportEntry {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  readonly id: string;
  readonly label: string;
  readonly createdAt: string | null;
  readonly lastUsedAt: string | null;
  /** "recorded": lastUsedAt holds it; "never": the API tracks use and has none; "unknown": the API does not say. */
  readonly lastUse: "recorded" | "never" | "unknown";
  readonly expiresAt: string | null;
  readonly flags: readonly KeyFlag[];
}

export interface KeyReportOptions {
  readonly unusedDays: number;
  readonly expiryDays: number;
  readonly now: Date;
}

/** Reads only; like a plan, each GET is sent once (src/http/shared-reads.ts). */
export function reportKeys(context: EngineContext, prevRun: StateDocument, options: KeyReportOptions): Promise<KeyReportEntry[]> {
  return withSharedReads(() => reportKeysShared(context, prevRun, options));
}

async function reportKeysShared(context: EngineContext, prevRun: StateDocument, options: KeyReportOptions): Promise<KeyReportEntry[]> {
  const refreshed = await refreshState(context, prevRun);
  const entries: KeyReportEntry[] = [];
  for (const resource of prevRun.resources.values()) {
    if (resource.mode !== "managed") continue;
    const fields = context.resourceType(resource.address, resource.type).keyReport;
    if (!fields) continue;
    const live = refreshed.state.resources.get(resource.address);
    const attributes = live?.attributes ?? resource.attributes;
    const read = (attribute: string | undefined) => (attribute === undefined ? null : date(attributes[attribute]));
    const createdAt = read(fields.createdAt);
    const lastUsedAt = read(fields.lastUsedAt);
    const lastUse = lastUsedAt ? "recorded" : fields.lastUsedAt ? "never" : "unknown";
    const expiresAt = read(fields.expiresAt);
    const flags: KeyFlag[] = [];
    const dayMs = 86_400_000;
    if (!live) flags.push("deleted-outside");
    if (expiresAt && Date.parse(expiresAt) <= options.now.getTime()) flags.push("expired");
    else if (expiresAt && Date.parse(expiresAt) - options.now.getTime() <= options.expiryDays * dayMs) flags.push("expiring");
    // Unknown last use flags nothing: a key the API gives no usage for may be in use every day.
    const lastActivity = lastUse === "recorded" ? lastUsedAt : lastUse === "never" ? createdAt : null;
    if (lastActivity && options.now.getTime() - Date.parse(lastActivity) >= options.unusedDays * dayMs) flags.push(lastUse === "recorded" ? "unused" : "never-used");
    entries.push({
      stack: context.config.stack,
      address: resource.address,
      type: resource.type,
      id: String(attributes.id),
      label: labelOf(attributes, fields.label),
      createdAt,
      lastUsedAt,
      lastUse,
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

function labelOf(attributes: Readonly<Record<string, unknown>>, keys: readonly string[]): string {
  for (const key of keys) {
    const value = attributes[key];
    if (typeof value === "string" && value) return value;
  }
  return String(attributes.id);
}
