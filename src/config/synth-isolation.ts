/**
 * The early synth (src/cli/early-synth.cjs) runs the stack in a worker thread while the main
 * thread loads the engine. Its result is used only if the stack did nothing that would have
 * gone differently in the main thread; otherwise the main thread synthesizes in-process, as
 * without it. For that second run to be the only one the user can see, the worker run must have
 * no effect outside the worker, so here every such channel either refuses before acting (the
 * call throws, and the run is marked) or is only marked when it cannot be stopped:
 *   - refused: file system writes outside the synth's own output directory, asynchronous file
 *     calls, stdin, child processes, the network, worker_threads, the inspector, native addons,
 *     output (stdout, stderr, console, warnings), and `process` beyond its fixed facts (chdir,
 *     exit, kill, event listeners, nextTick, setting anything, the streams, whose isTTY differs);
 *     environment variables set or deleted;
 *   - marked: the stack threw (the in-process run gives the error its exact message), any
 *     asynchronous work begun (it would run during the plan in-process; in the worker it never
 *     runs), a promise left pending or rejected, and a change to the global object or to a
 *     built-in (in-process the engine would see it).
 * Reads (files, environment, clock, randomness, os) behave the same in a worker and are allowed.
 * The loaders' own calls (tsx, orgform's module loading) are theirs, not the stack's.
 */
import { createHook } from "node:async_hooks";
import childProcess from "node:child_process";
import fs from "node:fs";
import Module from "node:module";
import { resolve, sep } from "node:path";
import { inspect } from "node:util";
import { calledByLoader } from "./loader-calls";

type Patchable = Record<string, unknown>;
type Fn = (...args: unknown[]) => unknown;

/** The facts of `process` a stack may read: the same in the worker (argv is set to the main thread's). */
const PROCESS_FACTS = new Set<PropertyKey>([
  "env",
  "argv",
  "argv0",
  "execArgv",
  "execPath",
  "platform",
  "arch",
  "version",
  "versions",
  "release",
  "features",
  "config",
  "pid",
  "ppid",
  "title",
  "cwd",
  "hrtime",
  "uptime",
  "memoryUsage",
  "cpuUsage",
  "resourceUsage",
  "getuid",
  "getgid",
  "geteuid",
  "getegid",
  "getgroups",
  "umask",
  "sourceMapsEnabled",
  "exitCode",
  "noDeprecation",
  "throwDeprecation",
  "traceDeprecation",
  "allowedNodeEnvironmentFlags",
  "constrainedMemory",
  "availableMemory",
]);

/** Node's modules whose use would reach outside the worker or differs in one. */
const REFUSED_MODULES = new Set(["net", "http", "https", "http2", "dgram", "dns", "tls", "cluster", "worker_threads", "inspector", "wasi", "readline", "repl", "trace_events", "child_process"]);

const FS_READS = new Set(["readFileSync", "existsSync", "statSync", "lstatSync", "readdirSync", "accessSync", "readlinkSync", "opendirSync", "realpathSync", "fstatSync", "readSync", "closeSync"]);
const FS_WRITES = new Set([
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
]);
/** Writes that name a second path (the copy or link made). */
const TWO_PATHS = new Set(["renameSync", "copyFileSync", "cpSync", "symlinkSync", "linkSync"]);
/** Paths that are a terminal or this process's descriptors (stdin among them), not files. */
const NOT_FILES = ["/dev/", "/proc/self/fd/", "/proc/thread-self/fd/"];

/** The built-ins whose own properties the engine relies on: a stack changing one would change the engine in-process. */
const BUILT_INS: readonly object[] = [
  Object,
  Object.prototype,
  Array,
  Array.prototype,
  String,
  String.prototype,
  Number,
  Number.prototype,
  Boolean.prototype,
  Function.prototype,
  Symbol,
  Promise,
  Promise.prototype,
  Map.prototype,
  Set.prototype,
  WeakMap.prototype,
  Date,
  Date.prototype,
  RegExp.prototype,
  Error,
  Error.prototype,
  JSON,
  Math,
  Reflect,
  Buffer,
  Buffer.prototype,
  Uint8Array.prototype,
];

/**
 * Starts isolating the stack's run in this worker; the returned function stops, restores what it
 * changed, and returns why the run is not what it would have been in the main thread (the first
 * reason), or undefined when it is. `ownOutput`: the directory the synth writes into.
 */
