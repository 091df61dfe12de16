/**
 * A state entry marked tainted (Terraform's `"status": "tainted"`, as `terraform taint` writes
 * it) is replaced by every plan until a replacement succeeds, and the status survives a targeted
 * apply of something else.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

const langfuse = new LangfuseEmulator({ adminApiKey: "tainted-admin-key-0123456789" });
let run: StackRun;

beforeAll(async () => {
  await langfuse.start();
  run = new StackRun("tainted", { LANGFUSE_BASE_URL: langfuse.url, LANGFUSE_ADMIN_API_KEY: langfuse.adminApiKey }, "orgform-tainted-");
  await run.synthOnce(`
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "tainted");
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: "Tainted Org" });
new LangfuseOrganizationApiKey(stack, "ci", { organizationId: org.id, note: "ci" });
new LangfuseOrganizationApiKey(stack, "ops", { organizationId: org.id, note: "ops" });
app.synth();
`);
});

afterAll(async () => {
  await langfuse.stop();
  run.remove();
});

it("replaces a tainted key, through a --target of another object, and then plans clean", async () => {
  expect((await run.orgform(["apply", "--auto-approve"])).code).toBe(0);
  const old = run.state().get("langfuse_organization_api_key.ci")!.attributes.id as string;
  const document = JSON.parse(readFileSync(run.statePath, "utf8")) as { resources: Array<{ name: string; instances: Array<Record<string, unknown>> }> };
  document.resources.find((resource) => resource.name === "ci")!.instances[0]!.status = "tainted";
  writeFileSync(run.statePath, JSON.stringify(document, null, 2));

  const plan = await run.orgform(["plan", "--detailed-exitcode"]);
  expect(plan.code).toBe(2);
  expect(plan.stdout).toContain("langfuse_organization_api_key.ci is tainted, so must be replaced");
  expect((await run.orgform(["apply", "--auto-approve", "--target", "langfuse_organization_api_key.ops"])).code).toBe(0);
  expect((await run.orgform(["plan", "--detailed-exitcode"])).stdout).toContain("langfuse_organization_api_key.ci is tainted, so must be replaced");

  expect((await run.orgform(["apply", "--auto-approve"])).code).toBe(0);
  expect(langfuse.store.keys.has(old)).toBe(false);
  const now = run.state().get("langfuse_organization_api_key.ci")!.attributes;
  expect(now.secret_key).toBe(langfuse.store.keys.get(now.id as string)!.secretKey);
  expect((await run.orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
});
