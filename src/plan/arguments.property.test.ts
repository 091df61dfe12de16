import fc from "fast-check";
import { Delivered } from "../values/delivered";
import { Sensitive, revealDeep } from "../values/sensitive";
import { sameValue, stableJson } from "./arguments";

/** Attribute-like values: JSON (plain objects, as JSON.parse makes), with secrets, deliveries and missing values mixed in. */
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, undefined, true, false, 0, -0, 1, 2.5, NaN, Infinity, "", "a", "b", "(delivered to x)"),
    fc.string({ maxLength: 3 }),
    fc.constantFrom("x", "y").map((sink) => new Delivered(sink)),
    tie("value").map((inner) => new Sensitive(inner)),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("a", "b", "c"), tie("value"), { maxKeys: 3, noNullPrototype: true }),
  ),
}));

const byText = (a: unknown, b: unknown) => stableJson(revealDeep(a)) === stableJson(revealDeep(b));

describe("sameValue", () => {
  it("agrees with comparing the values' stable JSON texts", () => {
    fc.assert(fc.property(value, value, (a, b) => sameValue(a, b) === byText(a, b)), { numRuns: 3000 });
  });

  it("agrees on a value and a reshuffled, re-wrapped copy of it", () => {
    const rewrap = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(rewrap);
      if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
        return Object.fromEntries(Object.entries(v).reverse().map(([k, item]) => [k, rewrap(item)]));
      }
      return typeof v === "string" ? new Sensitive(v) : v;
    };
    fc.assert(fc.property(value, (a) => sameValue(a, rewrap(a)) && byText(a, rewrap(a))), { numRuns: 1000 });
  });

  it("tells apart what users would call different", () => {
    expect(sameValue({ a: 1 }, { a: "1" })).toBe(false);
    expect(sameValue({ a: undefined }, {})).toBe(false);
    expect(sameValue([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameValue(new Sensitive("k1"), "k2")).toBe(false);
    expect(sameValue(new Delivered("file a"), new Delivered("file b"))).toBe(false);
    expect(sameValue({ a: [1, { b: null }] }, { a: [1, { b: undefined }] })).toBe(true);
  });
});
