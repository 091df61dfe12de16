/**
 * When orgform runs compiled (dist/), a stack inside this checkout that imports orgform's own
 * TypeScript (stacks/main.ts imports "../providers/langfuse"; the bench's and the tests' stacks
 * import the providers by path) gets the compiled twin of each such module from the same build
 * instead: the same code, loaded once for the stack and the engine, and from the code cache,
 * where tsx would compile the TypeScript again in every process (and the engine would load the
 * compiled copy beside it). Only modules of this checkout with a twin in the build are
 * redirected; the user's own files never are.
 */
import { existsSync } from "node:fs";
import Module from "node:module";
import { join, relative, sep } from "node:path";

type Resolve = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;

/** The compiled twin of `file` in `dist` (`<root>/providers/x/y.ts` → `<dist>/providers/x/y.js`), if the build has it. */
export function compiledTwin(file: string, root: string, dist: string): string | undefined {
  if (!file.endsWith(".ts") || file.endsWith(".d.ts")) return undefined;
  const inRepo = relative(root, file);
  if (!(inRepo.startsWith(`providers${sep}`) || inRepo.startsWith(`src${sep}`))) return undefined;
  const twin = join(dist, `${inRepo.slice(0, -".ts".length)}.js`);
  return existsSync(twin) ? twin : undefined;
}

/** Redirects the resolution of orgform's TypeScript modules to their compiled twins until the returned function is called. */
export function redirectToCompiledTwins(root: string, dist: string): () => void {
  const loader = Module as unknown as { _resolveFilename: Resolve };
  const previous = loader._resolveFilename;
  loader._resolveFilename = function resolveFilename(this: unknown, ...args: Parameters<Resolve>): string {
    const resolved = previous.apply(this, args);
    return compiledTwin(resolved, root, dist) ?? resolved;
  };
  return () => {
    loader._resolveFilename = previous;
  };
}
