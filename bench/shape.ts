/**
 * The benchmark's stack shapes, as plain data: what a stack of N resources declares across every
 * provider with a bench part (providers/examples.ts: families of a parent and its children), the
 * null_resources hanging off their parents, and the "10% changed" variant. No I/O here;
 * bench/stack.ts writes a spec out as a cdktf program.
 */
import { builtInProviderManifest } from "../providers/manifest";
import type { BenchArgs, BenchPart } from "../providers/examples";

/** Every built-in provider's bench part, in the manifest's order. */
export const benchParts: ReadonlyArray<readonly [provider: string, part: BenchPart]> = builtInProviderManifest.flatMap((provider) => {
  const part = provider.testKit?.().bench;
  return part ? [[provider.name, part] as const] : [];
});

/** One parent and its children, as their constructs' arguments. */
export interface Family {
  readonly args: BenchArgs;
  readonly children: readonly BenchArgs[];
}

/**
 * What one stack declares: each provider's families, and the null_resources (the `rev` of each
 * one's triggers; the j-th references the id of the (j mod parents)-th parent of the stack).
 */
export interface StackSpec {
  readonly parts: Readonly<Record<string, readonly Family[]>>;
  readonly nulls: readonly string[];
}

/** The share of N that is null_resources: no API, and a reference to another provider's object each. */
export const NULL_SHARE = 0.1;

/**
 * How a run sizes each part: its share of N and its children per parent; `sink` is the part that
 * takes what the shares and their rounding leave of N (or gives up what they take beyond it).
 */
export interface Sizing {
  readonly shares: Readonly<Record<string, number>>;
  readonly children: Readonly<Record<string, number>>;
  readonly sink: string;
}

export function resourceCount(spec: StackSpec): number {
  return Object.values(spec.parts).reduce((sum, families) => sum + families.reduce((n, family) => n + 1 + family.children.length, 0), spec.nulls.length);
}

/**
 * `objects` as families of up to `children + 1` objects (a parent and its children): the number
 * of children of each parent, spread evenly; at most `maxParents` parents, who then take more.
 */
export function familySizes(objects: number, children: number, maxParents = Number.POSITIVE_INFINITY): number[] {
  if (objects < 1) return [];
  const parents = Math.max(1, Math.min(maxParents, Math.ceil(objects / (children + 1))));
  let left = objects - parents;
  return Array.from({ length: parents }, (_, p) => {
    const count = Math.ceil(left / (parents - p));
    left -= count;
    return count;
  });
}

/** Objects per part for N resources: `round(N × share)` each, 10% null_resources, the rest to the sink. Exactly N in all. */
export function objectsPerPart(n: number, sizing: Sizing): Record<string, number> {
  const objects: Record<string, number> = {};
  let left = n - Math.round(n * NULL_SHARE);
  for (const [provider] of benchParts) left -= objects[provider] = Math.round(n * (sizing.shares[provider] ?? 0));
  objects[sizing.sink] = (objects[sizing.sink] ?? 0) + left;
  if (objects[sizing.sink]! < 0) throw new Error(`N=${n}: the shares take more than the ${100 - NULL_SHARE * 100}% of N left beside the null_resources; lower some --share`);
  return objects;
}

/** Each part's families (their child counts) for N resources. */
export function familiesFor(n: number, sizing: Sizing): Record<string, number[]> {
  const objects = objectsPerPart(n, sizing);
  return Object.fromEntries(benchParts.map(([provider, part]) => [provider, familySizes(objects[provider] ?? 0, sizing.children[provider] ?? part.children, part.maxParents)]));
}

/** A stack of these families and `nulls` null_resources; `people` are what each part's `people.seed` made. */
export function shapeFor(families: Readonly<Record<string, readonly number[]>>, people: Readonly<Record<string, readonly string[]>>, nulls: number): StackSpec {
  const parts: Record<string, Family[]> = {};
  for (const [provider, part] of benchParts) {
    const sizes = families[provider] ?? [];
    const context = { people: people[provider] ?? [], children: sizes.reduce((sum, count) => sum + count, 0) };
    parts[provider] = sizes.map((count, p) => ({ args: part.parent.args(p), children: Array.from({ length: count }, (_, c) => part.child.args(p, c, context)) }));
  }
  return { parts, nulls: Array.from({ length: nulls }, () => "1") };
}

/**
 * The same stack with every 10th object of each type changed, counting from the first (so every
 * type with any object changes): each part says how (providers/<api>/examples.ts); a
 * null_resource gets a new trigger (replace, no API call).
 */
export function changedShape(spec: StackSpec): { spec: StackSpec; changed: number } {
  const seen = new Map<string, number>();
  let changed = 0;
  const pick = (type: string) => {
    const count = seen.get(type) ?? 0;
    seen.set(type, count + 1);
    if (count % 10 === 0) changed++;
    return count % 10 === 0;
  };
  const parts: Record<string, Family[]> = {};
  for (const [provider, part] of benchParts) {
    parts[provider] = (spec.parts[provider] ?? []).map((family) => ({
      args: pick(part.parent.type) ? part.parent.changed(family.args) : family.args,
      children: family.children.map((child) => (pick(part.child.type) ? part.child.changed(child) : child)),
    }));
  }
  const nulls = spec.nulls.map((rev) => (pick("null_resource") ? "2" : rev));
  return { spec: { parts, nulls }, changed };
}

/** Resources by type: what a spec declares, for the log and the results. */
export function countsByType(spec: StackSpec): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (type: string, n: number) => n > 0 && (counts[type] = (counts[type] ?? 0) + n);
  for (const [provider, part] of benchParts) {
    const families = spec.parts[provider] ?? [];
    add(part.parent.type, families.length);
    add(part.child.type, families.reduce((sum, family) => sum + family.children.length, 0));
  }
  add("null_resource", spec.nulls.length);
  return counts;
}
