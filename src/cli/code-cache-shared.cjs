// What orgform's two code caches share (src/cli/module-pack.cjs, src/cli/compile-cache.cjs):
// where they live, when a file counts as unchanged, and how a module is run the way node runs it.
"use strict";
const Module = require("node:module");
const fs = require("node:fs");
const path = require("node:path");
const os = require("node:os");
// Node's own process object: while a synth watches what the stack reads of the global one
// (src/config/synth-watch.ts), the modules it loads still compile without being counted.
const realProcess = process;

/** The checkout or installation this copy of orgform runs from. */
const ORGFORM_ROOT = path.resolve(__dirname, "..", "..");
/** How the caches' files of this installation (and node) begin: copies of orgform keep apart. */
const INSTALLATION = `${process.version}-${process.arch}-${fnv1a(ORGFORM_ROOT)}`;

/**
 * The caches' directory (ORGFORM_COMPILE_CACHE_DIR, default <tmpdir>/orgform-compile-cache-<uid>),
 * made if needed, as a real path; undefined when the caches are off (ORGFORM_COMPILE_CACHE=0),
 * stand aside for a tool around orgform (standAside below), or the directory is not this user's
 * alone: cached code runs as this user's, so only a directory no one else can write is trusted.
 * The default path, in a shared tmp, may be a link only if this user made it; the real path is
 * checked and used from then on, so a link swapped meanwhile cannot lead a later read elsewhere.
 */
function cacheDirectory(env) {
  if (env.ORGFORM_COMPILE_CACHE === "0" || standAside(env)) return undefined;
  const dir = env.ORGFORM_COMPILE_CACHE_DIR || path.join(os.tmpdir(), `orgform-compile-cache-${typeof process.getuid === "function" ? process.getuid() : "user"}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!env.ORGFORM_COMPILE_CACHE_DIR && !ownedAlone(fs.lstatSync(dir))) return undefined;
    const real = fs.realpathSync(dir);
    const stat = fs.lstatSync(real);
    return stat.isDirectory() && ownedAlone(stat) ? real : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a tool around orgform needs node's own loading: a module preloaded or a loader given
 * to node (a require hook installed before the caches, which they would step past: nyc,
 * @babel/register), coverage (NODE_V8_COVERAGE) or the inspector (both see modules by file).
 */
function standAside(env) {
  const flags = [...process.execArgv, ...(env.NODE_OPTIONS ?? "").split(/\s+/)];
  return env.NODE_V8_COVERAGE !== undefined || flags.some((flag) => /^(?:-r|--require|--import|--loader|--experimental-loader|--inspect(?:-brk|-wait)?)(?:=|$)/.test(flag));
}

/**
 * Keeps the `keep` newest of the caches' files named like `pattern` (a RegExp for the name) in
 * `dir`, and removes the temporary files their writers left when killed (an hour old).
 */
function removeOldFiles(dir, pattern, keep) {
  const files = [];
  for (const name of fs.readdirSync(dir)) {
    const temporary = /^(.*)\.\d+\.tmp$/.exec(name);
    if (!pattern.test(temporary ? temporary[1] : name)) continue;
    const mtimeMs = fs.statSync(path.join(dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (!temporary) files.push({ name, mtimeMs });
    else if (Date.now() - mtimeMs > 60 * 60 * 1000) fs.rmSync(path.join(dir, name), { force: true });
  }
  files.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { name } of files.slice(keep)) fs.rmSync(path.join(dir, name), { force: true });
}

/**
 * A cache file opened for reading (its descriptor): not through a link, and only a regular file
 * this user owns and no one else can write. Throws otherwise, as for a file that is not there.
 */
function openOwnFile(file) {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  const stat = fs.fstatSync(fd);
  if (stat.isFile() && ownedAlone(stat)) return fd;
  fs.closeSync(fd);
  throw new Error(`${file} is not this user's alone`);
}

/**
 * Writes a cache file whole: a 4-byte length, the JSON `header`, then `bodies` (Buffers), through
 * a temporary file and a rename, so a concurrent command never reads half a file (the last writer
 * wins: it is a cache); then keeps the `keep` newest files named like `pattern`. Throws what the
 * write throws (a full disk); the temporary file is removed either way.
 */
function writeCacheFile(file, header, bodies, pattern, keep) {
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length, 0);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([length, json, ...bodies]), { mode: 0o600 });
    fs.renameSync(temporary, file);
    removeOldFiles(path.dirname(file), pattern, keep);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function ownedAlone(stat) {
  const uid = typeof process.getuid === "function" ? process.getuid() : stat.uid;
  return stat.uid === uid && (stat.mode & 0o022) === 0;
}

/**
 * What must be unchanged for a cache's copy of a file to be used: its size, modification and
 * change times and inode. The change time and inode matter: npm gives every file it installs the
 * same modification time, so a package updated to a same-sized file would otherwise look the same.
 */
function fileKey(filename) {
  const stat = fs.statSync(filename, { throwIfNoEntry: false });
  return stat ? `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}` : undefined;
}

/** FNV-1a, 32 bits, as hex: a short stable name for a path. */
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, "0");
}

/**
 * Whether node would map this module's stack traces through its source map (the user's stack as
 * tsx compiled it, once tsx has turned source maps on): node registers the map in its own
 * compile, so such a module is left to it. A thrown error then names the TypeScript line.
 */
function mapsSources(content) {
  return realProcess.sourceMapsEnabled !== false && content.includes("sourceMappingURL=");
}

/**
 * Whether a module uses a dynamic import (or, by its words, may: a comment that reads like one
 * counts too). V8 gives code compiled with a code cache, or inside the module pack, no way to
 * resolve import() the way node does: such modules are compiled by node itself.
 */
function usesDynamicImport(content) {
  return /(?<![.\w$"'`])import\s*\(/.test(content);
}

/** require as node makes it for a module (the parts modules use). */
function makeRequire(module) {
  const require = function require(id) {
    return module.require(id);
  };
  require.resolve = function resolve(request, options) {
    return Module._resolveFilename(request, module, false, options);
  };
  require.resolve.paths = function paths(request) {
    return Module._resolveLookupPaths(request, module);
  };
  require.main = realProcess.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/** A module's source as node compiles it: without a byte-order mark, and a hashbang line kept as a comment (line numbers stay right). */
function withoutHashbang(content) {
  const start = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  return start.startsWith("#!") ? `//${start.slice(2)}` : start;
}

module.exports = { INSTALLATION, ORGFORM_ROOT, cacheDirectory, fileKey, fnv1a, mapsSources, makeRequire, openOwnFile, usesDynamicImport, withoutHashbang, writeCacheFile };
