/**
 * The Terraform functions orgform evaluates: the ones cdktf's `Fn` emits for everyday use.
 * Each takes plain values (the evaluator strips sensitivity and checks unknowns first) and
 * returns a plain value; a wrong argument is a thrown message the evaluator turns into an error
 * naming the function.
 */
import { createHash } from "node:crypto";

export type TfFunction = (...args: unknown[]) => unknown;

const asString = (value: unknown, what = "argument"): string => {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new Error(`${what} must be a string, got ${describe(value)}`);
};
const asNumber = (value: unknown): number => {
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || Number.isNaN(n)) throw new Error(`expected a number, got ${describe(value)}`);
  return n;
};
const asList = (value: unknown): unknown[] => {
  if (Array.isArray(value)) return value;
  throw new Error(`expected a list, got ${describe(value)}`);
};
const asMap = (value: unknown): Record<string, unknown> => {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new Error(`expected a map or object, got ${describe(value)}`);
};

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

/** Terraform's format verbs: %s %d %f %v %q %t %%, with flags (-, 0), width and precision. */
function format(spec: unknown, ...args: unknown[]): string {
  let index = 0;
  const pattern = /%([-0]*)(\d+)?(\.\d+)?([sdfvqt%])/g;
  return asString(spec, "format string").replace(pattern, (_, flags: string, width: string | undefined, precision: string | undefined, verb: string) => {
    if (verb === "%") return "%";
    if (index >= args.length) throw new Error(`not enough arguments for format string`);
    const value = args[index++];
    let text: string;
    switch (verb) {
      case "d":
        text = String(Math.trunc(asNumber(value)));
        break;
      case "f":
        text = asNumber(value).toFixed(precision ? Number(precision.slice(1)) : 6);
        break;
      case "q":
        text = JSON.stringify(asString(value));
        break;
      case "t":
        text = String(Boolean(value));
        break;
      default:
        text = typeof value === "string" ? value : JSON.stringify(value);
    }
    const size = width ? Number(width) : 0;
    if (text.length >= size) return text;
    if (flags.includes("-")) return text.padEnd(size);
    return flags.includes("0") && verb !== "s" ? text.padStart(size, "0") : text.padStart(size);
  });
}

