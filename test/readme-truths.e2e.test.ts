/**
 * Issue 18, item 7: what the README tells a new user is true. The apply progress says
 * "Adoption complete" for an object it adopted (an Anthropic API key: the API cannot create one),
 * and the README's facts hold: the projects provider's environment, the emulator's --seed, the
 * architecture document it links, cdktf-cli's telemetry switch.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { AnthropicEmulator, DEMO, seedAnthropicDemo } from "../providers/anthropic/emulator";
import { ENV } from "../providers/projects/client";
import { REPO_ROOT, runOrgform } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const README = readFileSync(resolve(REPO_ROOT, "README.md"), "utf8");

describe("the README's truths", () => {
  it("an adopted object's progress line says Adoption complete, not Creation complete", async () => {
    const emulator = new AnthropicEmulator();
    seedAnthropicDemo(emulator);
    const env = { ANTHROPIC_BASE_URL: await emulator.start(), ANTHROPIC_ADMIN_API_KEY: emulator.adminApiKey };
    const work = new Workdir();
    try {
      work.writeStack(`import { App, TerraformStack } from "cdktf";
import { AnthropicApiKey, AnthropicProvider } from "${PROVIDERS}/anthropic";
const app = new App();
const stack = new TerraformStack(app, "adopt");
new AnthropicProvider(stack, "anthropic");
new AnthropicApiKey(stack, "ci", { apiKeyId: ${JSON.stringify(DEMO.apiKeyId)}, name: "ci" });
app.synth();
`);
      const apply = await runOrgform(["apply", "--auto-approve"], { cwd: work.dir, env });
      expect({ code: apply.code, stderr: apply.stderr }).toEqual({ code: 0, stderr: "" });
      expect(apply.stdout).toContain("anthropic_api_key.ci: Adopting...");
      expect(apply.stdout).toMatch(new RegExp(`anthropic_api_key\\.ci: Adoption complete after [0-9.]+s \\[id=${DEMO.apiKeyId}\\]`));
      expect(apply.stdout).not.toContain("Creation complete");
    } finally {
      work.remove();
      await emulator.stop();
    }
  });

  it("lists every environment variable the projects provider reads", () => {
    const row = README.split("\n").find((line) => line.startsWith("| `Project*`"))!;
    for (const names of Object.values(ENV)) expect(row).toContain(`\`${names[0]}\``);
  });

  it("documents the emulator's --seed, which the CLI has", async () => {
    expect(README).toMatch(/`--seed` starts it with the objects the demo expects/);
    const help = await runOrgform(["emulate", "--help"], { cwd: REPO_ROOT });
    expect(help.stdout).toContain("--seed");
  });

  it("links an architecture document that is in the repository, and no file outside it", () => {
    const links = [...README.matchAll(/\]\(([^)#]+)\)/g)].map((match) => match[1]!).filter((link) => !/^https?:/.test(link));
    expect(links).toContain("docs/architecture.md");
    for (const link of links) expect({ link, exists: existsSync(resolve(REPO_ROOT, link)), inside: !link.startsWith("..") }).toEqual({ link, exists: true, inside: true });
  });

  it("says how to silence cdktf-cli's telemetry", () => {
    expect(README).toContain("CHECKPOINT_DISABLE=1");
  });
});
