/**
 * cdktf writes cdk.tf.json and manifest.json with json-stable-stringify; orgform gives it
 * src/cli/stable-json.cjs instead (src/cli/lazy-dependencies.cjs), which must write the same
 * text for every value and the options it accepts.
 */
import fc from "fast-check";
import { join } from "node:path";
import { REPO_ROOT } from "./support/cli";

/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS modules outside the TypeScript build */
const { stableJson, handles } = require(join(REPO_ROOT, "src/cli/stable-json.cjs")) as { stableJson: (value: unknown, options?: unknown) => string | undefined; handles: (options: unknown) => boolean };
const original = require(require.resolve("json-stable-stringify", { paths: [require.resolve("cdktf")] })) as (value: unknown, options?: unknown) => string | undefined;
/* eslint-enable @typescript-eslint/no-require-imports */

const OPTIONS = [{ space: 2 }, undefined, { space: "\t" }, { space: 0 }, { space: 4 }];

describe("stable JSON", () => {
  it.each(OPTIONS.map((options) => [JSON.stringify(options) ?? "no options", options]))("writes what json-stable-stringify writes (%s)", (_name, options) => {
    fc.assert(
      fc.property(fc.anything({ withDate: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: true, withObjectString: true }), (value) => {
        expect(stableJson(value, options)).toBe(original(value, options));
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ["empty containers", { a: [], b: {}, c: [[], {}], d: [{ e: {} }] }],
    ["values JSON leaves out or turns into null", { f: () => 1, u: undefined, s: Symbol("s"), n: NaN, list: [undefined, () => 1, Symbol("t"), Infinity] }],
    ["toJSON", { when: new Date(0), custom: { toJSON: () => ({ z: 1, a: [2] }) } }],
    ["keys in code-unit order", { b: 1, a: 2, B: 3, "10": 4, "9": 5, é: 6, "": 7 }],
  ])("writes %s the same", (_name, value) => {
    for (const options of OPTIONS) expect(stableJson(value, options)).toBe(original(value, options));
  });

  it("throws the same error for a cycle through objects", () => {
    const cyclic: Record<string, unknown> = { a: {} };
    (cyclic.a as Record<string, unknown>).back = cyclic;
    expect(() => original(cyclic, { space: 2 })).toThrow(new TypeError("Converting circular structure to JSON"));
    expect(() => stableJson(cyclic, { space: 2 })).toThrow(new TypeError("Converting circular structure to JSON"));
  });

  it("leaves options it does not know to json-stable-stringify", () => {
    expect(handles({ space: 2 })).toBe(true);
    expect(handles(undefined)).toBe(true);
    expect(handles({ space: 2, cycles: true })).toBe(false);
    expect(handles(() => 0)).toBe(false);
  });
});

describe("the document written with the text, while orgform synthesizes", () => {
  const DOCUMENTS = Symbol.for("orgform.synthesized-documents");
  const registry = globalThis as { [DOCUMENTS]?: Map<string, unknown> };
  afterEach(() => {
    delete registry[DOCUMENTS];
  });

  it("is what JSON.parse makes of the text, for every value", () => {
    fc.assert(
      fc.property(fc.anything({ withDate: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: true, withObjectString: true }), (value) => {
        const documents = new Map<string, unknown>();
        registry[DOCUMENTS] = documents;
        const text = stableJson(value, { space: 2 });
        if (text === undefined) return expect(documents.size).toBe(0);
        expect(documents.get(text)).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it("keeps what JSON leaves out or changes out of the document as well", () => {
    const documents = new Map<string, unknown>();
    registry[DOCUMENTS] = documents;
    const value = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    Object.assign(value, { zero: -0, nan: NaN, gone: undefined, list: [undefined, () => 1, Infinity], when: new Date(0) });
    const text = stableJson(value, { space: 2 })!;
    const document = documents.get(text) as Record<string, unknown>;
    expect(document).toStrictEqual(JSON.parse(text));
    expect(Object.is(document.zero, 0)).toBe(true);
    expect(Object.keys(document)).toEqual(["__proto__", "list", "nan", "when", "zero"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("is not made when orgform is not synthesizing", () => {
    expect(stableJson({ a: 1 }, { space: 2 })).toBe('{\n  "a": 1\n}');
    expect(registry[DOCUMENTS]).toBeUndefined();
  });
});
