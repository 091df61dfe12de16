/**
 * A command loads only what it uses (issue 20 item 2): undici, the HTTP client's library, loads
 * with the first request, so a plan that sends none (--no-refresh) never loads it. Observed from
 * outside with node's own module log (NODE_DEBUG=module).
 */
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { runOrgform } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const ADMIN_KEY = "lazy-modules-admin-key";
const STACK = `
import { App, TerraformStack } from "cdktf";
import { LangfuseOrganization, LangfuseProvider } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "lazy");
new LangfuseProvider(stack, "langfuse");
new LangfuseOrganization(stack, "acme", { name: "Acme AI" });
app.synth();
`;

describe("modules a command loads", () => {
  let emulator: LangfuseEmulator;
  let work: Workdir;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    emulator = new LangfuseEmulator({ adminApiKey: ADMIN_KEY });
    env = { LANGFUSE_BASE_URL: await emulator.start(), LANGFUSE_ADMIN_API_KEY: ADMIN_KEY, NODE_DEBUG: "module" };
    work = new Workdir("orgform-lazy-");
    work.writeStack(STACK);
  });
  afterEach(async () => {
    await emulator.stop();
    work.remove();
  });

  const loadedUndici = (moduleLog: string) => /node_modules\/undici\//.test(moduleLog);

  it("loads undici only for a command that sends a request", async () => {
    const offline = await runOrgform(["plan", "--no-refresh"], { cwd: work.dir, env });
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain("1 to add");
    expect(loadedUndici(offline.stderr)).toBe(false);

    // The same plan reading the API does load it: the module log shows what it should.
    const online = await runOrgform(["plan"], { cwd: work.dir, env });
    expect(online.code).toBe(0);
    expect(loadedUndici(online.stderr)).toBe(true);
  }, 120_000);

  it("loads only the part of undici it uses: not fetch, WebSocket, caches or mocks", async () => {
    const online = await runOrgform(["plan"], { cwd: work.dir, env });
    expect(online.code).toBe(0);
    expect(online.stdout).toContain("1 to add");
    expect(online.stderr).toMatch(/node_modules\/undici\/lib\/dispatcher\/agent\.js/);
    expect(online.stderr).not.toMatch(/node_modules\/undici\/(index\.js|lib\/web\/|lib\/mock\/)/);
  }, 120_000);
});
