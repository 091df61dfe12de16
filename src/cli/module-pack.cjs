// The module pack: the CommonJS modules of orgform's build and of its own dependencies (cdktf,
// constructs, zod, commander, tsx, …) that a command in this directory loaded last time, their
// sources in two scripts with a V8 code cache each (the modules written in ASCII alone, which
// node reads into a string at a copy's speed, and the others, which it must decode as UTF-8).
// Node loads a module by resolving it, reading its file, looking for its package's "type" and
// compiling it; with a code cache per module (src/cli/compile-cache.cjs) V8 still deserializes
// each module's code on its own, with its own copy of what modules share. Together that is about
// 0.2 ms a module, and `orgform plan` loads about 200: a fifth of its start. From the pack, a
// module costs a stat; V8 deserializes the code of all of them in one go.
//
// How it stays right:
//   - a packed module is used only while its file is unchanged (src/cli/code-cache-shared.cjs's
//     fileKey: size, times and inode); a changed one loads from its file, as does everything the
//     pack lacks, and the pack is made again at exit;
//   - only orgform's build and the packages orgform itself depends on (its package.json) are
//     packed: not the user's files, nor packages that may find their own file from the stack
//     (get-caller-file, bindings), which in a pack would find the pack;
//   - node's loader still resolves every module and makes its module object; the pack only
//     supplies the compiled code (a Module._extensions[".js"] handler), and only while no other
//     require hook (pirates, @babel/register) is installed: a hooked module loads from its file,
//     and a hook, coverage or inspector given to node turns the caches off;
//   - left to node: modules node maps through a source map, modules that use import() (their
//     referrer would be the pack), that name themselves (sourceURL), or that do not compile as
//     a function of the pack (checked when the pack is written);
//   - code from the pack names a script of the pack in stack traces (the pack file's name and
//     #ascii or #utf8): the pack registers which lines are whose
//     (globalThis[Symbol.for("orgform.module-pack")]), and src/config/throw-site.ts names the
//     module and line instead, for "thrown at" and crash reports;
//   - the pack is read only from a directory (not a link) this user owns and alone can write,
//     through a descriptor whose file is this user's and no one else's to write.
//
// The life of a pack, one file per orgform installation, working directory and node flags
// (commands in one project load the same modules): the first command leaves a mark, the second
// writes the sources it loaded, the third compiles them (no code yet) and adds the code V8 made
// for what ran, and a command that runs modules that code did not cover adds theirs; from then on
// a command that meets a module the pack lacks (or whose file changed) writes a new pack with it,
// keeping the others. Files are written whole and renamed into place; the last writer wins. The
// MAX_PACKS newest packs are kept. ORGFORM_COMPILE_CACHE=0 turns it off with the other cache.
"use strict";
const Module = require("node:module");
const vm = require("node:vm");
const fs = require("node:fs");
const path = require("node:path");
const { INSTALLATION, ORGFORM_ROOT, cacheDirectory, fileKey, fnv1a, mapsSources, makeRequire, openOwnFile, usesDynamicImport, withoutHashbang, writeCacheFile } = require("./code-cache-shared.cjs");

