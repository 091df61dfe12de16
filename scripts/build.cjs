#!/usr/bin/env node
// `npm run build` (and `prepare`, so every `npm install`/`npm ci` of a checkout builds): compiles
// orgform's own TypeScript to dist/ with tsc, then writes dist/build-stamp.json, which names the
// sources and when the build began, and dist/resolutions.json (src/cli/compiled.cjs).
// src/cli/compiled.cjs runs dist/ only while no source is newer
// than that moment, so an edited checkout never runs (or tests) old code: it falls back to the
// sources through tsx until the next build.
"use strict";
const { execFileSync } = require("node:child_process");
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require("node:fs");
const { dirname, isAbsolute, join, relative } = require("node:path");

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
// tsc lists the files it compiles (--listFiles) on stdout, among its diagnostics: the list tells
// removeStaleOutputs what dist/ should hold; everything else is shown as tsc printed it.
let tscOutput;
try {
  tscOutput = execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json"), "--listFiles"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
} catch (error) {
  tscOutput = String(error.stdout ?? "");
  // tsc exits 2 when it found type errors but wrote every file (the JavaScript of these very
  // sources): the type errors are `npm run typecheck`'s to report, and `npm install` goes on.
  if (error.status !== 2) {
    process.stdout.write(diagnosticsOf(tscOutput));
    process.stderr.write("orgform build failed: see the tsc errors above. The CLI runs from the TypeScript sources until a build succeeds.\n");
    process.exit(1);
  }
  process.stdout.write(diagnosticsOf(tscOutput));
  process.stderr.write("orgform build: type errors above (npm run typecheck); the JavaScript was written.\n");
}
removeStaleOutputs(compiledFilesOf(tscOutput));
writeResolutions();
writeFileSync(stampPath, `${JSON.stringify({ startedAtMs, sources: files }, null, 1)}\n`);

/** A line of tsc's --listFiles output: the absolute path of a file it read. */
function isListedFile(line) {
  // tsc names a diagnostic's file relative to the project ("src/x.ts(1,2): error …").
  return isAbsolute(line);
}

/** tsc's output without the file list. */
function diagnosticsOf(output) {
  return output
    .split("\n")
    .filter((line) => !isListedFile(line.trim()))
    .join("\n");
}

/** The modules this build compiles (repository paths without .ts), from tsc's --listFiles output. */
function compiledFilesOf(output) {
  const listed = output.split("\n").map((line) => line.trim()).filter((line) => isListedFile(line) && line.endsWith(".ts") && !line.endsWith(".d.ts"));
  return new Set(listed.map((file) => relative(root, file).split("\\").join("/").replace(/\.ts$/, "")));
}

/**
 * Removes what dist/ holds for sources that are gone or no longer built (a moved or excluded
 * file): tsc never deletes an output, and node would go on loading the old file where a module
 * became a folder (providers/<api>/emulator.js before providers/<api>/emulator/index.js).
 * `built`: the modules tsc compiled (repository paths without .ts).
 */
function removeStaleOutputs(built) {
  const sweep = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        sweep(path);
        if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
      } else {
        const module = relative(dist, path).split("\\").join("/").replace(/(\.d\.ts|\.js)$/, "");
        if (module !== relative(dist, path).split("\\").join("/") && !built.has(module)) rmSync(path);
      }
    }
  };
  for (const top of ["src", "providers"]) if (existsSync(join(dist, top))) sweep(join(dist, top));
}

/**
 * dist/resolutions.json: for every module of the build, where each of its relative requires
 * resolves, found by node's own resolver now (src/cli/dist-resolution.cjs answers from it
 * instead of searching the file system on every start). It carries the stamp's startedAtMs:
 * a table from another build is never used.
 */
function writeResolutions() {
  const Module = require("node:module");
  const from = {};
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".js")) from[relative(dist, path).split("\\").join("/")] = resolveRequires(path);
    }
  };
  const resolveRequires = (file) => {
    const parent = { id: file, filename: file, paths: Module._nodeModulePaths(dirname(file)) };
    const targets = {};
    for (const [, request] of readFileSync(file, "utf8").matchAll(/\brequire\("(\.{1,2}\/[^"]*)"\)/g)) {
      try {
        const target = relative(dist, Module._resolveFilename(request, parent, false));
        // Only modules of the build itself.
        if (!target.startsWith("..")) targets[request] = target.split("\\").join("/");
      } catch {
        // Unresolvable here: left to node at run time, which reports it as it always did.
      }
    }
    return targets;
  };
  for (const top of ["src", "providers"]) walk(join(dist, top));
  writeFileSync(join(dist, "resolutions.json"), JSON.stringify({ startedAtMs, from }));
}
