/** `orgform report keys`: every managed key with its dates, and the ones a security review must see. */
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { runOrgform } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

it("lists every managed key with dates and flags unused, never-used and expiring keys, in three formats", async () => {
  const emulator = new LangfuseEmulator("report-admin-key");
  const work = new Workdir();
  try {
    const env = { LANGFUSE_BASE_URL: await emulator.start(), LANGFUSE_ADMIN_API_KEY: "report-admin-key" };
    work.writeStack(`
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "keys");
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: "Key Co" });
for (const note of ["fresh", "stale", "idle", "expiring"]) new LangfuseOrganizationApiKey(stack, note, { organizationId: org.id, note });
app.synth();
`);
    expect((await runOrgform(["apply", "--auto-approve"], { cwd: work.dir, env })).code).toBe(0);
    const day = 86_400_000;
    const key = (note: string) => [...emulator.keys.values()].find((k) => k.note === note)!;
    key("fresh").lastUsedAt = new Date(Date.now() - day).toISOString();
    key("stale").lastUsedAt = new Date(Date.now() - 60 * day).toISOString();
    key("idle").createdAt = new Date(Date.now() - 45 * day).toISOString();
    key("expiring").lastUsedAt = new Date().toISOString();
    key("expiring").expiresAt = new Date(Date.now() + 3 * day).toISOString();

    const text = await runOrgform(["report", "keys"], { cwd: work.dir, env });
    expect(text.code).toBe(0);
    const line = (address: string) => text.stdout.split("\n").find((l) => l.startsWith(address))!;
    expect(line("langfuse_organization_api_key.fresh")).toMatch(/ ok$/);
    expect(line("langfuse_organization_api_key.stale")).toMatch(/ unused$/);
    expect(line("langfuse_organization_api_key.idle")).toMatch(/ never-used$/);
    expect(line("langfuse_organization_api_key.expiring")).toMatch(/ expiring$/);
    expect(text.stdout).toContain("4 keys, 3 flagged");

    const json = JSON.parse((await runOrgform(["report", "keys", "--json", "--unused-days", "90"], { cwd: work.dir, env })).stdout);
    expect(json.schema).toBe("orgform.keys/v1");
    expect(json.keys.find((k: { address: string }) => k.address.endsWith(".stale")).flags).toEqual([]);
    expect(json.keys.find((k: { address: string }) => k.address.endsWith(".stale")).lastUsedAt).toBe(key("stale").lastUsedAt);

    const markdown = await runOrgform(["report", "keys", "--markdown"], { cwd: work.dir, env });
    expect(markdown.stdout).toContain("| key | type | created | last used | expires | flags |");
    expect(markdown.stdout).toContain("| `langfuse_organization_api_key.stale` stale | langfuse_organization_api_key |");
    for (const k of emulator.keys.values()) expect(text.stdout + markdown.stdout + JSON.stringify(json)).not.toContain(k.secretKey);
  } finally {
    await emulator.stop();
    work.remove();
  }
});
