/**
 * Decides the action for one managed resource from its refreshed prior object and its desired
 * arguments, the way Terraform's plan does: create, no-op, update in place, or replace (an
 * argument marked force-new changed, or the type cannot update), with lifecycle ignore_changes
 * and create_before_destroy honoured. Pure: no I/O.
 */
import type { Lifecycle } from "../config/model";
import type { Attributes, ResourceType } from "../provider/contract";
import { compareText } from "../values/compare";
import { containsUnknown, isUnknown, unknown } from "../values/unknown";
import { fingerprint, sameValue } from "./arguments";
import type { Action, ActionReason, ReplaceOrder } from "./types";

export interface Decision {
  readonly action: Action;
  readonly replaceOrder?: ReplaceOrder;
  readonly after: Record<string, unknown>;
  readonly replacePaths: readonly string[];
  readonly reason?: ActionReason;
  /** Arguments that differ from the prior object. */
  readonly changedKeys: readonly string[];
}

export interface DecideInput {
  readonly type: ResourceType;
  readonly args: Record<string, unknown>;
  readonly prior: Attributes | undefined;
  readonly priorFingerprints?: Readonly<Record<string, string>>;
  readonly lifecycle: Lifecycle;
  readonly replaceRequested: boolean;
}

export function decide(input: DecideInput): Decision {
  const { type, args, prior, lifecycle } = input;
  const order: ReplaceOrder = lifecycle.createBeforeDestroy ? "create-first" : "delete-first";
  if (!prior) return { action: "create", after: withComputedUnknown(type, args, undefined), replacePaths: [], changedKeys: Object.keys(args) };

  const writeOnly = new Set(type.writeOnly ?? []);
  const ignored = lifecycle.ignoreChanges;
  const effectiveArgs: Record<string, unknown> = { ...args };
  const changedKeys: string[] = [];
  for (const key of Object.keys(args)) {
    if (ignored === "all" || ignored.includes(key)) {
      if (key in prior) effectiveArgs[key] = prior[key];
      continue;
    }
    if (writeOnly.has(key)) {
      const known = input.priorFingerprints?.[key];
      if (known !== undefined && !containsUnknown(args[key]) && known !== fingerprint(args[key])) changedKeys.push(key);
      continue;
    }
    if (containsUnknown(args[key]) || !sameValue(args[key], prior[key])) changedKeys.push(key);
  }

  const replacePaths = changedKeys.filter((key) => type.forceNew.includes(key));
  if (input.replaceRequested) {
    return { action: "replace", replaceOrder: order, after: withComputedUnknown(type, effectiveArgs, undefined), replacePaths, reason: "replace-by-request", changedKeys };
  }
  if (changedKeys.length === 0) return { action: "no-op", after: { ...prior, ...effectiveArgs }, replacePaths: [], changedKeys };
  if (replacePaths.length > 0 || !type.update) {
    const reason: ActionReason = replacePaths.length > 0 ? "replace-because-force-new" : "replace-because-cannot-update";
    return {
      action: "replace",
      replaceOrder: order,
      after: withComputedUnknown(type, effectiveArgs, undefined),
      replacePaths: replacePaths.length > 0 ? replacePaths : changedKeys,
      reason,
      changedKeys,
    };
  }
  return { action: "update", after: withComputedUnknown(type, { ...prior, ...effectiveArgs }, prior), replacePaths: [], changedKeys };
}

/**
 * Computed attributes are unknown on create and replace. On update they keep their prior value
 * (the id of an object updated in place does not change), except the type's volatile ones.
 */
function withComputedUnknown(type: ResourceType, args: Record<string, unknown>, prior: Attributes | undefined): Record<string, unknown> {
  const after: Record<string, unknown> = { ...args };
  for (const key of type.computed) {
    // An argument that is also computed (optional, API-filled): the declared value wins.
    if (key in args) continue;
    after[key] = prior && key in prior && !(type.volatile ?? []).includes(key) ? prior[key] : unknown;
  }
  for (const key of type.volatile ?? []) if (prior) after[key] = unknown;
  return after;
}

/**
 * What a change shows a reviewer: the attributes whose planned value differs from the prior one
 * (or is unknown until apply), and inside those that hold a map on both sides, the keys added,
 * removed or changed, so a map renders per key (`~ "team" = "ml" -> "research"`) as Terraform's does.
 */
export function attributeChanges(before: Attributes | null, after: Attributes | null): { changedKeys: string[]; changedElements: Record<string, string[]> } {
  const changedKeys: string[] = [];
  const changedElements: Record<string, string[]> = {};
  if (!before || !after) return { changedKeys, changedElements };
  for (const key of Object.keys(after).sort(compareText)) {
    const [was, will] = [before[key], after[key]];
    if (!isUnknown(will) && sameValue(will, was)) continue;
    changedKeys.push(key);
    if (isPlainMap(was) && isPlainMap(will)) {
      const keys = [...new Set([...Object.keys(was), ...Object.keys(will)])].sort(compareText);
      changedElements[key] = keys.filter((element) => !(element in was) || !(element in will) || !sameValue(was[element], will[element]));
    }
  }
  return { changedKeys, changedElements };
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
}
