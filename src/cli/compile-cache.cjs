// A V8 code cache for every CommonJS module an orgform command loads (orgform's build, cdktf,
// zod, undici, commander and the user's stack as tsx compiled it). Node 20 parses and compiles
// each module's source on every start: about a third of a no-op `orgform plan`'s CPU at 100
// resources. With the cache, V8 deserializes the compiled code instead (the v8-compile-cache
// technique; Node 22's module.enableCompileCache() is used where it exists).
//
// One file holds the cache: an index (module file → hash of its source, where its code is) and
// the code. It is read once at start; a command that compiled modules the cache lacked (or whose
// source changed) rewrites it at exit, keeping the other entries, through a temporary file and a
// rename, so concurrent commands never read half a file (the last writer wins; it is a cache).
// The code V8 produces is checked by V8 itself (its version and flags) and by the source's hash
// here: a stale entry is never used. ORGFORM_COMPILE_CACHE=0 turns it off; ORGFORM_COMPILE_CACHE_DIR
// moves it (default: <tmpdir>/orgform-compile-cache-<uid>).
"use strict";
const Module = require("node:module");
const vm = require("node:vm");
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const os = require("node:os");

/** The largest cache kept (bytes of code): past it, entries not used by this run are dropped. */
const MAX_BYTES = 64 * 1024 * 1024;
const MAGIC = "orgform-compile-cache-1";

module.exports = function installCompileCache(env) {
  if (env.ORGFORM_COMPILE_CACHE === "0") return undefined;
  const dir = env.ORGFORM_COMPILE_CACHE_DIR || path.join(os.tmpdir(), `orgform-compile-cache-${typeof process.getuid === "function" ? process.getuid() : "user"}`);
  if (typeof Module.enableCompileCache === "function") {
    Module.enableCompileCache(dir);
    return dir;
  }
  // Cached code runs as this user's: only a directory this user alone can write is trusted.
  if (!ownDirectory(dir)) return undefined;
  const file = path.join(dir, `${process.version}-${process.arch}.bin`);
  const cache = readCache(file);
  /** Modules compiled without usable cached data in this run: their code is added at exit. */
  const produced = [];
  const used = new Set();
  const originalCompile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    if (typeof content !== "string" || !path.isAbsolute(filename) || mapsSources(content)) return originalCompile.call(this, content, filename);
    const source = withoutHashbang(content);
    const hash = createHash("sha1").update(source).digest("base64");
    const entry = cache.index[filename];
    const cachedData = entry && entry[0] === hash ? cache.code.subarray(entry[1], entry[1] + entry[2]) : undefined;
    let script;
    try {
      script = new vm.Script(Module.wrap(source), { filename, cachedData, importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER });
    } catch {
      // A syntax error: node's own compile reports it the way users know.
      return originalCompile.call(this, content, filename);
    }
    if (cachedData && !script.cachedDataRejected) used.add(filename);
    else produced.push({ filename, hash, script });
    const compiled = script.runInThisContext({ displayErrors: true });
    return compiled.call(this.exports, this.exports, makeRequire(this), this, filename, path.dirname(filename));
  };
  process.once("exit", () => {
    if (produced.length > 0) writeCache(file, cache, produced, used);
  });
  return dir;
};

/**
 * Whether node would map this module's stack traces through its source map (the user's stack as
 * tsx compiled it, once tsx has turned source maps on): node registers the map in its own
 * compile, so such a module is left to it. A thrown error then names the TypeScript line.
 */
function mapsSources(content) {
  return process.sourceMapsEnabled !== false && content.includes("sourceMappingURL=");
}

/** Makes `dir` (mode 0700) if needed; whether it is this user's and no one else can write in it. */
function ownDirectory(dir) {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(dir);
    const uid = typeof process.getuid === "function" ? process.getuid() : stat.uid;
    return stat.isDirectory() && stat.uid === uid && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
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
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

function withoutHashbang(content) {
  const start = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  // Keep the line, so that line numbers in stack traces stay right.
  return start.startsWith("#!") ? `//${start.slice(2)}` : start;
}

/** { index: { file: [hash, offset, length] }, code: Buffer }, empty when there is none or it is unreadable. */
function readCache(file) {
  try {
    const bytes = fs.readFileSync(file);
    const headerLength = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.toString("utf8", 4, 4 + headerLength));
    if (header.magic !== MAGIC) throw new Error("another format");
    return { index: header.index, code: bytes.subarray(4 + headerLength) };
  } catch {
    return { index: Object.create(null), code: Buffer.alloc(0) };
  }
}

function writeCache(file, cache, produced, used) {
  try {
    const parts = [];
    const index = Object.create(null);
    let offset = 0;
    const add = (filename, hash, data) => {
      index[filename] = [hash, offset, data.length];
      parts.push(data);
      offset += data.length;
    };
    for (const { filename, hash, script } of produced) add(filename, hash, script.createCachedData());
    // Entries of this run first, then the others while they fit (modules of other commands).
    for (const filename of used) add(filename, cache.index[filename][0], slice(cache, filename));
    for (const [filename, [hash]] of Object.entries(cache.index)) {
      if (index[filename] || offset > MAX_BYTES) continue;
      add(filename, hash, slice(cache, filename));
    }
    const header = Buffer.from(JSON.stringify({ magic: MAGIC, index }));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length, 0);
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temporary, Buffer.concat([length, header, ...parts]), { mode: 0o600 });
      fs.renameSync(temporary, file);
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  } catch {
    // A cache that cannot be written (a full disk) only means the next start compiles again.
  }
}

function slice(cache, filename) {
  const [, offset, length] = cache.index[filename];
  return cache.code.subarray(offset, offset + length);
}
