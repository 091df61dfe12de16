/**
 * The vocabulary of a plan. An Action is what apply will do to one object; the engine picks the
 * provider call from it. `reason` explains the action to people and never drives apply.
 */
import type { Attributes } from "../provider/contract";
import type { StateDocument } from "../state/document";

export type Action = "no-op" | "create" | "read" | "update" | "replace" | "delete";
export type ReplaceOrder = "delete-first" | "create-first";

export type ActionReason =
  | "replace-by-request"
  | "replace-because-tainted"
  | "replace-because-cannot-update"
  | "replace-because-force-new"
  | "create-because-deleted-outside"
  | "create-because-gone"
  | "delete-because-no-config"
  | "read-because-unknown-arguments"
  | "read-because-dependency-pending"
  | "import";

export interface ResourceChange {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  readonly action: Action;
  readonly replaceOrder?: ReplaceOrder;
  /** The object as refreshed (null when it does not exist). Sensitive values are wrapped. */
  readonly before: Attributes | null;
  /** The object as planned; Unknown where known only after apply; null for delete. */
  readonly after: Attributes | null;
  /**
   * Attributes whose planned value differs from `before` or is unknown: the rows an update or a
   * replacement shows (views render these and compute nothing). Empty for create, read, delete.
   */
  readonly changedKeys: readonly string[];
  /** For a changed attribute holding a map on both sides: the map keys added, removed or changed. */
  readonly changedElements: Readonly<Record<string, readonly string[]>>;
  /** Arguments whose change forces the replacement. */
  readonly replacePaths: readonly string[];
  readonly reason?: ActionReason;
  /** Words from the provider or the refresh, for the UI: "archived outside orgform". */
  readonly reasonText?: string;
  /** Provider's words when it cannot truly create/delete ("adopted", "archived"). */
  readonly verbs: { readonly create?: string; readonly delete?: string; readonly deleteNote?: string };
  /** Attribute names holding secrets. */
  readonly sensitiveKeys: readonly string[];
  /** Write-only arguments: their drift cannot be detected. */
  readonly writeOnlyKeys: readonly string[];
  /** Addresses this object depends on in the configuration (for the apply walk). */
  readonly dependencies: readonly string[];
  /** Set when the object is adopted through an import block. */
  readonly importId?: string;
}

/** An object that changed outside orgform since the last run: PrevRunState vs PriorState. */
export interface DriftEntry {
  readonly address: string;
  readonly kind: "changed" | "deleted" | "gone";
  readonly before: Attributes;
  readonly after: Attributes | null;
  /** Argument names whose values differ. */
  readonly changedKeys: readonly string[];
  readonly reasonText?: string;
  readonly sensitiveKeys: readonly string[];
}

export interface OutputChange {
  readonly name: string;
  readonly action: "create" | "update" | "delete" | "no-op";
  readonly before: unknown;
  readonly after: unknown;
  readonly sensitive: boolean;
}

export interface Plan {
  readonly stack: string;
  readonly mode: "normal" | "destroy" | "refresh-only";
  readonly changes: readonly ResourceChange[];
  readonly drift: readonly DriftEntry[];
  readonly outputs: readonly OutputChange[];
  /** State after refresh: what apply starts from. */
  readonly priorState: StateDocument;
  /** Serial and lineage of the state the plan was made against (saved plans check them). */
  readonly prevRunSerial: number;
  readonly lineage: string;
  /** Results of data sources read during the plan. */
  readonly dataResults: ReadonlyMap<string, Attributes>;
  /** Objects adopted from the create journal (an interrupted run made them): state must record them. */
  readonly recovered: readonly string[];
  /** Create-journal intents this plan resolved: apply retires them once its state is written. */
  readonly settledIntents: readonly string[];
  /** `moved` blocks applied to state. */
  readonly moved: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  /** Notes for the user (undetectable write-only drift, limits). */
  readonly warnings: readonly string[];
}

export interface PlanSummary {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  readonly import: number;
}

export function summarize(plan: Plan): PlanSummary {
  let add = 0;
  let change = 0;
  let destroy = 0;
  let imported = 0;
  for (const c of plan.changes) {
    if (c.importId !== undefined) imported++;
    if (c.action === "create") add++;
    else if (c.action === "update") change++;
    else if (c.action === "delete") destroy++;
    else if (c.action === "replace") {
      add++;
      destroy++;
    }
  }
  return { add, change, destroy, import: imported };
}

/** Whether apply has anything to record: changes, imports, moves or adopted objects. */
export function hasStateEdits(plan: Plan): boolean {
  return plan.recovered.length > 0 || plan.moved.length > 0 || plan.changes.some((c) => c.importId !== undefined);
}

export function hasChanges(plan: Plan): boolean {
  return hasStateEdits(plan) || plan.changes.some((c) => c.action !== "no-op" && c.action !== "read") || plan.outputs.some((o) => o.action !== "no-op");
}
