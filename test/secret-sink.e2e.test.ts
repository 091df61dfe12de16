/**
 * Secrets minted once, delivered to a sink, kept out of state (issue 10), through the real CLI
 * against the Langfuse emulator: file, dotenv and command sinks, revocation when delivery fails,
 * rotation that delivers the new secret before the old key is deleted, and refused sink paths.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, statSync, writeFileSync, readdirSync } from "node:fs";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { runOrgform, type CliResult } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const stack = (keys: string) => `
import { App, TerraformStack, TerraformOutput } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "sinks");
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: "Sink Co" });
${keys}
app.synth();
`;

describe("secret sinks", () => {
  let emulator: LangfuseEmulator;
  let work: Workdir;
  let env: NodeJS.ProcessEnv;
  const outputs: CliResult[] = [];
  const orgform = async (args: string[]): Promise<CliResult> => {
    const result = await runOrgform(args, { cwd: work.dir, env });
    outputs.push(result);
    return result;
  };
  const secrets = () => [...emulator.store.keys.values()].map((k) => k.secretKey);
  const expectNoSecretAnywhere = () => {
    const everything = outputs.map((o) => o.stdout + o.stderr).join("\n") + readFileSync(work.path("terraform.sinks.tfstate"), "utf8") + readdirSync(work.path("cdktf.out/stacks/sinks")).map((f) => readFileSync(work.path(`cdktf.out/stacks/sinks/${f}`), "utf8")).join("");
    for (const secret of secrets()) expect(everything).not.toContain(secret);
  };

  beforeEach(async () => {
    emulator = new LangfuseEmulator({ adminApiKey: "sink-admin-key" });
    env = { LANGFUSE_BASE_URL: await emulator.start(), LANGFUSE_ADMIN_API_KEY: "sink-admin-key" };
    work = new Workdir();
    outputs.length = 0;
  });
  afterEach(async () => {
    await emulator.stop();
    work.remove();
  });

  it("delivers each key's secret once to a file, a dotenv entry and a command; state keeps none", async () => {
    work.write(".env", "EXISTING=kept\n");
    work.write("receive.js", `const fs = require("fs"); let v = ""; process.stdin.on("data", (d) => (v += d)); process.stdin.on("end", () => fs.appendFileSync("received.txt", v + "\\n"));`);
    work.writeStack(
      stack(`
const fileKey = new LangfuseOrganizationApiKey(stack, "file_key", { organizationId: org.id, note: "file", secretSink: { kind: "file", path: "secrets/file.key" } });
new LangfuseOrganizationApiKey(stack, "env_key", { organizationId: org.id, note: "dotenv", secretSink: { kind: "dotenv", path: ".env", name: "LANGFUSE_SECRET_KEY" } });
new LangfuseOrganizationApiKey(stack, "cmd_key", { organizationId: org.id, note: "command", secretSink: { kind: "command", command: "node receive.js" } });
new TerraformOutput(stack, "file_secret", { value: fileKey.secretKey, sensitive: true });
`),
    );
    const plan = await orgform(["plan"]);
    expect(plan.stdout).toMatch(/\+ secret_key\s+= \(delivered to file secrets\/file\.key\)/);
    expect(plan.stdout).toMatch(/\+ secret_key\s+= \(delivered to dotenv \.env \(LANGFUSE_SECRET_KEY\)\)/);
    const apply = await orgform(["apply", "--auto-approve"]);
    expect(apply.code).toBe(0);
    const byNote = (note: string) => [...emulator.store.keys.values()].find((k) => k.note === note)!.secretKey;

    expect(readFileSync(work.path("secrets/file.key"), "utf8")).toBe(`${byNote("file")}\n`);
    expect(statSync(work.path("secrets/file.key")).mode & 0o777).toBe(0o600);
    expect(readFileSync(work.path(".env"), "utf8")).toBe(`EXISTING=kept\nLANGFUSE_SECRET_KEY="${byNote("dotenv")}"\n`);
    expect(readFileSync(work.path("received.txt"), "utf8")).toBe(`${byNote("command")}\n`);

    const state = JSON.parse(readFileSync(work.path("terraform.sinks.tfstate"), "utf8"));
    const fileKey = state.resources.find((r: { name: string }) => r.name === "file_key").instances[0];
    expect(fileKey.attributes.secret_key).toBeNull();
    const output = await orgform(["output", "file_secret"]);
    expect(output.stdout).toContain("(delivered to file secrets/file.key)");

    const again = await orgform(["plan", "--detailed-exitcode"]);
    expect(again.stdout).toContain("No changes.");
    expect(again.code).toBe(0);
    expect(readFileSync(work.path("received.txt"), "utf8").trim().split("\n")).toHaveLength(1);
    expectNoSecretAnywhere();
  });

  it("revokes the new key when the sink command keeps failing", async () => {
    work.writeStack(stack(`new LangfuseOrganizationApiKey(stack, "key", { organizationId: org.id, note: "doomed", secretSink: { kind: "command", command: "exit 3" } });`));
    const apply = await orgform(["apply", "--auto-approve"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("failed after 3 tries");
    expect(apply.stderr).toContain("was revoked (deleted) so that no key exists that nobody holds");
    expect(emulator.store.keys.size).toBe(0);
    const state = JSON.parse(readFileSync(work.path("terraform.sinks.tfstate"), "utf8"));
    expect(state.resources.map((r: { name: string }) => r.name)).toEqual(["org"]);
    expectNoSecretAnywhere();
  });

  it("rotation delivers the new secret before the old key is deleted", async () => {
    // The sink records how many keys the API holds at the moment it receives a secret.
    work.write(
      "record.js",
      `const fs = require("fs"); let v = ""; process.stdin.on("data", (d) => (v += d)); process.stdin.on("end", async () => {
  const orgs = await (await fetch(process.env.LANGFUSE_BASE_URL + "/api/admin/organizations", { headers: { authorization: "Bearer sink-admin-key" } })).json();
  const keys = await (await fetch(process.env.LANGFUSE_BASE_URL + "/api/admin/organizations/" + orgs.organizations[0].id + "/apiKeys", { headers: { authorization: "Bearer sink-admin-key" } })).json();
  fs.appendFileSync("deliveries.txt", JSON.stringify({ keysAlive: keys.apiKeys.length }) + "\\n");
});`,
    );
    const keyWith = (rotation: string) => stack(`new LangfuseOrganizationApiKey(stack, "key", { organizationId: org.id, note: "rotating", rotation: "${rotation}", secretSink: { kind: "command", command: "node record.js" } });`);
    work.writeStack(keyWith("2026-11"));
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    const first = [...emulator.store.keys.keys()];
    work.writeStack(keyWith("2026-12"));
    const plan = await orgform(["plan"]);
    expect(plan.stdout).toContain("+/- create replacement and then destroy");
    expect(plan.stdout).toMatch(/~ rotation\s+= "2026-11" -> "2026-12" # forces replacement/);
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    const deliveries = readFileSync(work.path("deliveries.txt"), "utf8").trim().split("\n").map((line) => JSON.parse(line));
    expect(deliveries).toEqual([{ keysAlive: 1 }, { keysAlive: 2 }]);
    expect(emulator.store.keys.size).toBe(1);
    expect(first.some((id) => emulator.store.keys.has(id))).toBe(false);
    expectNoSecretAnywhere();
  });

  it.each([
    ["inside the output directory", `{ kind: "file", path: "cdktf.out/leak.key" }`, /inside the stack's output directory/],
    ["tracked by git", `{ kind: "file", path: "tracked.key" }`, /is tracked by git/],
  ])("refuses a sink path %s before creating anything", async (_name, sink, message) => {
    execFileSync("git", ["init", "-q"], { cwd: work.dir });
    writeFileSync(work.path("tracked.key"), "placeholder\n");
    execFileSync("git", ["add", "tracked.key"], { cwd: work.dir });
    work.writeStack(stack(`new LangfuseOrganizationApiKey(stack, "key", { organizationId: org.id, note: "x", secretSink: ${sink} });`));
    const apply = await orgform(["apply", "--auto-approve"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(message);
    expect(emulator.store.organizations.size).toBe(0);
  });
});
