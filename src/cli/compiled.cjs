// Decides whether the CLI runs orgform's compiled JavaScript (dist/, built by `npm run build` on
// install) or its TypeScript sources through tsx. dist/ is used only while it is fresh: the build
// stamp (scripts/build.cjs) lists the sources, and if any of them was modified after the build
// began, the sources run instead, so a checkout being edited never runs or tests stale code. An
// installed copy ships no sources, so its dist/ is always used. ORGFORM_FROM_SOURCE=1 forces
// the sources. When dist/ runs, resolveQuickly spares node the search for its modules (below).
"use strict";
const Module = require("node:module");
const { existsSync, readFileSync, statSync } = require("node:fs");
const { dirname, isAbsolute, join, sep } = require("node:path");

const root = join(__dirname, "..", "..");

/** The dist/ directory to run, or undefined to run the TypeScript sources. */
module.exports = function compiledRoot() {
  const dist = freshDist();
  return dist && dist.dir;
};

/** The dist/ directory to run and when its build began ({ dir, startedAtMs }), or undefined to run the TypeScript sources. */
module.exports.freshBuild = freshDist;

function freshDist() {
  if (process.env.ORGFORM_FROM_SOURCE === "1") return undefined;
  const dist = join(root, "dist");
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(dist, "build-stamp.json"), "utf8"));
  } catch {
    return undefined;
  }
  if (typeof stamp.startedAtMs !== "number" || !Array.isArray(stamp.sources)) return undefined;
  // An installed copy: no sources to be newer than the build (and npm gives package.json the
  // time of the install).
  const build = { dir: dist, startedAtMs: stamp.startedAtMs };
  if (!existsSync(join(root, "src", "cli", "main.ts"))) return build;
  for (const source of stamp.sources) {
    const stat = statSync(join(root, source), { throwIfNoEntry: false });
    // A source deleted since the build: its importers changed too, and are caught by their times.
    if (stat && stat.mtimeMs > stamp.startedAtMs) return undefined;
  }
  return build;
}

// Resolving dist/'s modules without searching for them. Node resolves every `require` by
// looking at the file system (the path, then with each extension, then its real path), and
// resolves a package name again from every directory that requires it (about 200 lookups in
// `orgform plan`, a tenth of its start). For the compiled build (dist/) both answers are known:
//   - a relative require between dist/'s own modules: the build resolved each with node's own
//     resolver when it wrote dist/ (scripts/build.cjs writes dist/resolutions.json beside the
//     build stamp); dist/ changes only by a build, which writes both, so the table is used only
//     with the stamp it was written with;
//   - a package (zod, commander): node looks in each node_modules from the requiring file's
//     directory up; below the package root dist/ has none, so every module of dist/ gets the
//     answer the first one got (each directory is checked for a node_modules once per process).
// Any other resolution (node_modules' own modules, the user's stack, require.resolve with
// options) is node's.

/** Resolves the modules of `dist` as above, if dist/resolutions.json was written by the build that began at `startedAtMs`. */
module.exports.resolveQuickly = function resolveQuickly(dist, startedAtMs) {
  let table;
  try {
    table = JSON.parse(readFileSync(join(dist, "resolutions.json"), "utf8"));
  } catch {
    return;
  }
  if (!table || table.startedAtMs !== startedAtMs || typeof table.from !== "object") return;
  const prefix = dist + sep;
  /** Package name → the file it resolved to from dist/. */
  const packages = new Map();
  /** Directory of dist/ → whether no node_modules lies between it and dist/'s parent. */
  const clear = new Map();
  const noModulesBelow = (dir) => {
    let answer = clear.get(dir);
    if (answer === undefined) {
      answer = !existsSync(join(dir, "node_modules")) && (dir === dist || noModulesBelow(dirname(dir)));
      clear.set(dir, answer);
    }
    return answer;
  };
  const original = Module._resolveFilename;
  Module._resolveFilename = function resolveFilename(request, parent, isMain, options) {
    const from = parent && parent.filename;
    if (options !== undefined || typeof from !== "string" || !from.startsWith(prefix)) return original.apply(this, arguments);
    const mapped = table.from[from.slice(prefix.length)];
    const target = mapped && Object.prototype.hasOwnProperty.call(mapped, request) ? mapped[request] : undefined;
    if (typeof target === "string") return join(dist, target);
    if (request.startsWith(".") || isAbsolute(request) || Module.isBuiltin(request) || !noModulesBelow(dirname(from))) return original.apply(this, arguments);
    let resolved = packages.get(request);
    if (resolved === undefined) {
      resolved = original.apply(this, arguments);
      packages.set(request, resolved);
    }
    return resolved;
  };
};