export function isolateSynth(ownOutput: string): () => string | undefined {
  const globalsBefore = snapshot();
  let reason: string | undefined;
  const mark = (what: string) => {
    reason ??= what;
  };
  /** Refuses a call the stack makes (throws); a loader's call goes on. */
  const refuse = (what: string): void => {
    if (calledByLoader(refuse, __filename)) return;
    mark(what);
    throw new Error(`orgform: ${what} is not available to the early synth (the stack runs again in the main thread)`);
  };
  const restores: (() => void)[] = [];
  const patch = (target: Patchable, key: string, replacement: (original: Fn) => unknown) => {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    const original = target[key];
    if (typeof original !== "function") return;
    if (descriptor && !descriptor.configurable && !descriptor.writable) return mark(`${key} (cannot be isolated)`);
    Object.defineProperty(target, key, { configurable: true, enumerable: descriptor?.enumerable ?? true, writable: true, value: replacement(original as Fn) });
    restores.push(() => {
      if (descriptor) Object.defineProperty(target, key, descriptor);
      else delete target[key];
    });
  };
  const own = resolve(ownOutput) + sep;
  const inOwnOutput = (path: unknown) => typeof path === "string" && (resolve(path) + sep).startsWith(own);
  const notAFile = (path: unknown) => {
    const text = typeof path === "string" ? resolve(path) : Buffer.isBuffer(path) ? resolve(path.toString()) : path instanceof URL ? decodeURIComponent(path.pathname) : undefined;
    return text !== undefined && NOT_FILES.some((prefix) => text.startsWith(prefix));
  };
  /** Descriptors the stack opened for writing inside its own output. */
  const ownDescriptors = new Set<number>();

  // The file system.
  const fsModule = fs as unknown as Patchable;
  for (const name of Object.keys(fsModule)) {
    if (name.startsWith("_") || /^[A-Z]/.test(name) || name === "constants" || name === "promises") continue;
    if (name === "openSync") {
      patch(fsModule, name, (original) =>
        function isolatedOpen(this: unknown, path: unknown, flags?: unknown, ...rest: unknown[]) {
          const reading = flags === undefined || flags === "r" || flags === fs.constants.O_RDONLY;
          if (notAFile(path) || (!reading && !inOwnOutput(path))) refuse(`fs.openSync(${String(path)})`);
          const fd = original.call(this, path, flags, ...rest) as number;
          if (!reading) ownDescriptors.add(fd);
          return fd;
        },
      );
    } else if (FS_READS.has(name)) {
      patch(fsModule, name, (original) => {
        const isolated = function isolatedRead(this: unknown, target: unknown, ...rest: unknown[]) {
          // A descriptor's file was judged when it was opened; 0 to 2 are the terminal's.
          if (typeof target === "number" ? target <= 2 : notAFile(target)) refuse(`fs.${name} of standard input or a device`);
          return original.call(this, target, ...rest);
        } as Fn & { native?: unknown };
        const native = (original as Fn & { native?: Fn }).native;
        if (native) isolated.native = (path: unknown, ...rest: unknown[]) => (notAFile(path) ? refuse(`fs.${name} of a device`) : native(path, ...rest));
        return isolated;
      });
    } else if (FS_WRITES.has(name)) {
      patch(fsModule, name, (original) =>
        function isolatedWrite(this: unknown, target: unknown, ...rest: unknown[]) {
          const outside = typeof target === "number" ? !ownDescriptors.has(target) : !inOwnOutput(target) || (TWO_PATHS.has(name) && !inOwnOutput(rest[0]));
          if (outside) refuse(`fs.${name} outside the synth's output`);
          return original.call(this, target, ...rest);
        },
      );
    } else {
      // Asynchronous calls (they would act after the synth) and any other synchronous one.
      patch(fsModule, name, (original) => refusing(`fs.${name}`, original, refuse));
    }
  }
  const promises = fs.promises as unknown as Patchable;
  for (const name of Object.keys(promises)) if (!/^[A-Z]/.test(name) && name !== "constants") patch(promises, name, (original) => refusing(`fs.promises.${name}`, original, refuse));
  const processes = childProcess as unknown as Patchable;
  for (const name of Object.keys(processes)) if (!name.startsWith("_")) patch(processes, name, (original) => refusing(`child_process.${name}`, original, refuse));

  // `process`: the fixed facts; anything else acts on the thread or differs in a worker.
  const realProcess = process;
  const env = new Proxy(realProcess.env, {
    set(target, key, value) {
      refuse("setting an environment variable");
      return Reflect.set(target, key, value);
    },
    deleteProperty(target, key) {
      refuse("deleting an environment variable");
      return Reflect.deleteProperty(target, key);
    },
    defineProperty(target, key, descriptor) {
      refuse("defining an environment variable");
      return Reflect.defineProperty(target, key, descriptor);
    },
  });
  const processProxy = new Proxy(realProcess, {
    get(target, key) {
      if (key === "env") return env;
      if (typeof key === "string" && !PROCESS_FACTS.has(key)) refuse(`process.${key}`);
      const value = Reflect.get(target, key) as unknown;
      if (key === "umask") return (...args: unknown[]) => (args.length > 0 ? refuse("process.umask(mask)") : realProcess.umask());
      return typeof value === "function" ? (value as Fn).bind(target) : value;
    },
    set(target, key, value) {
      refuse(`setting process.${String(key)}`);
      return Reflect.set(target, key, value);
    },
    defineProperty(target, key, descriptor) {
      refuse(`defining process.${String(key)}`);
      return Reflect.defineProperty(target, key, descriptor);
    },
    deleteProperty(target, key) {
      refuse(`deleting process.${String(key)}`);
      return Reflect.deleteProperty(target, key);
    },
  });
  replaceGlobal("process", processProxy, restores);
  // Node's own deprecation and experimental warnings, and the stack's console: output.
  patch(realProcess as unknown as Patchable, "emitWarning", (original) => refusing("a warning", original, refuse));
  for (const stream of [realProcess.stdout, realProcess.stderr]) patch(stream as unknown as Patchable, "write", (original) => refusing("output", original, refuse));

  // Modules.
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown; _extensions: Record<string, unknown> };
  const originalLoad = loader._load;
  loader._load = function isolatedLoad(this: unknown, request, ...rest) {
    if (request === "process" || request === "node:process") return processProxy;
    const builtin = request.startsWith("node:") ? request.slice(5) : request;
    if (REFUSED_MODULES.has(builtin) && Module.isBuiltin(request) && !calledByLoader(isolatedLoad, __filename)) {
      // child_process itself is refused call by call (above): only cdktf's optional use of it loads it.
      if (builtin !== "child_process") refuse(`the ${builtin} module`);
    }
    return originalLoad.call(this, request, ...rest);
  };
  restores.push(() => {
    loader._load = originalLoad;
  });
  patch(loader._extensions as Patchable, ".node", (original) => refusing("a native addon", original, refuse));

  // Asynchronous work begun now would run during the plan in-process; here it never runs.
  const begun: Promise<unknown>[] = [];
  const noteAsync = (type: string) => {
    if (reason === undefined && !calledByLoader(noteAsync, __filename)) mark(`asynchronous work (${type})`);
  };
  const asyncWork = createHook({
    init(_id, type, _trigger, resource) {
      if (type === "PROMISE") begun.push(resource as Promise<unknown>);
      else noteAsync(type);
    },
  });
  asyncWork.enable();
  restores.push(() => asyncWork.disable());

  return () => {
    for (const restore of restores.reverse()) restore();
    if (begun.some((promise) => !fulfilled(promise))) mark("a promise waited on or rejected");
    if (reason === undefined) {
      const changed = changedBuiltIn(globalsBefore, snapshot());
      if (changed) mark(`a change to ${changed}`);
    }
    return reason;
  };
}

