/**
 * Issue 16, the files orgform keeps beside a local state, seen as a user does through the real
 * CLI against the Langfuse emulator: temp files left by killed runs, files written with `--out`,
 * explicit encryption (`state encrypt`), and a project copied with `cp -r`.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { runOrgform, type CliResult } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const ADMIN_KEY = "state-files-admin-key-7c1d2e3f";
const STACK = `
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "files");
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: "Files Co" });
new LangfuseOrganizationApiKey(stack, "key", { organizationId: org.id, note: "ci" });
app.synth();
`;
const STATE = "terraform.files.tfstate";

const emulator = new LangfuseEmulator({ adminApiKey: ADMIN_KEY });
let baseUrl: string;
const workdirs: Workdir[] = [];

beforeAll(async () => {
  baseUrl = await emulator.start();
});
afterAll(async () => {
  await emulator.stop();
  for (const work of workdirs) work.remove();
});

function orgformIn(dir: string, env: NodeJS.ProcessEnv = {}) {
  return (args: string[], more: NodeJS.ProcessEnv = {}): Promise<CliResult> =>
    runOrgform(args, { cwd: dir, env: { LANGFUSE_BASE_URL: baseUrl, LANGFUSE_ADMIN_API_KEY: ADMIN_KEY, ...env, ...more } });
}

/** A project whose stack has been applied: its organization key's secret is in state. */
async function appliedProject(env: NodeJS.ProcessEnv = {}): Promise<{ work: Workdir; orgform: ReturnType<typeof orgformIn>; secret: string }> {
  const work = new Workdir("orgform-state-files-");
  workdirs.push(work);
  work.writeStack(STACK);
  const orgform = orgformIn(work.dir, env);
  const before = new Set(emulator.store.keys.keys());
  const applied = await orgform(["apply", "--auto-approve"]);
  expect(applied.stderr).toBe("");
  expect(applied.code).toBe(0);
  const made = [...emulator.store.keys.values()].filter((key) => !before.has(key.id));
  expect(made).toHaveLength(1);
  return { work, orgform, secret: made[0]!.secretKey };
}

