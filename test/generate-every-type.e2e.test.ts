/**
 * `orgform generate` round trip over every type (issue 17, item 6): for each built-in provider
 * with examples, apply one object of every type `import` can take (its examples' `everyType`),
 * generate code for each by the type's declared import id, paste the code into a fresh stack
 * with its own state, and plan: the code must compile and plan as imports only. The only
 * changes allowed are to arguments generate said the API does not show. Before that, every
 * computed attribute in state must have the type its attributes schema declares (the type its
 * construct's getter returns), and so must what every data source reads. A type or data source a
 * provider adds without an example fails here.
 */
import type { z } from "zod";
import { CODEGEN_SOURCES } from "../providers/construct-codegen";
import { builtInProviders } from "../providers/registry";
import { stackProgram, type StartedEmulator } from "../providers/examples";
import type { ResourceType } from "../src/provider/contract";
import { argsOf, kitProviders } from "./support/provider-kits";
import { generateAndPaste, providerBlocksOf } from "./support/generate-round-trip";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

/** Each resource type's computed attributes, typed (the spec its getters are generated from). */
const attributesByType = new Map<string, z.ZodObject>(
  CODEGEN_SOURCES.flatMap((source) => source.specs).flatMap((spec) => (spec.kind === "resource" && spec.attributes ? [[spec.type, spec.attributes] as const] : [])),
);
/** Each data source's typed attributes: what a read returns. */
const dataAttributesByType = new Map<string, z.ZodObject>(
  CODEGEN_SOURCES.flatMap((source) => source.specs).flatMap((spec) => (spec.kind === "data" && spec.attributes ? [[spec.type, spec.attributes] as const] : [])),
);
const emulators: StartedEmulator[] = [];
const runs: StackRun[] = [];

afterAll(async () => {
  await Promise.all(emulators.map((emulator) => emulator.stop()));
  for (const run of runs) run.remove();
});

describe.each(kitProviders)("generate round trip: $name", ({ name, kit }) => {
  const example = kit.everyType;
  const args = argsOf([example]);
  const resourceTypes = builtInProviders.find((provider) => provider.name === name)!.resources;
  const importable = resourceTypes.filter((type) => type.importById);
  const types = new Map<string, ResourceType>(importable.map((type) => [type.type, type]));
  const dataSourceTypes = builtInProviders.find((provider) => provider.name === name)!.dataSources.map((type) => type.type);

  it("types every computed attribute as declared, and generates code for every importable type that plans as imports only", async () => {
    const emulator = await kit.start();
    emulators.push(emulator);
    emulator.prepare();
    const made = new StackRun("every", { ...emulator.env }, `orgform-every-type-${name}-`);
    runs.push(made);
    await made.synthOnce(stackProgram(PROVIDERS, "every", [[name, example]]));
    const apply = await made.orgform(["apply", "--auto-approve", ...args]);
    expect({ stderr: apply.stderr, code: apply.code }).toEqual({ stderr: "", code: 0 });

    const state = made.state();
    const typed = [...state.values()].filter((resource) => attributesByType.has(resource.address.split(".")[0]!));
    expect([...new Set(typed.map((resource) => resource.address.split(".")[0]))].sort()).toEqual(resourceTypes.map((type) => type.type).filter((type) => attributesByType.has(type)).sort());
    const problems = typed.flatMap((resource) => {
      const schema = attributesByType.get(resource.address.split(".")[0]!)!;
      const computed = Object.fromEntries(Object.keys(schema.shape).map((attribute) => [attribute, resource.attributes[attribute]]));
      const parsed = schema.safeParse(computed);
      return parsed.success ? [] : parsed.error.issues.map((issue) => `${resource.address}.${issue.path.join(".")}: ${issue.message} (${JSON.stringify(computed[String(issue.path[0])])})`);
    });
    expect(problems).toEqual([]);

    // Every data source reads what its attributes schema says, the types its construct's getters
    // return: a plan after the apply reads them all (nothing they depend on changes now), and its
    // JSON shows what they read in prior_state, as Terraform's does.
    const planned = await made.orgform(["plan", "--json", ...args]);
    expect({ stderr: planned.stderr, code: planned.code }).toEqual({ stderr: "", code: 0 });
    type PriorResource = { address: string; mode: string; type: string; values: Record<string, unknown> };
    const reads = (JSON.parse(planned.stdout) as { prior_state: { values: { root_module: { resources: PriorResource[] } } } }).prior_state.values.root_module.resources.filter((resource) => resource.mode === "data");
    expect([...new Set(reads.map((read) => read.type))].sort()).toEqual([...dataSourceTypes].sort());
    const dataProblems = reads.flatMap((read) => {
      const schema = dataAttributesByType.get(read.type);
      if (!schema) return [`${read.address}: its construct's spec declares no attributes`];
      const returned = Object.fromEntries(Object.keys(schema.shape).map((attribute) => [attribute, read.values[attribute]]));
      const parsed = schema.safeParse(returned);
      return parsed.success ? [] : parsed.error.issues.map((issue) => `${read.address}.${issue.path.join(".")}: ${issue.message} (${JSON.stringify(returned[String(issue.path[0])])})`);
    });
    expect(dataProblems).toEqual([]);

    made.env = { ...made.env, ...example.generateEnv?.(state) };
    const objects = [...state.values()].filter((resource) => types.has(resource.address.split(".")[0]!));
    expect([...new Set(objects.map((resource) => resource.address.split(".")[0]))].sort()).toEqual([...types.keys()].sort());

    const { plan, unreadable, changed } = await generateAndPaste(made, objects, types, providerBlocksOf(example.body), { args, prefix: `orgform-every-type-copy-${name}-`, runs });
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(new RegExp(`Plan: ${objects.length} to import, 0 to add, \\d+ to change, 0 to destroy\\.`));
    expect(changed.filter((prop) => !unreadable.has(prop))).toEqual([]);
  }, 180_000);
});