function refusing(label: string, original: Fn, refuse: (what: string) => void): Fn {
  const isolated = function isolated(this: unknown, ...args: unknown[]) {
    refuse(label);
    return new.target ? (Reflect.construct(original, args, new.target) as unknown) : original.apply(this, args);
  };
  Object.setPrototypeOf(isolated, original);
  Object.defineProperty(isolated, "prototype", { value: (original as { prototype?: unknown }).prototype });
  return isolated;
}

function replaceGlobal(name: string, value: unknown, restores: (() => void)[]): void {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, name)!;
  Object.defineProperty(globalThis, name, { configurable: true, writable: true, enumerable: descriptor.enumerable, value });
  restores.push(() => Object.defineProperty(globalThis, name, descriptor));
}

function fulfilled(promise: Promise<unknown>): boolean {
  const shown = inspect(promise, { depth: 0, customInspect: false, showProxy: false });
  return !shown.startsWith("Promise { <pending>") && !shown.startsWith("Promise { <rejected>");
}

type Snapshot = Map<object, Map<PropertyKey, unknown>>;

/** The own properties (values, or getter and setter) of the global object and the built-ins. */
function snapshot(): Snapshot {
  const taken: Snapshot = new Map();
  for (const target of [globalThis, ...BUILT_INS]) {
    const properties = new Map<PropertyKey, unknown>();
    for (const key of Reflect.ownKeys(target)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(target, key)!;
      properties.set(key, "value" in descriptor ? descriptor.value : [descriptor.get, descriptor.set]);
    }
    taken.set(target, properties);
  }
  return taken;
}

/**
 * The first property added, removed or replaced between two snapshots, named; undefined if none.
 * A global added is no one's but the stack's (cdktf keeps its token map in one): the engine reads
 * only globals that exist without the stack. Node defines some globals (crypto, navigator) by a
 * getter that replaces itself on first read, which any reader may set off.
 */
function changedBuiltIn(before: Snapshot, after: Snapshot): string | undefined {
  for (const [target, properties] of after) {
    const earlier = before.get(target)!;
    const global = target === globalThis;
    const name = global ? "globalThis" : (target as { name?: string }).name ?? (target as { constructor?: { name?: string } }).constructor?.name ?? "a built-in";
    for (const [key, value] of properties) {
      if (global && (!earlier.has(key) || (Array.isArray(earlier.get(key)) && !Array.isArray(value)))) continue;
      const previous = earlier.get(key);
      const same = Array.isArray(value) && Array.isArray(previous) ? value[0] === previous[0] && value[1] === previous[1] : Object.is(value, previous);
      if (!earlier.has(key) || !same) return `${name}.${String(key)}`;
    }
    for (const key of earlier.keys()) if (!properties.has(key)) return `${name}.${String(key)}`;
  }
  return undefined;
}
