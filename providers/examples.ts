/**
 * What a provider hands the cross-provider tests (issue 17, item 3): its emulator started with
 * test credentials, and example objects for each test that runs against every provider (the
 * fault test's thirty objects, one of every secret it mints for the leak test, one of every type
 * that creates for journal recovery). The tests iterate the manifest (`testKit`), so a fifth
 * provider joins them by giving its own kit, without a line changed in any test.
 */
import type { EmulatorServer } from "../src/emulator/server";

/** One object as the emulator or state sees it, keyed by what a user would recognise. */
export interface Seen {
  readonly key: string;
  readonly id: string;
  /** The secret only the create response carried, where the type has one. */
  readonly secret?: unknown;
}

/** One state resource, as the fault test reads the state file (secrets revealed). */
export interface RecordedResource {
  readonly address: string;
  readonly attributes: Record<string, unknown>;
}

/**
 * Part of a stack program: statements run with `stack` (a TerraformStack) in scope, using the
 * provider's constructs `uses` names and cdktf's `TerraformVariable` and `TerraformOutput`.
 * Statements of different providers run in blocks of their own, so their names never clash.
 */
export interface StackPart {
  readonly uses: readonly string[];
  readonly body: string;
  /** CLI arguments the part needs (values of its variables: `--var name=value`). */
  readonly args?: readonly string[];
}

export interface FaultExample extends StackPart {
  /** How many objects the part declares. */
  readonly declared: number;
  /** A fault-plan seed whose first thirty draws hold at least two 429s, one 500 and two resets after commit. */
  readonly seed: number;
}

export interface LeakExample extends StackPart {
  /** Sensitive outputs the part declares. */
  readonly outputs: readonly string[];
  /** Addresses of the objects that hold a secret (`state show` each). */
  readonly sensitive: readonly string[];
  /** Of those, the keys a `--replace` mints again (their old secrets become before-values). */
  readonly replaceable: readonly string[];
  /** A refused admin credential: the variable set to a wrong value, which the error must name. */
  readonly wrongCredential: { readonly env: string; readonly value: string };
}

export interface RecoveryExample extends StackPart {
  /** Parents to apply first, so every create under them is one POST. */
  readonly parents: readonly string[];
  /** Kinds (keys of `counts()`) whose secret only the create answer carries: reported, then made again. */
  readonly secretOnlyOnCreate: readonly string[];
}

export interface StartedEmulator {
  /** What orgform needs to talk to it: base URLs and credentials. */
  readonly env: Readonly<Record<string, string>>;
  /** Its servers (a companion service counts), for fault plans and counters. */
  readonly servers: readonly EmulatorServer[];
  /** The next request with this method answers this error: an API message that may echo a secret. */
  failNext(method: string, status: number, message: string): void;
  /** Every secret it holds now: credentials and every secret it issued, live or not. */
  secrets(): string[];
  /** The fault example's objects as the emulator holds them. */
  emulated(): Seen[];
  /** The same objects as state records them. */
  recorded(state: ReadonlyMap<string, RecordedResource>): Seen[];
  /** The recovery example's objects: how many of each kind the API holds. */
  counts(): Record<string, number>;
  stop(): Promise<void>;
}

export interface ProviderTestKit {
  start(): Promise<StartedEmulator>;
  readonly faults: FaultExample;
  readonly leaks: LeakExample;
  readonly recovery: RecoveryExample;
}

/**
 * A stack program of every part, each provider's in a block of its own: `providers` is the
 * import path of the providers folder, `name` the stack's.
 */
export function stackProgram(providers: string, name: string, parts: ReadonlyArray<readonly [provider: string, part: StackPart]>): string {
  return [
    `import { App, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";`,
    ...parts.map(([provider, part]) => `import { ${part.uses.join(", ")} } from "${providers}/${provider}";`),
    `void TerraformOutput; void TerraformVariable;`,
    `const app = new App();`,
    `const stack = new TerraformStack(app, ${JSON.stringify(name)});`,
    ...parts.map(([, part]) => `{\n${part.body.trim()}\n}`),
    `app.synth();`,
    ``,
  ].join("\n");
}

/** The resources of one type in a state read by address. */
export function ofType(state: ReadonlyMap<string, RecordedResource>, type: string): Array<Record<string, unknown>> {
  return [...state.values()].filter((resource) => resource.address.startsWith(`${type}.`)).map((resource) => resource.attributes);
}
