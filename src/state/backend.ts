/**
 * What a state backend does: read and write one stack's state document, and hold a lock so two
 * runs never write the same state at once. The cdktf backend block in cdk.tf.json chooses one.
 */
import { hostname, userInfo } from "node:os";
import { randomUUID } from "node:crypto";
import type { StateDocument } from "./document";
import type { JournalEntry } from "./journal";

export interface LockInfo {
  readonly ID: string;
  readonly Operation: string;
  readonly Who: string;
  readonly Version: string;
  readonly Created: string;
  readonly Path: string;
  readonly Pid: number;
  readonly Host: string;
}

export interface StateBackend {
  /** For messages: "local state file terraform.main.tfstate". */
  describe(): string;
  /** The current document, or undefined when the stack has no state yet. */
  read(): Promise<StateDocument | undefined>;
  /** Writes atomically, keeping the previous document as a backup. */
  write(state: StateDocument): Promise<void>;
  /** Takes the lock or throws STATE_LOCKED naming the holder. */
  lock(operation: string): Promise<LockInfo>;
  unlock(lock: LockInfo): Promise<void>;
  /** Removes a lock by its ID whoever holds it. */
  forceUnlock(id: string): Promise<void>;
  /** Appends one create intent durably (fsynced) before the create is sent. */
  appendJournal(entry: JournalEntry): Promise<void>;
  readJournal(): Promise<JournalEntry[]>;
  /** Rewrites the journal with only `keep` (empty: removes it). */
  replaceJournal(keep: readonly JournalEntry[]): Promise<void>;
  /** Warnings for the user (a stale lock taken over), drained by the CLI. */
  readonly warnings?: string[];
  /** Releases connections; a CLI run may skip it (idle connections let the process exit). */
  close?(): Promise<void>;
}

export function newLockInfo(operation: string, path: string): LockInfo {
  let who = "unknown";
  try {
    who = `${userInfo().username}@${hostname()}`;
  } catch {
    who = hostname();
  }
  return {
    ID: randomUUID(),
    Operation: operation,
    Who: who,
    Version: "orgform",
    Created: new Date().toISOString(),
    Path: path,
    Pid: process.pid,
    Host: hostname(),
  };
}
