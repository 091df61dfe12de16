/**
 * Which calls a synth's watch (src/config/synth-watch.ts) or the early synth's isolation
 * (src/config/synth-isolation.ts) leaves to the loaders: tsx and orgform's own module loading.
 */
import { dirname, resolve, sep } from "node:path";

/**
 * The loader's own work is not the stack's: tsx keeps a transform cache (its clock, its
 * directory, its connection to a watching parent), and orgform's module loading has its code
 * cache. What tsx makes of a file depends only on the file, tsconfig, tsx itself and its TSX_*
 * variables, which are all watched. The caller is the innermost frame outside node and the watching file.
 */
const LOADERS = [dirname(require.resolve("tsx/package.json")) + sep, resolve(__dirname, "..", "..", "..", "src", "cli") + sep, resolve(__dirname, "..", "..", "src", "cli") + sep];

/** Whether the innermost caller of `below` outside node and the `watcher` file (the watch's own) is a loader's. */
export function calledByLoader(below: (...args: never[]) => unknown, watcher: string): boolean {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  try {
    Error.stackTraceLimit = 20;
    Error.prepareStackTrace = (_error, sites) => sites;
    Error.captureStackTrace(holder, below);
    const sites = holder.stack ?? [];
    for (const site of sites) {
      const file = site.getFileName();
      if (!file || file.startsWith("node:") || file === watcher) continue;
      return LOADERS.some((loader) => file.startsWith(loader));
    }
    return false;
  } finally {
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = prepare;
  }
}