const MAGIC = "orgform-module-pack-4";
/** The pack's two scripts, as they are read from the file. */
const PARTS = [
  { name: "ascii", encoding: "latin1" },
  { name: "utf8", encoding: "utf8" },
];
/** Packs kept in the cache directory: one per project worked in lately. */
const MAX_PACKS = 16;
/** A pack's name (node version, architecture, installation, directory and flags): the clean-up removes no other file. */
const PACK_NAME = /^v\d+\.\d+\.\d+-\w+-[0-9a-f]{8}-[0-9a-f]{8}\.pack$/;
/** A pack's sources beyond this (bytes): modules this run did not use are left out. */
const MAX_SOURCE_BYTES = 24 * 1024 * 1024;
/** Packs used but not written lately get their time refreshed, so the oldest-first clean-up spares them. */
const TOUCH_AFTER_MS = 60 * 60 * 1000;
/** The wrapper each module's source is put in: node's (Module.wrap), its source from the next line on. */
const WRAPPER_START = "function (exports, require, module, __filename, __dirname) {\n";
const WRAPPER_END = "\n}";
const BUILD = path.join(ORGFORM_ROOT, "dist") + path.sep;
const REGISTRY = Symbol.for("orgform.module-pack");
/** What V8 counts as a line break. */
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/g;
/** A source that names itself (a sourceURL would rename the whole script): left to node. */
const NAMES_ITSELF = /[#@]\s*sourceURL=/;

module.exports = function installModulePack(env) {
  const dir = cacheDirectory(env);
  let cwd;
  try {
    cwd = process.cwd();
  } catch {
    return undefined; // a working directory that was removed: nothing to key a pack by
  }
  if (dir === undefined) return undefined;
  // Node's flags are in the name too: V8 refuses code made under other flags.
  const file = path.join(dir, `${INSTALLATION}-${fnv1a([cwd, ...process.execArgv, env.NODE_OPTIONS ?? ""].join("\0"))}.pack`);
  const packages = orgformPackages();
  const pack = openPack(file);
  /** Modules of this run that may be packed, in load order: { filename, key, source }. */
  const loaded = [];
  /** Modules node is loading from their files, whose source the compile below records. */
  const reading = new Map();
  let missed = false;
  const nodeLoader = Module._extensions[".js"];
  const loadFromPack = function loadFromPack(module, filename) {
    // Another require hook (wrapping this one, or node's compile) would transform the source: the
    // module is left to it. (A hook given to node before orgform starts makes the caches stand
    // aside: code-cache-shared.cjs.)
    const hooked = Object.prototype.hasOwnProperty.call(module, "_compile") || Module.prototype._compile !== recordSource;
    if (hooked || !packable(filename, packages)) return nodeLoader.call(this, module, filename);
    const packed = pack.modules.get(filename);
    const key = fileKey(filename);
    if (packed && packed.key === key && !mapsSources(packed.source)) {
      loaded.push({ filename, key, source: packed.source });
      const wrapper = pack.parts[packed.part].functions()[packed.index];
      return wrapper.call(module.exports, module.exports, makeRequire(module), module, filename, path.dirname(filename));
    }
    const entry = { filename, key, source: undefined };
    reading.set(module, entry);
    try {
      nodeLoader.call(this, module, filename);
    } finally {
      reading.delete(module);
    }
    if (key !== undefined && entry.source !== undefined && !mapsSources(entry.source) && !usesDynamicImport(entry.source) && !NAMES_ITSELF.test(entry.source)) {
      missed = true;
      loaded.push(entry);
    }
  };
  Module._extensions[".js"] = loadFromPack;
  const compile = Module.prototype._compile;
  const recordSource = function recordSource(content, filename) {
    const entry = reading.get(this);
    if (entry && typeof content === "string") entry.source = withoutHashbang(content);
    return compile.call(this, content, filename);
  };
  Module.prototype._compile = recordSource;
  process.once("exit", () => {
    if (!pack.found) writeFile(file, []); // the first command here: only a mark, the next writes the pack
    else if (missed) writePack(file, pack, loaded);
    // The code V8 made covers the functions that had run; a command that ran modules the code
    // did not cover (the first code came from a command that loaded fewer) adds theirs.
    else if (pack.parts.some((part) => part.script && (!part.hadCode || part.script.cachedDataRejected)) || loaded.some(({ filename }) => !pack.covered.has(filename))) writeCode(file, pack, loaded);
    else touch(file, pack.mtimeMs);
  });
  return file;
};

/** The packages orgform depends on (its package.json's dependencies and peer dependencies). */
function orgformPackages() {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(ORGFORM_ROOT, "package.json"), "utf8"));
    return new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
  } catch {
    return new Set();
  }
}

/** Whether a module is orgform's build's, or a file of one of orgform's own packages (in any node_modules). */
function packable(filename, packages) {
  if (!path.isAbsolute(filename)) return false;
  if (filename.startsWith(BUILD)) return true;
  const parts = filename.split(path.sep);
  const at = parts.lastIndexOf("node_modules");
  if (at < 0 || at + 1 >= parts.length) return false;
  const name = parts[at + 1].startsWith("@") ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
  return packages.has(name);
}

/**
 * The pack in `file`: { found, modules: Map(filename → { key, part, index, source }), parts:
 * [{ script? (compiled), text, entries (its modules' header entries), hadCode, functions() }],
 * covered (the modules that had run when the code was made), mtimeMs } — not found when there is
 * none or it is unreadable. Its scripts are compiled at once (V8 deserializes their code then;
 * the file's bytes are not kept), their functions made when a module of theirs is first served.
 */
