/**
 * The world the crash harness runs in: one stack of every provider's crash example (its
 * providers/<api>/examples.ts: Langfuse organizations and their keys; Anthropic workspaces,
 * workspace members and invites; OpenAI admin keys and projects; projects-API projects, keys,
 * members and an invitation), the emulators it talks to, and what a user would see there, each
 * object named by what identifies it to a person ("langfuse key ci in org Crash Org A"), not by
 * an id. Foreign look-alikes are made through the emulators' own HTTP APIs, as a colleague would
 * make them.
 */
import { stackProgram, type ConsoleObject, type StartedEmulator } from "../../providers/examples";
import type { EmulatorServer } from "../../src/emulator/server";
import { kitProviders } from "./provider-kits";
import type { StateResource } from "./stack-run";
import { PROVIDERS } from "./workdir";

export const STACK = "crash_mixed";

const examples = kitProviders.map(({ name, kit }) => [name, kit.crash] as const);

export const SOURCE = stackProgram(PROVIDERS, STACK, examples);

/** What identifies each declared object to a person: the names in the console. */
export const DECLARED_KEYS: readonly string[] = examples.flatMap(([, example]) => example.declared);

/** One object as a user sees it in a console, or as state records it. */
export type Seen = ConsoleObject;

/** A look-alike a colleague made: its id and how it looked when made. */
export interface Foreign {
  readonly key: string;
  readonly id: string;
  readonly looks: string;
}

export class CrashWorld {
  private emulators: StartedEmulator[] = [];
  env: NodeJS.ProcessEnv = {};

  get servers(): readonly EmulatorServer[] {
    return this.emulators.flatMap((emulator) => emulator.servers);
  }

  async start(): Promise<void> {
    this.emulators = await Promise.all(kitProviders.map(({ kit }) => kit.start()));
    for (const emulator of this.emulators) emulator.prepare();
    this.env = Object.assign({}, ...this.emulators.map((emulator) => emulator.env)) as NodeJS.ProcessEnv;
  }

  async stop(): Promise<void> {
    await Promise.all(this.emulators.map((emulator) => emulator.stop()));
  }

  /** Every live object of the kinds the stack declares, as the consoles show them. */
  live(): Seen[] {
    return this.emulators.flatMap((emulator) => emulator.crash.live());
  }

  /** What state records, named the same way (parents by their live names). */
  recorded(state: ReadonlyMap<string, StateResource>): Array<Seen & { address: string }> {
    return [...state.values()].map((resource) => {
      const seen = this.emulators.map((emulator) => emulator.crash.recorded(resource)).find((named) => named !== undefined) ?? { key: `(unknown type) ${resource.address}`, hasSecret: false };
      return { ...seen, address: resource.address, id: seen.id ?? String(resource.attributes.id) };
    });
  }

  /** Kinds a colleague can make a second of with the same name. */
  foreignKinds(): string[] {
    return examples.flatMap(([, example]) => example.foreignKinds);
  }

  /**
   * Makes a look-alike of a declared object of this kind through the API (pick chooses which
   * one), as a colleague would; undefined if its parent does not exist yet.
   */
  async makeForeign(kind: string, pick: number): Promise<Foreign | undefined> {
    const emulator = this.emulators[examples.findIndex(([, example]) => example.foreignKinds.includes(kind))];
    if (!emulator) throw new Error(`no provider makes a foreign ${kind}`);
    const made = await emulator.crash.makeForeign(kind, pick);
    if (!made) return undefined;
    const seen = this.live().find((s) => s.id === made.id);
    if (!seen || seen.key !== made.key) throw new Error(`foreign ${made.key} (id ${made.id}) is not in the emulator as made`);
    return { ...made, looks: seen.looks! };
  }
}
