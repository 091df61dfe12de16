/**
 * Issue 17: what `orgform generate` prints and what the constructs take are derived from the same
 * declarations, and this checks they agree for every importable type of every built-in provider:
 * each prop generate would print is one the type's construct accepts (an unknown prop fails at
 * construction, naming itself). `generate langfuse_project` used to print `orgSecretKey`, and
 * `generate langfuse_project_api_key` `projectId`, which the constructs do not take.
 */
import { App, TerraformStack, Testing, Token } from "cdktf";
import type { Construct } from "constructs";
import { constructClassName, constructPropLines } from "../src/cli/commands/generate";
import { argumentNames } from "../src/plan/arguments";
import * as constructs from "./index";
import { builtInProviders } from "./registry";

type ConstructClass = (new (scope: Construct, id: string, props: never) => unknown) & { tfResourceType?: string };

/** Resource construct classes by Terraform type (data sources share type names, so they are left out). */
const classes = new Map<string, ConstructClass>();
for (const [name, value] of Object.entries(constructs)) {
  const type = (value as { tfResourceType?: unknown }).tfResourceType;
  if (typeof value === "function" && typeof type === "string" && !name.startsWith("Data")) classes.set(type, value as ConstructClass);
}

const importable = builtInProviders.flatMap((provider) => provider.resources.filter((type) => type.importById).map((type) => [type.type, type] as const));

it("covers every importable type", () => {
  expect(importable.length).toBeGreaterThan(20);
});

it.each(importable)("%s: the props generate prints are the construct's", (typeName, type) => {
  // Every argument present, as an unresolved token: validation skips tokens, unknown props do not.
  const attributes = Object.fromEntries(argumentNames(type).map((name) => [name, "x"]));
  const lines = constructPropLines(typeName, type, attributes);
  const printed = lines.map((line) => /^ {2}(\w+):/.exec(line)?.[1]).filter((name): name is string => name !== undefined);
  expect(printed.length).toBeGreaterThan(0);
  const Class = classes.get(typeName);
  expect(Class).toBeDefined();
  // The class generate names is the one the package exports for the type.
  expect((constructs as Record<string, unknown>)[constructClassName(typeName, type)]).toBe(Class);
  const token = Token.asString("x");
  const props = Object.fromEntries(printed.map((name) => [name, name === "project" ? { id: token } : token]));
  const stack = new TerraformStack(new App({ outdir: Testing.app().outdir }), "generated");
  expect(() => new Class!(stack, "object", props as never)).not.toThrow(/unknown property/);
});
