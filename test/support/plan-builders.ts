/**
 * Builders of plans for tests of the views and of apply: a ResourceChange or a Plan from only the
 * fields a case cares about, the rest filled the way makePlan fills them.
 */
import type { DriftEntry, OutputChange, Plan, ResourceChange } from "../../src/plan/types";
import type { ResourceState, StateDocument } from "../../src/state/document";
import { attributeChanges } from "../../src/plan/decide";

type ChangeInput = Partial<ResourceChange> & Pick<ResourceChange, "address" | "action">;

/**
 * One resource change; type, name and provider come from the address (`type.name`), and the
 * changed keys from before and after, as makePlan computes them.
 */
export function resourceChange(input: ChangeInput): ResourceChange {
  const [type, name] = splitAddress(input.address);
  const shown = input.action === "update" || input.action === "replace" || input.action === "no-op";
  return {
    ...(shown ? attributeChanges(input.before ?? null, input.after ?? null) : { changedKeys: [], changedElements: {} }),
    mode: "managed",
    type,
    name,
    provider: type.split("_")[0]!,
    before: null,
    after: null,
    replacePaths: [],
    verbs: {},
    sensitiveKeys: [],
    writeOnlyKeys: [],
    dependencies: [],
    ...input,
  };
}

export function driftEntry(input: Partial<DriftEntry> & Pick<DriftEntry, "address" | "kind" | "before">): DriftEntry {
  return { after: null, changedKeys: [], sensitiveKeys: [], ...input };
}

export function outputChange(input: Partial<OutputChange> & Pick<OutputChange, "name" | "action">): OutputChange {
  return { before: null, after: null, sensitive: false, ...input };
}

export function plan(input: Partial<Plan> = {}): Plan {
  return {
    stack: "org",
    mode: "normal",
    changes: [],
    drift: [],
    outputs: [],
    priorState: state(),
    prevRunSerial: 1,
    lineage: "lineage-test",
    dataResults: new Map(),
    recovered: [],
    settledIntents: [],
    moved: [],
    warnings: [],
    ...input,
  };
}

/** A state document holding the given objects (serial 1 unless told). */
export function state(resources: readonly ResourceState[] = [], serial = 1, lineage = "lineage-test"): StateDocument {
  return { serial, lineage, resources: new Map(resources.map((r) => [r.address, r])), outputs: {} };
}

/** One managed object in state; type, name and provider come from the address. */
export function resourceState(address: string, attributes: Record<string, unknown>, more: Partial<ResourceState> = {}): ResourceState {
  const [type, name] = splitAddress(address);
  return { address, mode: "managed", type, name, provider: type.split("_")[0]!, attributes, dependencies: [], ...more };
}

function splitAddress(address: string): [string, string] {
  const parts = address.replace(/^data\./, "").split(".");
  return [parts[0]!, parts.slice(1).join(".")];
}
