/**
 * Watches an in-process synth for everything it reads, so that its result can be reused while
 * none of it changed (src/config/synth-cache.ts). A synth runs synchronously inside `require`:
 * only what it reads synchronously can shape its output, through these channels, each watched
 * from the start of the synth to its end:
 *   - modules: every file node has loaded by the end (the stack, its imports, cdktf, orgform),
 *     and for every resolution the places node looked (a file added there would change it);
 *   - the file system's synchronous calls: a read records the path, a write outside the synth's
 *     own output directory makes the synth unrepeatable (a hit would skip it);
 *   - environment variables: each name read; listing them all makes it unrepeatable;
 *   - everything else a stack could read or cause: the clock, randomness, `process` beyond a few
 *     fixed facts, os, child processes, vm contexts, output to stdout/stderr, and any
 *     asynchronous work begun (timers, promises, sockets, workers, asynchronous file calls),
 *     which would happen after the synth. Any of these makes the synth unrepeatable.
 * Unrepeatable means only that its result is not reused: the synth itself runs as it always did.
 */
import { createHook } from "node:async_hooks";
import childProcess from "node:child_process";
import nodeCrypto from "node:crypto";
import fs from "node:fs";
import Module from "node:module";
import os from "node:os";
import { dirname, isAbsolute, join, resolve, sep } from "node:path";
import tty from "node:tty";
import { inspect } from "node:util";
import v8 from "node:v8";
import vm from "node:vm";
import { unpackFrame } from "./throw-site";

/** What a watched synth read. `unrepeatable` names the first channel it used that cannot be tracked. */
export interface SynthReads {
  /** Absolute paths whose state (present or not, and if present its identity and times) the synth depended on. */
  readonly paths: ReadonlySet<string>;
  /** Environment variable names read. */
  readonly envNames: ReadonlySet<string>;
  readonly unrepeatable?: string;
}

/** The fixed facts of `process` a stack may read: they are part of the cache key. */
const PROCESS_FACTS = new Set<PropertyKey>(["env", "platform", "arch", "version", "versions", "release", "features", "cwd", "execArgv", "sourceMapsEnabled", "setSourceMapsEnabled", "stdout", "stderr"]);

const FS_READS = ["readFileSync", "existsSync", "statSync", "lstatSync", "readdirSync", "accessSync", "readlinkSync", "opendirSync"] as const;
const FS_WRITES = [
  "writeFileSync",
  "appendFileSync",
  "mkdirSync",
  "mkdtempSync",
  "rmSync",
  "rmdirSync",
  "unlinkSync",
  "renameSync",
  "copyFileSync",
  "cpSync",
  "symlinkSync",
  "linkSync",
  "truncateSync",
  "ftruncateSync",
  "chmodSync",
  "chownSync",
  "utimesSync",
  "futimesSync",
  "lutimesSync",
  "writeSync",
  "writevSync",
  "fsyncSync",
  "fdatasyncSync",
] as const;

/** Writes that name a second path (the copy or link made). */
const TWO_PATHS = new Set<string>(["renameSync", "copyFileSync", "cpSync", "symlinkSync", "linkSync"]);

/** Modules whose use the watch does not follow (the network, workers, the inspector, WASI, the terminal): requiring one is enough. */
const UNFOLLOWED_MODULES = new Set(["net", "http", "https", "http2", "dgram", "dns", "tls", "cluster", "worker_threads", "inspector", "wasi", "readline", "repl", "perf_hooks", "trace_events"]);

type Patchable = Record<string, unknown>;

/**
 * Starts watching; the returned function stops, restores everything, and says what was read.
 * `ownOutput`: the directory the synth writes into (its writes there are its result).
 */
