/**
 * What every provider's emulator is besides its routes and rules: an EmulatorServer whose
 * answers to faults, unknown routes and bad JSON take the API's own error format (the
 * `errorBody` hook), an auth check before every route (the `authenticate` hook), start and stop,
 * and the base URL a client is given. `defineEmulator` describes one to `orgform emulate` and
 * `orgform demo` with its own type, so no definition casts.
 */
import type { EmulatorDefinition, RunningEmulator } from "../definition";
import { EmulatorServer, type EmulatorRequest, type EmulatorResponse } from "../server";

export interface EmulatorSetup {
  /** A path the API's base URL ends in (OpenAI's `/v1`): `url` is the server's address plus it. */
  readonly basePath?: string;
}

export abstract class Emulator implements RunningEmulator {
  readonly server: EmulatorServer;
  /** The base URL a client is given, set by start(). */
  url = "";
  private readonly basePath: string;
  private readonly companions: Emulator[] = [];
  private readonly failures: Array<{ method: string; status: number; message: string }> = [];

  protected constructor(setup: EmulatorSetup = {}) {
    this.basePath = setup.basePath ?? "";
    this.server = new EmulatorServer({ errorBody: (status, message) => this.errorBody(status, message), authenticate: (request) => this.authenticate(request) ?? this.takeFailure(request) });
  }

  /** The API's error body for a status and message: faults, unknown routes and bad JSON answer with it. */
  protected abstract errorBody(status: number, message: string): unknown;

  /** Checked before every route: a response refuses the request. Default: every request passes. */
  protected authenticate(_request: EmulatorRequest): EmulatorResponse | undefined {
    return undefined;
  }

  /**
   * The next authenticated request with this method answers this error in the API's format (a
   * test's way to make an API message echo a secret, say).
   */
  failNext(method: string, status: number, message: string): void {
    this.failures.push({ method, status, message });
  }

  private takeFailure(request: EmulatorRequest): EmulatorResponse | undefined {
    const index = this.failures.findIndex((failure) => failure.method === request.method);
    if (index < 0) return undefined;
    const [failure] = this.failures.splice(index, 1);
    return { status: failure!.status, body: this.errorBody(failure!.status, failure!.message) };
  }

  /**
   * A server this emulator runs beside its own (a service the API hosts at a second URL):
   * started after it and stopped with it.
   */
  protected companion<E extends Emulator>(emulator: E): E {
    this.companions.push(emulator);
    return emulator;
  }

  async start(port = 0): Promise<string> {
    this.url = `${await this.server.start(port)}${this.basePath}`;
    for (const companion of this.companions) await companion.start();
    return this.url;
  }

  async stop(): Promise<void> {
    await Promise.all([this.server.stop(), ...this.companions.map((companion) => companion.stop())]);
  }
}

/** An EmulatorDefinition written against the emulator's own type. */
export interface TypedEmulatorDefinition<E extends RunningEmulator> {
  readonly name: string;
  create(): E;
  environment(emulator: E, url: string): Record<string, string>;
  seedDemo?(emulator: E): void;
}

/**
 * Describes a provider's emulator for the CLI. The CLI hands `environment` and `seedDemo` only
 * what `create` made, so the one narrowing here is safe.
 */
export function defineEmulator<E extends RunningEmulator>(definition: TypedEmulatorDefinition<E>): EmulatorDefinition {
  const { seedDemo } = definition;
  return {
    name: definition.name,
    create: () => definition.create(),
    environment: (emulator, url) => definition.environment(emulator as E, url),
    ...(seedDemo ? { seedDemo: (emulator: RunningEmulator) => seedDemo(emulator as E) } : {}),
  };
}
