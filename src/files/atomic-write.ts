/**
 * Writes a private file so that a crash leaves either the old content or the new, never half:
 * a temp file beside it (mode 0600), fsynced, then renamed over the target. State files,
 * journals and secret sinks all hold secrets and all need this.
 */
import { closeSync, fchmodSync, fdatasyncSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { mkdir, open, rename } from "node:fs/promises";

export function writeFileAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writePrivateFile(path, text);
}

/**
 * Writes a file that holds secrets (`plan --out`, `state pull --out`) so that it ends up mode
 * 0600 even when it existed with another mode: the content goes to a new private file that
 * replaces it, so no secret is ever readable under the old mode.
 */
export function writePrivateFile(path: string, text: string): void {
  // Unlike writeFileAtomically, no directory is made: a user's path into a missing one is an error.
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, "w", 0o600);
  try {
    // The mode given to open applies only to a new file: one left by a killed run (whose pid
    // this process now has) keeps its own, so set it before any secret goes in.
    fchmodSync(fd, 0o600);
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/**
 * The same, without blocking the event loop: apply keeps talking to the APIs while state is
 * fsynced, and changes that finish meanwhile share the next write.
 */
export async function writeFileAtomicallyAsync(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}-${++tempCounter}`;
  const handle = await open(temp, "w", 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

/**
 * An append-only file of lines, each on disk (fdatasynced) before its `append` resolves. Lines
 * appended in one turn of the event loop share one write and fdatasync (group commit): the ten
 * creates a parallel apply starts as ten answers arrive wait for one fdatasync, not for ten in a
 * queue. The file stays open between batches; `close` before replacing or removing it.
 */
export class DurableLineLog {
  private pending: Array<{ line: string; done: () => void; failed: (error: unknown) => void }> = [];
  private writing: Promise<void> | undefined;
  private fd: number | undefined;
  /** Writes (each one fdatasync) so far: fewer than the lines when appends arrive together. */
  batches = 0;

  constructor(readonly path: string) {}

  append(line: string): Promise<void> {
    return new Promise<void>((done, failed) => {
      this.pending.push({ line, done, failed });
      this.writing ??= this.writeBatches();
    });
  }

  /** Closes the file (the next append opens it again); call before the file is replaced or removed. */
  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    closeSync(fd);
  }

  private async writeBatches(): Promise<void> {
    // Let every append of this turn of the event loop join the first batch: all the answers that
    // arrived together are handled before setImmediate runs, and each may start a create whose
    // intent then shares this one fdatasync (a microtask would batch only the appends of one answer).
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      this.batches++;
      try {
        // Synchronous on purpose: a write and fdatasync take a fraction of a millisecond, while
        // the same calls through the thread pool waited 3-7 ms for it and for the event loop, and
        // every create waits for its intent before it may send its POST.
        const fd = this.openFile();
        writeSync(fd, batch.map((entry) => `${entry.line}\n`).join(""));
        // fdatasync: the data and the new length, without the timestamps a full fsync also flushes.
        fdatasyncSync(fd);
        batch.forEach((entry) => entry.done());
      } catch (error) {
        this.closeQuietly();
        batch.forEach((entry) => entry.failed(error));
      }
      // Appends made while this batch was written form the next one.
      await Promise.resolve();
    }
    this.writing = undefined;
  }

  private openFile(): number {
    if (this.fd === undefined) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.fd = openSync(this.path, "a", 0o600);
    }
    return this.fd;
  }

  private closeQuietly(): void {
    try {
      this.close();
    } catch {
      this.fd = undefined;
    }
  }
}

let tempCounter = 0;
