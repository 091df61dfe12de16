/**
 * Temp files a killed run left behind. Every atomic write goes through `<file>.tmp-<pid>[-<n>]`
 * (atomic-write.ts); a run killed between creating it and renaming it leaves it there, often
 * holding a whole state with live secrets. Once the process named in the name is gone, nobody
 * will ever rename it, so it can go.
 */
import { readdirSync, unlinkSync } from "node:fs";
import { join } from "node:path";

const TEMP_SUFFIX = /\.tmp-(\d+)(?:-[A-Za-z0-9]+)?$/;

/**
 * Removes the files in `dir` whose names start with `prefix` and end in a temp suffix naming a
 * process that no longer runs on this host. Call it only while holding the lock that guards
 * those files: a live writer on another host sharing the directory writes only under that lock.
 * Returns the names removed.
 */
export function removeStaleTempFiles(dir: string, prefix: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = TEMP_SUFFIX.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || processRuns(pid)) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/** Whether a process with this id exists on this host (EPERM: it does, owned by someone else). */
export function processRuns(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}
