// The module pack: the CommonJS modules a command in this directory loaded last time (orgform's
// build, cdktf, zod, commander, tsx, …), their sources in one script with one V8 code cache.
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
//   - only modules inside a node_modules directory or orgform's own build are packed, never the
//     user's own files; node's loader still resolves every module and makes its module object,
//     the pack only supplies the compiled code (a Module._extensions[".js"] handler);
//   - a module whose stack traces node maps through a source map is left to node;
//   - code from the pack names the pack in stack traces: the pack registers which lines are whose
//     (globalThis[Symbol.for("orgform.module-pack")]), and src/config/throw-site.ts names the
//     module and line instead, for "thrown at" and crash reports.
//
// The life of a pack, one file per orgform installation and working directory (commands in one
// project load the same modules): a command without one writes the sources it loaded; the next
// compiles them (no code yet) and adds the code V8 made for what ran; from then on, a command
// that meets a module the pack lacks (or whose file changed) writes a new pack with it, keeping
// the others. Files are written whole and renamed into place; the last writer wins. Old packs
// beyond MAX_PACKS are removed. ORGFORM_COMPILE_CACHE=0 turns it off with the other cache.
"use strict";
const Module = require("node:module");
const vm = require("node:vm");
const fs = require("node:fs");
const path = require("node:path");
const { ORGFORM_ROOT, cacheDirectory, fileKey, fnv1a, mapsSources, makeRequire, withoutHashbang } = require("./code-cache-shared.cjs");

const MAGIC = "orgform-module-pack-1";
/** Packs kept per cache directory: one per project worked in lately. */
const MAX_PACKS = 16;
/** A pack's sources beyond this (bytes): modules this run did not use are left out. */
const MAX_SOURCE_BYTES = 24 * 1024 * 1024;
/** Packs used but not written lately get their time refreshed, so the oldest-first clean-up spares them. */
const TOUCH_AFTER_MS = 60 * 60 * 1000;
/** The wrapper each module's source is put in: node's (Module.wrap), one per line of the pack. */
const WRAPPER_START = "function (exports, require, module, __filename, __dirname) {";
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
const BUILD = path.join(ORGFORM_ROOT, "dist") + path.sep;
const REGISTRY = Symbol.for("orgform.module-pack");

module.exports = function installModulePack(env) {
  const dir = cacheDirectory(env);
  let cwd;
  try {
    cwd = process.cwd();
  } catch {
    return undefined; // a working directory that was removed: nothing to key a pack by
  }
  if (dir === undefined) return undefined;
  const prefix = `${process.version}-${process.arch}-${fnv1a(ORGFORM_ROOT)}-`;
  // Node's flags are in the name too: V8 refuses code made under other flags.
  const file = path.join(dir, `${prefix}${fnv1a([cwd, ...process.execArgv, env.NODE_OPTIONS ?? ""].join("\0"))}.pack`);
  const pack = openPack(file);
  /** Modules of this run that may be packed, in load order: { filename, key, source }. */
  const loaded = [];
  /** Modules node is loading from their files, whose source the compile below records. */
  const reading = new Map();
  let missed = false;
  const nodeLoader = Module._extensions[".js"];
  Module._extensions[".js"] = function loadFromPack(module, filename) {
    if (!packable(filename)) return nodeLoader.call(this, module, filename);
    const packed = pack.modules.get(filename);
    const key = fileKey(filename);
    if (packed && packed.key === key && !mapsSources(packed.source)) {
      loaded.push({ filename, key, source: packed.source });
      return pack.functions()[packed.index].call(module.exports, module.exports, makeRequire(module), module, filename, path.dirname(filename));
    }
    missed = true;
    const entry = { filename, key, source: undefined };
    reading.set(module, entry);
    try {
      nodeLoader.call(this, module, filename);
    } finally {
      reading.delete(module);
    }
    if (key !== undefined && entry.source !== undefined && !mapsSources(entry.source)) loaded.push(entry);
  };
  const compile = Module.prototype._compile;
  Module.prototype._compile = function recordSource(content, filename) {
    const entry = reading.get(this);
    if (entry && typeof content === "string") entry.source = withoutHashbang(content);
    return compile.call(this, content, filename);
  };
  process.once("exit", () => {
    if (!pack.found) writeFile(file, dir, prefix, "", [], Buffer.alloc(0)); // the first command here: only a mark, the next writes the pack
    else if (missed) writePack(file, dir, prefix, pack, loaded);
    else if (pack.script && (!pack.cachedData || pack.script.cachedDataRejected)) writeCode(file, dir, prefix, pack);
    else if (pack.script) touch(file, pack.mtimeMs);
  });
  return file;
};

function packable(filename) {
  return path.isAbsolute(filename) && (filename.includes(NODE_MODULES) || filename.startsWith(BUILD));
}

