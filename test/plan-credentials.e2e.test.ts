/**
 * Issue 18, item 3: a plan checks each provider's credentials, so a new stack's pull-request plan
 * fails on a wrong key, a missing env var or an unreachable URL instead of passing and leaving the
 * failure to the pipeline's apply. `--no-refresh` skips the check, and a plan of an applied stack
 * sends no read more than its refresh needs.
 */
import type { EmulatorDefinition, RunningEmulator } from "../src/emulator/definition";
import { builtInEmulators } from "../providers/emulators";
import { runOrgform } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

interface Case {
  readonly provider: string;
  readonly stack: string;
  /** The env var holding the secret a wrong value of which must be refused. */
  readonly keyVar: string;
  /** The emulator route (as counted) the check reads. */
  readonly checkRoute: RegExp;
  /** How often a plan of the applied stack reads that route: its refresh's own reads. */
  readonly readsByRefresh: number;
  /** Whether planning the stack's create reads the API anyway (a workspace checks the 100-workspace limit). */
  readonly createValidatesOnline?: boolean;
  /** The emulator provider to start, where it is not `provider`. */
  readonly emulator?: string;
  /** More environment the stack needs, made in the started emulator (an organization key). */
  setup?(env: Record<string, string>): Promise<Record<string, string>>;
}

/** A Langfuse organization and its key, made through the admin API as an admin would. */
async function langfuseOrgKey(env: Record<string, string>): Promise<Record<string, string>> {
  const admin = { authorization: `Bearer ${env.LANGFUSE_ADMIN_API_KEY}`, "content-type": "application/json" };
  const org = (await (await fetch(`${env.LANGFUSE_BASE_URL}/api/admin/organizations`, { method: "POST", headers: admin, body: JSON.stringify({ name: "Credentials Co" }) })).json()) as { id: string };
  const key = (await (await fetch(`${env.LANGFUSE_BASE_URL}/api/admin/organizations/${org.id}/apiKeys`, { method: "POST", headers: admin, body: "{}" })).json()) as { publicKey: string; secretKey: string };
  return { LANGFUSE_ORG_PUBLIC_KEY: key.publicKey, LANGFUSE_ORG_SECRET_KEY: key.secretKey };
}

const CASES: readonly Case[] = [
  {
    provider: "anthropic",
    stack: `import { AnthropicProvider, AnthropicWorkspace } from "${PROVIDERS}/anthropic";
new AnthropicProvider(stack, "anthropic");
new AnthropicWorkspace(stack, "w", { name: "Credentials" });`,
    keyVar: "ANTHROPIC_ADMIN_API_KEY",
    checkRoute: /^GET .*\/organizations\/me$/,
    readsByRefresh: 0,
    createValidatesOnline: true,
  },
  {
    provider: "langfuse",
    stack: `import { LangfuseProvider, LangfuseOrganization } from "${PROVIDERS}/langfuse";
new LangfuseProvider(stack, "langfuse");
new LangfuseOrganization(stack, "o", { name: "Credentials Org" });`,
    keyVar: "LANGFUSE_ADMIN_API_KEY",
    checkRoute: /^GET \/api\/admin\/organizations$/,
    readsByRefresh: 1,
  },
  {
    provider: "langfuse (public API, the provider's organization key)",
    emulator: "langfuse",
    stack: `import { LangfuseProvider, LangfuseProject } from "${PROVIDERS}/langfuse";
new LangfuseProvider(stack, "langfuse");
new LangfuseProject(stack, "p", { name: "credentials" });`,
    keyVar: "LANGFUSE_ORG_SECRET_KEY",
    checkRoute: /^GET \/api\/public\/organizations\/projects$/,
    readsByRefresh: 1,
    setup: langfuseOrgKey,
  },
  {
    provider: "openai",
    stack: `import { OpenaiProvider, OpenaiAdminApiKey } from "${PROVIDERS}/openai";
new OpenaiProvider(stack, "openai");
new OpenaiAdminApiKey(stack, "k", { name: "credentials" });`,
    keyVar: "OPENAI_ADMIN_KEY",
    checkRoute: /^GET .*\/organization\/admin_api_keys$/,
    readsByRefresh: 1,
  },
  {
    provider: "projects",
    stack: `import { ProjectsProvider, Project } from "${PROVIDERS}/projects";
new ProjectsProvider(stack, "projects");
new Project(stack, "p", { name: "Credentials project" });`,
    keyVar: "ORGANIZATIONS_API_TOKEN",
    checkRoute: /^GET \/organizations\/[^/]+\/projects$/,
    readsByRefresh: 1,
  },
];

