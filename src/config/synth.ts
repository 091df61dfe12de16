/**
 * Synth: turns the cdktf program named by cdktf.json's "app" into cdk.tf.json files, then finds
 * the stack to work on. A TypeScript app run with tsx/ts-node is loaded in-process (fast, and a
 * construct error becomes one clear message); any other app command runs as a child process,
 * as cdktf-cli does.
 */
import { throwSite, thrownInOutput, withFullStop } from "./throw-site";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { z } from "zod";
import { OrgformError } from "../errors";
import { inProcessApp, loadTypeScript, needsTypeScript, skipTokenStackTraces, synthCacheEnabled, tsxApi, type AppEnv } from "./synth-app";
import type { SynthIdentity } from "./synth-cache";
import type { SynthReads } from "./synth-watch";

// The opt-in synth cache's modules (and the node modules they watch: child_process, crypto, os,
// tty, v8, vm) load only when it is on; a command app's child_process only for one.
const synthCache = () => require("./synth-cache") as typeof import("./synth-cache");
const synthWatch = () => require("./synth-watch") as typeof import("./synth-watch");
const childProcess = () => require("node:child_process") as typeof import("node:child_process");

const cdktfJson = z.object({ app: z.string().min(1), output: z.string().optional(), context: z.record(z.string(), z.unknown()).optional() }).passthrough();
const manifestSchema = z.object({
  stacks: z.record(z.string(), z.object({ name: z.string(), synthesizedStackPath: z.string(), constructPath: z.string().optional() })),
});

export interface SynthOptions {
  readonly projectDir: string;
  /** Overrides cdktf.json's app (`--app`). */
  readonly app?: string;
  /** Overrides the output directory. */
  readonly outdir?: string;
}

export interface SynthesizedStack {
  readonly name: string;
  /** Absolute path of cdk.tf.json. */
  readonly path: string;
}

export function readCdktfJson(projectDir: string): { app: string; output: string; text: string; context?: Record<string, unknown> } {
  const path = join(projectDir, "cdktf.json");
  if (!existsSync(path)) {
    throw new OrgformError("CONFIG_NOT_FOUND", `no cdktf.json in ${projectDir}. Run orgform in the directory of your cdktf project, or create cdktf.json with an "app" command.`);
  }
  let parsed: z.infer<typeof cdktfJson>;
  let text = "";
  try {
    text = readFileSync(path, "utf8");
    const result = cdktfJson.safeParse(JSON.parse(text));
    if (!result.success) throw new Error(`"${result.error.issues[0]!.path.join(".")}": ${result.error.issues[0]!.message}`);
    parsed = result.data;
  } catch (error) {
    throw new OrgformError("CONFIG_INVALID", `${path} is not valid: ${(error as Error).message}.`);
  }
  return { app: parsed.app, output: parsed.output ?? "cdktf.out", text, ...(parsed.context ? { context: parsed.context } : {}) };
}

export function synth(options: SynthOptions): SynthesizedStack[] {
  const settings = readCdktfJson(options.projectDir);
  const app = options.app ?? settings.app;
  const outdir = resolve(options.projectDir, options.outdir ?? settings.output);
  mkdirSync(outdir, { recursive: true });
  const file = inProcessApp(app, options.projectDir);
  // With ORGFORM_SYNTH_CACHE=1, an in-process synth whose every input is unchanged since it made cdktf.out is not repeated.
  const identity: SynthIdentity | undefined = file && synthCacheEnabled(process.env) ? { projectDir: options.projectDir, app, file, outdir, cdktfJson: settings.text } : undefined;
  const cache = identity && synthCache();
  performance.mark("orgform:synth-start");
  if (cache && identity && cache.reusable(identity, process.env)) {
    performance.mark("orgform:synth-end");
    return readManifest(outdir);
  }
  if (cache) cache.forget(outdir);
  // Each run synthesizes into a directory of its own, then moves the files into `outdir` one
  // atomic rename each: two commands in one project (a plan and a `state list` in CI) never read
  // a file the other is half-way through writing.
  const own = mkdtempSync(join(outdir, ".synth-"));
  try {
    const startedAt = cache && cache.fileSystemNow(own);
    // What the cdktf CLI hands an app: where to write, and cdktf.json's context (App reads it
    // from CDKTF_CONTEXT_JSON; `node.tryGetContext` in the stack then sees it).
    const appEnv = { CDKTF_OUTDIR: own, ...(settings.context ? { CDKTF_CONTEXT_JSON: JSON.stringify(settings.context) } : {}) };
    const documents = new Map<string, unknown>();
    const reads = file ? synthInProcess(file, appEnv, identity !== undefined, documents) : synthWithCommand(app, options.projectDir, appEnv);
    // Only a synth that wrote a manifest vouches for what cdktf.out now holds.
    if (existsSync(join(own, "manifest.json"))) {
      writeFileSync(join(own, SYNTHESIZED_FOR), `${JSON.stringify({ projectDir: realProjectDir(options.projectDir) })}\n`);
      const outputs = cache ? cache.outputHashes(own, cache.filesUnder(own)) : undefined;
      moveInto(own, outdir);
      for (const [written, document] of documents) handedOver.set(join(outdir, relative(own, written)), document);
      if (cache && identity && reads && startedAt !== undefined && outputs) cache.remember(identity, reads, outputs, startedAt, process.env);
    }
  } finally {
    rmSync(own, { recursive: true, force: true });
    performance.mark("orgform:synth-end");
  }
  return readManifest(outdir);
}

