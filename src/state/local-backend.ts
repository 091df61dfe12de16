/**
 * The local backend: one JSON file per stack (cdktf's LocalBackend `path`, default
 * terraform.<stack>.tfstate). Every write goes to a temp file that is fsynced and renamed over
 * the old one; a crash leaves either the old or the new state, never half of one. The first
 * write of a run (of this backend instance) first saves the state the run started from as
 * `<path>.backup`, as Terraform does: the backup is "before this apply", and the writes after
 * it cost one fsync each, not two. The lock is `<path>.lock.info`, created
 * exclusively; a lock whose process on this host is gone (killed) is stale and taken over.
 */
import { closeSync, fsyncSync, openSync, writeSync, readFileSync, unlinkSync, existsSync, mkdirSync } from "node:fs";
import { dirname, basename, join } from "node:path";
import { hostname } from "node:os";
import { OrgformError } from "../errors";
import { newLockInfo, type LockInfo } from "./backend";
import { serializeState, type StateDocument } from "./document";
import { DurableLineLog, writeFileAtomically, writeFileAtomicallyAsync } from "../files/atomic-write";
import { parseJournal, type JournalEntry } from "./journal";
import { parseStoredState, type TextStateBackend } from "./raw";

export class LocalBackend implements TextStateBackend {
  private lastText: string | undefined;
  /** The create journal beside the state file: intents are fsynced in groups (see DurableLineLog). */
  private readonly journal: DurableLineLog;
  /** Whether this run has saved the state it started from as the backup yet. */
  private backedUp = false;
  /** Warnings for the user (a stale lock taken over), drained by the CLI. */
  readonly warnings: string[] = [];

  constructor(readonly path: string) {
    this.journal = new DurableLineLog(`${path}.journal`);
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
    const lockPath = this.lockPath();
    const info = newLockInfo(operation, this.path);
    mkdirSync(dirname(lockPath), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(lockPath, "wx", 0o600);
        writeSync(fd, JSON.stringify(info, null, 2));
        fsyncSync(fd);
        closeSync(fd);
        return info;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const holder = this.readLock();
        if (holder && isStale(holder)) {
          this.warnings.push(`Took over a stale lock ${holder.ID} left by process ${holder.Pid} (${holder.Operation}, ${holder.Created}), which is no longer running.`);
          unlinkSync(lockPath);
          continue;
        }
        throw lockedError(holder, this.path);
      }
    }
    throw lockedError(this.readLock(), this.path);
  }

  async unlock(lock: LockInfo): Promise<void> {
    const holder = this.readLock();
    if (holder && holder.ID === lock.ID) unlinkSync(this.lockPath());
  }

  async forceUnlock(id: string): Promise<void> {
    const holder = this.readLock();
    if (!holder) throw new OrgformError("STATE_NOT_FOUND", `${this.path} is not locked: nothing to unlock.`);
    if (holder.ID !== id) {
      throw new OrgformError("USAGE", `the lock on ${this.path} has ID ${holder.ID}, not ${id}. Run \`orgform force-unlock ${holder.ID}\` if that is the one to clear.`);
    }
    unlinkSync(this.lockPath());
  }

  async appendJournal(entry: JournalEntry): Promise<void> {
    await this.journal.append(JSON.stringify(entry));
  }

  async readJournal(): Promise<JournalEntry[]> {
    if (!existsSync(this.journal.path)) return [];
    return parseJournal(readFileSync(this.journal.path, "utf8"));
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


  private lockPath(): string {
    return join(dirname(this.path), `${basename(this.path)}.lock.info`);
  }

  private readLock(): LockInfo | undefined {
    try {
      return JSON.parse(readFileSync(this.lockPath(), "utf8")) as LockInfo;
    } catch {
      return undefined;
    }
  }
}

export function lockedError(holder: LockInfo | undefined, path: string): OrgformError {
  if (!holder) return new OrgformError("STATE_LOCKED", `the state ${path} is locked by another run. Wait for it, or run \`orgform force-unlock <lock id>\`.`);
  return new OrgformError(
    "STATE_LOCKED",
    `the state ${path} is locked: ${holder.Operation} by ${holder.Who} (process ${holder.Pid}) since ${holder.Created}, lock ID ${holder.ID}. ` +
      `Wait for it to finish; if no orgform is running, run \`orgform force-unlock ${holder.ID}\`.`,
    { lockId: holder.ID },
  );
}

function isStale(holder: LockInfo): boolean {
  if (holder.Host !== hostname() || !holder.Pid) return false;
  try {
    process.kill(holder.Pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
