/**
 * The local backend's lock: the file `<state>.lock.info`, holding the holder's LockInfo.
 *
 * Taking it is one atomic step: the LockInfo is written to a private staging file, then
 * hard-linked to the lock path, which fails with EEXIST when a lock is there; nobody ever sees a
 * half-written lock. A lock whose process on this host is gone (killed) is stale and may be taken
 * over, but "read holder, see it dead, unlink, create" is not atomic: two runs that both read the
 * same dead holder could each unlink (the second removing the lock the first just took) and both
 * proceed. So removing a stale lock H needs the right to do so, and exactly one process holds it:
 * the one that creates the marker `<lock>.takeover-<H.ID>-<n>` (by link, so it is never seen
 * empty), walking n = 1, 2, … past markers whose creator died mid-takeover and stopping at a
 * live one. Holding the marker, it checks the lock still names H (IDs are never reused, so once H
 * is gone no marker can remove anything) and only then unlinks it; the free path is then taken by
 * the usual link, by it or by a newcomer, never by two.
 */
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, readdirSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { hostname } from "node:os";
import { OrgformError } from "../errors";
import { newLockInfo, type LockInfo } from "./backend";
import { processRuns } from "../files/stale-temp";

export class LocalLock {
  /**
   * @param path the lock file, `<state>.lock.info`
   * @param statePath the state file it guards, for messages and the LockInfo
   * @param warn receives a warning when a stale lock is taken over
   */
  constructor(
    readonly path: string,
    private readonly statePath: string,
    private readonly warn: (text: string) => void,
  ) {}

  /** Takes the lock, taking over a stale one; throws STATE_LOCKED naming a live holder. */
  acquire(operation: string): LockInfo {
    const info = newLockInfo(operation, this.statePath);
    mkdirSync(dirname(this.path), { recursive: true });
    const staging = `${this.path}.tmp-${process.pid}-${info.ID.slice(0, 8)}`;
    writePrivate(staging, JSON.stringify(info, null, 2));
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        if (createByLink(staging, this.path)) {
          this.removeTakeoverMarkers();
          return info;
        }
        const holder = this.read();
        if (!holder || !isStale(holder)) throw lockedError(holder, this.statePath);
        if (!this.removeStale(holder, staging)) throw lockedError(undefined, this.statePath);
        this.warn(`Took over a stale lock ${holder.ID} left by process ${holder.Pid} (${holder.Operation}, ${holder.Created}), which is no longer running.`);
      }
      throw lockedError(this.read(), this.statePath);
    } finally {
      unlinkQuietly(staging);
    }
  }

  /** Releases `lock` if it is still the one held. */
  release(lock: LockInfo): void {
    const holder = this.read();
    if (holder && holder.ID === lock.ID) unlinkSync(this.path);
  }

  /** Removes the lock with this ID whoever holds it (`orgform force-unlock`). */
  forceRelease(id: string): void {
    const holder = this.read();
    if (!holder) throw new OrgformError("STATE_NOT_FOUND", `${this.statePath} is not locked: nothing to unlock.`);
    if (holder.ID !== id) {
      throw new OrgformError("USAGE", `the lock on ${this.statePath} has ID ${holder.ID}, not ${id}. Run \`orgform force-unlock ${holder.ID}\` if that is the one to clear.`);
    }
    unlinkSync(this.path);
  }

  read(): LockInfo | undefined {
    return readLockInfo(this.path);
  }

  /**
   * Removes the stale lock `holder` if this process wins the right to; false when another live
   * process is taking it over, or the lock no longer names `holder`.
   */
  private removeStale(holder: LockInfo, staging: string): boolean {
    let marker: string;
    for (let n = 1; ; n++) {
      marker = `${this.path}.takeover-${holder.ID}-${n}`;
      if (createByLink(staging, marker)) break;
      const other = readLockInfo(marker);
      // Unreadable, or made by a process that still runs: that one is taking it over.
      if (!other || !isStale(other)) return false;
    }
    try {
      // Only the holder of the newest marker gets here while the lock names `holder`.
      if (this.read()?.ID !== holder.ID) return false;
      unlinkSync(this.path);
      return true;
    } finally {
      unlinkQuietly(marker);
    }
  }

  /** Markers of finished or abandoned takeovers: any lock they name is gone now that we hold it. */
  private removeTakeoverMarkers(): void {
    const prefix = `${basename(this.path)}.takeover-`;
    let names: string[];
    try {
      names = readdirSync(dirname(this.path));
    } catch {
      return;
    }
    for (const name of names) if (name.startsWith(prefix)) unlinkQuietly(join(dirname(this.path), name));
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

/** True when `holder` was made on this host by a process that no longer exists. */
export function isStale(holder: Pick<LockInfo, "Host" | "Pid">): boolean {
  if (holder.Host !== hostname() || !holder.Pid) return false;
  return !processRuns(holder.Pid);
}

function readLockInfo(path: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as LockInfo;
  } catch {
    return undefined;
  }
}

/** Creates `target` with the content of `source` atomically; false when `target` exists. */
function createByLink(source: string, target: string): boolean {
  try {
    linkSync(source, target);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // A file system without hard links: exclusive create, then write (a reader may briefly see
    // it empty, and takes it for a live holder).
    if (code === "EPERM" || code === "ENOTSUP" || code === "ENOSYS" || code === "EOPNOTSUPP") {
      try {
        writePrivate(target, readFileSync(source, "utf8"), "wx");
        return true;
      } catch (fallback) {
        if ((fallback as NodeJS.ErrnoException).code === "EEXIST") return false;
        throw fallback;
      }
    }
    throw error;
  }
}

function writePrivate(path: string, text: string, flags = "w"): void {
  const fd = openSync(path, flags, 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Gone already.
  }
}
