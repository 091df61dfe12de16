/**
 * Issue 17: a resource type's lists of names (forceNew, sensitive, writeOnly, computed, volatile,
 * key-report and access fields, constructProps) are plain strings; this checks every one of every
 * built-in provider names an argument of the type's schema or an attribute it computes, so a
 * renamed or misspelled field fails here instead of silently never being forced new, masked or
 * reported.
 */
import type { z } from "zod";
import { argumentNames } from "../src/plan/arguments";
import { declarationsOf } from "../src/provider/kit/modifiers";
import { CODEGEN_SOURCES } from "./construct-codegen";
import { builtInProviders } from "./registry";

const types = builtInProviders.flatMap((provider) => provider.resources.map((type) => [type.type, type] as const));

it.each(types)("%s names only its own arguments and attributes", (_name, type) => {
  const args = new Set(argumentNames(type));
  const computed = new Set(type.computed);
  const attributes = new Set([...args, ...computed]);
  const unknown = (names: Iterable<string | undefined>, among: ReadonlySet<string>) => [...names].filter((name): name is string => name !== undefined && !among.has(name));

  expect(computed.has("id")).toBe(true);
  expect(unknown(type.forceNew, args)).toEqual([]);
  expect(unknown(type.writeOnly ?? [], args)).toEqual([]);
  expect(unknown(type.sensitive, attributes)).toEqual([]);
  expect(unknown(type.volatile ?? [], computed)).toEqual([]);
  expect(unknown(Object.keys(type.constructProps ?? {}), args)).toEqual([]);
  const report = type.keyReport;
  if (report) expect(unknown([report.createdAt, report.lastUsedAt, report.expiresAt, ...report.label], attributes)).toEqual([]);
  const access = type.access;
  if (access) expect(unknown([access.email, access.userId, access.role, access.container, access.state], attributes)).toEqual([]);
});

// The constructs generated from the schemas (providers/construct-codegen.ts) are the types' own.
const specs = CODEGEN_SOURCES.flatMap((source) => source.specs.map((spec) => [spec.construct, spec, source.folder] as const));

it.each(specs)("%s is generated from its type's own schemas", (_construct, spec, folder) => {
  const provider = builtInProviders.find((candidate) => candidate.name === folder);
  if (spec.kind === "provider") return expect(spec.type).toBe(folder);
  const types: ReadonlyArray<{ type: string; arguments: unknown; computed?: readonly string[] }> = spec.kind === "data" ? provider!.dataSources : provider!.resources;
  const type = types.find((candidate) => candidate.type === spec.type);
  expect(type?.arguments).toBe(spec.arguments);
  // A resource type's computed attributes are its construct's typed attributes, by name.
  if (spec.kind === "resource") expect(type?.computed).toEqual(Object.keys(spec.attributes?.shape ?? {}));
});

// What replaces an object, what is secret, write-only or changes on every update is said once, on
// the spec's field (src/provider/kit/modifiers.ts): no type lists it again by hand.
it.each(specs.filter(([, spec]) => spec.kind === "resource"))("%s's engine declarations are its spec's modifiers", (_construct, spec, folder) => {
  const type = builtInProviders.find((candidate) => candidate.name === folder)!.resources.find((candidate) => candidate.type === spec.type)!;
  const derived = declarationsOf(spec.arguments as z.ZodObject, spec.attributes!);
  expect({ forceNew: type.forceNew, sensitive: type.sensitive, writeOnly: type.writeOnly ?? [], volatile: type.volatile ?? [] }).toEqual({
    forceNew: derived.forceNew,
    sensitive: derived.sensitive,
    writeOnly: derived.writeOnly ?? [],
    volatile: derived.volatile ?? [],
  });
});

it.each(builtInProviders.filter((provider) => specs.some(([, , folder]) => folder === provider.name)).map((provider) => [provider.name, provider] as const))(
  "every type of %s has a generated construct",
  (name, provider) => {
    const generated = new Set(specs.filter(([, spec, folder]) => folder === name && spec.kind !== "provider").map(([, spec]) => `${spec.kind}:${spec.type}`));
    expect([...provider.resources.map((type) => `resource:${type.type}`), ...provider.dataSources.map((type) => `data:${type.type}`)].filter((type) => !generated.has(type))).toEqual([]);
  },
);
