/**
 * Properties of the state parser: every document orgform can hold survives serializeState →
 * parseState unchanged (secrets included, still sensitive), and any damaged text (truncated,
 * a character changed, a field holding the wrong kind of value) is refused with STATE_CORRUPT and
 * nothing else: never a TypeError, never a half-read document.
 */
import fc from "fast-check";
import { OrgformError } from "../errors";
import { Sensitive, isSensitive, revealDeep } from "../values/sensitive";
import { parseState, serializeState, type OutputState, type ResourceState, type StateDocument } from "./document";

const SEED = 20260107;
const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer().map((n) => n + 0), // never -0, which JSON cannot tell from 0
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => n + 0),
    fc.string(),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(name, tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** A top-level attribute: plain JSON, or a secret (state marks secrets per top-level attribute). */
const attribute = fc.oneof(json, json.map((value) => new Sensitive(value)));

const resource: fc.Arbitrary<ResourceState> = fc
  .record({
    mode: fc.constantFrom("managed" as const, "data" as const),
    type: fc.stringMatching(/^[a-z]+_[a-z_]{1,12}$/),
    name,
    provider: fc.oneof(fc.stringMatching(/^[a-z]{2,10}$/), fc.tuple(fc.stringMatching(/^[a-z]{2,10}$/), name).map(([p, alias]) => `${p}.${alias}`)),
    attributes: fc.dictionary(name, attribute, { maxKeys: 6 }),
    dependencies: fc.uniqueArray(fc.stringMatching(/^[a-z]+_[a-z]+\.[a-z]{1,6}$/), { maxLength: 3 }),
    writeOnlyFingerprints: fc.option(fc.dictionary(name, fc.stringMatching(/^sha256:[0-9a-f]{64}$/), { minKeys: 1, maxKeys: 2 }), { nil: undefined }),
  })
  .map(({ writeOnlyFingerprints, ...r }) => ({
    ...r,
    address: r.mode === "data" ? `data.${r.type}.${r.name}` : `${r.type}.${r.name}`,
    attributes: { id: `${r.type}-${r.name}`, ...r.attributes },
    ...(writeOnlyFingerprints ? { writeOnlyFingerprints } : {}),
  }));

const output: fc.Arbitrary<OutputState> = fc.oneof(
  json.map((value) => ({ value, sensitive: false })),
  json.map((value) => ({ value: new Sensitive(value), sensitive: true })),
);

const document: fc.Arbitrary<StateDocument> = fc.record({
  serial: fc.nat(),
  lineage: fc.uuid(),
  resources: fc.uniqueArray(resource, { selector: (r) => r.address, maxLength: 5 }).map((list) => new Map(list.map((r) => [r.address, r]))),
  outputs: fc.dictionary(name, output, { maxKeys: 3 }),
});

/** A document as plain data: secrets revealed but tagged, so sensitivity is compared too. */
function plain(state: StateDocument): unknown {
  const tag = (value: unknown) => (isSensitive(value) ? { sensitive: revealDeep(value) } : { plain: value });
  return {
    serial: state.serial,
    lineage: state.lineage,
    resources: [...state.resources.values()]
      .map((r) => ({
        ...r,
        dependencies: [...r.dependencies].sort(),
        attributes: Object.fromEntries(Object.entries(r.attributes).map(([k, v]) => [k, tag(v)])),
        writeOnlyFingerprints: r.writeOnlyFingerprints,
      }))
      .sort((a, b) => (a.address < b.address ? -1 : 1)),
    outputs: Object.fromEntries(Object.entries(state.outputs).map(([k, o]) => [k, { ...tag(o.value), sensitive: o.sensitive }])),
  };
}

/** Parses and says how it ended: a document, STATE_CORRUPT, or anything else (a bug). */
function outcome(text: string): "parsed" | "STATE_CORRUPT" | string {
  try {
    parseState(text, "terraform.test.tfstate");
    return "parsed";
  } catch (error) {
    if (error instanceof OrgformError && error.code === "STATE_CORRUPT") return "STATE_CORRUPT";
    return `${(error as Error)?.name}: ${(error as Error)?.message}`;
  }
}

describe("state document properties", () => {
  it("serializeState → parseState gives back the same document, secrets still sensitive", () => {
    fc.assert(
      fc.property(document, (state) => {
        expect(plain(parseState(serializeState(state), "terraform.test.tfstate"))).toEqual(plain(state));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("the serialized text is stable: serializing the parsed document gives the same text", () => {
    fc.assert(
      fc.property(document, (state) => {
        const text = serializeState(state);
        expect(serializeState(parseState(text, "s"))).toBe(text);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("the text is the whole document pretty-printed by JSON.stringify, whether each resource's text was kept or not", () => {
    fc.assert(
      fc.property(document, (doc) => {
        const first = serializeState(doc);
        expect(first).toBe(`${JSON.stringify(JSON.parse(first), null, 2)}\n`);
        // Kept texts are reused for the same objects; a copy of a resource is serialized afresh.
        expect(serializeState(doc)).toBe(first);
        const copied = new Map([...doc.resources].map(([address, r]) => [address, { ...r, attributes: { ...r.attributes } }]));
        expect(serializeState({ ...doc, resources: copied })).toBe(first);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("truncated text is always refused with STATE_CORRUPT naming the backup", () => {
    fc.assert(
      fc.property(document, fc.double({ min: 0, max: 1, noNaN: true }), (state, cut) => {
        const text = serializeState(state).trimEnd();
        const truncated = text.slice(0, Math.floor(cut * (text.length - 1)));
        expect(outcome(truncated)).toBe("STATE_CORRUPT");
        expect(() => parseState(truncated, "terraform.test.tfstate")).toThrow(/terraform\.test\.tfstate\.backup/);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("a changed character either still parses or is STATE_CORRUPT, never another error", () => {
    fc.assert(
      fc.property(document, fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (state, at, ch) => {
        const text = serializeState(state);
        const i = at % text.length;
        expect(outcome(text.slice(0, i) + ch + text.slice(i + 1))).toMatch(/^(parsed|STATE_CORRUPT)$/);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("any JSON at any field (a hand edit) either parses or is STATE_CORRUPT, never another error", () => {
    const privateText = json.map((value) => Buffer.from(JSON.stringify(value) ?? "null").toString("base64"));
    const field = fc.constantFrom("version", "serial", "lineage", "outputs", "resources", "mode", "type", "name", "provider", "instances", "attributes", "sensitive_attributes", "private", "dependencies");
    fc.assert(
      fc.property(document.filter((s) => s.resources.size > 0), field, fc.oneof(json, privateText), (state, key, value) => {
        const doc = JSON.parse(serializeState(state)) as { resources: Array<Record<string, unknown> & { instances: Array<Record<string, unknown>> }> } & Record<string, unknown>;
        const resource = doc.resources[0]!;
        const instance = resource.instances[0]!;
        const target = key in doc ? doc : key in resource ? resource : instance;
        target[key] = value;
        expect(outcome(JSON.stringify(doc))).toMatch(/^(parsed|STATE_CORRUPT)$/);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
