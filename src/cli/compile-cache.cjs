// A V8 code cache for every CommonJS module an orgform command loads (orgform's build, cdktf,
// zod, undici, commander, the user's plain JavaScript). Node 20 parses and compiles each module's
// source on every start; with the cache, V8 deserializes the compiled code instead (the
// v8-compile-cache technique; Node 22's module.enableCompileCache() is used where it exists).
//
// Most modules come from the module pack (src/cli/module-pack.cjs) once a command has run twice
// in a directory; this cache serves the rest (the first runs, modules loaded through tsx).
//
// One file per orgform installation holds the cache: an index (module file → the file's size,
// times and inode, and where its code is) and the code, read module by module as they load. A
// command that compiled modules the cache lacked (or whose file changed) rewrites it at exit,
// keeping the other entries, through a temporary file and a rename, so concurrent commands never
// read half a file (the last writer wins; it is a cache). V8 checks the code against its own
// version and flags, and against the source's length; the file's size, times and inode (and the
// source's length) guard the rest, so a changed module is compiled again. Modules whose stack
// traces node maps through a source map, or that use a dynamic import, are left to node.
// ORGFORM_COMPILE_CACHE=0 turns it off; ORGFORM_COMPILE_CACHE_DIR moves it (default:
// <tmpdir>/orgform-compile-cache-<uid>).
"use strict";
const Module = require("node:module");
const vm = require("node:vm");
const fs = require("node:fs");
const path = require("node:path");
const { INSTALLATION, cacheDirectory, fileKey, mapsSources, makeRequire, openOwnFile, usesDynamicImport, withoutHashbang, writeCacheFile } = require("./code-cache-shared.cjs");

/** The largest cache kept (bytes of code): past it, entries not used by this run are dropped. */
const MAX_BYTES = 64 * 1024 * 1024;
const MAGIC = "orgform-compile-cache-2";
/** Caches kept in the directory (one per orgform installation and node), and their names: the clean-up removes no other file. */
const MAX_CACHES = 8;
const CACHE_NAME = /^v\d+\.\d+\.\d+-\w+-[0-9a-f]{8}\.bin$/;

module.exports = function installCompileCache(env) {
  const dir = cacheDirectory(env);
  if (dir === undefined) return undefined;
  if (typeof Module.enableCompileCache === "function") {
    Module.enableCompileCache(dir);
    return dir;
  }
  // One file per installation (and node): copies of orgform do not grow each other's cache.
  const file = path.join(dir, `${INSTALLATION}.bin`);
  const cache = openCache(file);
  /** Modules compiled without usable cached data in this run: their code is added at exit. */
  const produced = [];
  /** Entries used as they were: kept first at the next write. */
  const used = new Set();
  const originalCompile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    // A module with a compile of its own has a require hook transforming it (pirates): what the
    // hook makes may change without the file changing, so it is compiled as it comes.
    const hooked = Object.prototype.hasOwnProperty.call(this, "_compile");
    if (hooked || typeof content !== "string" || !path.isAbsolute(filename) || mapsSources(content) || usesDynamicImport(content)) return originalCompile.call(this, content, filename);
    const source = withoutHashbang(content);
    const file = fileKey(filename);
    // V8 checks the source's length itself; it is in the key too, for a module a loader changed.
    const key = file === undefined ? undefined : `${file}:${source.length}`;
    if (key === undefined) return originalCompile.call(this, content, filename);
    const entry = cache.index[filename];
    const cachedData = entry && entry[0] === key ? readEntry(cache, entry) : undefined;
    let script;
    try {
      script = new vm.Script(Module.wrap(source), { filename, cachedData, importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER });
    } catch {
      // A syntax error: node's own compile reports it the way users know.
      return originalCompile.call(this, content, filename);
    }
    if (cachedData && !script.cachedDataRejected) used.add(filename);
    else produced.push({ filename, key, script });
    const compiled = script.runInThisContext({ displayErrors: true });
    return compiled.call(this.exports, this.exports, makeRequire(this), this, filename, path.dirname(filename));
  };
  process.once("exit", () => {
    if (produced.length > 0) writeCache(file, cache, produced, used);
    if (cache.fd !== undefined) fs.closeSync(cache.fd);
  });
  return dir;
};

/**
 * The cache file, open: { fd, index: { file: [key, offset, length] }, base } where code starts
 * at byte `base`; an empty index when there is none or it is unreadable. Code is read per entry.
 */
function openCache(file) {
  let fd;
  try {
    fd = openOwnFile(file);
    const length = Buffer.alloc(4);
    if (fs.readSync(fd, length, 0, 4, 0) !== 4) throw new Error("short");
    const header = Buffer.alloc(length.readUInt32LE(0));
    if (fs.readSync(fd, header, 0, header.length, 4) !== header.length) throw new Error("short");
    const parsed = JSON.parse(header.toString("utf8"));
    if (parsed.magic !== MAGIC) throw new Error("another format");
    return { fd, index: parsed.index, base: 4 + header.length };
  } catch {
    if (fd !== undefined) fs.closeSync(fd);
    return { fd: undefined, index: Object.create(null), base: 0 };
  }
}

function readEntry(cache, [, offset, length]) {
  try {
    const data = Buffer.allocUnsafe(length);
    return fs.readSync(cache.fd, data, 0, length, cache.base + offset) === length ? data : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(file, cache, produced, used) {
  try {
    const parts = [];
    const index = Object.create(null);
    let offset = 0;
    const add = (filename, key, data) => {
      if (!data || index[filename]) return;
      index[filename] = [key, offset, data.length];
      parts.push(data);
      offset += data.length;
    };
    for (const { filename, key, script } of produced) add(filename, key, script.createCachedData());
    // Entries of this run first, then the others while they fit (modules of other commands).
    for (const filename of used) add(filename, cache.index[filename][0], readEntry(cache, cache.index[filename]));
    for (const [filename, entry] of Object.entries(cache.index)) {
      if (offset > MAX_BYTES) break;
      if (!index[filename]) add(filename, entry[0], readEntry(cache, entry));
    }
    writeCacheFile(file, { magic: MAGIC, index }, parts, CACHE_NAME, MAX_CACHES);
  } catch {
    // A cache that cannot be written (a full disk) only means the next start compiles again.
  }
}
