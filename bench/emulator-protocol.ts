/** Messages between the benchmark and its emulator worker (bench/emulator-worker.ts). */

export interface SeededKey {
  readonly id: string;
  readonly note: string;
  readonly publicKey: string;
  readonly secretKey: string;
  readonly displaySecretKey: string;
  readonly createdAt: string;
}

export interface SeededOrganization {
  readonly id: string;
  readonly name: string;
  readonly metadata: Record<string, string>;
  readonly createdAt: string;
  readonly keys: readonly SeededKey[];
}

export type WorkerRequest =
  | { readonly op: "start" }
  | { readonly op: "latency"; readonly latencyMs: number }
  | { readonly op: "reset" }
  | { readonly op: "seed-langfuse"; readonly organizations: ReadonlyArray<{ name: string; metadata: Record<string, string>; keyNotes: readonly string[] }> }
  | { readonly op: "seed-anthropic-users"; readonly count: number }
  | { readonly op: "seed-anthropic"; readonly workspaces: ReadonlyArray<{ name: string; tags: Record<string, string>; members: ReadonlyArray<{ userId: string; role: string }> }> }
  | { readonly op: "counters" }
  | { readonly op: "stop" };

export type WorkerReply =
  | { readonly op: "start"; readonly urls: Readonly<Record<string, string>>; readonly adminKeys: Readonly<Record<string, string>> }
  | { readonly op: "latency" | "reset" | "stop" }
  | { readonly op: "seed-langfuse"; readonly organizations: SeededOrganization[] }
  | { readonly op: "seed-anthropic-users"; readonly userIds: string[] }
  | { readonly op: "seed-anthropic"; readonly workspaceIds: string[] }
  | { readonly op: "counters"; readonly counters: Record<string, number> };
