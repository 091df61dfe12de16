/**
 * Misspelled props fail at construction instead of vanishing: TypeScript catches a typo only in
 * an object literal typed by the construct's config (not in a spread, a variable or JavaScript),
 * and zod object schemas drop keys they do not know, so `metdata` used to create an object without
 * its metadata, and `nmae` was reported as `name` missing. Known props are the schema's (in either
 * spelling: constructs take camelCase, some schemas are the snake_case API arguments) plus cdktf's
 * meta-arguments and the engine's secret delivery and provider settings.
 */
import type { Construct } from "constructs";
import { z } from "zod";
import { ConstructPropsError } from "./construct-kit";

const ALWAYS_KNOWN = [
  // cdktf's TerraformMetaArguments.
  "dependsOn", "count", "provider", "lifecycle", "forEach", "provisioners", "connection",
  // SecretDeliveryProps and CommonProviderConfig: handled by the engine, not the API schema.
  "secretSink", "rotation", "rateLimit", "alias",
];

/** Throws naming the first unknown prop and the closest known one; a schema that is not an object schema checks nothing. */
export function rejectUnknownProps(scope: Construct, id: string, construct: string, schema: z.ZodType, props: unknown): void {
  if (!(schema instanceof z.ZodObject) || props === null || typeof props !== "object") return;
  const known = new Set(ALWAYS_KNOWN);
  for (const key of Object.keys(schema.shape)) {
    known.add(key);
    known.add(key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
  }
  for (const key of Object.keys(props)) {
    if (known.has(key)) continue;
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    const closest = closestOf(key, [...known]);
    const hint = closest ? `; did you mean "${closest}"?` : `. Known: ${[...known].filter((name) => !ALWAYS_KNOWN.includes(name) && !name.includes("_")).join(", ")}.`;
    throw new ConstructPropsError(path, key, "unknown property", `${path}: unknown property "${key}" on ${construct}${hint}`);
  }
}

/** The known name nearest in edit distance, if near enough to be a typo (at most a third of it differs). */
function closestOf(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.ceil(best.length / 3)) ? best : undefined;
}

/** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters is one typo. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
