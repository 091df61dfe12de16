/**
 * What a provider hands the cross-provider tests (issue 17, item 3): its emulator started with
 * test credentials, and example objects for each test that runs against every provider (the
 * fault test's thirty objects, one of every secret it mints for the leak test, one of every type
 * that creates for journal recovery, the crash harness's mixed stack, one object of every type
 * for the generate round trip), and its part of the benchmark's stacks (`bench`). The tests and
 * `npm run bench` iterate the manifest (`testKit`), so a fifth provider joins them by giving its
 * own kit, without a line changed in any test or bench file.
 */
import type { RunningEmulator } from "../src/emulator/definition";
import { FAULT_EXEMPT_HEADER, type EmulatorServer } from "../src/emulator/server";

/** One object as the emulator or state sees it, keyed by what a user would recognise (the fault test's view). */
export type Seen = Pick<ConsoleObject, "key" | "id" | "secret">;

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

/** One object as a person sees it in a console (the crash harness names objects so, not by id). */
export interface ConsoleObject {
  readonly key: string;
  readonly id: string;
  /** The secret the API issued (console side) or that state holds (state side); absent for types without one. */
  readonly secret?: unknown;
  /** Whether the type has a secret only the create response carries, or one that can be read again. */
  readonly hasSecret: boolean;
  /** Everything a user could see change about the object (console side only). */
  readonly looks?: string;
}

export interface CrashExample extends StackPart {
  /** What identifies each declared object to a person: `langfuse org "Crash Org A"`. */
  readonly declared: readonly string[];
  /** Kinds a colleague can make a second of with the same name (CrashViews.makeForeign makes one). */
  readonly foreignKinds: readonly string[];
}

/** One object of every type `orgform import` can take, for the generate round trip. */
export interface EveryTypeExample extends StackPart {
  /** What `generate` and the pasted code need beyond the emulator's environment, from state (the organization key the stack made, say). */
  generateEnv?(state: ReadonlyMap<string, RecordedResource>): Record<string, string>;
}

/** The crash harness's view of one provider's emulator (test/support/crash-world.ts). */
export interface CrashViews {
  /** Every live object of the kinds the example declares, as the console shows them. */
  live(): ConsoleObject[];
  /** A state resource named as the console names it (parents by their live names); undefined for another provider's type. */
  recorded(resource: RecordedResource): (Omit<ConsoleObject, "id"> & { id?: string }) | undefined;
  /** Makes a look-alike of a declared object of this kind through the HTTP API (pick chooses which one); undefined if its parent does not exist yet. */
  makeForeign(kind: string, pick: number): Promise<{ key: string; id: string } | undefined>;
}

export interface StartedEmulator {
  /** What orgform needs to talk to it: base URLs and credentials. */
  readonly env: Readonly<Record<string, string>>;
  /** Makes what the examples expect to exist already, which the API cannot make (people who joined in a console, keys made there). */
  prepare(): void;
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
  readonly crash: CrashViews;
  stop(): Promise<void>;
}

/** A construct's arguments as the bench's stack program passes them (camelCase props, JSON). */
export type BenchArgs = Readonly<Record<string, unknown>>;

/** One resource type of a bench part. */
export interface BenchType {
  /** The construct the stack program declares it with (imported from the provider's folder). */
  readonly construct: string;
  /** Its Terraform type (`langfuse_organization`). */
  readonly type: string;
  /** Items per list call its refresh asks for; Infinity where the list is not paginated. */
  readonly pageSize: number;
  /** Objects each of its lists holds besides the stack's own (an organization's default project, say). */
  readonly alsoListed?: number;
  /** Its arguments in the "10% changed" stack (every 10th object of the type, from the first). */
  changed(args: BenchArgs): BenchArgs;
}

/**
 * A provider's part of the benchmark's stacks (bench/README.md): families of one parent and its
 * children (organizations with their API keys, say), which an apply makes through the API. The
 * bench iterates the manifest's test kits: it sizes each part from its share of N, writes every
 * part into one cdktf program, and changes every 10th object of each type for the "10% changed"
 * stack; no bench file names a provider.
 */
export interface BenchPart {
  /** Its share of the stack's N resources unless `--share <provider>=<fraction>` says otherwise. */
  readonly share: number;
  /** Children per parent (the size of each child collection) unless `--children <provider>=<n>` says otherwise. */
  readonly children: number;
  /** The most parents the API allows at once; beyond it, parents get more children. */
  readonly maxParents?: number;
  /** Its provider block: `new <construct>(stack, "<provider>", args)`. */
  readonly provider: { readonly construct: string; readonly args?: BenchArgs };
  readonly parent: BenchType & {
    /** The p-th parent's arguments (p from 0). */
    args(p: number): BenchArgs;
  };
  readonly child: BenchType & {
    /** The argument holding its parent's id (`organizationId`). */
    readonly parentArgument: string;
    /** The c-th child of the p-th parent, besides its parent argument: `people` are what `people.seed` made, `children` every child of the part. */
    args(p: number, c: number, part: { readonly people: readonly string[]; readonly children: number }): BenchArgs;
  };
  /** People the children name whom the API cannot make (they joined in a console): seeded before the stack is written. */
  readonly people?: {
    /** How many, for families of these child counts. */
    count(children: readonly number[]): number;
    /** Makes them in the emulator its definition created (the bench's emulator thread); their ids. */
    seed(emulator: RunningEmulator, count: number): string[];
  };
  /**
   * Its families make the bench's apply of 100 creates (10 parents, then 9 children each, one
   * request per object): the first part in the manifest that says so, unless `--creates <provider>`.
   */
  readonly creates?: boolean;
}

export interface ProviderTestKit {
  start(): Promise<StartedEmulator>;
  readonly faults: FaultExample;
  readonly leaks: LeakExample;
  readonly recovery: RecoveryExample;
  readonly crash: CrashExample;
  readonly everyType: EveryTypeExample;
  /** Its part of `npm run bench`'s stacks (none: the bench leaves it out). */
  readonly bench?: BenchPart;
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

/** Picks one of `items` by a number in [0, 1). */
export const choose = <T>(items: readonly T[], pick: number): T => items[Math.floor(pick * items.length) % items.length]!;

/** Headers a colleague's request carries in the crash harness: the emulator's injected faults skip it. */
export const FAULT_EXEMPT: Readonly<Record<string, string>> = { [FAULT_EXEMPT_HEADER]: "1" };

/**
 * A change made straight through an emulator's API, as an admin in a console would make it (a
 * colleague's look-alike, an out-of-band edit drift must see). Any status of 400 or more throws.
 */
export async function callAdminApi(url: string, method: string, headers: Record<string, string>, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method, headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status >= 400) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

export const looks = (value: unknown): string => JSON.stringify(value);
