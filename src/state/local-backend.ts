/**
 * The local backend: one JSON file per stack (cdktf's LocalBackend `path`, default
 * terraform.<stack>.tfstate). Every write goes to a temp file that is fsynced and renamed over
 * the old one; a crash leaves either the old or the new state, never half of one. The first
 * write of a run (of this backend instance) first saves the state the run started from as
 * `<path>.backup`, as Terraform does: the backup is "before this apply", and the writes after
 * it cost one fsync each, not two. The lock is `<path>.lock.info` (local-lock.ts: a stale one is
 * taken over by exactly one process). Whoever takes the lock first removes the temp files that
 * killed runs left beside the state (they may hold whole states with secrets).
 */
import { readFileSync, renameSync, unlinkSync, existsSync } from "node:fs";
import { dirname, basename, join } from "node:path";
import type { LockInfo } from "./backend";
import { LocalLock } from "./local-lock";
import { removeStaleTempFiles } from "../files/stale-temp";
import { serializeState, type StateDocument } from "./document";
import { DurableLineLog, writeFileAtomically, writeFileAtomicallyAsync } from "../files/atomic-write";
import { journalSetAside, parseJournal, type JournalEntry } from "./journal";
import { parseStoredState, type TextStateBackend } from "./raw";

export class LocalBackend implements TextStateBackend {
  private lastText: string | undefined;
  /** The create journal beside the state file: intents are fsynced in groups (see DurableLineLog). */
  private readonly journal: DurableLineLog;
  /** Whether this run has saved the state it started from as the backup yet. */
  private backedUp = false;
  /** Warnings for the user (a stale lock taken over), drained by the CLI. */
  readonly warnings: string[] = [];
  private readonly lockFile: LocalLock;

  constructor(readonly path: string) {
    this.journal = new DurableLineLog(`${path}.journal`);
    this.lockFile = new LocalLock(join(dirname(path), `${basename(path)}.lock.info`), path, (warning) => this.warnings.push(warning));
  }

  describe(): string {
    return `local state file ${this.path}`;
  }

  async read(): Promise<StateDocument | undefined> {
    const text = await this.readText();
    return text === undefined ? undefined : parseStoredState(text, this.path);
  }

  async write(state: StateDocument): Promise<void> {
    await this.writeText(serializeState(state));
  }

  async readText(): Promise<string | undefined> {
    if (!existsSync(this.path)) return undefined;
    const text = readFileSync(this.path, "utf8");
    this.lastText = text;
    return text;
  }

  async writeText(text: string, backup?: string): Promise<void> {
    if (!this.backedUp || backup !== undefined) {
      const previous = backup ?? this.lastText ?? (existsSync(this.path) ? readFileSync(this.path, "utf8") : undefined);
      if (previous !== undefined) {
        await writeFileAtomicallyAsync(`${this.path}.backup`, previous);
        this.backedUp = true;
      }
    }
    this.lastText = text;
    await writeFileAtomicallyAsync(this.path, text);
  }

  async lock(operation: string): Promise<LockInfo> {
    const info = this.lockFile.acquire(operation);
    // Holding the lock, no other run writes here: a temp file named for a dead process is litter.
    removeStaleTempFiles(dirname(this.path), `${basename(this.path)}.`);
    return info;
  }

  async unlock(lock: LockInfo): Promise<void> {
    this.lockFile.release(lock);
  }

  async forceUnlock(id: string): Promise<void> {
    this.lockFile.forceRelease(id);
  }

  async appendJournal(entry: JournalEntry): Promise<void> {
    await this.journal.append(JSON.stringify(entry));
  }

  async readJournal(): Promise<JournalEntry[]> {
    if (!existsSync(this.journal.path)) return [];
    const { entries, badLines } = parseJournal(readFileSync(this.journal.path, "utf8"));
    if (badLines.length === 0) return entries;
    // Never act on a journal that cannot be read whole: set it aside for a person to look at.
    this.journal.close();
    const aside = `${this.journal.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    renameSync(this.journal.path, aside);
    this.warnings.push(journalSetAside(this.journal.path, badLines, aside));
    return [];
  }

  async replaceJournal(keep: readonly JournalEntry[]): Promise<void> {
    // The log's open descriptor would go on appending to the file being replaced or removed.
    this.journal.close();
    if (keep.length === 0) {
      if (existsSync(this.journal.path)) unlinkSync(this.journal.path);
      return;
    }
    writeFileAtomically(this.journal.path, keep.map((entry) => `${JSON.stringify(entry)}\n`).join(""));
  }
}

/** Kept here too: the pg backend reports a held lock the same way. */
export { lockedError } from "./local-lock";
