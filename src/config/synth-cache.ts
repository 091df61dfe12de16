/**
 * Reuses the last in-process synth while nothing it read has changed: the files of cdktf.out it
 * wrote are then exactly what synthesizing again would write, so synth is skipped (cdktf, tsx
 * and the stack do not even load). What a synth read comes from src/config/synth-watch.ts; a
 * synth that used any channel the watch cannot track is never reused.
 *
 * The record (cdktf.out/orgform-synth-inputs.json) holds, for the synth that made cdktf.out:
 *   - the fixed facts: node's version, platform, arch, executable and flags, the working and
 *     project directories, the app and the output directory;
 *   - each environment variable it read (and those that shape node itself: TZ, LANG, LC_*,
 *     NODE_PATH, NODE_OPTIONS), as a salted hash of name and value, never the value;
 *   - for every path it read or looked at (module files, resolution places, files read):
 *     absent, or its device, inode, mode, size, modification and change times;
 *   - a hash of each file it wrote.
 * A file changed within the file system clock's tick of the synth could keep its times: a synth
 * that read such a file writes no record. Any difference, a missing or unreadable record, or
 * ORGFORM_SYNTH_CACHE=0 means synthesizing as before.
 */
import { createHash, randomBytes } from "node:crypto";
import { type BigIntStats, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import type { SynthReads } from "./synth-watch";

export const SYNTH_INPUTS_FILE = "orgform-synth-inputs.json";
const FORMAT = "orgform-synth-inputs-1";

/** Environment variables that shape node itself (time zone, locale, module paths, flags): always part of the key. */
const NODE_ENV = ["TZ", "LANG", "LANGUAGE", "NODE_PATH", "NODE_OPTIONS", "NODE_ICU_DATA"];
/** Families of variables, each set as a whole: locale, and those of tsx and esbuild (the transform). */
const NODE_ENV_FAMILY = /^(?:LC_|TSX_|ESBUILD_)/;
/** Paths that shape node itself: the time zone. */
const NODE_PATHS = ["/etc/localtime", "/etc/timezone"];
/** Set by orgform to the synth's own directory, a new one every time: never part of the key. */
const OWN_OUTDIR_VARIABLE = "CDKTF_OUTDIR";

/** What one synth is: the same app, in the same place, run by the same node. */
export interface SynthIdentity {
  readonly projectDir: string;
  readonly app: string;
  /** The app's file, absolute. */
  readonly file: string;
  readonly outdir: string;
  /** cdktf.json, read before the synth. */
  readonly cdktfJson: string;
}

interface Record {
  readonly format: string;
  readonly facts: string;
  readonly salt: string;
  readonly env: { [name: string]: string };
  readonly family: string;
  readonly paths: { [path: string]: string };
  readonly outputs: { [file: string]: string };
}

// Whether it is on: decided in synth-app.ts, which synth.ts loads without this module.
export { synthCacheEnabled } from "./synth-app";

/** Whether cdktf.out holds what synthesizing `identity` now would write. */
export function reusable(identity: SynthIdentity, env: NodeJS.ProcessEnv): boolean {
  try {
    const record = JSON.parse(readFileSync(join(identity.outdir, SYNTH_INPUTS_FILE), "utf8")) as Record;
    if (record.format !== FORMAT || record.facts !== facts(identity) || record.family !== familyHash(record.salt, env)) return false;
    for (const [name, hashed] of Object.entries(record.env)) if (hashed !== envHash(record.salt, name, env[name])) return false;
    for (const [path, recorded] of Object.entries(record.paths)) if (fingerprint(path) !== recorded) return false;
    const outputs = Object.entries(record.outputs);
    if (outputs.length === 0) return false;
    for (const [file, hashed] of outputs) if (contentHash(join(identity.outdir, file)) !== hashed) return false;
    return true;
  } catch {
    // No record, or one that is not what this code writes (cut short, edited): synthesize.
    return false;
  }
}

/** Forgets the record before a synth (a synth that fails leaves none). */
export function forget(outdir: string): void {
  rmSync(join(outdir, SYNTH_INPUTS_FILE), { force: true });
}

/**
 * The file system's clock now, in nanoseconds: the change time of a directory just made. A path
 * whose change time is not before it may have changed again without its times changing.
 */
export function fileSystemNow(justMade: string): bigint {
  return statSync(justMade, { bigint: true }).ctimeNs;
}

/** The content hash of each file a synth wrote into its own directory, taken before they move. */
export function outputHashes(own: string, written: readonly string[]): { [file: string]: string } {
  return Object.fromEntries(written.map((file) => [file, contentHash(join(own, file))]));
}

/**
 * Records the synth that wrote `outputs` (their hashes, taken in its own directory before the
 * move: another run may have moved its own files into `outdir` since, and the record must never
 * pair these inputs with that run's output) after reading `reads`, if it can be repeated.
 * `startedAt`: fileSystemNow() before it began.
 */
export function remember(identity: SynthIdentity, reads: SynthReads, outputs: { readonly [file: string]: string }, startedAt: bigint, env: NodeJS.ProcessEnv): void {
  const written = Object.keys(outputs);
  if (reads.unrepeatable !== undefined) return;
  // Only Terraform JSON and the manifest: assets are copies of directories the watch does not follow.
  if (!written.every((file) => file === "manifest.json" || file === "orgform-synth.json" || /^stacks[\\/][^\\/]+[\\/]cdk\.tf\.json$/.test(file))) return;
  const paths: { [path: string]: string } = {};
  for (const path of [...reads.paths, ...NODE_PATHS, join(identity.projectDir, "cdktf.json"), identity.file]) {
    // The output directory changes with every synth; a stack that read what is in it (an
    // earlier synth's output) cannot be repeated from the record.
    if (resolve(path) === resolve(identity.outdir)) continue;
    if (resolve(path).startsWith(resolve(identity.outdir) + sep)) return;
    const stat = statOf(path);
    // A device, pipe or socket (/dev/stdin, /dev/urandom), or a kernel file (/proc): its content is not its times.
    if (stat && ((!stat.isFile() && !stat.isDirectory()) || /^\/(?:proc|sys|dev)\//.test(path))) return;
    if (stat && stat.ctimeNs >= startedAt) return;
    paths[path] = fingerprintOf(stat);
  }
  const salt = randomBytes(16).toString("hex");
  const envHashes: { [name: string]: string } = {};
  for (const name of [...reads.envNames, ...NODE_ENV]) if (name !== OWN_OUTDIR_VARIABLE) envHashes[name] = envHash(salt, name, env[name]);
  const record: Record = { format: FORMAT, facts: facts(identity), salt, env: envHashes, family: familyHash(salt, env), paths, outputs };
  const target = join(identity.outdir, SYNTH_INPUTS_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify(record), { mode: 0o600 });
    renameSync(temporary, target);
  } catch {
    rmSync(temporary, { force: true }); // a record not written only means synthesizing next time
  }
}

/** Every file under `dir`, relative to it. */
export function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(dir, join(prefix, entry.name)) : [join(prefix, entry.name)]));
}

