/**
 * Which writes an operation had accepted. A create is "refused" (the API made nothing, its
 * journal intent retired) only if it failed before any of its writes was accepted: a create of
 * several calls (a project's POST, then the GET of its key pair; a member's add, then its deny)
 * made its object with its first accepted write, whatever failed after it.
 */
import { AsyncLocalStorage } from "node:async_hooks";

const tally = new AsyncLocalStorage<{ writes: number }>();

/** Runs `work`, counting in `count.writes` each write an API answered below 400 meanwhile. */
export function countingAcceptedWrites<T>(count: { writes: number }, work: () => Promise<T>): Promise<T> {
  return tally.run(count, work);
}

/** Called by the HTTP client for each write answered below 400. */
export function noteAcceptedWrite(): void {
  const count = tally.getStore();
  if (count) count.writes++;
}
