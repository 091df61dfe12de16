// Decides whether the CLI runs orgform's compiled JavaScript (dist/, built by `npm run build` on
// install) or its TypeScript sources through tsx. dist/ is used only while it is fresh: the build
// stamp (scripts/build.cjs) lists the sources, and if any of them was modified after the build
// began, the sources run instead, so a checkout being edited never runs or tests stale code. An
// installed copy ships no sources, so its dist/ is always used. ORGFORM_FROM_SOURCE=1 forces
// the sources.
"use strict";
const { existsSync, readFileSync, statSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..", "..");

/** The dist/ directory to run, or undefined to run the TypeScript sources. */
module.exports = function compiledRoot() {
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
  if (!existsSync(join(root, "src", "cli", "main.ts"))) return dist;
  for (const source of stamp.sources) {
    const stat = statSync(join(root, source), { throwIfNoEntry: false });
    // A source deleted since the build: its importers changed too, and are caught by their times.
    if (stat && stat.mtimeMs > stamp.startedAtMs) return undefined;
  }
  return dist;
};
