/**
 * Issue 16, the bad inputs of the adversarial run (items 8, 13, 16, 17): each is refused with one
 * clear error line (what, where, the command that resolves it), no stack trace, exit 1, and
 * changes nothing: no state written, no object made or changed in the API. Stacks are
 * hand-written cdk.tf.json, produced by a cdktf.json app `node gen.js` that writes cdktf.out as
 * cdktf would; everything runs through the real CLI against the Langfuse emulator.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { runOrgform, type CliResult } from "./support/cli";
import { Workdir } from "./support/workdir";

const ADMIN_KEY = "bad-input-trust-admin-key-0123456789";
let langfuse: LangfuseEmulator;
let langfuseUrl: string;
let work: Workdir;

/** A cdktf app that writes `content` as the stack "bad" (a hand-written cdk.tf.json). */
function writeApp(content: string): void {
  work.write("cdktf.json", JSON.stringify({ language: "typescript", app: "node gen.js" }));
  work.write(
    "gen.js",
    `const fs = require("fs"), path = require("path");
const out = process.env.CDKTF_OUTDIR;
fs.mkdirSync(path.join(out, "stacks", "bad"), { recursive: true });
fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks: { bad: { name: "bad", synthesizedStackPath: "stacks/bad/cdk.tf.json" } } }));
fs.writeFileSync(path.join(out, "stacks", "bad", "cdk.tf.json"), ${JSON.stringify(content)});
`,
  );
}

const stackJson = (resources: Record<string, Record<string, unknown>>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ provider: { langfuse: [{}] }, resource: resources, terraform: { required_providers: { langfuse: { source: "orgform/langfuse" } } }, ...extra }, null, 2);

const orgform = (args: string[]) => runOrgform(args, { cwd: work.dir, env: { LANGFUSE_BASE_URL: langfuseUrl, LANGFUSE_ADMIN_API_KEY: ADMIN_KEY } });
const statePath = () => work.path("terraform.bad.tfstate");
const stateText = () => (existsSync(statePath()) ? readFileSync(statePath(), "utf8") : undefined);

/** One "Error:" line, no stack trace, exit 1. */
function expectOneClearError(result: CliResult, message: RegExp): void {
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: expect.stringMatching(message) });
  expect(result.stderr.trim().split("\n").filter((line) => line.startsWith("Error:"))).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at |orgform crashed|this is a bug/);
}

beforeAll(async () => {
  langfuse = new LangfuseEmulator({ adminApiKey: ADMIN_KEY });
  langfuseUrl = await langfuse.start();
});
afterAll(() => langfuse.stop());
beforeEach(() => (work = new Workdir("orgform-bad-input-trust-")));
afterEach(() => work.remove());

describe("item 16: a file system problem is the user's to fix, not a crash", () => {
  beforeEach(async () => {
    writeApp(stackJson({ langfuse_organization: { org: { name: "Files Org" } } }));
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
  });

  it.each([
    ["apply of a plan file that does not exist", () => ["apply", "missing.plan"], /^Error: missing\.plan: no such file or directory\. Check the path\.$/m],
    ["apply of a plan file that is a directory", () => (mkdirSync(work.path("plans")), ["apply", "plans"]), /^Error: plans: is a directory, where orgform needs a file/m],
    ["state push of a file that does not exist", () => ["state", "push", "gone.tfstate"], /^Error: gone\.tfstate: no such file or directory\. Check the path\.$/m],
    ["plan --out into a directory that does not exist", () => ["plan", "--out", "nodir/plan.bin"], /^Error: nodir\/plan\.bin: no such file or directory: the directory nodir does not exist\. .*mkdir -p nodir/m],
    ["state pull --out into a directory that does not exist", () => ["state", "pull", "--out", "nodir/state.json"], /^Error: nodir\/state\.json: no such file or directory: the directory nodir does not exist/m],
    ["plan --out under a path that is a file", () => ["plan", "--out", "terraform.bad.tfstate/plan.bin"], /^Error: terraform\.bad\.tfstate\/plan\.bin: a part of this path is a file, not a directory\. Check the path\.$/m],
    ["a journal path that is a directory", () => (mkdirSync(work.path("terraform.bad.tfstate.journal")), ["plan"]), /^Error: .*terraform\.bad\.tfstate\.journal: is a directory, where orgform needs a file/m],
  ])("%s", async (_name, setup, message) => {
    const state = stateText();
    const organizations = langfuse.store.organizations.size;
    const result = await orgform(setup());
    expectOneClearError(result, message);
    expect(stateText()).toBe(state);
    expect(langfuse.store.organizations.size).toBe(organizations);
    expect(existsSync(work.path("nodir"))).toBe(false);
  });
});

describe("item 13: a managed state entry without an id is refused as corrupt", () => {
  it("names the address and what to do, and creates no second object", async () => {
    writeApp(stackJson({ langfuse_organization: { org: { name: "Idless Org" } } }));
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    const doc = JSON.parse(stateText()!) as { resources: Array<{ instances: Array<{ attributes: Record<string, unknown> }> }> };
    delete doc.resources[0]!.instances[0]!.attributes.id;
    const edited = JSON.stringify(doc, null, 2);
    writeFileSync(statePath(), edited);
    const named = () => [...langfuse.store.organizations.values()].filter((o) => o.name === "Idless Org").length;
    for (const command of [["plan"], ["apply", "--auto-approve"], ["state", "list"]]) {
      expectOneClearError(await orgform(command), /^Error: .*terraform\.bad\.tfstate is not a valid state file: langfuse_organization\.org has no "id" attribute.*Restore it from .*terraform\.bad\.tfstate\.backup/);
    }
    expect(named()).toBe(1);
    expect(stateText()).toBe(edited);
  });
});

