/**
 * Rate limits per API host (issue 10): the OpenAI admin endpoints allow about 10 requests a
 * minute and send no Retry-After. With the provider's limit set to match, an apply of 20 keys
 * against an emulator that enforces 10 a minute completes without a single refused request, and
 * the summary says how long it waited.
 */
import { OpenaiEmulator } from "../providers/openai/emulator";
import { runOrgform } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

jest.setTimeout(240_000);

it("applies 20 keys under a 10-requests-a-minute limit without one 429, reporting the wait", async () => {
  const emulator = new OpenaiEmulator();
  const work = new Workdir();
  try {
    const url = await emulator.start();
    emulator.server.setFaults({ rateLimitPerMinute: 10 });
    const keys = Array.from({ length: 20 }, (_, i) => `new OpenaiAdminApiKey(stack, "key_${i}", { name: "service ${i}" });`).join("\n");
    work.writeStack(`
import { App, TerraformStack } from "cdktf";
import { OpenaiAdminApiKey, OpenaiProvider } from "${PROVIDERS}/openai";
const app = new App();
const stack = new TerraformStack(app, "limited");
new OpenaiProvider(stack, "openai", { rateLimit: { requestsPerMinute: 10, burst: 10 } });
${keys}
app.synth();
`);
    const apply = await runOrgform(["apply", "--auto-approve"], { cwd: work.dir, env: { OPENAI_BASE_URL: url, OPENAI_ADMIN_KEY: emulator.adminKey } });
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain("Apply complete! Resources: 20 added, 0 changed, 0 destroyed.");
    expect(apply.stdout).toMatch(/Waited (\d+m)?\d+(\.\d)?s on API rate limits\./);
    expect(emulator.server.faults.rateLimited).toBe(0);
  } finally {
    await emulator.stop();
    work.remove();
  }
});
