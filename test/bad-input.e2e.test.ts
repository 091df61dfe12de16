/**
 * Issue 7, bad input: each kind gets one clear error line (what is wrong, where, what to do), no
 * stack trace, and changes nothing: no state written, no API call beyond the one that found the
 * problem. Stacks here are hand-written cdk.tf.json, produced by a cdktf.json app `node gen.js`
 * that writes cdktf.out as cdktf would.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "undici";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { OpenaiEmulator } from "../providers/openai/emulator";
import { runOrgform, type CliResult } from "./support/cli";
import { Workdir } from "./support/workdir";

const ADMIN_KEY = "bad-input-admin-key-0123456789";
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

const stackJson = (resources: Record<string, Record<string, unknown>>) =>
  JSON.stringify({ provider: { langfuse: [{}] }, resource: resources, terraform: { required_providers: { langfuse: { source: "orgform/langfuse" } } } }, null, 2);
const ONE_ORG = stackJson({ langfuse_organization: { org: { name: "Bad Input Org" } } });

const orgform = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runOrgform(args, { cwd: work.dir, env: { LANGFUSE_BASE_URL: langfuseUrl, LANGFUSE_ADMIN_API_KEY: ADMIN_KEY, ...env } });
const statePath = () => work.path("terraform.bad.tfstate");

/**
 * One "Error:" line, no stack trace, exit 1. (A create that fails during apply also has its
 * progress line, "<address>: Creation failed: …", before the error.)
 */
function expectOneClearError(result: CliResult, message: RegExp): void {
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: expect.stringMatching(message) });
  expect(result.stderr.trim().split("\n").filter((line) => line.startsWith("Error:"))).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at |orgform crashed/);
}

beforeAll(async () => {
  langfuse = new LangfuseEmulator({ adminApiKey: ADMIN_KEY });
  langfuseUrl = await langfuse.start();
});
afterAll(() => langfuse.stop());
beforeEach(() => (work = new Workdir("orgform-bad-input-")));
afterEach(() => work.remove());

describe("a bad stack is refused before anything happens", () => {
  it.each([
    ["an unknown resource type", stackJson({ langfuse_organisation: { org: { name: "Typo Org" } } }), /^Error: .*langfuse_organisation/],
    ["malformed cdk.tf.json", '{ "resource": { "langfuse_organization": ', /^Error: .*cdk\.tf\.json is not valid JSON.*Run `orgform synth` again/],
    ["an unsupported argument", stackJson({ langfuse_organization: { org: { name: "Org", colour: "red" } } }), /^Error: langfuse_organization\.org: unsupported argument "colour"/],
    [
      "an expression that does not parse",
      stackJson({ langfuse_organization: { org: { name: "Org", metadata: { team: "${upper(var.team" } } } }),
      /^Error: langfuse_organization\.org\.metadata\.team \(.*cdk\.tf\.json\): cannot parse expression "\$\{upper\(var\.team"/,
    ],
  ])("%s", async (_name, content, message) => {
    writeApp(content);
    const before = langfuse.server.totalRequests();
    for (const result of await Promise.all([["plan"], ["apply", "--auto-approve"]].map((command) => orgform(command)))) expectOneClearError(result, message);
    expect(langfuse.server.totalRequests()).toBe(before);
    expect(existsSync(statePath())).toBe(false);
  });
});

describe("a hand-edited state file is refused, naming the backup", () => {
  let goodState: string;
  beforeAll(async () => {
    work = new Workdir("orgform-bad-input-");
    writeApp(ONE_ORG);
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    goodState = readFileSync(statePath(), "utf8");
    work.remove();
  });

  it.each([
    ["serial is not a number", (doc: Record<string, any>) => (doc.serial = "seven"), /field "serial"/],
    ["attributes are not an object", (doc: Record<string, any>) => (doc.resources[0].instances[0].attributes = "x"), /field "resources\.0\.instances\.0\.attributes"/],
    ["an unknown mode", (doc: Record<string, any>) => (doc.resources[0].mode = "managed-ish"), /field "resources\.0\.mode"/],
  ])("%s", async (_name, edit, field) => {
    writeApp(ONE_ORG);
    const doc = JSON.parse(goodState) as Record<string, any>;
    edit(doc);
    const edited = JSON.stringify(doc, null, 2);
    writeFileSync(statePath(), edited);
    const before = langfuse.server.totalRequests();
    const results = await Promise.all([["plan"], ["apply", "--auto-approve"], ["state", "list"]].map((command) => orgform(command)));
    for (const result of results) {
      expectOneClearError(result, field);
      expect(result.stderr).toMatch(/is not a valid state file: .*Restore it from .*terraform\.bad\.tfstate\.backup/);
    }
    expect(langfuse.server.totalRequests()).toBe(before);
    expect(readFileSync(statePath(), "utf8")).toBe(edited);
  });
});