function openPack(file) {
  const none = { found: false, modules: new Map(), parts: [], covered: new Set(), mtimeMs: 0 };
  let buffer;
  let mtimeMs;
  let fd;
  try {
    fd = openOwnFile(file);
    mtimeMs = fs.fstatSync(fd).mtimeMs;
    buffer = fs.readFileSync(fd);
  } catch {
    return none;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  try {
    const headerLength = buffer.readUInt32LE(0);
    const header = JSON.parse(buffer.toString("utf8", 4, 4 + headerLength));
    if (header.magic !== MAGIC) return none;
    if (header.parts.length === 0) return { ...none, found: true, mtimeMs }; // a mark
    if (header.parts.length !== PARTS.length) return none;
    const modules = new Map();
    const parts = [];
    const registry = new Map();
    let at = 4 + headerLength;
    header.parts.forEach(({ sourceBytes, codeBytes, entries }, part) => {
      const name = `${file}#${PARTS[part].name}`;
      const text = buffer.toString(PARTS[part].encoding, at, at + sourceBytes);
      const cachedData = codeBytes > 0 ? buffer.subarray(at + sourceBytes, at + sourceBytes + codeBytes) : undefined;
      at += sourceBytes + codeBytes;
      if (entries.length === 0) return parts.push({ text, entries, hadCode: true, functions: () => [] });
      const script = new vm.Script(text, { filename: name, cachedData });
      const starts = [];
      entries.forEach(([filename, key, offset, length, line], index) => {
        modules.set(filename, { key, part, index, source: text.slice(offset, offset + length) });
        starts.push([line, filename]);
      });
      registry.set(name, starts);
      let functions;
      parts.push({ script, text, entries, hadCode: cachedData !== undefined, functions: () => (functions ??= script.runInThisContext({ displayErrors: true })()) });
    });
    globalThis[REGISTRY] = { names: [...registry.keys()], unpack: (name, line) => (registry.has(name) ? unpack(registry.get(name), line) : undefined) };
    return { found: true, modules, parts, covered: new Set(header.covered), mtimeMs };
  } catch {
    return none;
  }
}

/** The module and line of a script's line `line`, from each of its modules' first lines (sorted). */
function unpack(starts, line) {
  let low = 0;
  let high = starts.length - 1;
  if (high < 0 || line < starts[0][0]) return undefined;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle][0] <= line) low = middle;
    else high = middle - 1;
  }
  return { file: starts[low][1], line: line - starts[low][0] + 1 };
}

/** Writes the pack of this run's modules and, room allowing, the old pack's others still unchanged; no code yet. */
function writePack(file, pack, loaded) {
  try {
    const modules = [];
    const seen = new Set();
    let bytes = 0;
    const add = (filename, key, source) => {
      if (seen.has(filename) || source === undefined) return;
      seen.add(filename);
      // A module node ran that would not compile as a function of the pack (an HTML-like comment
      // at its start, an unclosed comment at its end) would break the whole script.
      if (!compilesAlone(source)) return;
      modules.push({ filename, key, source });
      bytes += source.length;
    };
    for (const { filename, key, source } of loaded) add(filename, key, source);
    for (const [filename, entry] of pack.modules) {
      if (bytes > MAX_SOURCE_BYTES) break;
      if (!seen.has(filename) && fileKey(filename) === entry.key) add(filename, entry.key, entry.source);
    }
    if (modules.length === 0) return;
    const ascii = [];
    const others = [];
    for (const module of modules) (isAscii(module.source) ? ascii : others).push(module);
    writeFile(file, [packScript(ascii), packScript(others)]);
  } catch {
    // A pack that cannot be written (a full disk) only means the next start loads module by module.
  }
}

/**
 * Writes the pack this run used as it was, with the code V8 now holds for each script: what it
 * read from the pack and what this run compiled (the functions that ran).
 */
function writeCode(file, pack, loaded) {
  try {
    const covered = [...new Set([...(pack.parts.every((part) => !part.script || part.hadCode) ? pack.covered : []), ...loaded.map(({ filename }) => filename)])];
    writeFile(
      file,
      pack.parts.map(({ script, text, entries }) => ({ text, entries, code: script ? script.createCachedData() : undefined })),
      covered,
    );
  } catch {
    // as above
  }
}

/** Writes a pack file whole (code-cache-shared.cjs's writeCacheFile); no parts make a mark. */
function writeFile(file, parts, covered = []) {
  const bodies = [];
  const headerParts = parts.map(({ text, entries, code }, part) => {
    const source = Buffer.from(text, PARTS[part].encoding);
    const compiled = code ?? Buffer.alloc(0);
    bodies.push(source, compiled);
    return { sourceBytes: source.length, codeBytes: compiled.length, entries };
  });
  try {
    writeCacheFile(file, { magic: MAGIC, parts: headerParts, covered }, bodies, PACK_NAME, MAX_PACKS);
  } catch {
    // A pack that cannot be written (a full disk) only means the next start loads module by module.
  }
}

function isAscii(text) {
  return !/[^\x00-\x7f]/.test(text);
}

function compilesAlone(source) {
  try {
    new vm.Script(`(${WRAPPER_START}${source}${WRAPPER_END})`);
    return true;
  } catch {
    return false;
  }
}

/**
 * A script of the pack: a function returning each module's wrapper. A module's source starts on
 * a line of its own, so a line and column of the script map to a line and column of the module.
 */
function packScript(modules) {
  let text = "(function () { return [\n";
  let line = 2;
  const entries = [];
  for (const { filename, key, source } of modules) {
    const offset = text.length + WRAPPER_START.length;
    entries.push([filename, key, offset, source.length, line + 1]);
    text += `${WRAPPER_START}${source}${WRAPPER_END},\n`;
    line += lineCount(WRAPPER_START + source + WRAPPER_END);
  }
  text += "]; })";
  return { text, entries };
}

function lineCount(text) {
  return (text.match(LINE_BREAK)?.length ?? 0) + 1;
}

function touch(file, mtimeMs) {
  if (Date.now() - mtimeMs < TOUCH_AFTER_MS) return;
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // only the clean-up's order is at stake
  }
}
