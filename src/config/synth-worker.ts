/**
 * The early synth's run of the stack, inside its worker thread (src/cli/synth-worker.cjs): the
 * in-process synth's steps (src/config/synth.ts) in the same order, under the isolation of
 * src/config/synth-isolation.ts, into the output directory the main thread made for it.
 */
import { isolateSynth } from "./synth-isolation";
import { loadTypeScript, needsTypeScript, skipTokenStackTraces, tsxApi, type AppEnv } from "./synth-app";

/** What the main thread hands the worker. */
export interface EarlySynthTask {
  /** The app's file (cdktf.json's "app", run in-process). */
  readonly file: string;
  /** The environment the app gets (CDKTF_OUTDIR is the synth's own directory). */
  readonly appEnv: AppEnv;
  /** The main thread's process.argv, which the stack sees there. */
  readonly argv: readonly string[];
}

/** Runs the stack; returns why its run differs from an in-process one (the main thread then synthesizes itself), or undefined. */
export function runEarlySynth(task: EarlySynthTask): string | undefined {
  process.argv.splice(0, process.argv.length, ...task.argv);
  Object.assign(process.env, task.appEnv);
  // As in-process: tsx's modules load before the isolation (they are not the stack's).
  const typeScript = needsTypeScript(task.file) ? tsxApi() : undefined;
  const stop = isolateSynth(task.appEnv.CDKTF_OUTDIR);
  let threw = false;
  let reason: string | undefined;
  try {
    const restoreTraces = skipTokenStackTraces(task.file);
    const unregisterTypeScript = typeScript ? loadTypeScript(task.file, typeScript) : () => {};
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the stack runs as in-process synth runs it
      require(task.file);
    } catch {
      // The main thread runs the stack again for the error: its message names what the user must fix, exactly as always.
      threw = true;
    } finally {
      unregisterTypeScript();
      restoreTraces();
    }
  } finally {
    reason = stop();
  }
  return threw ? "the stack threw" : reason;
}
