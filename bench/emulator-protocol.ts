/** Messages between the benchmark and its emulator worker (bench/emulator-worker.ts). */

/** Where the emulators listen, and what the providers need to talk to them. */
export interface EmulatorAddresses {
  /** Base URL by provider name (every built-in provider with an emulator). */
  readonly urls: Readonly<Record<string, string>>;
  /** The environment the providers read their base URLs and credentials from (each emulator definition's). */
  readonly environment: Readonly<Record<string, string>>;
}

export type WorkerRequest =
  | { readonly op: "start" }
  | { readonly op: "latency"; readonly latencyMs: number }
  | { readonly op: "reset" }
  | { readonly op: "seed-people"; readonly provider: string; readonly count: number }
  | { readonly op: "counters" }
  | { readonly op: "profile-start" }
  | { readonly op: "profile-stop"; readonly dir: string; readonly name: string }
  | { readonly op: "stop" };

export type WorkerReply =
  | ({ readonly op: "start" | "reset" } & EmulatorAddresses)
  | { readonly op: "latency" | "stop" | "profile-start" }
  | { readonly op: "profile-stop"; readonly summary: string }
  | { readonly op: "seed-people"; readonly ids: string[] }
  | { readonly op: "counters"; readonly counters: Record<string, number> };
