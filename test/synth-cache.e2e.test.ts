/**
 * The synth cache (src/config/synth-cache.ts, opt-in with ORGFORM_SYNTH_CACHE=1): a command whose
 * stack, imports, environment and everything else synth read are unchanged reuses cdktf.out
 * instead of synthesizing again; any change synthesizes again. Real orgform processes; "reused" is seen as cdk.tf.json left in
 * place (the same file, where a synth moves a new one in). A file tsx has not compiled before
 * runs esbuild's worker, which the cache cannot follow: so each test synthesizes once to warm
 * tsx's own cache before the synth that can be remembered.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { SYNTH_INPUTS_FILE } from "../src/config/synth-cache";
import { runOrgform } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const stack = (extra = "") => `
import { App, TerraformStack } from "cdktf";
import { NullProvider, NullResource } from "${PROVIDERS}/null";
import { readFileSync } from "node:fs";
import { TEAM } from "./team";
const app = new App();
const stack = new TerraformStack(app, "cached");
new NullProvider(stack, "null");
new NullResource(stack, "marker", { triggers: { team: TEAM, region: process.env.SYNTH_CACHE_REGION ?? "unset", owner: readFileSync("owner.txt", "utf8"), flag: Object.prototype.hasOwnProperty.call(process.env, "SYNTH_CACHE_FLAG") ? "set" : "unset" } });
${extra}
app.synth();
`;

describe("synth cache", () => {
  let work: Workdir;
  const json = () => readFileSync(work.path("cdktf.out/stacks/cached/cdk.tf.json"), "utf8");
  const fileId = () => statSync(work.path("cdktf.out/stacks/cached/cdk.tf.json")).ino;
  const synth = async (env: NodeJS.ProcessEnv = {}) => {
    const result = await runOrgform(["synth"], { cwd: work.dir, env: { ORGFORM_SYNTH_CACHE: "1", SYNTH_CACHE_REGION: "eu", ...env } });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    return result;
  };
  /** Waits until the file system's clock has passed the files just written (a cache never trusts a file changed in the synth's own tick). */
  const fileClockPasses = () => {
    // Outside the project: a file added to its directory would itself change what synth looked at.
    const probe = `${work.dir}-clock`;
    writeFileSync(probe, "");
    const written = statSync(probe, { bigint: true }).ctimeNs;
    while (statSync(probe, { bigint: true }).ctimeNs === written) writeFileSync(probe, "");
    rmSync(probe);
  };

  beforeEach(async () => {
    work = new Workdir("orgform-synth-cache-");
    work.write("team.ts", `export const TEAM = "ml";\n`);
    work.write("owner.txt", "ada");
    work.writeStack(stack());
    fileClockPasses();
    await synth();
    await synth();
  });
  afterEach(() => work.remove());

  it("reuses the synthesized stack while nothing changed, and not unless turned on", async () => {
    const first = fileId();
    await synth();
    expect(fileId()).toBe(first);
    await synth({ ORGFORM_SYNTH_CACHE: undefined });
    expect(fileId()).not.toBe(first);
  }, 120_000);

  it.each([
    ["null", "null"],
    ["a record without its parts", JSON.stringify({ format: "orgform-synth-inputs-1" })],
  ])("synthesizes again, without crashing, over a record that is %s", async (_what, text) => {
    const reused = fileId();
    writeFileSync(work.path(`cdktf.out/${SYNTH_INPUTS_FILE}`), text);
    await synth();
    expect(fileId()).not.toBe(reused);
  }, 120_000);

  it.each([
    ["the stack file", () => work.writeStack(stack(`new NullResource(stack, "added", {});`)), `"added"`],
    ["a module it imports", () => work.write("team.ts", `export const TEAM = "platform";\n`), `"team": "platform"`],
    ["an environment variable it reads", () => undefined, `"region": "us"`],
    ["a file it reads", () => work.write("owner.txt", "grace"), `"owner": "grace"`],
    ["the presence of an environment variable it checks", () => undefined, `"flag": "set"`],
  ])("synthesizes again when %s changes", async (_what, change, expected) => {
    const reused = fileId();
    await synth();
    expect(fileId()).toBe(reused);
    change();
    fileClockPasses();
    await synth({ SYNTH_CACHE_REGION: _what.startsWith("an environment") ? "us" : "eu", ...(_what.startsWith("the presence") ? { SYNTH_CACHE_FLAG: "" } : {}) });
    expect(json()).toContain(`"marker"`);
    expect(fileId()).not.toBe(reused);
    expect(json()).toContain(expected);
  }, 120_000);

  it("synthesizes again when a new file changes what an import resolves to", async () => {
    rmSync(work.path("team.ts"));
    work.write("team/index.ts", `export const TEAM = "from-index";\n`);
    fileClockPasses();
    await synth();
    await synth();
    const reused = fileId();
    await synth();
    expect(fileId()).toBe(reused);
    expect(json()).toContain(`"team": "from-index"`);
    // ./team now resolves to team.ts, which takes precedence over team/index.ts.
    work.write("team.ts", `export const TEAM = "from-file";\n`);
    fileClockPasses();
    await synth();
    expect(json()).toContain(`"team": "from-file"`);
  }, 120_000);

  it.each([
    ["prints", `console.log("synth says hello");`],
    ["reads the clock", `new NullResource(stack, "stamp", { triggers: { at: String(Date.now()) } });`],
    ["writes a file", `require("node:fs").writeFileSync("side-effect.txt", "x");`],
  ])("never reuses a synth that %s", async (_what, extra) => {
    work.writeStack(stack(extra));
    fileClockPasses();
    await synth();
    await synth();
    const first = fileId();
    const again = await synth();
    expect(fileId()).not.toBe(first);
    if (_what === "prints") expect(again.stdout).toContain("synth says hello");
  }, 120_000);
});
