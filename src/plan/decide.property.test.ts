/**
 * Properties of the plan diff (decide): a prior object that already has the arguments is a
 * no-op; otherwise the decision's changed keys are exactly the arguments that differ, the
 * planned `after` shows every argument's new value, and applying the changes to the prior object
 * gives the arguments back (a → b). Resource types here are plain contract objects, as a provider
 * declares them.
 */
import fc from "fast-check";
import { z } from "zod";
import type { Lifecycle } from "../config/model";
import type { ResourceType } from "../provider/contract";
import { containsUnknown } from "../values/unknown";
import { sameValue } from "./arguments";
import { decide } from "./decide";

const SEED = 424242;
const KEYS = ["name", "note", "role", "tags", "size"] as const;
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3, max: 3 }).map((n) => n + 0),
  fc.constantFrom("a", "b", "c", ""),
  fc.array(fc.constantFrom("x", "y"), { maxLength: 2 }),
  fc.dictionary(fc.constantFrom("k", "l"), fc.constantFrom("1", "2")),
);
const argsOf = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: KEYS.length });
const subset: fc.Arbitrary<string[]> = fc.subarray<string>([...KEYS]);

interface TypeShape {
  readonly forceNew: string[];
  /** Arguments the API also computes when absent (Terraform's optional + computed). */
  readonly computedArgs: string[];
  readonly updatable: boolean;
}

const typeShape: fc.Arbitrary<TypeShape> = fc.record({ forceNew: subset, computedArgs: subset, updatable: fc.boolean() });
const noLifecycle: Lifecycle = { preventDestroy: false, createBeforeDestroy: false, ignoreChanges: [] };

function typeOf(shape: TypeShape): ResourceType {
  const type: ResourceType = {
    type: "test_thing",
    arguments: z.object(Object.fromEntries(KEYS.map((k) => [k, z.unknown().optional()]))) as z.ZodType<Record<string, unknown>>,
    computed: ["id", "created_at", ...shape.computedArgs],
    forceNew: shape.forceNew,
    sensitive: [],
    read: async () => null,
    create: async (_ctx, args) => ({ ...args, id: "new" }),
    delete: async () => undefined,
  };
  return shape.updatable ? { ...type, update: async (_ctx, prior, args) => ({ ...prior, ...args }) } : type;
}

const differing = (args: Record<string, unknown>, prior: Record<string, unknown>) => Object.keys(args).filter((k) => !sameValue(args[k], prior[k])).sort();

describe("plan diff properties (decide)", () => {
  it("a prior object that already has the arguments is a no-op, whatever the type", () => {
    fc.assert(
      fc.property(typeShape, argsOf, argsOf, (shape, args, extra) => {
        const prior = { ...extra, ...args, id: "obj_1", created_at: "2025-01-01" };
        const decision = decide({ type: typeOf(shape), args, prior, lifecycle: noLifecycle, replaceRequested: false });
        expect(decision.action).toBe("no-op");
        expect(decision.changedKeys).toEqual([]);
        expect(decision.after).toEqual(prior);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("changed keys are exactly the differing arguments, and the action follows from them", () => {
    fc.assert(
      fc.property(typeShape, argsOf, argsOf, (shape, args, priorArgs) => {
        const prior: Record<string, unknown> = { ...priorArgs, id: "obj_1", created_at: "2025-01-01" };
        const decision = decide({ type: typeOf(shape), args, prior, lifecycle: noLifecycle, replaceRequested: false });
        const changed = differing(args, prior);
        expect([...decision.changedKeys].sort()).toEqual(changed);
        const forcing = changed.filter((k) => shape.forceNew.includes(k));
        const expected = changed.length === 0 ? "no-op" : forcing.length > 0 || !shape.updatable ? "replace" : "update";
        expect(decision.action).toBe(expected);
        if (expected === "replace") expect([...decision.replacePaths].sort()).toEqual(forcing.length > 0 ? forcing : changed);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it("the planned after shows every argument's new value, and applying the changes to a yields b", () => {
    fc.assert(
      fc.property(typeShape, argsOf, argsOf, (shape, args, priorArgs) => {
        const prior: Record<string, unknown> = { ...priorArgs, id: "obj_1", created_at: "2025-01-01" };
        const decision = decide({ type: typeOf(shape), args, prior, lifecycle: noLifecycle, replaceRequested: false });
        for (const key of Object.keys(args)) expect({ key, after: decision.after[key] }).toEqual({ key, after: args[key] });
        // a → b: the prior object with the changed arguments applied has every argument's value.
        const applied = { ...prior, ...Object.fromEntries(decision.changedKeys.map((k) => [k, decision.after[k]])) };
        for (const key of Object.keys(args)) expect(sameValue(applied[key], args[key])).toBe(true);
        // An update keeps the object's identity; a replace makes a new one, known after apply.
        if (decision.action === "update") expect(decision.after.id).toBe("obj_1");
        if (decision.action === "replace") expect(containsUnknown(decision.after.id)).toBe(true);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it("ignore_changes keeps the prior value of ignored arguments and never plans a change for them", () => {
    fc.assert(
      fc.property(typeShape, argsOf, argsOf, subset, (shape, args, priorArgs, ignored) => {
        const prior: Record<string, unknown> = { ...priorArgs, id: "obj_1" };
        const lifecycle = { ...noLifecycle, ignoreChanges: ignored };
        const decision = decide({ type: typeOf(shape), args, prior, lifecycle, replaceRequested: false });
        for (const key of ignored) expect(decision.changedKeys).not.toContain(key);
        const changed = differing(args, prior).filter((k) => !ignored.includes(k));
        expect(decision.action === "no-op").toBe(changed.length === 0);
        for (const key of ignored) if (key in prior && key in args) expect(decision.after[key]).toEqual(prior[key]);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("no prior object means create, with every argument in after and the id unknown", () => {
    fc.assert(
      fc.property(typeShape, argsOf, (shape, args) => {
        const decision = decide({ type: typeOf(shape), args, prior: undefined, lifecycle: noLifecycle, replaceRequested: false });
        expect(decision.action).toBe("create");
        for (const key of Object.keys(args)) expect(decision.after[key]).toEqual(args[key]);
        expect(containsUnknown(decision.after.id)).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