/** The pid of a process that has exited, as a run killed earlier would have had. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString());
}

const mode = (path: string): number => statSync(path).mode & 0o777;

describe("temp files left by killed runs (item 12)", () => {
  it("are removed by the next run that takes the lock; a live run's temp file stays", async () => {
    const { work, orgform, secret } = await appliedProject();
    const dead = deadPid();
    const leftovers = [`${STATE}.tmp-${dead}-1`, `${STATE}.backup.tmp-${dead}-2`, `${STATE}.journal.tmp-${dead}`];
    for (const name of leftovers) {
      writeFileSync(work.path(name), readFileSync(work.path(STATE)));
      chmodSync(work.path(name), 0o644);
    }
    // This test process runs: a temp file named for it belongs to a write in progress.
    const live = `${STATE}.tmp-${process.pid}-1`;
    writeFileSync(work.path(live), "{}");

    const apply = await orgform(["apply", "--auto-approve"]);
    expect(apply.code).toBe(0);
    const left = readdirSync(work.dir);
    expect(left.filter((name) => leftovers.includes(name))).toEqual([]);
    expect(left).toContain(live);
    // No file beside the state holds the key's secret readable by others.
    for (const name of left.filter((name) => name.startsWith(STATE))) {
      if (readFileSync(work.path(name), "utf8").includes(secret)) expect([name, mode(work.path(name))]).toEqual([name, 0o600]);
    }
  });
});

describe("files written with --out (item 11)", () => {
  it("are mode 0600 even when they existed with another mode, as the command says", async () => {
    const { work, orgform } = await appliedProject();
    for (const name of ["pulled.tfstate", "saved.plan"]) {
      writeFileSync(work.path(name), "an older copy");
      chmodSync(work.path(name), 0o644);
    }
    const pull = await orgform(["state", "pull", "--out", "pulled.tfstate"]);
    expect(pull.code).toBe(0);
    expect(pull.stdout).toContain("mode 0600");
    expect(mode(work.path("pulled.tfstate"))).toBe(0o600);
    const plan = await orgform(["plan", "--out", "saved.plan"]);
    expect(plan.code).toBe(0);
    expect(mode(work.path("saved.plan"))).toBe(0o600);
  });

  it("`state pull --out` writes the copy encrypted when state encryption is on, and `state push` reads it back", async () => {
    const passphrase = { ORGFORM_STATE_PASSPHRASE: "pull-out-passphrase-0123456789" };
    const { work, orgform, secret } = await appliedProject(passphrase);
    const pull = await orgform(["state", "pull", "--out", "copy.tfstate"]);
    expect(pull.stderr).toBe("");
    expect(pull.code).toBe(0);
    expect(pull.stdout).toContain("encrypted with ORGFORM_STATE_PASSPHRASE");
    const copy = readFileSync(work.path("copy.tfstate"), "utf8");
    expect(copy).not.toContain(secret);
    expect(JSON.parse(copy)).toHaveProperty("orgform_encrypted", 1);
    expect(mode(work.path("copy.tfstate"))).toBe(0o600);

    const push = await orgform(["state", "push", "copy.tfstate"]);
    expect(push.stderr).toBe("");
    expect(push.code).toBe(0);
    expect((await orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
    // Without the passphrase the copy opens for nobody, and the error names what to set.
    const blind = await orgform(["state", "push", "copy.tfstate"], { ORGFORM_STATE_PASSPHRASE: "" });
    expect(blind.code).toBe(1);
    expect(blind.stderr).toMatch(/^Error: copy\.tfstate is encrypted .*ORGFORM_STATE_PASSPHRASE/m);
  });
});

describe("state encrypt (item 14)", () => {
  const OLD = "the-old-passphrase-0123456789";
  const NEW = "the-new-passphrase-9876543210";
  const keyId = (path: string): string => (JSON.parse(readFileSync(path, "utf8")) as { key_id: string }).key_id;

  it("encrypts, then re-keys, the state and its backup at once; the old passphrase opens neither", async () => {
    const { work, orgform, secret } = await appliedProject();
    const files = () => readdirSync(work.dir).filter((name) => name.startsWith(STATE));

    const unset = await orgform(["state", "encrypt"]);
    expect(unset.code).toBe(1);
    expect(unset.stderr).toMatch(/^Error: ORGFORM_STATE_PASSPHRASE is not set/m);

    const encrypt = await orgform(["state", "encrypt"], { ORGFORM_STATE_PASSPHRASE: OLD });
    expect(encrypt.stderr).toBe("");
    expect(encrypt.code).toBe(0);
    for (const name of files()) expect([name, readFileSync(work.path(name), "utf8").includes(secret)]).toEqual([name, false]);
    expect(keyId(work.path(`${STATE}.backup`))).toBe(keyId(work.path(STATE)));
    const oldKey = keyId(work.path(STATE));

    const rekey = await orgform(["state", "encrypt"], { ORGFORM_STATE_PASSPHRASE: NEW, ORGFORM_STATE_PREVIOUS_PASSPHRASE: OLD });
    expect(rekey.stderr).toBe("");
    expect(rekey.code).toBe(0);
    expect(rekey.stdout).toContain("ORGFORM_STATE_PREVIOUS_PASSPHRASE no longer opens it");
    expect(keyId(work.path(STATE))).not.toBe(oldKey);
    expect(keyId(work.path(`${STATE}.backup`))).toBe(keyId(work.path(STATE)));
    for (const name of files()) expect([name, readFileSync(work.path(name), "utf8").includes(secret)]).toEqual([name, false]);

    const withOld = await orgform(["state", "list"], { ORGFORM_STATE_PASSPHRASE: OLD });
    expect(withOld.code).toBe(1);
    expect(withOld.stderr).toMatch(/^Error: .*is encrypted with key id \w+, which ORGFORM_STATE_PASSPHRASE does not open/m);
    // The backup, restored by hand, does not open with the old passphrase either.
    cpSync(work.path(`${STATE}.backup`), work.path(STATE));
    expect((await orgform(["state", "list"], { ORGFORM_STATE_PASSPHRASE: OLD })).code).toBe(1);
    const withNew = await orgform(["state", "list"], { ORGFORM_STATE_PASSPHRASE: NEW });
    expect(withNew.code).toBe(0);
    expect(withNew.stdout.split("\n")).toContain("langfuse_organization_api_key.key");
    expect((await orgform(["plan", "--detailed-exitcode"], { ORGFORM_STATE_PASSPHRASE: NEW })).code).toBe(0);
  });
});

describe("a project copied with its cdktf.out (item 9)", () => {
  it("has state commands act on the copy's own state, never the original's", async () => {
    const { work: original, orgform: inOriginal } = await appliedProject();
    expect(existsSync(original.path("cdktf.out/manifest.json"))).toBe(true);
    const copyDir = join(tmpdir(), `orgform-state-files-copy-${process.pid}`);
    rmSync(copyDir, { recursive: true, force: true });
    expect(spawnSync("cp", ["-r", original.dir, copyDir]).status).toBe(0);
    workdirs.push({ remove: () => rmSync(copyDir, { recursive: true, force: true }) } as Workdir);
    const inCopy = orgformIn(copyDir);
    const originalState = readFileSync(original.path(STATE), "utf8");

    const rm = await inCopy(["state", "rm", "langfuse_organization_api_key.key"]);
    expect(rm.stderr).toBe("");
    expect(rm.code).toBe(0);
    const mv = await inCopy(["state", "mv", "langfuse_organization.org", "langfuse_organization.moved"]);
    expect(mv.code).toBe(0);
    expect((await inCopy(["state", "list"])).stdout.trim().split("\n")).toEqual(["langfuse_organization.moved"]);
    expect((await inCopy(["state", "pull", "--out", "copy.tfstate"])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(copyDir, "copy.tfstate"), "utf8")).resources.map((r: { name: string }) => r.name)).toEqual(["moved"]);

    // The original is untouched: same bytes, same addresses, nothing to change.
    expect(readFileSync(original.path(STATE), "utf8")).toBe(originalState);
    expect(existsSync(original.path(`${STATE}.lock.info`))).toBe(false);
    expect((await inOriginal(["state", "list"])).stdout.trim().split("\n")).toEqual(["langfuse_organization.org", "langfuse_organization_api_key.key"]);
    expect((await inOriginal(["plan", "--detailed-exitcode"])).code).toBe(0);

    // A copy without state of its own says so, naming its own path.
    rmSync(join(copyDir, STATE));
    const list = await inCopy(["state", "list"]);
    expect(list.code).toBe(1);
    expect(list.stderr).toContain(join(copyDir, STATE));
  });
});
