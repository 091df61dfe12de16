// The early synth's worker thread (started by src/cli/early-synth.cjs): runs the stack under
// src/config/synth-isolation.ts while the main thread loads the engine, then tells the main
// thread whether its run stands (and hands over the code it compiled, for the code cache).
"use strict";
const { readlinkSync } = require("node:fs");
const { join } = require("node:path");
const { workerData } = require("node:worker_threads");

const { dist, task, signal, port } = workerData;
const state = new Int32Array(signal);
// This thread's id, first: the main thread, waiting, sees from /proc whether the thread is gone (out of memory).
state[1] = Number(readlinkSync("/proc/thread-self").split("/").pop());

const compileCache = require("./compile-cache.cjs");
compileCache(process.env, { collect: true });
require("./lazy-dependencies.cjs")();

let reason;
try {
  reason = require(join(dist, "src", "config", "synth-worker.js")).runEarlySynth(task);
} catch (error) {
  reason = `the early synth failed (${error && error.message})`;
}
let cache = { compiled: [], used: [] };
try {
  cache = compileCache.collected();
} catch {
  // Without the compiled code the main thread compiles it again next time; the synth stands.
}
port.postMessage({ reason, cache });
Atomics.store(state, 0, 1);
Atomics.notify(state, 0);
// A run that does not stand may have left work behind (timers, promises): none of it may run.
if (reason !== undefined) process.exit(0);
