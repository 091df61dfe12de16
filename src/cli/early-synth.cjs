// The early synth: a command that will synthesize an in-process app (plan, apply, destroy) starts
// the stack's synth in a worker thread as soon as the executable runs, so that on a machine with
// two cores it overlaps the main thread's loading of commander, zod and the engine. The main
// thread's synth (src/config/synth.ts) then takes the worker's output directory instead of
// running the stack itself, but only if the worker's run is what an in-process run would have
// been: the worker refuses or notes everything that would differ (src/config/synth-isolation.ts),
// and the main thread checks that the command, cdktf.json, the directory, argv and the
// environment are those the worker used. Otherwise the main thread synthesizes in-process, as
// without the early synth, and the worker's run leaves nothing behind: its output directory is
// removed and it had no other effect. ORGFORM_EARLY_SYNTH=0 turns it off; it is also off with the
// synth cache (ORGFORM_SYNTH_CACHE=1), with node options (a preload would run twice), when
// orgform runs from its sources, and off Linux (the main thread's wait reads /proc).
"use strict";
const { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync } = require("node:fs");
const { dirname, join, resolve } = require("node:path");

/** Commands whose first step is synth (src/cli/commands/plan-apply.ts opens the stack first). */
const COMMANDS = new Set(["plan", "diff", "apply", "deploy", "destroy"]);
const SWITCHES = new Set(["--no-color", "--json", "--no-refresh", "--detailed-exitcode", "--destroy", "--markdown", "--auto-approve", "--refresh-only"]);
const WITH_VALUE = new Set(["--stack", "--var", "--target", "--replace", "--parallelism", "--markdown-budget", "--out"]);
/** Node options that load code into every thread, or make a worker behave otherwise. */
const THREAD_OPTIONS = /(^|\s)(-r|--require|--import|--loader|--experimental-loader|--inspect|--cpu-prof|--heap-prof|--prof)/;
const HANDLE = Symbol.for("orgform.earlySynth");

/**
 * Starts the early synth for `argv` if it applies; returns { release } (call it once the command
 * has finished: a synth the command never took is stopped and removed), or undefined.
 */
module.exports = function startEarlySynth(argv, dist, env = process.env) {
  if (env.ORGFORM_EARLY_SYNTH === "0" || env.ORGFORM_SYNTH_CACHE === "1") return undefined;
  if (process.execArgv.length > 0 || THREAD_OPTIONS.test(env.NODE_OPTIONS ?? "")) return undefined;
  if (!existsSync("/proc/thread-self") || !willSynthesize(argv)) return undefined;
  const projectDir = process.cwd();
  const settings = cdktfJson(projectDir);
  if (!settings) return undefined;
  const { inProcessApp } = require(join(dist, "src", "config", "synth-app.js"));
  const file = inProcessApp(settings.app, projectDir);
  if (!file || !existsSync(file)) return undefined;

  const outdir = resolve(projectDir, settings.output);
  const created = mkdirSync(outdir, { recursive: true });
  const own = mkdtempSync(join(outdir, ".synth-"));
  const appEnv = { CDKTF_OUTDIR: own, ...(settings.context ? { CDKTF_CONTEXT_JSON: JSON.stringify(settings.context) } : {}) };
  const { Worker, MessageChannel, receiveMessageOnPort } = require("node:worker_threads");
  const signal = new SharedArrayBuffer(8);
  const state = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const seen = { cwd: projectDir, argv: [...process.argv], env: { ...process.env } };
  const worker = new Worker(join(__dirname, "synth-worker.cjs"), {
    workerData: { dist, signal, port: port2, task: { file, appEnv, argv: seen.argv } },
    transferList: [port2],
    // Whatever the worker would print goes nowhere (the isolation refuses output anyway).
    stdout: true,
    stderr: true,
  });
  worker.on("error", () => {});
  let taken = false;
  const removeOwn = () => rmSync(own, { recursive: true, force: true });
  process.once("exit", () => {
    if (!taken) removeOwn();
  });
  const discard = () => {
    worker.terminate().then(removeOwn, removeOwn);
    port1.close();
  };

  globalThis[HANDLE] = {
    /**
     * The worker's output directory for the synth described by `request` ({ projectDir, app,
     * outdir, cdktfJson, contextJson }), once the worker is done, if its run stands and was of
     * exactly this synth; undefined otherwise (the caller synthesizes itself). Answers once.
     */
    claim(request) {
      if (taken) return undefined;
      taken = true;
      const same =
        request.projectDir === projectDir &&
        request.app === settings.app &&
        request.outdir === outdir &&
        request.cdktfJson === settings.text &&
        request.contextJson === appEnv.CDKTF_CONTEXT_JSON &&
        process.cwd() === seen.cwd &&
        sameList(process.argv, seen.argv) &&
        sameEnv(process.env, seen.env);
      if (!same || !finished(state)) {
        discard();
        return undefined;
      }
      const answer = receiveMessageOnPort(port1)?.message;
      port1.close();
      if (answer) require("./compile-cache.cjs").adopt(answer.cache);
      if (env.ORGFORM_EARLY_SYNTH_DEBUG === "1" && answer) process.stderr.write(`orgform: early synth compiled ${answer.cache.compiled.length}, used ${answer.cache.used.length}\n`);
      if (!answer || answer.reason !== undefined) {
        if (env.ORGFORM_EARLY_SYNTH_DEBUG === "1") process.stderr.write(`orgform: early synth not used: ${answer ? answer.reason : "no answer"}\n`);
        discard();
        return undefined;
      }
      // It may finish writing tsx's transform cache; it keeps no command waiting.
      worker.unref();
      return own;
    },
  };
  return {
    release() {
      if (taken) return;
      taken = true;
      worker.terminate().then(removeUnused, removeUnused);
      port1.close();
    },
  };

  /** The command never synthesized: nothing of the worker's stays, not even a cdktf.out it made. */
  function removeUnused() {
    removeOwn();
    if (created === undefined) return;
    for (let dir = outdir; dir.length >= created.length; dir = dirname(dir)) {
      try {
        rmdirSync(dir);
      } catch {
        return; // not empty: someone else's now
      }
    }
  }
};

