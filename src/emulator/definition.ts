/**
 * How the CLI (`orgform emulate`, `orgform demo`) starts a provider's emulator without knowing
 * the provider: each provider folder describes its emulator with one of these.
 */
import type { EmulatorServer } from "./server";

export interface RunningEmulator {
  readonly server: EmulatorServer;
  start(port?: number): Promise<string>;
  stop(): Promise<void>;
}

export interface EmulatorDefinition {
  /** The provider name: `orgform emulate <name>`. */
  readonly name: string;
  create(): RunningEmulator;
  /** The environment a stack needs to talk to this emulator at `url` (base URL, admin key). */
  environment(emulator: RunningEmulator, url: string): Record<string, string>;
  /** Objects the demo stack expects to exist already (users who joined by invite, keys made in a console). */
  seedDemo?(emulator: RunningEmulator): void;
}