function facts(identity: SynthIdentity): string {
  return JSON.stringify([
    process.version,
    process.platform,
    process.arch,
    process.execPath,
    process.execArgv,
    process.cwd(),
    real(identity.projectDir),
    identity.app,
    identity.file,
    real(identity.outdir),
    createHash("sha256").update(identity.cdktfJson).digest("hex"),
  ]);
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Absent, or what changes whenever the path's content or entries change. */
function fingerprint(path: string): string {
  return fingerprintOf(statOf(path));
}

function fingerprintOf(stat: BigIntStats | undefined): string {
  return stat ? `${stat.dev}:${stat.ino}:${stat.mode}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}` : "absent";
}

/** The path's stat, or undefined where nothing is (a missing entry, or a file where a directory would be). */
function statOf(path: string): BigIntStats | undefined {
  try {
    return statSync(path, { bigint: true, throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function envHash(salt: string, name: string, value: string | undefined): string {
  return createHash("sha256").update(`${salt}\0${name}\0${value === undefined ? "\0unset" : `=${value}`}`).digest("hex");
}

function familyHash(salt: string, env: NodeJS.ProcessEnv): string {
  const names = Object.keys(env).filter((name) => NODE_ENV_FAMILY.test(name)).sort();
  return createHash("sha256").update(`${salt}\0${names.map((name) => `${name}=${env[name]}`).join("\0")}`).digest("hex");
}

function contentHash(file: string): string {
  try {
    return createHash("sha256").update(readFileSync(file)).digest("hex");
  } catch {
    return "absent";
  }
}
