/**
 * Properties of the expression evaluator: any literal, list or object rendered as HCL text parses
 * and evaluates back to itself (and any string survives as a template); Terraform's functions
 * keep their laws (join undoes split, length of concat adds up, …); and a value known only after
 * apply, or a secret, flows through every function and structure: an expression that contains an
 * unknown reference evaluates to Unknown or to a structure holding it, and one that contains a
 * secret (and nothing unknown) stays sensitive and never prints it.
 */
import fc from "fast-check";
import { Sensitive, containsSensitive } from "../../values/sensitive";
import { containsUnknown, unknown } from "../../values/unknown";
import { evaluate, parseExpression, parseTemplate, type Scope } from "./index";

const SEED = 7001;
const SECRET = "sk-property-secret-91b3";
const scope: Scope = {
  root: (name) =>
    ({
      var: { s: "text", l: ["a", "b", ""], secret: new Sensitive(SECRET) },
      res: { pending: { id: unknown }, done: { id: "res_1" } },
    })[name],
};
const run = (source: string): unknown => evaluate(parseExpression(source), scope, "test");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const json: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer().map((n) => n + 0),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => n + 0),
    fc.string({ unit: "binary" }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: "binary" }).filter((k) => k !== "__proto__"), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** A string inside a template: "${" and "%{" are escaped by doubling their first character. */
