#!/usr/bin/env node
// `npm run build` (and `prepare`, so every `npm install`/`npm ci` of a checkout builds): compiles
// orgform's own TypeScript to dist/ with tsc, then writes dist/build-stamp.json, which names the
// sources and when the build began. src/cli/compiled.cjs runs dist/ only while no source is newer
// than that moment, so an edited checkout never runs (or tests) old code: it falls back to the
// sources through tsx until the next build.
"use strict";
const { execFileSync } = require("node:child_process");
const { mkdirSync, readdirSync, rmSync, writeFileSync } = require("node:fs");
const { join, relative } = require("node:path");

const root = join(__dirname, "..");
const dist = join(root, "dist");
const stampPath = join(dist, "build-stamp.json");

/** Every file the build reads: the compiled sources, package.json (the version) and the configs. */
function sources() {
  const found = ["package.json", "tsconfig.json", "tsconfig.build.json"];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) found.push(path);
    }
  };
  walk("src");
  walk("providers");
  return found.map((path) => relative(root, join(root, path)).split("\\").join("/"));
}

// Clocks are read before tsc reads a file: a file saved during the build counts as newer.
const startedAtMs = Date.now();
const files = sources();
// Without a stamp nothing runs dist/: a failed build never leaves a half-written one in use.
rmSync(stampPath, { force: true });
mkdirSync(dist, { recursive: true });
try {
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
} catch (error) {
  // tsc exits 2 when it found type errors but wrote every file (the JavaScript of these very
  // sources): the type errors are `npm run typecheck`'s to report, and `npm install` goes on.
  if (error.status !== 2) {
    process.stderr.write("orgform build failed: see the tsc errors above. The CLI runs from the TypeScript sources until a build succeeds.\n");
    process.exit(1);
  }
  process.stderr.write("orgform build: type errors above (npm run typecheck); the JavaScript was written.\n");
}
writeFileSync(stampPath, `${JSON.stringify({ startedAtMs, sources: files }, null, 1)}\n`);
