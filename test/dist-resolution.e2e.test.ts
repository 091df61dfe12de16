/**
 * The compiled build's modules are resolved from the table the build wrote (src/cli/compiled.cjs,
 * resolveQuickly; dist/resolutions.json by scripts/build.cjs) instead of by searching, and a
 * package is resolved once for all of dist/. Each answer must be node's own: the table is used
 * only with the build stamp it was written with, a package is looked up again from a directory
 * with a node_modules of its own, and the table the build wrote agrees with node's resolver.
 * Each case runs in a process of its own (the resolver hook is process-wide).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "./support/cli";

const COMPILED = join(REPO_ROOT, "src/cli/compiled.cjs");

/** Runs `script` in a new node process after resolveQuickly(dist, startedAtMs); its stdout. */
function withQuickResolution(dist: string, startedAtMs: number, script: string): string {
  const prelude = `require(${JSON.stringify(COMPILED)}).resolveQuickly(${JSON.stringify(dist)}, ${startedAtMs});`;
  const result = spawnSync(process.execPath, ["-e", `${prelude}\n${script}`], { encoding: "utf8" });
  expect(result.stderr).toBe("");
  return result.stdout.trim();
}

describe("resolving the compiled build's modules", () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "orgform-resolution-"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    ["the build the table was written by", 1000, "from the table"],
    ["another build", 2000, "found by node"],
  ])("answers from the table only for %s", (_which, startedAtMs, expected) => {
    write("dist/src/a.js", `module.exports = require("./b");`);
    write("dist/src/b.js", `module.exports = "found by node";`);
    write("dist/src/c.js", `module.exports = "from the table";`);
    // A table that differs from node's answer, so that the test sees which one was used.
    write("dist/resolutions.json", JSON.stringify({ startedAtMs: 1000, from: { "src/a.js": { "./b": "src/c.js" } } }));
    const dist = join(root, "dist");
    expect(withQuickResolution(dist, startedAtMs, `process.stdout.write(require(${JSON.stringify(join(dist, "src/a.js"))}))`)).toBe(expected);
  });

  it("looks a package up again from a directory of dist/ with a node_modules of its own", () => {
    write("node_modules/pkg/index.js", `module.exports = "the package root's";`);
    write("dist/src/x/node_modules/pkg/index.js", `module.exports = "dist/src/x's own";`);
    write("dist/src/one.js", `module.exports = require("pkg");`);
    write("dist/src/x/two.js", `module.exports = require("pkg");`);
    write("dist/src/y/three.js", `module.exports = require("pkg");`);
    write("dist/resolutions.json", JSON.stringify({ startedAtMs: 1, from: {} }));
    const dist = join(root, "dist");
    const load = (file: string) => `require(${JSON.stringify(join(dist, file))})`;
    const seen = withQuickResolution(dist, 1, `process.stdout.write(JSON.stringify([${load("src/one.js")}, ${load("src/x/two.js")}, ${load("src/y/three.js")}]))`);
    expect(JSON.parse(seen)).toEqual(["the package root's", "dist/src/x's own", "the package root's"]);
  });

  it("the table the build wrote gives node's own answer for every relative require of dist/", () => {
    const dist = join(REPO_ROOT, "dist");
    const table = JSON.parse(readFileSync(join(dist, "resolutions.json"), "utf8")) as { from: Record<string, Record<string, string>> };
    const pairs = Object.entries(table.from).flatMap(([file, requests]) => Object.entries(requests).map(([request, target]) => [file, request, target] as const));
    expect(pairs.length).toBeGreaterThan(100);
    // node's resolver, without the table.
    const script = `const Module = require("node:module"), { join, dirname } = require("node:path");
const pairs = ${JSON.stringify(pairs)};
const wrong = pairs.filter(([file, request, target]) => {
  const filename = join(${JSON.stringify(dist)}, file);
  return Module._resolveFilename(request, { id: filename, filename, paths: Module._nodeModulePaths(dirname(filename)) }, false) !== join(${JSON.stringify(dist)}, target);
});
process.stdout.write(JSON.stringify(wrong));`;
    const result = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});
