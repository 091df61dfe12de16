/**
 * `orgform version` and `-v/--version`: the orgform version (package.json's) and the Node.js
 * version, as `terraform version` prints its own. They need no project, so they run in an empty
 * directory.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, runOrgform } from "./support/cli";

const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
let dir: string;

beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "orgform-version-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("orgform version", () => {
  it.each([["version"], ["-v"], ["--version"], ["-version"]])("`orgform %s` prints the orgform and Node.js versions and exits 0", async (arg) => {
    const result = await runOrgform([arg], { cwd: dir });
    expect(result).toEqual({
      code: 0,
      signal: null,
      stdout: `orgform ${version}\nnode ${process.version} on ${process.platform}_${process.arch}\n`,
      stderr: "",
    });
  });

  it("is listed by --help", async () => {
    const result = await runOrgform(["--help"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\s+-v, --version\s+print the orgform and Node.js versions$/m);
    expect(result.stdout).toMatch(/^\s+version\s+print the orgform and Node.js versions$/m);
  });
});
