/**
 * `orgform state migrate`: a stack's state moves from a local file to PostgreSQL and back, with
 * lineage and serial verified, against a real PostgreSQL server and the Langfuse emulator.
 */
import { readFileSync } from "node:fs";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { runOrgform, type CliResult } from "./support/cli";
import { startTestPostgres, sql, uniqueSchema, type TestPostgres } from "./support/postgres";
import { PROVIDERS, Workdir } from "./support/workdir";

const stack = (backend: string) => `
import { App, TerraformStack, PgBackend, LocalBackend } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "moving");
${backend}
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: "Moving Co" });
new LangfuseOrganizationApiKey(stack, "key", { organizationId: org.id, note: "moves along" });
app.synth();
`;

describe("state migrate", () => {
  let pg: TestPostgres;
  beforeAll(async () => {
    pg = await startTestPostgres();
  });
  afterAll(async () => {
    await pg?.stop();
  });

  it("moves state from a local file to PostgreSQL and back, verifying lineage and serial", async () => {
    const emulator = new LangfuseEmulator({ adminApiKey: "migrate-admin-key" });
    const work = new Workdir();
    try {
      const env = { LANGFUSE_BASE_URL: await emulator.start(), LANGFUSE_ADMIN_API_KEY: "migrate-admin-key" };
      const orgform = (args: string[]): Promise<CliResult> => runOrgform(args, { cwd: work.dir, env });
      const schema = uniqueSchema("orgform_migrate");
      const local = `new LocalBackend(stack, { path: "moving.tfstate" });`;
      const postgres = `new PgBackend(stack, { connStr: ${JSON.stringify(pg.url)}, schemaName: ${JSON.stringify(schema)} });`;

      work.writeStack(stack(local));
      expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
      const original = JSON.parse(readFileSync(work.path("moving.tfstate"), "utf8"));

      work.writeStack(stack(postgres));
      const toPg = await orgform(["state", "migrate", "--from", "local:moving.tfstate"]);
      expect(toPg.stderr).toBe("");
      expect(toPg.code).toBe(0);
      expect(toPg.stdout).toContain(`serial ${original.serial}, lineage ${original.lineage}, 2 objects`);
      const [row] = await sql<{ data: string }>(pg.url, `SELECT data FROM "${schema}".states WHERE name = 'moving'`);
      const stored = JSON.parse(row!.data);
      expect([stored.lineage, stored.serial]).toEqual([original.lineage, original.serial]);
      // The moved state is the stack's state now: nothing to do, and a change applies through pg.
      expect((await orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
      const again = await orgform(["state", "migrate", "--from", "local:moving.tfstate"]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("nothing to migrate");

      work.writeStack(stack(local));
      const back = await orgform(["state", "migrate", "--from", `pg:${pg.url}`, "--from-schema", schema]);
      expect(back.code).toBe(1);
      expect(back.stderr).toContain("already holds serial");
      const forced = await orgform(["state", "migrate", "--from", `pg:${pg.url}`, "--from-schema", schema, "--force"]);
      expect(forced.code).toBe(0);
      expect((await orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
      expect(emulator.store.organizations.size).toBe(1);
      expect(emulator.store.keys.size).toBe(1);
    } finally {
      await emulator.stop();
      work.remove();
    }
  });
});