export function watchSynth(ownOutput: string): () => SynthReads {
  const paths = new Set<string>();
  const envNames = new Set<string>();
  let unrepeatable: string | undefined;
  const fail = (channel: string) => {
    if (unrepeatable === undefined && !calledByLoader(fail)) unrepeatable = channel;
  };
  const restores: (() => void)[] = [];
  const patch = (target: Patchable, key: string, replacement: (original: (...args: unknown[]) => unknown) => unknown) => {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    const original = target[key];
    if (typeof original !== "function") return;
    if (descriptor && !descriptor.configurable && !descriptor.writable) return fail(`${key} (cannot be watched)`);
    Object.defineProperty(target, key, { configurable: true, enumerable: descriptor?.enumerable ?? true, writable: true, value: replacement(original as (...args: unknown[]) => unknown) });
    restores.push(() => {
      if (descriptor) Object.defineProperty(target, key, descriptor);
      else delete target[key];
    });
  };
  const recordPath = (path: unknown) => {
    if (typeof path === "string") paths.add(resolve(path));
    else if (path instanceof URL && path.protocol === "file:") paths.add(resolve(decodeURIComponent(path.pathname)));
    else if (Buffer.isBuffer(path)) paths.add(resolve(path.toString()));
    else fail("a file descriptor read");
  };
  const inOwnOutput = (path: unknown) => typeof path === "string" && (resolve(path) + sep).startsWith(resolve(ownOutput) + sep);

  // The file system.
  const fsModule = fs as unknown as Patchable;
  for (const name of FS_READS) {
    patch(fsModule, name, (original) =>
      function watchedRead(this: unknown, path: unknown, ...rest: unknown[]) {
        if (!inOwnOutput(path)) recordPath(path);
        // A directory's times follow its own entries, not those of the directories below.
        if ((rest[0] as { recursive?: unknown } | undefined)?.recursive) fail(`fs.${name} recursive`);
        return original.call(this, path, ...rest);
      },
    );
  }
  patch(fsModule, "realpathSync", (original) => {
    const watched = function watchedRealpath(this: unknown, path: unknown, ...rest: unknown[]) {
      recordPath(path);
      return original.call(this, path, ...rest);
    } as ((...args: unknown[]) => unknown) & { native?: unknown };
    const native = (original as unknown as { native?: (...args: unknown[]) => unknown }).native;
    watched.native =
      native &&
      function watchedNativeRealpath(this: unknown, path: unknown, ...rest: unknown[]) {
        recordPath(path);
        return native.call(this, path, ...rest);
      };
    return watched;
  });
  patch(fsModule, "openSync", (original) =>
    function watchedOpen(this: unknown, path: unknown, flags?: unknown, ...rest: unknown[]) {
      const reading = flags === undefined || flags === "r" || flags === fs.constants.O_RDONLY;
      if (!inOwnOutput(path)) {
        if (reading) recordPath(path);
        else fail("a file written");
      }
      return original.call(this, path, flags, ...rest);
    },
  );
  patch(fsModule, "readSync", (original) =>
    function watchedReadSync(this: unknown, fd: unknown, ...rest: unknown[]) {
      // Reads of descriptors opened above are recorded by their path; stdin's is not a file.
      if (fd === 0) fail("standard input");
      return original.call(this, fd, ...rest);
    },
  );
  for (const name of FS_WRITES) {
    patch(fsModule, name, (original) =>
      function watchedWrite(this: unknown, target: unknown, ...rest: unknown[]) {
        // A descriptor's file was judged when it was opened; 1 and 2 are output.
        const written = typeof target === "number" ? target <= 2 : !inOwnOutput(target) || (TWO_PATHS.has(name) && !inOwnOutput(rest[0]));
        if (written) fail(`fs.${name}`);
        return original.call(this, target, ...rest);
      },
    );
  }

  // Any other synchronous call (fs.statfsSync, fs.readvSync, and those of later node versions) is not followed.
  const followed = new Set<string>([...FS_READS, ...FS_WRITES, "realpathSync", "openSync", "readSync", "closeSync", "fstatSync"]);
  for (const name of Object.keys(fsModule)) if (name.endsWith("Sync") && !followed.has(name)) patch(fsModule, name, (original) => watchedCall(`fs.${name}`, original, fail));

  // Modules: where each resolution looked.
  const loader = Module as unknown as { _resolveFilename: (request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]) => string; _nodeModulePaths: (from: string) => string[] };
  const originalResolve = loader._resolveFilename;
  loader._resolveFilename = function watchedResolve(this: unknown, request, parent, ...rest) {
    recordResolution(request, parent?.filename ?? undefined, paths, fail, loader._nodeModulePaths);
    return originalResolve.call(this, request, parent, ...rest);
  };
  restores.push(() => {
    loader._resolveFilename = originalResolve;
  });

  // The environment, and the rest of `process`.
  const realProcess = process;
  const realEnv = process.env;
  const env = new Proxy(realEnv, {
    get(target, key) {
      if (typeof key === "string") envNames.add(key);
      return Reflect.get(target, key);
    },
    has(target, key) {
      if (typeof key === "string") envNames.add(key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === "string") envNames.add(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      fail("the whole environment");
      return Reflect.ownKeys(target);
    },
    set(target, key, value) {
      fail("an environment variable set");
      return Reflect.set(target, key, value);
    },
    deleteProperty(target, key) {
      fail("an environment variable deleted");
      return Reflect.deleteProperty(target, key);
    },
  });
  const processProxy = new Proxy(realProcess, {
    get(target, key) {
      if (key === "env") return env;
      if (!PROCESS_FACTS.has(key)) fail(`process.${String(key)}`);
      const value = Reflect.get(target, key) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
    set(target, key, value) {
      fail(`process.${String(key)} set`);
      return Reflect.set(target, key, value);
    },
  });
  replaceGlobal("process", processProxy, restores);
  const originalLoad = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: typeof originalLoad })._load = function watchedLoad(this: unknown, request, ...rest) {
    if (request === "process" || request === "node:process") return processProxy;
    const builtin = request.startsWith("node:") ? request.slice(5) : request;
    if (UNFOLLOWED_MODULES.has(builtin) && Module.isBuiltin(request)) fail(`the ${builtin} module`);
    return originalLoad.call(this, request, ...rest);
  };
  restores.push(() => {
    (Module as unknown as { _load: typeof originalLoad })._load = originalLoad;
  });

  // Output.
  for (const stream of [realProcess.stdout, realProcess.stderr]) patch(stream as unknown as Patchable, "write", (original) => function watchedWrite(this: unknown, ...args: unknown[]) {
    fail("output");
    return original.apply(this, args);
  });

  // The clock and randomness.
  const RealDate = Date;
  const WatchedDate: DateConstructor = new Proxy(RealDate, {
    construct(target, args, newTarget): object {
      if (args.length === 0) fail("the clock");
      return Reflect.construct(target, args, newTarget === WatchedDate ? target : newTarget) as object;
    },
    apply() {
      fail("the clock");
      return RealDate();
    },
    get(target, key) {
      if (key === "now") fail("the clock");
      return Reflect.get(target, key) as unknown;
    },
  });
  replaceGlobal("Date", WatchedDate, restores);
  patch(Math as unknown as Patchable, "random", () => () => {
    fail("Math.random");
    return 0.5;
  });
  for (const name of ["performance", "crypto", "navigator"]) {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
    if (!descriptor) continue;
    Object.defineProperty(globalThis, name, {
      configurable: true,
      enumerable: descriptor.enumerable,
      get() {
        fail(name);
        return descriptor.get ? descriptor.get.call(globalThis) : descriptor.value;
      },
    });
    restores.push(() => Object.defineProperty(globalThis, name, descriptor));
  }
  const cryptoModule = nodeCrypto as unknown as Patchable;
  for (const name of Object.keys(cryptoModule)) {
    const descriptor = Object.getOwnPropertyDescriptor(cryptoModule, name);
    // getRandomValues is a getter for Web Crypto's, watched on its prototype below.
    if (descriptor && "value" in descriptor && /random|generate|Prime/i.test(name)) patch(cryptoModule, name, (original) => watchedCall(`crypto.${name}`, original, fail));
  }
  const webCrypto = Object.getPrototypeOf(nodeCrypto.webcrypto) as Patchable;
  for (const name of ["getRandomValues", "randomUUID"]) patch(webCrypto, name, (original) => watchedCall(`crypto.${name}`, original, fail));

  // Whole modules whose every call is an input or a side effect.
  for (const [label, exports] of [["os", os], ["child_process", childProcess], ["tty", tty], ["v8", v8]] as const) {
    const target = exports as unknown as Patchable;
    for (const name of Object.keys(target)) patch(target, name, (original) => watchedCall(`${label}.${name}`, original, fail));
  }
  for (const name of ["createContext", "runInNewContext", "runInContext"]) patch(vm as unknown as Patchable, name, (original) => watchedCall(`vm.${name}`, original, fail));
  for (const name of ["runInNewContext", "runInContext"]) patch(vm.Script.prototype as unknown as Patchable, name, (original) => watchedCall(`vm.Script.${name}`, original, fail));

  // Anything asynchronous begun now would run after the synth. A promise is only a value
  // unless something waits on it: a reaction (then, await) makes a promise of its own, which no
  // microtask can settle while the synth runs, so every promise made must end up fulfilled
  // (cdktf makes some, with async functions that never wait). Rejected ones would be reported.
  const promises: Promise<unknown>[] = [];
  const asyncWork = createHook({
    init(_id, type, _trigger, resource) {
      if (type === "PROMISE") promises.push(resource as Promise<unknown>);
      else fail(`asynchronous work (${type})`);
    },
  });
  asyncWork.enable();
  restores.push(() => asyncWork.disable());
  const settle = () => {
    if (promises.some((promise) => !fulfilled(promise))) fail("a promise waited on or rejected");
  };

  return () => {
    for (const restore of restores.reverse()) restore();
    settle();
    for (const file of Object.keys(require.cache)) {
      if (!isAbsolute(file)) continue;
      paths.add(file);
      // Native code can read anything.
      if (file.endsWith(".node")) fail("a native addon");
    }
    return { paths, envNames, unrepeatable };
  };
}