const WRONG_SECRET = "wrong-secret-value-0123456789";

describe.each(CASES)("plan checks the $provider credentials", (c) => {
  let emulator: RunningEmulator;
  let env: Record<string, string>;
  let work: Workdir;

  beforeAll(async () => {
    const definition = builtInEmulators.find((d) => d.name === (c.emulator ?? c.provider)) as EmulatorDefinition;
    emulator = definition.create();
    env = definition.environment(emulator, await emulator.start());
    if (c.setup) env = { ...env, ...(await c.setup(env)) };
    work = new Workdir();
    work.writeStack(`import { App, TerraformStack } from "cdktf";\n${c.stack.split("\n")[0]}\nconst app = new App();\nconst stack = new TerraformStack(app, "creds");\n${c.stack.split("\n").slice(1).join("\n")}\napp.synth();\n`);
  });

  afterAll(async () => {
    await emulator.stop();
    work.remove();
  });

  const checkReads = () => [...emulator.server.counters].filter(([key]) => c.checkRoute.test(key)).reduce((n, [, count]) => n + count, 0);
  const plan = (extraEnv: Record<string, string | undefined>, args: string[] = []) =>
    runOrgform(["plan", ...args], { cwd: work.dir, env: { ...env, ORGFORM_HTTP_MAX_RETRIES: "0", ...extraEnv } });

  it("a wrong key fails a new stack's plan with the one-line credentials message, naming the env var", async () => {
    const result = await plan({ [c.keyVar]: WRONG_SECRET });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^Error: .*refused the credentials \(40[13]\)/);
    expect(result.stderr).toContain(c.keyVar);
    expect(result.stdout + result.stderr).not.toContain(WRONG_SECRET);
  });

  it("--no-refresh skips the check", async () => {
    emulator.server.counters.clear();
    const result = await plan({ [c.keyVar]: WRONG_SECRET }, ["--no-refresh"]);
    expect(checkReads()).toBe(0);
    if (c.createValidatesOnline) return;
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(result.stdout).toContain("1 to add");
  });

  it("a missing key fails the plan, naming the env var to set", async () => {
    const result = await plan({ [c.keyVar]: undefined });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(c.keyVar);
  });

  it("the check is one read on a new stack, and none beyond the refresh's once applied", async () => {
    emulator.server.counters.clear();
    const first = await plan({});
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: "" });
    expect(checkReads()).toBe(1);
    const apply = await runOrgform(["apply", "--auto-approve"], { cwd: work.dir, env });
    expect({ code: apply.code, stderr: apply.stderr }).toEqual({ code: 0, stderr: "" });
    emulator.server.counters.clear();
    const again = await plan({}, ["--detailed-exitcode"]);
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: "" });
    expect(checkReads()).toBe(c.readsByRefresh);
  });
});

describe("an unreachable base URL", () => {
  it("fails a new stack's plan in one line naming the URL", async () => {
    const work = new Workdir();
    try {
      work.writeStack(`import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "creds");
new LangfuseProvider(stack, "langfuse");
new LangfuseOrganization(stack, "o", { name: "Credentials Org" });
app.synth();
`);
      // Port 9 (discard) on loopback: nothing listens there, the connection is refused at once.
      const url = "http://127.0.0.1:9";
      const result = await runOrgform(["plan"], { cwd: work.dir, env: { LANGFUSE_BASE_URL: url, LANGFUSE_ADMIN_API_KEY: WRONG_SECRET, ORGFORM_HTTP_MAX_RETRIES: "0" } });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain(url);
      expect(result.stdout + result.stderr).not.toContain(WRONG_SECRET);
    } finally {
      work.remove();
    }
  });
});