export const FUNCTIONS: Readonly<Record<string, TfFunction>> = {
  upper: (s) => asString(s).toUpperCase(),
  lower: (s) => asString(s).toLowerCase(),
  title: (s) => asString(s).replace(/\b\w/g, (c) => c.toUpperCase()),
  trimspace: (s) => asString(s).trim(),
  trim: (s, chars) => asString(s).replace(new RegExp(`^[${escapeClass(asString(chars))}]+|[${escapeClass(asString(chars))}]+$`, "g"), ""),
  trimprefix: (s, p) => (asString(s).startsWith(asString(p)) ? asString(s).slice(asString(p).length) : asString(s)),
  trimsuffix: (s, p) => (asString(s).endsWith(asString(p)) ? asString(s).slice(0, -asString(p).length || undefined) : asString(s)),
  replace: (s, find, repl) => asString(s).split(asString(find)).join(asString(repl)),
  substr: (s, offset, length) => {
    const text = asString(s);
    const start = asNumber(offset) < 0 ? text.length + asNumber(offset) : asNumber(offset);
    return asNumber(length) < 0 ? text.slice(start) : text.slice(start, start + asNumber(length));
  },
  split: (sep, s) => asString(s).split(asString(sep)),
  join: (sep, ...lists) => lists.flatMap(asList).map((v) => asString(v, "list element")).join(asString(sep)),
  format,
  formatlist: (spec, ...lists) => {
    const length = Math.max(...lists.map((l) => (Array.isArray(l) ? l.length : 1)));
    return Array.from({ length }, (_, i) => format(spec, ...lists.map((l) => (Array.isArray(l) ? l[i] : l))));
  },
  tostring: (v) => (v === null ? null : asString(v)),
  tonumber: (v) => (v === null ? null : asNumber(v)),
  tobool: (v) => (v === null ? null : v === true || v === "true"),
  tolist: (v) => [...asList(v)],
  toset: (v) => [...new Set(asList(v).map((x) => JSON.stringify(x)))].map((x) => JSON.parse(x) as unknown),
  tomap: (v) => ({ ...asMap(v) }),
  length: (v) => (typeof v === "string" ? [...v].length : Array.isArray(v) ? v.length : Object.keys(asMap(v)).length),
  lookup: (map, key, ...fallback) => {
    const m = asMap(map);
    const k = asString(key);
    if (k in m) return m[k];
    if (fallback.length > 0) return fallback[0];
    throw new Error(`the map has no key ${JSON.stringify(k)} and no default was given`);
  },
  element: (list, index) => {
    const l = asList(list);
    if (l.length === 0) throw new Error("cannot use element on an empty list");
    return l[Math.trunc(asNumber(index)) % l.length];
  },
  index: (list, value) => {
    const i = asList(list).findIndex((x) => JSON.stringify(x) === JSON.stringify(value));
    if (i < 0) throw new Error("the value is not in the list");
    return i;
  },
  contains: (list, value) => asList(list).some((x) => JSON.stringify(x) === JSON.stringify(value)),
  concat: (...lists) => lists.flatMap(asList),
  flatten: (list) => asList(list).flat(Infinity),
  distinct: (list) => FUNCTIONS.toset!(list),
  sort: (list) => asList(list).map((v) => asString(v)).sort(),
  reverse: (list) => [...asList(list)].reverse(),
  slice: (list, start, end) => asList(list).slice(asNumber(start), asNumber(end)),
  range: (...args) => {
    const [start, end, step] = args.length === 1 ? [0, asNumber(args[0]), 1] : [asNumber(args[0]), asNumber(args[1]), args[2] === undefined ? 1 : asNumber(args[2])];
    const out: number[] = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(i);
    return out;
  },
  keys: (map) => Object.keys(asMap(map)).sort(),
  values: (map) => Object.keys(asMap(map)).sort().map((k) => asMap(map)[k]),
  merge: (...maps) => Object.assign({}, ...maps.filter((m) => m !== null).map(asMap)) as Record<string, unknown>,
  zipmap: (keys, values) => Object.fromEntries(asList(keys).map((k, i) => [asString(k), asList(values)[i]])),
  coalesce: (...values) => {
    const found = values.find((v) => v !== null && v !== "");
    if (found === undefined) throw new Error("no non-null, non-empty argument");
    return found;
  },
  coalescelist: (...lists) => lists.map(asList).find((l) => l.length > 0) ?? [],
  compact: (list) => asList(list).filter((v) => v !== null && v !== ""),
  jsonencode: (v) => JSON.stringify(v),
  jsondecode: (s) => JSON.parse(asString(s)) as unknown,
  base64encode: (s) => Buffer.from(asString(s)).toString("base64"),
  base64decode: (s) => Buffer.from(asString(s), "base64").toString("utf8"),
  sha256: (s) => createHash("sha256").update(asString(s)).digest("hex"),
  md5: (s) => createHash("md5").update(asString(s)).digest("hex"),
  min: (...ns) => Math.min(...ns.map(asNumber)),
  max: (...ns) => Math.max(...ns.map(asNumber)),
  abs: (n) => Math.abs(asNumber(n)),
  ceil: (n) => Math.ceil(asNumber(n)),
  floor: (n) => Math.floor(asNumber(n)),
  signum: (n) => Math.sign(asNumber(n)),
  startswith: (s, p) => asString(s).startsWith(asString(p)),
  endswith: (s, p) => asString(s).endsWith(asString(p)),
  strcontains: (s, p) => asString(s).includes(asString(p)),
  regex: (pattern, s) => {
    const found = new RegExp(asString(pattern)).exec(asString(s));
    if (!found) throw new Error("pattern did not match");
    return found[0];
  },
  timestamp: () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
  uuid: () => crypto.randomUUID(),
};

function escapeClass(chars: string): string {
  return chars.replace(/[\]\\^-]/g, "\\$&");
}
