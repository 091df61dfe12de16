/**
 * What the module pack (src/cli/module-pack.cjs) leaves to node, and how it names its code in
 * stack traces, seen from a process that installs it as orgform's executable does, run four times
 * in one directory (mark, sources, code, then the pack as it is). The packages here are small
 * stand-ins in the project's own node_modules, under names orgform depends on (only those are
 * packed) and one it does not.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./support/cli";

/** Runs `script` (after installing the pack) four times in `dir`; each run's stdout. */
function fourRuns(dir: string, cacheDir: string, script: string): string[] {
  const program = `require(${JSON.stringify(join(REPO_ROOT, "src/cli/module-pack.cjs"))})(process.env);\n${script}`;
  return [1, 2, 3, 4].map(() => {
    const result = spawnSync(process.execPath, ["-e", program], { cwd: dir, encoding: "utf8", env: { ...process.env, ORGFORM_COMPILE_CACHE_DIR: cacheDir } });
    expect(result.stderr).toBe("");
    return result.stdout.trim();
  });
}

/** Where the first frame of a stack trace is, named by module when it is the pack's. */
const WHERE = `
function where(error) {
  const [, file, line] = /\\((.+?):(\\d+):\\d+\\)/.exec(error.stack.split("\\n")[1]);
  const pack = globalThis[Symbol.for("orgform.module-pack")];
  const frame = (pack && pack.unpack(file, Number(line))) || { file, line: Number(line) };
  return require("node:path").relative(process.cwd(), frame.file) + ":" + frame.line + (file.includes(".pack#") ? " (packed)" : "");
}`;

describe("the module pack's rules", () => {
  let dir: string;
  let cacheDir: string;
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "orgform-pack-rules-"));
    cacheDir = join(dir, "cache");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("names each packed module's lines right, past line breaks other than \\n in the modules before it", () => {
    // V8 breaks lines at a lone \r, U+2028 and U+2029 too. Modules in ASCII and the others are
    // packed in two scripts: a module of each kind breaks lines so before a module that throws.
    write("node_modules/pg/index.js", `exports.a = 1;\rexports.b = 2;\r\nexports.c = 3;\n`);
    write("node_modules/undici/index.js", `"use strict";\n\nexports.fail = function fail() {\n  throw new Error("boom");\n};\n`);
    write("node_modules/constructs/index.js", `exports.text = "a\u2028b";\nexports.last = "\u2029";\n`);
    write("node_modules/tsx/index.js", `// é\nexports.fail = function fail() {\n  throw new Error("boom");\n};\n`);
    const runs = fourRuns(
      dir,
      cacheDir,
      `${WHERE}
require("pg");
require("constructs");
const sites = [];
for (const name of ["undici", "tsx"]) try { require(name).fail(); } catch (error) { sites.push(where(error)); }
console.log(sites.join(" "));`,
    );
    expect(runs).toEqual([
      ...Array(2).fill("node_modules/undici/index.js:4 node_modules/tsx/index.js:3"),
      ...Array(2).fill("node_modules/undici/index.js:4 (packed) node_modules/tsx/index.js:3 (packed)"),
    ]);
  });

  it("leaves to node a module with a dynamic import and packages orgform does not use, and packs a module that starts with an HTML-like comment", () => {
    write("node_modules/zod/index.js", `exports.ready = import("./impl.mjs").then((m) => m.word);\n`);
    write("node_modules/zod/impl.mjs", `export const word = "imported";\n`);
    // Valid where a line starts only: in the pack, each module starts on a line of its own.
    write("node_modules/commander/index.js", `--> an old-style comment\nexports.word = "commented";\n`);
    write("node_modules/callsite-user/index.js", `exports.fail = function fail() {\n  throw new Error("here");\n};\n`);
    write("node_modules/undici/index.js", `exports.fail = function fail() {\n  throw new Error("boom");\n};\n`);
    const runs = fourRuns(
      dir,
      cacheDir,
      `${WHERE}
const words = [require("commander").word];
try { require("callsite-user").fail(); } catch (error) { words.push(where(error)); }
try { require("undici").fail(); } catch (error) { words.push(where(error)); }
require("zod").ready.then((word) => console.log([word, ...words].join(" ")));`,
    );
    expect(runs.slice(0, 2)).toEqual(Array(2).fill("imported commented node_modules/callsite-user/index.js:2 node_modules/undici/index.js:2"));
    // The pack still serves the rest.
    expect(runs.slice(2)).toEqual(Array(2).fill("imported commented node_modules/callsite-user/index.js:2 node_modules/undici/index.js:2 (packed)"));
  });
});