/** Whether commander will run one of COMMANDS with these arguments (conservative: unknown arguments mean no). */
function willSynthesize(argv) {
  // As src/cli/options.ts's normalizeArgv: Terraform's `-out=x` is `--out=x`.
  const [command, ...rest] = argv.map((arg) => (/^-[a-z][a-z-]+(=.*)?$/.test(arg) ? `-${arg}` : arg));
  if (!COMMANDS.has(command)) return false;
  let positionals = 0;
  for (let at = 0; at < rest.length; at++) {
    const arg = rest[at];
    if (!arg.startsWith("-")) {
      positionals++;
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (eq < 0 && SWITCHES.has(name)) continue;
    if (!WITH_VALUE.has(name)) return false;
    const value = eq > 0 ? arg.slice(eq + 1) : rest[++at];
    if (value === undefined || (eq < 0 && value.startsWith("-"))) return false;
    if (name === "--var" && !(value.indexOf("=") > 0)) return false;
  }
  return positionals <= (command === "apply" || command === "deploy" ? 1 : 0);
}

/** cdktf.json's app, output and context, when plainly valid (src/config/synth.ts validates it again). */
function cdktfJson(projectDir) {
  let text;
  let parsed;
  try {
    text = readFileSync(join(projectDir, "cdktf.json"), "utf8");
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(parsed)) return undefined;
  const { app, output, context } = parsed;
  if (typeof app !== "string" || app.length === 0 || (output !== undefined && typeof output !== "string")) return undefined;
  if (context !== undefined && !isPlainObject(context)) return undefined;
  return { app, output: output ?? "cdktf.out", context, text };
}

function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Waits for the worker's answer; false if its thread is gone without one (out of memory), or
 * never started. /proc/self/task lists this process's live threads.
 */
function finished(state) {
  const started = Date.now();
  for (;;) {
    if (Atomics.wait(state, 0, 0, 100) !== "timed-out") return true;
    const thread = state[1];
    if (thread === 0 ? Date.now() - started > 60_000 : !existsSync(`/proc/self/task/${thread}`)) return Atomics.load(state, 0) === 1;
  }
}

function sameList(a, b) {
  return a.length === b.length && a.every((item, at) => item === b[at]);
}

function sameEnv(now, then) {
  const names = Object.keys(now);
  return names.length === Object.keys(then).length && names.every((name) => then[name] === now[name]);
}
