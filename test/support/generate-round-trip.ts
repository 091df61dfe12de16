/**
 * The generate round trip both generate tests run: `orgform generate` every given object of a
 * stack that made them, paste the code into a fresh stack with its own state beside the same
 * provider blocks, and plan. The caller asserts on the plan; this says which arguments generate
 * could not fill (the API does not show them, or never reads a secret back), the only ones a
 * faithful copy may still change.
 */
import { camelName } from "../../providers/spec-construct";
import type { ResourceType } from "../../src/provider/contract";
import type { CliResult } from "./cli";
import { StackRun, type StateResource } from "./stack-run";
import { PROVIDERS } from "./workdir";

export interface RoundTrip {
  /** The plan of the pasted copy. */
  readonly plan: CliResult;
  /** Props whose changes the plan may show (generate said it could not read them). */
  readonly unreadable: ReadonlySet<string>;
  /** Props the plan changes, camelCase. */
  readonly changed: readonly string[];
}

/** Each object's generate result must be clean; the caller's `expect` is passed in so failures name the address. */
export async function generateAndPaste(
  made: StackRun,
  objects: readonly StateResource[],
  types: ReadonlyMap<string, ResourceType>,
  providerBlocks: readonly string[],
  options: { readonly args?: readonly string[]; readonly prefix: string; readonly runs: StackRun[] },
): Promise<RoundTrip> {
  const generated: string[] = [];
  const classes = new Set<string>();
  const unreadable = new Set<string>();
  /** Secrets the generated code reads from the environment, which a user sets. */
  const secretEnv: Record<string, string> = {};
  for (const resource of objects) {
    const type = types.get(resource.address.split(".")[0]!)!;
    const id = type.importId ? type.importId(resource.attributes) : String(resource.attributes.id);
    const result = await made.orgform(["generate", type.type, id, ...(options.args ?? [])]);
    expect({ address: resource.address, stderr: result.stderr, code: result.code }).toEqual({ address: resource.address, stderr: "", code: 0 });
    classes.add(/^\/\/ import \{ (\w+) \}/m.exec(result.stdout)![1]!);
    for (const [, prop] of result.stdout.matchAll(/\/\/ (\w+): the API does not show it/g)) unreadable.add(prop!);
    for (const [, prop, variable] of result.stdout.matchAll(/(\w+): process\.env\.(\w+)!, \/\/ secret: never read back/g)) {
      unreadable.add(prop!);
      secretEnv[variable!] = `secret-set-by-the-user-for-${prop}`;
    }
    generated.push(result.stdout);
  }

  const copy = new StackRun("generated", { ...made.env, ...secretEnv }, options.prefix);
  options.runs.push(copy);
  await copy.synthOnce(`
import { App, TerraformStack } from "cdktf";
import { ${[...classes, ...providerBlocks.map((line) => /^new (\w+)/.exec(line)![1]!)].join(", ")} } from "${PROVIDERS}";
const app = new App();
const stack = new TerraformStack(app, "generated");
${providerBlocks.join("\n")}
${generated.join("\n")}
app.synth();
`);
  const plan = await copy.orgform(["plan"]);
  const changed = [...plan.stdout.matchAll(/^\s+~ (\w+) = /gm)].map(([, attribute]) => camelName(attribute!));
  return { plan, unreadable, changed };
}

/** The lines of a stack program that make provider blocks (`new XProvider(stack, …)`). */
export const providerBlocksOf = (source: string): string[] => source.split("\n").filter((line) => /^new \w+Provider\(stack, /.test(line));