describe("an API answer that is not what the API documents", () => {
  let server: Server;
  let badUrl: string;
  beforeAll(async () => {
    // Answers every call with 200 and a body of the wrong shape (an id that is a number).
    server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ organizations: [{ id: 42, name: 7 }], id: 42 }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    badUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("is refused naming the endpoint and the field, and state is left as it was", async () => {
    writeApp(ONE_ORG);
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    const state = readFileSync(statePath(), "utf8");
    for (const result of await Promise.all([["plan"], ["apply", "--auto-approve"]].map((command) => orgform(command, { LANGFUSE_BASE_URL: badUrl })))) {
      expectOneClearError(result, /^Error: Langfuse admin API: the response to GET \/api\/admin\/organizations.* does not match what orgform expects: .*(id|name)/);
    }
    expect(readFileSync(statePath(), "utf8")).toBe(state);
  });
});

describe("a create whose answer does not match the schema", () => {
  let proxy: Server;
  let proxyUrl: string;
  let corruptNextPost = false;
  beforeAll(async () => {
    // Forwards to the emulator (so the create really happens), but can spoil one POST's answer.
    proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", async () => {
        const headers: Record<string, string> = {};
        for (const name of ["authorization", "content-type", "accept"]) if (req.headers[name]) headers[name] = String(req.headers[name]);
        const upstream = await request(`${langfuseUrl}${req.url}`, { method: req.method as "GET", headers, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined });
        const text = await upstream.body.text();
        const spoil = req.method === "POST" && corruptNextPost;
        if (spoil) corruptNextPost = false;
        res.writeHead(spoil ? 200 : upstream.statusCode, { "content-type": "application/json" });
        res.end(spoil ? JSON.stringify({ id: 42 }) : text);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

  it("is one clear error, and the next apply adopts the object the API made instead of making a second", async () => {
    writeApp(stackJson({ langfuse_organization: { org: { name: "Schema Org" } } }));
    const named = () => [...langfuse.store.organizations.values()].filter((o) => o.name === "Schema Org").length;
    corruptNextPost = true;
    const first = await orgform(["apply", "--auto-approve"], { LANGFUSE_BASE_URL: proxyUrl });
    expectOneClearError(first, /^Error: langfuse_organization\.org: Langfuse admin API: the response to POST \/api\/admin\/organizations does not match what orgform expects/m);
    // The API did create it: orgform could not read the answer, so the outcome is unknown.
    expect(named()).toBe(1);
    const second = await orgform(["apply", "--auto-approve"], { LANGFUSE_BASE_URL: proxyUrl });
    expect(second.code).toBe(0);
    expect(named()).toBe(1);
  });
});

describe("credentials the API refuses", () => {
  it("a wrong Langfuse admin key: 401, naming LANGFUSE_ADMIN_API_KEY, state unchanged", async () => {
    writeApp(ONE_ORG);
    const wrong = { LANGFUSE_ADMIN_API_KEY: "wrong-admin-key-9876543210" };
    const organizations = langfuse.store.organizations.size;
    const first = await orgform(["apply", "--auto-approve"], wrong);
    expectOneClearError(first, /^Error: Langfuse admin API refused the credentials \(401\).*Check LANGFUSE_ADMIN_API_KEY/m);
    expect(first.stderr).not.toContain("wrong-admin-key-9876543210");
    expect(langfuse.store.organizations.size).toBe(organizations);
    expect(existsSync(statePath())).toBe(false);

    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    const state = readFileSync(statePath(), "utf8");
    expectOneClearError(await orgform(["plan"], wrong), /^Error: Langfuse admin API refused the credentials \(401\) on GET .*Check LANGFUSE_ADMIN_API_KEY/);
    expect(readFileSync(statePath(), "utf8")).toBe(state);
  });

  it("an expired OpenAI admin key: 401, naming OPENAI_ADMIN_KEY, nothing created", async () => {
    const openai = new OpenaiEmulator({ adminKey: "sk-admin-bad-input-bootstrap-0123456789" });
    const url = await openai.start();
    try {
      const created = await request(`${url}/organization/admin_api_keys`, {
        method: "POST",
        headers: { authorization: `Bearer ${openai.adminKey}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "old pipeline key" }),
      });
      const key = (await created.body.json()) as { id: string; value: string };
      openai.expireAdminKey(key.id);
      writeApp(JSON.stringify({ provider: { openai: [{}] }, resource: { openai_admin_api_key: { ci: { name: "ci" } } } }));
      const result = await orgform(["apply", "--auto-approve"], { OPENAI_BASE_URL: url, OPENAI_ADMIN_KEY: key.value });
      expectOneClearError(result, /^Error: OpenAI.* refused the credentials \(401\).*Check OPENAI_ADMIN_KEY/m);
      expect(result.stderr).not.toContain(key.value);
      expect(openai.issuedKeyValues()).toEqual([key.value]); // only the expired one: nothing created
      expect(existsSync(statePath())).toBe(false);
    } finally {
      await openai.stop();
    }
  });
});
