/**
 * The orgform executable runs the compiled build (dist/) only while it is fresh, so an edited
 * checkout (and every test of it) runs the code as it is now, never an older build. Checked on a
 * copy of the real executables in a temp directory whose dist/ and src/ answer differently.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./support/cli";

const EXECUTABLES = ["bin.cjs", "entry.cjs", "compiled.cjs", "preload.cjs", "code-cache-shared.cjs", "compile-cache.cjs", "module-pack.cjs", "lazy-dependencies.cjs", "stable-json.cjs"];

describe("which code the orgform executable runs", () => {
  let root: string;
  const builtAt = Date.now() - 60_000;
  const sourceMain = () => join(root, "src/cli/main.ts");
  const stamp = () => join(root, "dist/build-stamp.json");
  const setModified = (path: string, ms: number) => utimesSync(path, new Date(ms), new Date(ms));
  const run = (env: NodeJS.ProcessEnv = {}) => {
    const result = spawnSync(process.execPath, [join(root, "src/cli/bin.cjs"), "version"], { encoding: "utf8", env: { ...process.env, ORGFORM_FROM_SOURCE: "", ...env } });
    expect(result.stderr).toBe("");
    return result.stdout.trim();
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "orgform-build-"));
    mkdirSync(join(root, "src/cli"), { recursive: true });
    mkdirSync(join(root, "dist/src/cli"), { recursive: true });
    for (const file of EXECUTABLES) copyFileSync(join(REPO_ROOT, "src/cli", file), join(root, "src/cli", file));
    symlinkSync(join(REPO_ROOT, "node_modules"), join(root, "node_modules"), "dir");
    writeFileSync(join(root, "dist/src/cli/main.js"), `exports.main = async () => { process.stdout.write("compiled\\n"); return 0; };\n`);
    writeFileSync(sourceMain(), `export async function main(): Promise<number> { process.stdout.write("source\\n"); return 0; }\n`);
    writeFileSync(stamp(), JSON.stringify({ startedAtMs: builtAt, sources: ["src/cli/main.ts"] }));
    setModified(sourceMain(), builtAt - 60_000);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("runs the build when no source changed after it began", () => {
    expect(run()).toBe("compiled");
  });

  it("runs the sources once one of them is edited after the build began", () => {
    setModified(sourceMain(), builtAt + 1);
    expect(run()).toBe("source");
  });

  it("runs the sources when there is no build stamp (never built, or the build failed)", () => {
    unlinkSync(stamp());
    expect(run()).toBe("source");
  });

  it("runs the sources when ORGFORM_FROM_SOURCE=1", () => {
    expect(run({ ORGFORM_FROM_SOURCE: "1" })).toBe("source");
  });

  it("runs the build in an installed copy, which ships no sources", () => {
    unlinkSync(sourceMain());
    // npm gives every installed file the time of the install.
    writeFileSync(join(root, "package.json"), "{}");
    writeFileSync(stamp(), JSON.stringify({ startedAtMs: builtAt, sources: ["package.json", "src/cli/main.ts"] }));
    expect(run()).toBe("compiled");
  });
});