/**
 * Moves every file under `from` to the same place under `to`, replacing what is there.
 * Directories go first, so manifest.json (at the top) arrives last: a command that reads
 * cdktf.out without synthesizing (`state list`) and finds a manifest also finds its stacks.
 */
function moveInto(from: string, to: string): void {
  // Directories, then files, then the manifest (which the record of where synth ran precedes).
  const rank = (entry: { name: string; isDirectory(): boolean }) => (entry.isDirectory() ? 0 : entry.name === "manifest.json" ? 2 : 1);
  const entries = readdirSync(from, { withFileTypes: true }).sort((a, b) => rank(a) - rank(b));
  for (const entry of entries) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      mkdirSync(target, { recursive: true });
      moveInto(source, target);
    } else renameSync(source, target);
  }
}

/**
 * Runs the app with `require`: node caches it, so a process synthesizes a given app once and a
 * second call writes nothing new (the manifest of the first stays). Each orgform command is its
 * own process; the benchmark relies on this to time plans without synth.
 */
function synthInProcess(file: string, appEnv: AppEnv, watch: boolean, documents: Map<string, unknown>): SynthReads | undefined {
  if (!existsSync(file)) throw new OrgformError("CONFIG_NOT_FOUND", `the cdktf app ${file} does not exist. Check "app" in cdktf.json.`);
  const outdir = appEnv.CDKTF_OUTDIR;
  const previous = Object.fromEntries(Object.keys(appEnv).map((name) => [name, process.env[name]]));
  Object.assign(process.env, appEnv);
  // Everything the synth reads, for the synth cache (src/config/synth-cache.ts). tsx's modules
  // load first: they connect to a watching tsx parent, which is none of the stack's doing.
  const typeScript = needsTypeScript(file) ? tsxApi() : undefined;
  const stopWatching = watch ? synthWatch().watchSynth(outdir) : undefined;
  let reads: SynthReads | undefined;
  // Source maps stay on (tsx turns them on): a stack that throws is reported at its TypeScript
  // line. cdktf's per-token stack traces, which made mapping cost a tenth of synth, are skipped.
  const restoreTraces = skipTokenStackTraces(file);
  const stopCollecting = collectDocuments(documents);
  const unregisterTypeScript = typeScript ? loadTypeScript(file, typeScript) : () => {};
  try {
    require(file);
  } catch (error) {
    throw synthError(error, file);
  } finally {
    // Before the watch's own patches of fs are undone (it restores what it found).
    stopCollecting();
    reads = stopWatching?.();
    unregisterTypeScript();
    restoreTraces();
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  return reads;
}

/**
 * The documents cdktf writes, as it made them (src/cli/stable-json.cjs builds each text's parsed
 * value as it writes the text): `documents` gets each file written with one of those very texts
 * (the same string, so the same bytes) under its path, until the returned function is called.
 */
function collectDocuments(documents: Map<string, unknown>): () => void {
  const made = new Map<string, unknown>();
  const registry = globalThis as { [SYNTHESIZED_DOCUMENTS]?: Map<string, unknown> };
  registry[SYNTHESIZED_DOCUMENTS] = made;
  // node's fs module itself, whose writeFileSync cdktf calls through (an import would be a copy).
  const files = require("node:fs") as { writeFileSync: (path: unknown, data: unknown, ...rest: unknown[]) => void };
  const write = files.writeFileSync;
  files.writeFileSync = function writeFileSync(this: unknown, path: unknown, data: unknown, ...rest: unknown[]) {
    write.call(this, path, data, ...rest);
    if (typeof path === "string" && typeof data === "string" && made.has(data)) documents.set(resolve(path), made.get(data));
  };
  return () => {
    files.writeFileSync = write;
    delete registry[SYNTHESIZED_DOCUMENTS];
  };
}

/** Where src/cli/stable-json.cjs registers the documents it writes while orgform synthesizes. */
const SYNTHESIZED_DOCUMENTS = Symbol.for("orgform.synthesized-documents");

/** Synthesized files of this process, by path, and the document each holds. */
const handedOver = new Map<string, unknown>();

/**
 * The document in the file at `path` if this process synthesized it, once: the engine plans from
 * what cdktf made rather than reading it back and parsing it again (the file is still written,
 * for cdktf's tools and the state commands). Undefined otherwise.
 */
export function takeSynthesizedDocument(path: string): unknown {
  const key = resolve(path);
  const document = handedOver.get(key);
  handedOver.delete(key);
  return document;
}

function synthWithCommand(app: string, projectDir: string, appEnv: AppEnv): undefined {
  try {
    childProcess().execSync(app, { cwd: projectDir, env: { ...process.env, ...appEnv }, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? "");
    const constructLine = /ConstructPropsError: (.*)/.exec(stderr);
    if (constructLine) throw new OrgformError("CONSTRUCT_INVALID", `${withFullStop(constructLine[1]!)} Fix the stack and run again.`);
    const lastLines = stderr.trim().split("\n").filter((line) => !line.includes("npm warn")).slice(-5).join("\n");
    throw new OrgformError("SYNTH_FAILED", `the cdktf app \`${app}\` failed: ${thrownInOutput(stderr, projectDir) ?? lastLines.replace(/\s*\n\s*/g, " ")}`);
  }
}

function synthError(error: unknown, file: string): OrgformError {
  if (error instanceof Error && error.name === "ConstructPropsError") {
    return new OrgformError("CONSTRUCT_INVALID", `${withFullStop(error.message)} Fix the stack and run again.`);
  }
  if (error instanceof OrgformError) return error;
  // cdktf's validation errors span lines: keep every line, on one.
  const message = (error instanceof Error ? error.message : String(error)).split("\n").map((line) => line.trim()).filter(Boolean).join(" ");
  const site = error instanceof Error ? throwSite(error.stack) : undefined;
  return new OrgformError("SYNTH_FAILED", `${file} failed to synthesize: ${message}${site ? ` (thrown at ${site})` : ""}`);
}

/**
 * cdktf.out records the project it was synthesized for: cdktf writes the default local state
 * path as an absolute one (the directory synth ran in), so a project copied with its cdktf.out
 * (`cp -r`) would otherwise read and edit the original project's state.
 */
const SYNTHESIZED_FOR = "orgform-synth.json";

function realProjectDir(projectDir: string): string {
  try {
    return realpathSync(projectDir);
  } catch {
    return resolve(projectDir);
  }
}

/**
 * The stacks of the last synth in `outdir` if orgform synthesized them in `projectDir`; undefined
 * when there is none, or it was made elsewhere (a copied project) or by another tool: then the
 * caller must synthesize, not trust paths written for another directory.
 */
export function reusableSynth(projectDir: string, outdir: string): SynthesizedStack[] | undefined {
  if (!existsSync(join(outdir, "manifest.json"))) return undefined;
  try {
    const marker = JSON.parse(readFileSync(join(outdir, SYNTHESIZED_FOR), "utf8")) as { projectDir?: unknown };
    if (marker.projectDir !== realProjectDir(projectDir)) return undefined;
  } catch {
    return undefined;
  }
  return readManifest(outdir);
}

/** The stacks of the last synth in `outdir`, from its manifest.json. */
export function readManifest(outdir: string): SynthesizedStack[] {
  const path = join(outdir, "manifest.json");
  if (!existsSync(path)) {
    throw new OrgformError("SYNTH_FAILED", `synth wrote no ${path}: does the app call app.synth()?`);
  }
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new OrgformError("SYNTH_FAILED", `${path} is not a cdktf manifest.`);
  return Object.values(parsed.data.stacks).map((stack) => ({
    name: stack.name,
    path: isAbsolute(stack.synthesizedStackPath) ? stack.synthesizedStackPath : join(outdir, stack.synthesizedStackPath),
  }));
}

/** Picks the stack named by --stack, or the only one. */
export function selectStack(stacks: readonly SynthesizedStack[], requested: string | undefined): SynthesizedStack {
  if (requested) {
    const found = stacks.find((stack) => stack.name === requested);
    if (!found) throw new OrgformError("USAGE", `no stack "${requested}". Stacks: ${stacks.map((s) => s.name).join(", ")}.`);
    return found;
  }
  if (stacks.length === 1) return stacks[0]!;
  if (stacks.length === 0) throw new OrgformError("SYNTH_FAILED", "the app defines no stack. Add a TerraformStack.");
  throw new OrgformError("USAGE", `the app defines several stacks (${stacks.map((s) => s.name).join(", ")}): choose one with --stack.`);
}