describe("item 8: an object already managed at another address cannot be imported again", () => {
  const TWO_ORGS = { langfuse_organization: { a: { name: "Import Org A" }, b: { name: "Import Org B" } } };
  const idOf = (address: string) => {
    const doc = JSON.parse(stateText()!) as { resources: Array<{ type: string; name: string; instances: Array<{ attributes: { id: string } }> }> };
    return doc.resources.find((r) => `${r.type}.${r.name}` === address)!.instances[0]!.attributes.id;
  };
  const names = () => [...langfuse.store.organizations.values()].map((o) => o.name).sort();

  beforeEach(async () => {
    writeApp(stackJson(TWO_ORGS));
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    expect((await orgform(["state", "rm", "langfuse_organization.b"])).code).toBe(0);
  });

  it("`orgform import` names the other address and the commands that resolve it", async () => {
    const state = stateText();
    const before = names();
    const result = await orgform(["import", "langfuse_organization.b", idOf("langfuse_organization.a")]);
    expectOneClearError(result, /^Error: import langfuse_organization\.b: langfuse_organization ".+" is already managed by langfuse_organization\.a;.*`orgform state mv langfuse_organization\.a langfuse_organization\.b`.*`orgform state rm langfuse_organization\.a`/);
    expect(stateText()).toBe(state);
    // Nothing fights over the object: a plan still changes nothing of A's.
    expect(names()).toEqual(before);
  });

  it("an import block (cdktf importFrom) is refused the same way, by plan and apply", async () => {
    writeApp(stackJson(TWO_ORGS, { import: [{ to: "langfuse_organization.b", id: idOf("langfuse_organization.a") }] }));
    const state = stateText();
    const before = names();
    for (const command of [["plan"], ["apply", "--auto-approve"]]) {
      expectOneClearError(await orgform(command), /^Error: import block langfuse_organization\.b: langfuse_organization ".+" is already managed by langfuse_organization\.a;.*`orgform state rm langfuse_organization\.a`/);
    }
    expect(stateText()).toBe(state);
    expect(names()).toEqual(before);
  });
});

describe("item 17: an output exposing a secret must be sensitive, checked the same way every time", () => {
  const KEY = { langfuse_organization: { org: { name: "Output Org" } }, langfuse_organization_api_key: { ci: { organization_id: "${langfuse_organization.org.id}", note: "ci" } } };
  const withOutput = (value: string, sensitive: boolean, locals: Record<string, string> = {}) =>
    stackJson(KEY, { output: { leak: { value, ...(sensitive ? { sensitive: true } : {}) } }, ...(Object.keys(locals).length > 0 ? { locals } : {}) });
  const made = (name: string) => [...langfuse.store.organizations.values()].filter((o) => o.name === name).length;

  it.each([
    ["the secret itself", withOutput("${langfuse_organization_api_key.ci.secret_key}", false), /\(langfuse_organization_api_key\.ci\.secret_key\)/],
    ["the secret through a function", withOutput("${upper(langfuse_organization_api_key.ci.secret_key)}", false), /\(langfuse_organization_api_key\.ci\.secret_key\)/],
    ["the secret through a local", withOutput("${local.k}", false, { k: "${langfuse_organization_api_key.ci.secret_key}" }), /\(langfuse_organization_api_key\.ci\.secret_key\)/],
    ["the whole key object", withOutput("${langfuse_organization_api_key.ci}", false), /\(langfuse_organization_api_key\.ci\)/],
  ])("is refused by the first plan and apply, while the secret is still unknown: %s", async (_name, stack, reference) => {
    writeApp(stack);
    for (const command of [["plan"], ["plan", "--out", "p.bin"], ["apply", "--auto-approve"]]) {
      const result = await orgform(command);
      expectOneClearError(result, /^Error: output\.leak refers to a sensitive value .*mark it sensitive/);
      expect(result.stderr).toMatch(reference);
    }
    expect(existsSync(work.path("p.bin"))).toBe(false);
    expect(stateText()).toBeUndefined();
    expect(made("Output Org")).toBe(0);
  });

  it("an output of only the key's id is fine", async () => {
    writeApp(withOutput("${langfuse_organization_api_key.ci.id}", false));
    expect((await orgform(["plan"])).code).toBe(0);
  });

  it("the apply of a saved plan refuses it too (a plan file made by an orgform that did not check)", async () => {
    // A plan made while the output was sensitive, then the stack changed to expose it and the
    // file's digest made to match: what a plan file from an orgform that checked only known values holds.
    writeApp(withOutput("${langfuse_organization_api_key.ci.secret_key}", true));
    expect((await orgform(["plan", "--out", "p.bin"])).code).toBe(0);
    const exposed = withOutput("${langfuse_organization_api_key.ci.secret_key}", false);
    writeApp(exposed);
    const file = JSON.parse(readFileSync(work.path("p.bin"), "utf8")) as { configDigest: string };
    file.configDigest = `sha256:${createHash("sha256").update(exposed).digest("hex")}`;
    writeFileSync(work.path("p.bin"), JSON.stringify(file));
    const result = await orgform(["apply", "p.bin"]);
    expectOneClearError(result, /^Error: output\.leak refers to a sensitive value \(langfuse_organization_api_key\.ci\.secret_key\); mark it sensitive/);
    expect(stateText()).toBeUndefined();
    expect(made("Output Org")).toBe(0);
  });
});
