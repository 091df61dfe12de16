/**
 * Issue 18, item 1: the committed package-lock.json is in sync with package.json, so `npm ci` on a
 * fresh clone works and `npm install` has nothing to rewrite. Checked as `npm ci` checks it: the
 * root entry declares exactly package.json's dependencies, and every dependency of every locked
 * package (optional platform binaries included: @swc/core's and @unrs/resolver's were missing,
 * 25 of them) has an entry of its own. `.ci/run` runs plain `npm ci`, which refuses a lock out of
 * sync; this test names the missing entry sooner.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { REPO_ROOT } from "./support/cli";

interface LockPackage {
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  readonly dev?: boolean;
}
interface Lock {
  readonly lockfileVersion: number;
  readonly packages: Record<string, LockPackage>;
}

const KINDS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] as const;

/** What `npm ci` would call out of sync, as sentences; none when the lock matches. */
function lockProblems(manifest: LockPackage, lock: Lock): string[] {
  const problems: string[] = [];
  const root = lock.packages[""] ?? {};
  for (const kind of KINDS) {
    const declared = JSON.stringify(Object.entries(manifest[kind] ?? {}).sort());
    const locked = JSON.stringify(Object.entries(root[kind] ?? {}).sort());
    if (declared !== locked) problems.push(`package.json's ${kind} ${declared} are locked as ${locked}`);
  }
  for (const [path, entry] of Object.entries(lock.packages)) {
    const owner = path === "" ? "package.json" : path.replace(/^.*node_modules\//, "");
    const needed = path === "" ? [...KINDS.flatMap((kind) => Object.keys(entry[kind] ?? {}))] : [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {})];
    for (const name of needed) {
      if (!resolvesFrom(lock, path, name)) problems.push(`${owner}'s dependency ${name} is missing from the lock`);
    }
  }
  return problems;
}

/** Node's lookup: node_modules/<name> beside the package, then in each ancestor's node_modules. */
function resolvesFrom(lock: Lock, path: string, name: string): boolean {
  let base = path;
  for (;;) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (candidate in lock.packages) return true;
    if (!base) return false;
    const cut = base.lastIndexOf("/node_modules/");
    base = cut < 0 ? "" : base.slice(0, cut);
  }
}

const manifest = JSON.parse(readFileSync(resolve(REPO_ROOT, "package.json"), "utf8")) as LockPackage;
const lock = JSON.parse(readFileSync(resolve(REPO_ROOT, "package-lock.json"), "utf8")) as Lock;

it("package-lock.json is in sync with package.json, platform binaries included", () => {
  expect(lock.lockfileVersion).toBe(3);
  expect(lockProblems(manifest, lock)).toEqual([]);
});

it.each([
  ["an optional platform binary", "node_modules/@swc/core-linux-arm64-gnu", "@swc/core's dependency @swc/core-linux-arm64-gnu is missing from the lock"],
  ["a direct dependency", "node_modules/zod", "package.json's dependency zod is missing from the lock"],
])("names %s missing from the lock", (_what, removed, problem) => {
  const broken: Lock = { ...lock, packages: Object.fromEntries(Object.entries(lock.packages).filter(([path]) => path !== removed)) };
  expect(lockProblems(manifest, broken)).toContain(problem);
});
