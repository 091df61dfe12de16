/**
 * Writes a private file so that a crash leaves either the old content or the new, never half:
 * a temp file beside it (mode 0600), fsynced, then renamed over the target. State files,
 * journals and secret sinks all hold secrets and all need this.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { mkdir, open, rename } from "node:fs/promises";

export function writeFileAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, "w", 0o600);
  try {
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
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

/** Appends one line and fsyncs it before returning. */
export async function appendLineDurably(path: string, line: string): Promise<void> {
  const handle = await open(path, "a", 0o600);
  try {
    await handle.writeFile(`${line}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

let tempCounter = 0;