const templateText = (s: string) => s.replace(/([$%])\{/g, "$1$1{");

/** HCL source for a string literal. */
function renderString(s: string): string {
  let out = "";
  for (const ch of s) {
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch.length === 1 && ch.charCodeAt(0) < 0x20) out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `"${templateText(out)}"`;
}

/** HCL source for a value: what `render` means for the round trip. */
function render(value: Json): string {
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return renderString(value);
  if (Array.isArray(value)) return `[${value.map(render).join(", ")}]`;
  return `{ ${Object.entries(value).map(([k, v]) => `${renderString(k)} = ${render(v)}`).join(", ")} }`;
}

describe("expression properties", () => {
  it("parse(render(x)) evaluates to x for literals, lists and objects", () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(run(render(value))).toEqual(value);
        expect(evaluate(parseTemplate(`\${${render(value)}}`), scope, "test")).toEqual(value);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("a plain reference parses to the same tree through the fast path as through the full parser", () => {
    const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/);
    const step = fc.oneof(name.map((n) => `.${n}`), fc.nat(99).map((n) => `.${n}`), fc.nat(99).map((n) => `[${n}]`));
    const reference = fc.tuple(name, fc.array(step, { maxLength: 5 })).map(([root, steps]) => root + steps.join(""));
    fc.assert(
      fc.property(reference, (source) => {
        const full = (() => {
          try {
            return parseExpression(source);
          } catch (error) {
            return error;
          }
        })();
        if (full instanceof Error) expect(() => parseTemplate(`\${${source}}`)).toThrow();
        else expect(parseTemplate(`\${${source}}`)).toEqual(full);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("any string survives as a template", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(evaluate(parseTemplate(templateText(text)), scope, "test")).toBe(text);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  const word = fc.string({ unit: "grapheme-ascii", maxLength: 12 });
  const words = fc.array(word, { maxLength: 6 });
  const map = fc.dictionary(fc.stringMatching(/^[a-z]{1,4}$/), fc.oneof(word, fc.integer().map((n) => n + 0)), { maxKeys: 5 });

  it.each([
    ["join undoes split", fc.tuple(fc.string({ minLength: 1, maxLength: 3, unit: "grapheme-ascii" }), word), ([sep, s]: [string, string]) => expect(run(`join(${renderString(sep)}, split(${renderString(sep)}, ${renderString(s)}))`)).toBe(s)],
    ["split gives one more part than separators", fc.tuple(fc.constantFrom(",", "-", "ab"), word), ([sep, s]: [string, string]) => expect(run(`length(split(${renderString(sep)}, ${renderString(s)}))`)).toBe(s.split(sep).length)],
    ["length(concat(a, b)) = length(a) + length(b)", fc.tuple(json.filter(Array.isArray), json.filter(Array.isArray)), ([a, b]: [Json[], Json[]]) => expect(run(`length(concat(${render(a)}, ${render(b)}))`)).toBe(a.length + b.length)],
    ["reverse is its own inverse", json.filter(Array.isArray), (l: Json[]) => expect(run(`reverse(reverse(${render(l)}))`)).toEqual(l)],
    ["jsondecode undoes jsonencode", json, (v: Json) => expect(run(`jsondecode(jsonencode(${render(v)}))`)).toEqual(v)],
    ["format %s of a string is the string", word, (s: string) => expect(run(`format("%s", ${renderString(s)})`)).toBe(s)],
    ["keys(merge(a, b)) is the sorted union of keys", fc.tuple(map, map), ([a, b]: [Record<string, string | number>, Record<string, string | number>]) =>
      expect(run(`keys(merge(${render(a)}, ${render(b)}))`)).toEqual([...new Set([...Object.keys(a), ...Object.keys(b)])].sort())],
    ["merge: the right-hand map wins", fc.tuple(map, map), ([a, b]: [Record<string, string | number>, Record<string, string | number>]) => expect(run(`merge(${render(a)}, ${render(b)})`)).toEqual({ ...a, ...b })],
    ["length of a list of words, and of join with a separator", words, (l: string[]) => expect(run(`length(join("", ${render(l)}))`)).toBe([...l.join("")].length)],
  ] as Array<[string, fc.Arbitrary<unknown>, (input: never) => void]>)("%s", (_law, input, check) => {
    fc.assert(fc.property(input, (value) => check(value as never)), { seed: SEED, numRuns: 300 });
  });

  /** An expression's source, and whether it contains the unknown reference or the secret. */
  interface Source {
    readonly src: string;
    readonly unknown: boolean;
    readonly secret: boolean;
  }
  const leaf = (src: string, unknown = false, secret = false): Source => ({ src, unknown, secret });
  const call = (template: (...parts: string[]) => string) => (...parts: Source[]): Source => ({
    src: template(...parts.map((p) => p.src)),
    unknown: parts.some((p) => p.unknown),
    secret: parts.some((p) => p.secret),
  });
  const tree = fc.letrec<{ s: Source; l: Source; o: Source; any: Source }>((tie) => ({
    s: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom(leaf('"plain"'), leaf("var.s"), leaf("res.done.id"), leaf("res.pending.id", true), leaf("var.secret", false, true)),
      tie("s").map(call((a) => `upper(${a})`)),
      tie("s").map(call((a) => `trimspace(${a})`)),
      tie("s").map(call((a) => `replace(${a}, "a", "b")`)),
      fc.tuple(tie("s"), tie("s")).map(([a, b]) => call((x, y) => `"\${${x}}-\${${y}}"`)(a, b)),
      fc.tuple(tie("s"), tie("s")).map(([a, b]) => call((x, y) => `format("%s/%s", ${x}, ${y})`)(a, b)),
      // A conditional whose test is unknown cannot choose a branch: the result is unknown.
      fc.tuple(tie("s"), tie("s")).map(([a, b]) => ({ ...call((x, y) => `res.pending.id == "plain" ? ${x} : ${y}`)(a, b), unknown: true })),
      // A known test chooses one branch, and only that branch's unknowns reach the result.
      fc.tuple(tie("s"), tie("s")).map(([a, b]) => ({ ...b, src: `res.done.id == "plain" ? ${a.src} : ${b.src}` })),
      tie("l").map(call((a) => `join(",", ${a})`)),
    ),
    l: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constant(leaf("var.l")),
      fc.array(tie("s"), { maxLength: 3 }).map((items) => call((...xs) => `[${xs.join(", ")}]`)(...items)),
      fc.tuple(tie("l"), tie("l")).map(([a, b]) => call((x, y) => `concat(${x}, ${y})`)(a, b)),
      tie("s").map(call((a) => `split(",", ${a})`)),
      tie("l").map(call((a) => `reverse(${a})`)),
      tie("l").map(call((a) => `compact(${a})`)),
    ),
    o: fc.oneof(
      fc.tuple(tie("s"), tie("l")).map(([a, b]) => call((x, y) => `{ name = ${x}, items = ${y} }`)(a, b)),
      fc.tuple(tie("o"), tie("o")).map(([a, b]) => call((x, y) => `merge(${x}, ${y})`)(a, b)),
    ),
    any: fc.oneof(tie("s"), tie("l"), tie("o")),
  }));

  it("an expression with an unknown reference evaluates to Unknown or a structure holding it", () => {
    fc.assert(
      fc.property(tree.any, (expr) => {
        const value = run(expr.src);
        expect({ src: expr.src, unknown: containsUnknown(value) }).toEqual({ src: expr.src, unknown: expr.unknown });
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it("an expression built from a secret stays sensitive and never shows the secret", () => {
    fc.assert(
      fc.property(tree.any, (expr) => {
        fc.pre(expr.secret && !expr.unknown);
        const value = run(expr.src);
        expect({ src: expr.src, sensitive: containsSensitive(value) }).toEqual({ src: expr.src, sensitive: true });
        expect(`${JSON.stringify(value)} ${String(value)}`).not.toContain(SECRET);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
