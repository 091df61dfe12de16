/**
 * orgform as a team uses it from its own repository (issue 18 item 2): the package is packed
 * (`npm pack`, as a release or a git dependency would build it), installed into a copy of
 * examples/user-repo with npm, type-checked with cdktf's template tsconfig, and the installed
 * `orgform` plans, applies and detects drift against the installed copy's own Langfuse emulator.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { callAdminApi } from "../providers/examples";
import { REPO_ROOT } from "./support/cli";

const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_loglevel: "error" } });

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe("orgform installed from a packed tarball into a team's repo", () => {
  let repo: string;
  let emulator: ChildProcess | undefined;

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), "orgform-user-repo-"));
    cpSync(join(REPO_ROOT, "examples/user-repo"), repo, { recursive: true });
    mkdirSync(join(repo, "vendor"));
    // The package is built from the sources as they are now, then packed as `npm pack` does.
    execFileSync(process.execPath, [join(REPO_ROOT, "scripts/build.cjs")], { cwd: REPO_ROOT, stdio: "ignore" });
    npm(["pack", "--ignore-scripts", "--pack-destination", join(repo, "vendor")], REPO_ROOT);
    // From npm's cache when it holds the versions (as on this machine), else from the registry.
    npm(["install", "--prefer-offline", "--no-audit", "--no-fund"], repo);
  }, 600_000);

  afterAll(() => {
    emulator?.kill();
    rmSync(repo, { recursive: true, force: true });
  });

  const orgform = (args: string[], env: NodeJS.ProcessEnv): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawn(join(repo, "node_modules/.bin/orgform"), args, { cwd: repo, env: { ...process.env, ...env, NO_COLOR: "1", CI: "true" } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });

  /** Starts `orgform emulate langfuse` from the installed copy; resolves with the variables it prints. */
  const startEmulator = (): Promise<Record<string, string>> =>
    new Promise((resolve, reject) => {
      emulator = spawn(join(repo, "node_modules/.bin/orgform"), ["emulate", "langfuse"], { cwd: repo, stdio: ["ignore", "pipe", "inherit"] });
      let printed = "";
      emulator.on("error", reject);
      emulator.on("exit", (code) => reject(new Error(`orgform emulate exited with ${code}: ${printed}`)));
      emulator.stdout!.on("data", (chunk: Buffer) => {
        printed += chunk.toString();
        const variables = Object.fromEntries([...printed.matchAll(/^\s*export (\w+)=(\S+)$/gm)].map((match) => [match[1]!, match[2]!]));
        if (variables.LANGFUSE_BASE_URL && variables.LANGFUSE_ADMIN_API_KEY) resolve(variables);
      });
    });

  it("ships the runtime only: compiled code, the executables, README; no tests, bench, CI or orgform's own cdktf.json", () => {
    const tarball = readdirSync(join(repo, "vendor")).find((file) => file.endsWith(".tgz"))!;
    const files = execFileSync("tar", ["tzf", join(repo, "vendor", tarball)], { encoding: "utf8" }).trim().split("\n");
    expect(files).toContain("package/dist/providers/index.js");
    expect(files).toContain("package/dist/providers/index.d.ts");
    expect(files).toContain("package/src/cli/bin.cjs");
    expect(files.filter((file) => /\.test\.|\/bench\/|\/\.ci\/|^package\/cdktf\.json$|^package\/(test|stacks)\/|\.ts$(?<!\.d\.ts)/.test(file))).toEqual([]);
    const installed = JSON.parse(readFileSync(join(repo, "node_modules/orgform/package.json"), "utf8")) as { peerDependencies: Record<string, string> };
    expect(Object.keys(installed.peerDependencies).sort()).toEqual(["cdktf", "constructs"]);
  });

  it("type-checks the team's stack with cdktf's template tsconfig", () => {
    expect(() => npm(["run", "typecheck"], repo)).not.toThrow();
  }, 120_000);

  it("plans, applies, plans clean and sees drift, all with the installed orgform", async () => {
    const env = await startEmulator();
    const plan = await orgform(["plan", "--detailed-exitcode"], env);
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("Plan: 2 to add, 0 to change, 0 to destroy.");

    const apply = await orgform(["apply", "--auto-approve"], env);
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
    const organizationId = /organization_id = "([^"]+)"/.exec(apply.stdout)![1]!;

    const clean = await orgform(["plan", "--detailed-exitcode"], env);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("No changes.");

    // Someone renames the organization in the console.
    await callAdminApi(`${env.LANGFUSE_BASE_URL}/api/admin/organizations/${organizationId}`, "PUT", { authorization: `Bearer ${env.LANGFUSE_ADMIN_API_KEY}` }, { name: "Renamed by hand" });
    const drift = await orgform(["plan", "--detailed-exitcode"], env);
    expect(drift.stderr).toBe("");
    expect(drift.code).toBe(2);
    expect(drift.stdout).toMatch(/~ name\s+= "Renamed by hand" -> "Acme AI Platform"/);
  }, 240_000);
});