/**
 * The loader's own work is not the stack's: tsx keeps a transform cache (its clock, its
 * directory, its connection to a watching parent), and orgform's module loading has its code
 * cache. What tsx makes of a file depends only on the file, tsconfig, tsx itself and its TSX_*
 * variables, which are all watched. The caller is the innermost frame outside node and this file.
 */
const LOADERS = [dirname(require.resolve("tsx/package.json")) + sep, resolve(__dirname, "..", "..", "..", "src", "cli") + sep, resolve(__dirname, "..", "..", "src", "cli") + sep];

function calledByLoader(below: (...args: never[]) => unknown): boolean {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  try {
    Error.stackTraceLimit = 20;
    Error.prepareStackTrace = (_error, sites) => sites;
    Error.captureStackTrace(holder, below);
    const sites = holder.stack ?? [];
    for (const site of sites) {
      const named = site.getFileName();
      // A frame of orgform's module pack (src/cli/module-pack.cjs) is named by its module.
      const file = named && unpackFrame(named, site.getLineNumber() ?? 0).file;
      if (!file || file.startsWith("node:") || file === __filename) continue;
      return LOADERS.some((loader) => file.startsWith(loader));
    }
    return false;
  } finally {
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = prepare;
  }
}

function fulfilled(promise: Promise<unknown>): boolean {
  const shown = inspect(promise, { depth: 0, customInspect: false, showProxy: false });
  return !shown.startsWith("Promise { <pending>") && !shown.startsWith("Promise { <rejected>");
}

