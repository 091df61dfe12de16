/**
 * Where a stack's code threw, for the one-line synth error: the first frame of the stack trace in
 * the user's own code (not Node's internals, not node_modules, not orgform's own engine and
 * providers), as `file:line`. A message alone ("TEAMS is not set") leaves the user searching.
 */
import { isAbsolute, relative, resolve, sep } from "node:path";

// src/config → the package root (the sources', or dist/'s when compiled); and the executables'
// own modules (src/cli/*.cjs: the loaders), which stay beside dist/ when it runs.
const ORGFORM_DIRS = [...["src", "providers"].map((dir) => resolve(__dirname, "..", "..", dir) + sep), resolve(__dirname, "..", "..", "..", "src", "cli") + sep];

/** Where orgform's module pack (src/cli/module-pack.cjs) registers which lines of its scripts are whose. */
const PACK = Symbol.for("orgform.module-pack");

const FRAME = /^\s*at (?:.*? \()?(.+?):(\d+):\d+\)?$/;

/** `main.ts:9` for the first frame in user code, relative to `cwd` when inside it; undefined if none. */
export function throwSite(stack: string | undefined, cwd: string = process.cwd()): string | undefined {
  for (const line of (stack ?? "").split("\n")) {
    const frame = FRAME.exec(line);
    if (!frame) continue;
    const { file, line: lineNumber } = unpackFrame(frame[1]!.replace(/^file:\/\//, ""), Number(frame[2]));
    if (!isAbsolute(file) || file.includes(`${sep}node_modules${sep}`) || ORGFORM_DIRS.some((dir) => file.startsWith(dir))) continue;
    const shown = relative(cwd, file);
    return `${shown.startsWith("..") ? file : shown}:${lineNumber}`;
  }
  return undefined;
}

/**
 * The module and line a frame is in. Code that node loaded from orgform's module pack
 * (src/cli/module-pack.cjs: cdktf, zod, orgform's build, …) has a pack script's name and line in
 * stack traces; the pack registers which of its lines belong to which module.
 */
export function unpackFrame(file: string, line: number): { file: string; line: number } {
  return packRegistry()?.unpack(file, line) ?? { file, line };
}

/** A stack trace with every frame of the module pack named by its module's file and line (the column is left as it is). */
export function unpackStack(stack: string): string {
  let text = stack;
  for (const name of packRegistry()?.names ?? []) {
    text = text.split(`${name}:`).reduce((before, rest) => {
      const at = /^(\d+)/.exec(rest);
      if (!at) return `${before}${name}:${rest}`;
      const frame = unpackFrame(name, Number(at[1]));
      return `${before}${frame.file}:${frame.line}${rest.slice(at[1]!.length)}`;
    });
  }
  return text;
}

interface PackRegistry {
  readonly names: readonly string[];
  unpack(name: string, line: number): { file: string; line: number } | undefined;
}

function packRegistry(): PackRegistry | undefined {
  return (globalThis as { [PACK]?: PackRegistry })[PACK];
}

/**
 * The error a stack printed when it ran as its own process (cdktf.json's "app" command): Node
 * prints the throwing line, a caret, then `Error: message` and the frames. One line of it.
 */
export function thrownInOutput(stderr: string, cwd?: string): string | undefined {
  const lines = stderr.split("\n");
  const at = lines.findIndex((line) => /^[A-Za-z]*Error(?: \[\w+\])?: /.test(line));
  if (at < 0) return undefined;
  const site = throwSite(lines.slice(at + 1).join("\n"), cwd);
  return `${lines[at]!.trim()}${site ? ` (thrown at ${site})` : ""}`;
}

/** A message as a sentence: a question ("did you mean …?") keeps its mark instead of gaining "?.". */
export function withFullStop(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}
