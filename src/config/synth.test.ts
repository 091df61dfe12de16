import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synth } from "./synth";

describe("synth", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "orgform-synth-"));
    writeFileSync(join(dir, "cdktf.json"), JSON.stringify({ app: "node gen.js" }));
    // Writes the manifest first, as cdktf may: orgform must still publish it last.
    writeFileSync(
      join(dir, "gen.js"),
      `const fs = require("fs"), path = require("path");
const out = process.env.CDKTF_OUTDIR;
fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify({ stacks: { a: { name: "a", synthesizedStackPath: "stacks/a/cdk.tf.json" }, b: { name: "b", synthesizedStackPath: "stacks/b/cdk.tf.json" } } }));
for (const name of ["a", "b"]) {
  fs.mkdirSync(path.join(out, "stacks", name), { recursive: true });
  fs.writeFileSync(path.join(out, "stacks", name, "cdk.tf.json"), "{}");
}
`,
    );
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it("moves manifest.json into cdktf.out last, so a reader that finds it finds every stack it names", () => {
    const moved: string[] = [];
    // node's own fs module (an import * copy would not be the object synth calls through).
    const fs = jest.requireActual<typeof import("node:fs")>("node:fs");
    const rename = fs.renameSync;
    const outdir = join(dir, "cdktf.out");
    jest.spyOn(fs, "renameSync").mockImplementation((from, to) => {
      if (String(to).startsWith(outdir)) moved.push(String(to).slice(outdir.length + 1));
      rename(from, to);
    });
    const stacks = synth({ projectDir: dir });
    expect(stacks.map((stack) => stack.name).sort()).toEqual(["a", "b"]);
    // The stacks, the record of the directory synth ran in (a copied project re-synthesizes), the manifest.
    expect(moved).toHaveLength(4);
    expect(moved).toContain("orgform-synth.json");
    expect(moved[moved.length - 1]).toBe("manifest.json");
  });

  it.each([
    ["in process", "node context.js"],
    ["as a command", "node ./context.js && true"],
  ])("hands the app cdktf.json's context, as the cdktf CLI does (%s)", (_how, app) => {
    writeFileSync(join(dir, "cdktf.json"), JSON.stringify({ app, context: { team: "ml", stage: 2 } }));
    writeFileSync(
      join(dir, "context.js"),
      `const { App, TerraformOutput, TerraformStack } = require(${JSON.stringify(require.resolve("cdktf"))});
const app = new App();
const stack = new TerraformStack(app, "ctx");
new TerraformOutput(stack, "team", { value: app.node.tryGetContext("team") ?? "none" });
new TerraformOutput(stack, "stage", { value: stack.node.tryGetContext("stage") ?? 0 });
app.synth();
`,
    );
    const [stack] = synth({ projectDir: dir });
    const outputs = (JSON.parse(readFileSync(stack!.path, "utf8")) as { output: Record<string, { value: unknown }> }).output;
    expect([outputs.team!.value, outputs.stage!.value]).toEqual(["ml", 2]);
    expect(process.env.CDKTF_CONTEXT_JSON).toBeUndefined();
  });
});
