/**
 * Issue 17: a resource type's lists of names (forceNew, sensitive, writeOnly, computed, volatile,
 * key-report and access fields, constructProps) are plain strings; this checks every one of every
 * built-in provider names an argument of the type's schema or an attribute it computes, so a
 * renamed or misspelled field fails here instead of silently never being forced new, masked or
 * reported.
 */
import { argumentNames } from "../src/plan/arguments";
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
