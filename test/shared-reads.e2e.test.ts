/**
 * Issue 9: a plan reads each collection once. The refresh's list of organizations is shared
 * with every data source that looks an organization up by name, and with each other; apply,
 * which writes, reads afresh.
 */
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { runOrgform } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const ADMIN_KEY = "shared-reads-admin-key-0123";

const SOURCE = `
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey, DataLangfuseOrganization } from "${PROVIDERS}/langfuse";
import { NullProvider, NullResource } from "${PROVIDERS}/null";
const app = new App();
const stack = new TerraformStack(app, "shared");
new LangfuseProvider(stack, "langfuse");
new NullProvider(stack, "null");
const org = new LangfuseOrganization(stack, "org", { name: "Managed Org" });
new LangfuseOrganizationApiKey(stack, "ci", { organizationId: org.id, note: "ci" });
for (const team of ["research", "support", "sales"]) {
  const found = new DataLangfuseOrganization(stack, "existing_" + team, { name: "Existing Org" });
  new NullResource(stack, "uses_" + team, { triggers: { org: found.id } });
}
app.synth();
`;

describe("shared reads", () => {
  let emulator: LangfuseEmulator;
  let work: Workdir;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    emulator = new LangfuseEmulator({ adminApiKey: ADMIN_KEY });
    env = { LANGFUSE_BASE_URL: await emulator.start(), LANGFUSE_ADMIN_API_KEY: ADMIN_KEY };
    emulator.store.organizations.set("org-existing", { id: "org-existing", name: "Existing Org", metadata: {}, createdAt: new Date().toISOString(), projects: [] });
    work = new Workdir();
    work.writeStack(SOURCE);
  });

  afterAll(async () => {
    await emulator.stop();
    work.remove();
  });

  const gets = (route: string) => emulator.server.counters.get(`GET ${route}`) ?? 0;

  it("a plan lists the organizations once for the refresh and three data sources together", async () => {
    const apply = await runOrgform(["apply", "--auto-approve"], { cwd: work.dir, env });
    expect({ code: apply.code, stderr: apply.stderr }).toEqual({ code: 0, stderr: "" });
    expect(apply.stdout).toContain("Apply complete! Resources: 5 added");

    emulator.server.counters.clear();
    const plan = await runOrgform(["plan", "--detailed-exitcode"], { cwd: work.dir, env });
    expect({ code: plan.code, stderr: plan.stderr }).toEqual({ code: 0, stderr: "" });
    expect(gets("/api/admin/organizations")).toBe(1);
    expect(gets("/api/admin/organizations/:orgId/apiKeys")).toBe(1);
  });

  it("an organization renamed outside orgform is seen by the next plan: nothing is kept between runs", async () => {
    emulator.store.organizations.get("org-existing")!.name = "Renamed Org";
    const plan = await runOrgform(["plan"], { cwd: work.dir, env });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('there is no organization named "Existing Org"');
    emulator.store.organizations.get("org-existing")!.name = "Existing Org";
  });
});
