/**
 * A counterfactual state backend for the benchmark: it serializes every document as the local
 * backend does (so the CPU cost stays) but keeps it in memory, with no files and no fsync. An
 * apply measured with it shows what the walk costs without durable state writes.
 */
import { newLockInfo, type LockInfo, type StateBackend } from "../src/state/backend";
import { parseState, serializeState, type StateDocument } from "../src/state/document";
import type { JournalEntry } from "../src/state/journal";

export class SerializeOnlyBackend implements StateBackend {
  private text: string | undefined;
  private journal: JournalEntry[] = [];

  describe(): string {
    return "in-memory state (benchmark)";
  }

  async read(): Promise<StateDocument | undefined> {
    return this.text === undefined ? undefined : parseState(this.text, "memory");
  }

  async write(state: StateDocument): Promise<void> {
    this.text = serializeState(state);
  }

  async lock(operation: string): Promise<LockInfo> {
    return newLockInfo(operation, "memory");
  }

  async unlock(): Promise<void> {}

  async forceUnlock(): Promise<void> {}

  async appendJournal(entry: JournalEntry): Promise<void> {
    this.journal.push(JSON.parse(JSON.stringify(entry)) as JournalEntry);
  }

  async readJournal(): Promise<JournalEntry[]> {
    return [...this.journal];
  }

  async replaceJournal(keep: readonly JournalEntry[]): Promise<void> {
    this.journal = [...keep];
  }
}