/**
 * The pack in `file`: { modules: Map(filename → { key, source, index }), functions(), script?
 * (compiled), text?, entries? (its header's), cachedData?, mtimeMs } — empty when there is none
 * or it is unreadable. Its script is compiled at
 * once (V8 deserializes the code then), its functions made on the first module served.
 */
function openPack(file) {
  const none = { found: false, modules: new Map(), functions: () => [], mtimeMs: 0 };
  let buffer;
  let mtimeMs;
  try {
    buffer = fs.readFileSync(file);
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return none;
  }
  try {
    const headerLength = buffer.readUInt32LE(0);
    const header = JSON.parse(buffer.toString("utf8", 4, 4 + headerLength));
    if (header.magic !== MAGIC) return none;
    if (header.modules.length === 0) return { ...none, found: true };
    const sourceStart = 4 + headerLength;
    const script = buffer.toString("utf8", sourceStart, sourceStart + header.sourceBytes);
    const cachedData = header.codeBytes > 0 ? buffer.subarray(sourceStart + header.sourceBytes, sourceStart + header.sourceBytes + header.codeBytes) : undefined;
    const compiled = new vm.Script(script, { filename: file, cachedData, importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER });
    const modules = new Map();
    const starts = [];
    header.modules.forEach(([filename, key, offset, length, line], index) => {
      modules.set(filename, { key, index, source: script.slice(offset, offset + length) });
      starts.push([line, filename]);
    });
    globalThis[REGISTRY] = { file, unpack: (line) => unpack(starts, line) };
    let functions;
    return { found: true, modules, functions: () => (functions ??= compiled.runInThisContext({ displayErrors: true })()), script: compiled, text: script, entries: header.modules, cachedData, mtimeMs };
  } catch {
    return none;
  }
}

/** The module and line of the pack's line `line`, from each module's first line (sorted). */
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
function writePack(file, dir, prefix, pack, loaded) {
  try {
    const modules = [];
    const seen = new Set();
    let bytes = 0;
    const add = (filename, key, source) => {
      if (seen.has(filename) || source === undefined) return;
      seen.add(filename);
      modules.push({ filename, key, source });
      bytes += source.length;
    };
    for (const { filename, key, source } of loaded) add(filename, key, source);
    for (const [filename, entry] of pack.modules) {
      if (bytes > MAX_SOURCE_BYTES) break;
      if (!seen.has(filename) && fileKey(filename) === entry.key) add(filename, entry.key, entry.source);
    }
    if (modules.length === 0) return;
    const { script, entries } = packScript(modules);
    writeFile(file, dir, prefix, script, entries, Buffer.alloc(0));
  } catch {
    // A pack that cannot be written (a full disk) only means the next start loads module by module.
  }
}

/** Writes the pack this run used as it was, with the code V8 made for it (the functions that ran included). */
function writeCode(file, dir, prefix, pack) {
  try {
    writeFile(file, dir, prefix, pack.text, pack.entries, pack.script.createCachedData());
  } catch {
    // as above
  }
}

/** Writes a pack file whole (through a temporary file and a rename), then removes the oldest packs. */
function writeFile(file, dir, prefix, script, entries, code) {
  const scriptBuffer = Buffer.from(script, "utf8");
  const header = Buffer.from(JSON.stringify({ magic: MAGIC, sourceBytes: scriptBuffer.length, codeBytes: code.length, modules: entries }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length, 0);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([length, header, scriptBuffer, code]), { mode: 0o600 });
    fs.renameSync(temporary, file);
    removeOldPacks(dir, prefix);
  } catch {
    // A pack that cannot be written (a full disk) only means the next start loads module by module.
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/**
 * The pack's script: a function returning every module's wrapper, one module a line range, each
 * wrapper opening on its module's first line so a line of the pack maps to a line of the module.
 */
function packScript(modules) {
  let script = "(function () { return [\n";
  let line = 2;
  const entries = [];
  for (const { filename, key, source } of modules) {
    const offset = script.length + WRAPPER_START.length;
    entries.push([filename, key, offset, source.length, line]);
    script += `${WRAPPER_START}${source}\n},\n`;
    line += lineCount(source) + 1;
  }
  script += "]; })";
  return { script, entries };
}

function lineCount(text) {
  let count = 1;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count++;
  return count;
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

/** Keeps this installation's MAX_PACKS newest packs, and removes what writers killed half-way left (temporary files an hour old). */
function removeOldPacks(dir, prefix) {
  const packs = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const mtimeMs = fs.statSync(path.join(dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (name.endsWith(".pack")) packs.push({ name, mtimeMs });
    else if (name.endsWith(".tmp") && Date.now() - mtimeMs > TOUCH_AFTER_MS) fs.rmSync(path.join(dir, name), { force: true });
  }
  packs.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { name } of packs.slice(MAX_PACKS)) fs.rmSync(path.join(dir, name), { force: true });
}
