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

/** An OpenAI project as an apply would have made it: its id and its service accounts' first keys. */
export interface SeededOpenaiProject {
  readonly id: string;
  readonly serviceAccounts: ReadonlyArray<{ readonly id: string; readonly apiKeyId: string; readonly apiKeyValue: string }>;
}

/** A Projects API project: its id, its key pair (read once after create) and its members' user ids. */
export interface SeededProject {
  readonly id: string;
  readonly organizationId: string;
  readonly publicKey: string;
  readonly secretKey: string;
  readonly memberIds: readonly string[];
}

/** What the Projects API emulator authenticates with, and the one organization it serves. */
export interface ProjectsCredentials {
  readonly apiKey: string;
  readonly token: string;
  readonly organizationId: string;
}

export type WorkerRequest =
  | { readonly op: "start" }
  | { readonly op: "latency"; readonly latencyMs: number }
  | { readonly op: "reset" }
  | { readonly op: "seed-langfuse"; readonly organizations: ReadonlyArray<{ name: string; metadata: Record<string, string>; keyNotes: readonly string[] }> }
  | { readonly op: "seed-anthropic-users"; readonly count: number }
  | { readonly op: "seed-anthropic"; readonly workspaces: ReadonlyArray<{ name: string; tags: Record<string, string>; members: ReadonlyArray<{ userId: string; role: string }> }> }
  | { readonly op: "seed-openai"; readonly projects: ReadonlyArray<{ name: string; serviceAccounts: ReadonlyArray<{ name: string; role: "owner" | "member" }> }> }
  | { readonly op: "seed-projects"; readonly projects: ReadonlyArray<{ name: string; members: ReadonlyArray<{ email: string; role: string }> }>; readonly organizationRole: string }
  | { readonly op: "counters" }
  | { readonly op: "profile-start" }
  | { readonly op: "profile-stop"; readonly dir: string; readonly name: string }
  | { readonly op: "stop" };

export type WorkerReply =
  | {
      readonly op: "start";
      /** Base URL by provider name (langfuse, anthropic, openai, projects). */
      readonly urls: Readonly<Record<string, string>>;
      readonly adminKeys: Readonly<Record<string, string>>;
      readonly projects: ProjectsCredentials;
    }
  | { readonly op: "latency" | "reset" | "stop" | "profile-start" }
  | { readonly op: "profile-stop"; readonly summary: string }
  | { readonly op: "seed-langfuse"; readonly organizations: SeededOrganization[] }
  | { readonly op: "seed-anthropic-users"; readonly userIds: string[] }
  | { readonly op: "seed-anthropic"; readonly workspaceIds: string[] }
  | { readonly op: "seed-openai"; readonly projects: SeededOpenaiProject[] }
  | { readonly op: "seed-projects"; readonly projects: SeededProject[] }
  | { readonly op: "counters"; readonly counters: Record<string, number> };
