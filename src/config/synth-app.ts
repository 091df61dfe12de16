/**
 * What running a cdktf app in this process takes (src/config/synth.ts's in-process synth, and the
 * early synth's worker, src/config/synth-isolation.ts): which apps run in-process, tsx for a
 * TypeScript stack, cdktf's token stack traces skipped. No zod and no engine here: the worker
 * loads this module and nothing else of orgform's before the stack.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the stack's own cdktf and tsx load on demand, from the stack's directory */
import { dirname, join, resolve } from "node:path";
import { redirectToCompiledTwins } from "./compiled-twins";

/** The file of an app cdktf.json names that orgform runs in-process (`npx tsx main.ts`, `node main.js`); undefined for any other command. */
export function inProcessApp(app: string, projectDir: string): string | undefined {
  const inProcess = /^(?:npx\s+)?(?:tsx|ts-node|node)\s+(\S+\.(?:ts|js|cjs))$/.exec(app.trim());
  return inProcess ? resolve(projectDir, inProcess[1]!) : undefined;
}

/**
 * Compiled orgform runs as plain JavaScript; only the user's TypeScript stack needs tsx, so its
 * require hook is registered for the stack's load and removed after (tsx inspects every file
 * loaded while it is registered, undici's and the providers' too). When orgform itself runs from
 * its sources, tsx is registered already.
 */
export function needsTypeScript(file: string): boolean {
  return /\.[cm]?tsx?$/.test(file) && (require as NodeJS.Require).extensions?.[".ts"] === undefined;
}

export function tsxApi(): { register: () => () => void } {
  return require("tsx/cjs/api") as { register: () => () => void };
}

export function loadTypeScript(file: string, { register }: { register: () => () => void }): () => void {
  // cdktf and constructs (plain JavaScript, hundreds of files) load before tsx's hook does.
  requireFromStack(file, "constructs");
  requireFromStack(file, "cdktf");
  const unregister = register();
  // This module is <dist>/src/config/synth-app.js: the checkout is dist's parent.
  const dist = resolve(__dirname, "..", "..");
  const restoreResolution = redirectToCompiledTwins(dirname(dist), dist);
  return () => {
    restoreResolution();
    unregister();
  };
}

function requireFromStack(file: string, module: string): unknown {
  try {
    return require(require.resolve(module, { paths: [dirname(file)] }));
  } catch {
    return undefined; // an app that does not use cdktf: nothing to prepare
  }
}

/**
 * cdktf records an unlimited-depth stack trace for every token it makes (references, lazy
 * values, Fn calls), used only to say where a token was made in an error message; on a large
 * stack that is a third of synth. orgform reports synth errors by their message, so during its
 * in-process synth the capture returns no frames. The synthesized JSON is the same (a test
 * compares). The stack's own cdktf is patched: cdktf reads the function from this module's
 * exports at every call.
 */
export function skipTokenStackTraces(file: string): () => void {
  let traces: { captureStackTrace?: unknown } | undefined;
  try {
    const cdktfMain = require.resolve("cdktf", { paths: [dirname(file)] });
    traces = require(join(dirname(cdktfMain), "tokens", "private", "stack-trace.js")) as { captureStackTrace?: unknown };
  } catch {
    return () => {};
  }
  const original = traces.captureStackTrace;
  if (typeof original !== "function") return () => {};
  traces.captureStackTrace = noFrames;
  return () => {
    traces!.captureStackTrace = original;
  };
}

function noFrames(): string[] {
  return [];
}

/** The environment an app is run with, as the cdktf CLI sets it. */
export interface AppEnv {
  readonly CDKTF_OUTDIR: string;
  readonly CDKTF_CONTEXT_JSON?: string;
}

/**
 * Whether the synth cache (src/config/synth-cache.ts) is on. Opt-in (ORGFORM_SYNTH_CACHE=1): a
 * reuse the record wrongly allows would plan, and apply, an older version of the stack, and a
 * review found channels the watch does not follow (module resolutions through nested
 * package.json files and `exports`, some clocks and randomness). Until each is followed or
 * refused, speed does not outrank that.
 */
export function synthCacheEnabled(env: NodeJS.ProcessEnv): boolean {
  return env.ORGFORM_SYNTH_CACHE === "1";
}
