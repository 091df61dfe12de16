/**
 * Drift detection for scheduled reports: refresh every managed object (batched list reads) and
 * report what changed or disappeared outside orgform, plus unmanaged objects: what exists in the
 * collections orgform manages (same organization, workspace or project) but is in no stack.
 * Reads only: it never changes the live APIs or state.
 */
import { compareText } from "../values/compare";
import type { StateDocument } from "../state/document";
import { isSensitive } from "../values/sensitive";
import type { EngineContext } from "./context";
import { refreshState } from "./refresh";
import type { DriftEntry } from "./types";

export interface UnmanagedObject {
  readonly type: string;
  readonly provider: string;
  /** The parent collection ("" for top-level objects). */
  readonly scope: string;
  readonly id: string;
  /** A human name: the object's name, email or note. */
  readonly label: string;
}

export interface DriftReport {
  readonly stack: string;
  readonly drift: readonly DriftEntry[];
  readonly unmanaged: readonly UnmanagedObject[];
  /** Managed objects checked. */
  readonly checked: number;
}

export async function detectDrift(context: EngineContext, prevRun: StateDocument, options: { unmanaged: boolean }): Promise<DriftReport> {
  const refreshed = await refreshState(context, prevRun);
  const unmanaged: UnmanagedObject[] = [];
  if (options.unmanaged) {
    const managedIds = new Map<string, Set<string>>();
    for (const resource of prevRun.resources.values()) {
      const ids = managedIds.get(resource.type) ?? new Set<string>();
      ids.add(String(resource.attributes.id));
      managedIds.set(resource.type, ids);
    }
    for (const collection of refreshed.collections) {
      for (const object of collection.objects) {
        const id = String(object.id);
        if (managedIds.get(collection.type)?.has(id)) continue;
        unmanaged.push({ type: collection.type, provider: collection.provider, scope: collection.scope, id, label: labelOf(object) });
      }
    }
  }
  unmanaged.sort((a, b) => compareText(a.type, b.type) || compareText(a.scope, b.scope) || compareText(a.id, b.id));
  const checked = [...prevRun.resources.values()].filter((r) => r.mode === "managed").length;
  return { stack: context.config.stack, drift: refreshed.drift, unmanaged: dedupe(unmanaged), checked };
}

export function hasDrift(report: DriftReport): boolean {
  return report.drift.length > 0 || report.unmanaged.length > 0;
}

function labelOf(object: Readonly<Record<string, unknown>>): string {
  for (const key of ["name", "email", "note", "label", "display_name"]) {
    const value = object[key];
    if (typeof value === "string" && value && !isSensitive(value)) return value;
  }
  return String(object.id);
}

function dedupe(objects: UnmanagedObject[]): UnmanagedObject[] {
  const seen = new Set<string>();
  return objects.filter((o) => {
    const key = `${o.type}\u0000${o.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
