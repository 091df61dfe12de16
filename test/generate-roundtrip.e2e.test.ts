/**
 * `orgform generate` round trip over the Langfuse public API's types (issue 17): the code it
 * prints for objects made by hand must compile against the constructs as they are, and plan as
 * imports with no other change. It used to print props the constructs do not take
 * (`orgPublicKey`, `orgSecretKey`, `projectId`), so the pasted code did not compile.
 */
import { readFileSync } from "node:fs";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { callAdminApi } from "../providers/examples";
import { runOrgform, type CliResult } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const STACK = (body: string) => `
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey, LangfuseProject, LangfuseProjectApiKey, LangfuseOrganizationMembership, LangfuseProjectMembership } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "roundtrip");
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: "Round Trip Co" });
new LangfuseOrganizationApiKey(stack, "org_key", { organizationId: org.id, note: "orgform" });
${body}
app.synth();
`;

const emulator = new LangfuseEmulator({ adminApiKey: "roundtrip-admin-key-0123456789" });
const work = new Workdir();
let env: NodeJS.ProcessEnv;
const orgform = (args: string[]): Promise<CliResult> => runOrgform(args, { cwd: work.dir, env });

afterAll(async () => {
  await emulator.stop();
  work.remove();
});

it("prints Langfuse public-API constructs that compile and plan as imports (and the unreadable retention) only", async () => {
  env = { LANGFUSE_BASE_URL: await emulator.start(), LANGFUSE_ADMIN_API_KEY: emulator.adminApiKey };
  work.writeStack(STACK(""));
  expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);

  // Made by hand with the stack's organization key, which generate then reads with as the provider's.
  const state = JSON.parse(readFileSync(work.path("terraform.roundtrip.tfstate"), "utf8")) as {
    resources: Array<{ type: string; instances: Array<{ attributes: Record<string, string> }> }>;
  };
  const key = state.resources.find((r) => r.type === "langfuse_organization_api_key")!.instances[0]!.attributes;
  env = { ...env, LANGFUSE_ORG_PUBLIC_KEY: key.public_key, LANGFUSE_ORG_SECRET_KEY: key.secret_key };
  const basic = { authorization: `Basic ${Buffer.from(`${key.public_key}:${key.secret_key}`).toString("base64")}` };
  const base = env.LANGFUSE_BASE_URL!;
  const project = (await callAdminApi(`${base}/api/public/projects`, "POST", basic, { name: "hand made", metadata: { team: "ml" } })) as { id: string };
  const projectKey = (await callAdminApi(`${base}/api/public/projects/${project.id}/apiKeys`, "POST", basic, { note: "ingest" })) as { id: string };
  const member = (await callAdminApi(`${base}/api/public/scim/Users`, "POST", basic, { userName: "ana@example.com", roles: ["MEMBER"] })) as { id: string };
  await callAdminApi(`${base}/api/public/projects/${project.id}/memberships`, "PUT", basic, { userId: member.id, role: "VIEWER" });

  const generated: string[] = [];
  for (const [type, id] of [
    ["langfuse_project", project.id],
    ["langfuse_project_api_key", `${project.id}/${projectKey.id}`],
    ["langfuse_organization_membership", "ana@example.com"],
    ["langfuse_project_membership", `${project.id}/ana@example.com`],
  ] as const) {
    const result = await orgform(["generate", type, id]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/orgPublicKey|orgSecretKey|projectId/);
    // Retention is not shown to an organization key: generate says so instead of guessing.
    if (type === "langfuse_project") expect(result.stdout).toContain("// retentionDays: the API does not show it");
    generated.push(result.stdout);
  }

  work.writeStack(STACK(generated.join("\n")));
  const plan = await orgform(["plan"]);
  expect(plan.stderr).toBe("");
  expect(plan.code).toBe(0);
  // Nothing is created or destroyed; the only change is the retention an organization key cannot
  // read (generate said so), set to the stack's value.
  expect(plan.stdout).toMatch(/Plan: 4 to import, 0 to add, [01] to change, 0 to destroy\./);
  expect(plan.stdout.split("\n").filter((line) => /^\s+[~+-] \w+ = /.test(line))).toEqual(plan.stdout.includes("1 to change") ? [expect.stringMatching(/~ retention_days = null -> 0/)] : []);
  expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
  expect((await orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
}, 120_000);
