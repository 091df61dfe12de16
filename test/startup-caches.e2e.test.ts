/**
 * What orgform does to start faster changes nothing a command does (issue 20): the V8 code cache
 * (src/cli/compile-cache.cjs) gives the same output from a cold and a warm cache, is written only
 * where this user alone can write, and is off with ORGFORM_COMPILE_CACHE=0; cdktf's archiver,
 * loaded only when called (src/cli/lazy-dependencies.cjs), still zips a stack's assets.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, runOrgform } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const STACK = `
import { App, TerraformStack } from "cdktf";
import { NullProvider, NullResource } from "${PROVIDERS}/null";
const app = new App();
const stack = new TerraformStack(app, "caches");
new NullProvider(stack, "null");
const first = new NullResource(stack, "first", { triggers: { n: "1" } });
new NullResource(stack, "second", { triggers: { first: first.id } });
app.synth();
`;

describe("start-up caches", () => {
  let work: Workdir;
  let cacheDir: string;
  beforeEach(() => {
    work = new Workdir("orgform-caches-");
    cacheDir = join(mkdtempSync(join(tmpdir(), "orgform-cache-test-")), "cache");
  });
  afterEach(() => {
    work.remove();
    rmSync(join(cacheDir, ".."), { recursive: true, force: true });
  });
  const plan = () => runOrgform(["plan", "--no-color"], { cwd: work.dir, env: { ORGFORM_COMPILE_CACHE_DIR: cacheDir } });

  it("plans the same from a cold and from a warm code cache", async () => {
    work.writeStack(STACK);
    const cold = await plan();
    expect(cold.stderr).toBe("");
    expect(cold.code).toBe(0);
    expect(cold.stdout).toContain("2 to add");
    const prefix = `${process.version}-${process.arch}-[0-9a-f]{8}`;
    expect(readdirSync(cacheDir).sort()).toEqual([expect.stringMatching(new RegExp(`^${prefix}-[0-9a-f]{8}\\.pack$`)), expect.stringMatching(new RegExp(`^${prefix}\\.bin$`))]);
    // The second run writes the module pack, the third adds its code, the fourth uses it whole.
    for (let run = 2; run <= 4; run++) expect(await plan()).toEqual(cold);
  }, 120_000);

  it("writes no cache with ORGFORM_COMPILE_CACHE=0, nor into a directory others can write", async () => {
    work.writeStack(STACK);
    const off = await runOrgform(["plan", "--no-color"], { cwd: work.dir, env: { ORGFORM_COMPILE_CACHE_DIR: cacheDir, ORGFORM_COMPILE_CACHE: "0" } });
    expect(off.code).toBe(0);
    expect(existsSync(cacheDir)).toBe(false);

    // Nor under a tool that needs node's own loading: coverage, a preloaded require hook.
    work.write("preloaded.cjs", "// a require hook would be installed here\n");
    for (const env of [{ NODE_V8_COVERAGE: work.path("coverage") }, { NODE_OPTIONS: `--require ${work.path("preloaded.cjs")}` }]) {
      const aside = await runOrgform(["plan", "--no-color"], { cwd: work.dir, env: { ORGFORM_COMPILE_CACHE_DIR: cacheDir, ...env } });
      expect(aside.stdout).toContain("2 to add");
      expect(existsSync(cacheDir)).toBe(false);
    }

    // A directory anyone can write in could hold planted code: it is not used.
    rmSync(cacheDir, { recursive: true, force: true });
    mkdirSync(cacheDir);
    chmodSync(cacheDir, 0o777);
    const shared = await plan();
    expect(shared.code).toBe(0);
    expect(shared.stdout).toContain("2 to add");
    expect(readdirSync(cacheDir)).toEqual([]);
  }, 120_000);

  it("cleans up only its own files: the newest packs stay, and no other file is touched", async () => {
    work.writeStack(STACK);
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const old = new Date(Date.now() - 3_600_000);
    const planted = Array.from({ length: 20 }, (_, n) => `${process.version}-${process.arch}-0000000${n % 10}-000000${String(n).padStart(2, "0")}.pack`);
    for (const name of [...planted, "notes.pack", "keep.bin"]) {
      writeFileSync(join(cacheDir, name), "");
      utimesSync(join(cacheDir, name), old, old);
    }
    await plan(); // a mark for this directory: a write, so the clean-up runs
    const left = readdirSync(cacheDir);
    expect(left).toEqual(expect.arrayContaining(["notes.pack", "keep.bin"]));
    expect(left.filter((name) => name.endsWith(".pack") && name !== "notes.pack")).toHaveLength(16);
  }, 120_000);

  it("still zips a stack's asset directory (cdktf loads archiver when it is called)", async () => {
    work.write("asset/hello.txt", "hello\n");
    work.writeStack(`
import { App, TerraformStack, TerraformAsset, AssetType, TerraformOutput } from "cdktf";
import { NullProvider, NullResource } from "${PROVIDERS}/null";
const app = new App();
const stack = new TerraformStack(app, "assets");
new NullProvider(stack, "null");
const asset = new TerraformAsset(stack, "bundle", { path: ${JSON.stringify(work.path("asset"))}, type: AssetType.ARCHIVE });
new NullResource(stack, "uses", { triggers: { hash: asset.assetHash } });
new TerraformOutput(stack, "bundle_path", { value: asset.path });
app.synth();
`);
    const result = await runOrgform(["synth"], { cwd: work.dir, env: { ORGFORM_COMPILE_CACHE_DIR: cacheDir } });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const assets = join(work.dir, "cdktf.out", "stacks", "assets", "assets", "bundle");
    const [hashDir] = readdirSync(assets);
    expect(readdirSync(join(assets, hashDir!))).toEqual(["archive.zip"]);
  }, 120_000);

  it("keeps zod's locales, loaded on first use", () => {
    const script = `require(${JSON.stringify(join(REPO_ROOT, "src/cli/lazy-dependencies.cjs"))})();
const { z } = require("zod");
const before = Object.keys(require.cache).some((file) => file.includes("/locales/fr"));
z.config(z.locales.fr());
const message = z.string().safeParse(1).error.issues[0].message;
process.stdout.write(JSON.stringify({ before, message, locales: Object.keys(z.locales).length > 40, has: "de" in z.locales }));`;
    const result = spawnSync(process.execPath, ["-e", script], { cwd: REPO_ROOT, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ before: false, message: expect.stringMatching(/^Entrée invalide/), locales: true, has: true });
  });

  it("checks a binary's version with semver, loaded on first use", () => {
    const script = `require(${JSON.stringify(join(REPO_ROOT, "src/cli/lazy-dependencies.cjs"))})();
const { ValidateBinaryVersion } = require("cdktf/lib/validations/validate-binary-version.js");
const loaded = () => Object.keys(require.cache).some((file) => file.includes("/node_modules/semver/"));
const before = loaded();
const ok = new ValidateBinaryVersion("tool", ">=1.0.0", "echo tool 1.2.3").validate();
const low = new ValidateBinaryVersion("tool", ">=2.0.0", "echo tool 1.2.3").validate();
process.stdout.write(JSON.stringify({ before, ok, low, after: loaded() }));`;
    const result = spawnSync(process.execPath, ["-e", script], { cwd: REPO_ROOT, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ before: false, ok: [], low: [expect.stringContaining("tool version 1.2.3 is lower than the required version >=2.0.0")], after: true });
  });
});
