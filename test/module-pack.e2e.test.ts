/**
 * The module pack (src/cli/module-pack.cjs) serves the modules a command loaded last time from
 * one script: it must never serve a module whose file has changed since, even one npm-style
 * installs leave with the same size and modification time, nor one another require hook would
 * have transformed, and a stack's error must still be reported at the stack's own line when the
 * code that threw came from the pack. Checked with a plain JavaScript stack (loaded without tsx,
 * so its packages come through the pack) that uses its own copy of a package orgform depends on
 * (only those are packed): `pg`, here a small stand-in.
 */
import { mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, runOrgform } from "./support/cli";
import { Workdir } from "./support/workdir";

const STACK = `const { App, TerraformStack } = require("cdktf");
const { NullProvider } = require("@cdktf/provider-null/lib/provider");
const { Resource } = require("@cdktf/provider-null/lib/resource");
const { greeting, required } = require("pg");
required(process.env.GREETING_NAME);
const app = new App();
const stack = new TerraformStack(app, "packed");
new NullProvider(stack, "null");
new Resource(stack, "hello", { triggers: { greeting: greeting() } });
app.synth();
`;

/**
 * A require hook in the way of pirates (@babel/register, nyc): it wraps the .js loader and gives
 * the module its own compile, which rewrites the stand-in's source on the way (its word becomes
 * $STAGE).
 */
const STAGED_HOOK = `const Module = require("node:module");
const load = Module._extensions[".js"];
Module._extensions[".js"] = function staged(module, filename) {
  if (filename.includes("node_modules/pg/")) {
    const compile = module._compile;
    module._compile = (code, file) => compile.call(module, code.replace("hello", process.env.STAGE), file);
  }
  return load(module, filename);
};
`;

/** The modification time npm gives every file it installs. */
const NPM_TIME = new Date("1985-10-26T08:15:00Z");

const greetingPackage = (word: string) => `"use strict";
exports.greeting = function greeting() {
  return "${word}";
};
exports.required = function required(name) {
  if (!name) throw new Error("GREETING_NAME is not set");
};
`;

describe("the module pack", () => {
  let work: Workdir;
  let cacheDir: string;
  beforeEach(() => {
    work = new Workdir("orgform-pack-");
    // node_modules of its own: cdktf and the null provider from the repository, and one package
    // that is the stack's alone.
    unlinkSync(work.path("node_modules"));
    mkdirSync(work.path("node_modules/@cdktf"), { recursive: true });
    for (const name of ["cdktf", "constructs", "@cdktf/provider-null"]) symlinkSync(join(REPO_ROOT, "node_modules", name), work.path(`node_modules/${name}`), "dir");
    work.write("node_modules/pg/package.json", JSON.stringify({ name: "pg", version: "1.0.0", main: "index.js" }));
    work.write("node_modules/pg/index.js", greetingPackage("hello"));
    utimesSync(work.path("node_modules/pg/index.js"), NPM_TIME, NPM_TIME);
    work.write("cdktf.json", JSON.stringify({ language: "javascript", app: "node main.js" }));
    work.writeStack(STACK, "main.js");
    cacheDir = join(mkdtempSync(join(tmpdir(), "orgform-pack-cache-")), "cache");
  });
  afterEach(() => {
    work.remove();
    rmSync(join(cacheDir, ".."), { recursive: true, force: true });
  });
  const plan = (env: NodeJS.ProcessEnv = { GREETING_NAME: "world" }) => runOrgform(["plan", "--no-color"], { cwd: work.dir, env: { ORGFORM_COMPILE_CACHE_DIR: cacheDir, ...env } });
  const pack = () => {
    const names = readdirSync(cacheDir).filter((name) => name.endsWith(".pack"));
    expect(names).toHaveLength(1);
    const { size, mtimeMs } = statSync(join(cacheDir, names[0]!));
    return { size, mtimeMs };
  };
  /** Runs until the pack has its code: the first run leaves a mark, the second the sources, the third the code. */
  const warm = async () => {
    for (let run = 1; run <= 3; run++) {
      const result = await plan();
      expect(result.stderr).toBe("");
      expect(result.stdout).toContain('greeting = "hello"');
    }
  };

  it("settles: once warm, a command uses the pack as it is and does not write it again", async () => {
    await warm();
    const settled = pack();
    const again = await plan();
    expect(again.stdout).toContain('greeting = "hello"');
    expect(pack()).toEqual(settled);
  }, 120_000);

  it("loads a package file changed since the pack was made from the file, even with its old size and time", async () => {
    await warm();
    const file = work.path("node_modules/pg/index.js");
    const before = statSync(file);
    // As npm installs a package: a file of the same size, given the same fixed modification time.
    writeFileSync(file, greetingPackage("howdy"));
    utimesSync(file, NPM_TIME, NPM_TIME);
    expect(statSync(file).size).toBe(before.size);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);

    const changed = await plan();
    expect(changed.stderr).toBe("");
    expect(changed.stdout).toContain('greeting = "howdy"');
    expect(changed.stdout).not.toContain('greeting = "hello"');
  }, 120_000);

  it("leaves a module to another require hook: what the hook makes of it counts, not the pack's copy", async () => {
    work.writeStack(`${STAGED_HOOK}${STACK}`, "main.js");
    for (const stage of ["dev", "dev", "dev", "prod"]) {
      const result = await plan({ GREETING_NAME: "world", STAGE: stage });
      expect(result.stderr).toBe("");
      expect(result.stdout).toContain(`greeting = "${stage}"`);
    }
  }, 120_000);

  it("steps aside for a require hook given to node before orgform starts (nyc, @babel/register)", async () => {
    work.write("staged.cjs", STAGED_HOOK);
    for (const stage of ["dev", "dev", "dev", "prod"]) {
      const result = await plan({ GREETING_NAME: "world", STAGE: stage, NODE_OPTIONS: `--require ${work.path("staged.cjs")}` });
      expect(result.stderr).toBe("");
      expect(result.stdout).toContain(`greeting = "${stage}"`);
    }
  }, 120_000);

  it("reports a stack's error at the stack's line when the code that threw came from the pack", async () => {
    await warm();
    const failed = await plan({ GREETING_NAME: "" });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^Error: \S+main\.js failed to synthesize: GREETING_NAME is not set \(thrown at main\.js:5\)\n$/);
  }, 120_000);
});