function watchedCall(label: string, original: (...args: unknown[]) => unknown, fail: (channel: string) => void) {
  const watched = function watched(this: unknown, ...args: unknown[]) {
    fail(label);
    return new.target ? (Reflect.construct(original, args, new.target) as unknown) : original.apply(this, args);
  };
  Object.setPrototypeOf(watched, original);
  Object.defineProperty(watched, "prototype", { value: (original as { prototype?: unknown }).prototype });
  return watched;
}

function replaceGlobal(name: string, value: unknown, restores: (() => void)[]): void {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, name)!;
  Object.defineProperty(globalThis, name, { configurable: true, writable: true, enumerable: descriptor.enumerable, value });
  restores.push(() => Object.defineProperty(globalThis, name, descriptor));
}

/**
 * The places node looks to resolve `request` from `parent`: a file added, removed or changed in
 * any of them could change the answer. Relative: the target, its directory, and (as a directory)
 * its package.json. A package name: each node_modules directory from the parent's up, with the
 * package's directory and package.json there (and its scope's directory).
 */
function recordResolution(request: string, parent: string | undefined, paths: Set<string>, fail: (channel: string) => void, nodeModulePaths: (from: string) => string[]): void {
  if (Module.isBuiltin(request)) return;
  const from = parent && isAbsolute(parent) ? dirname(parent) : process.cwd();
  if (request.startsWith("#")) return fail("a package import (#)");
  if (isAbsolute(request) || request === "." || request === ".." || request.startsWith("./") || request.startsWith("../")) {
    const base = resolve(from, request);
    paths.add(base).add(dirname(base)).add(join(base, "package.json"));
    return;
  }
  if (request.startsWith("file:")) return fail("a file: URL import");
  // Where node looks last (NODE_PATH is part of the key).
  for (const global of (Module as unknown as { globalPaths?: string[] }).globalPaths ?? []) paths.add(global);
  const parts = request.split("/");
  const name = request.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  for (const modules of nodeModulePaths(from)) {
    paths.add(modules).add(join(modules, name)).add(join(modules, name, "package.json"));
    if (name.startsWith("@")) paths.add(join(modules, parts[0]!));
  }
}
