/**
 * The Langfuse public API slice end to end, as a user runs it: one stack with an organization, an
 * organization key, two projects with a project key each, organization and project memberships
 * and an LLM connection → orgform plan/apply/destroy (the real CLI as a child process) → the
 * Langfuse emulator over loopback → a state file. Secrets never reach the CLI's output.
 */
import { readFileSync } from "node:fs";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { runOrgform, type CliResult } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const ADMIN_KEY = "test-admin-key-123456";
const OPENAI_KEY = "sk-openai-e2e-secret-7777";

interface StackShape {
  orgKeyNote?: string;
  janeRole?: string;
  janeWebRole?: string;
  webName?: string;
}

function stackSource(shape: StackShape = {}): string {
  const { orgKeyNote = "orgform", janeRole = "MEMBER", janeWebRole = "ADMIN", webName = "web" } = shape;
  return `
import { App, TerraformStack, TerraformOutput, TerraformVariable } from "cdktf";
import {
  LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey, LangfuseProject, LangfuseProjectApiKey,
  LangfuseOrganizationMembership, LangfuseProjectMembership, LangfuseLlmConnection, DataLangfuseMemberships,
} from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "e2e");
new LangfuseProvider(stack, "langfuse");
const openaiKey = new TerraformVariable(stack, "openai_key", { type: "string", sensitive: true });
const org = new LangfuseOrganization(stack, "org", { name: "Acme Platform" });
const orgKey = new LangfuseOrganizationApiKey(stack, "org_key", { organizationId: org.id, note: ${JSON.stringify(orgKeyNote)} });
const web = new LangfuseProject(stack, "web", { orgApiKey: orgKey, name: ${JSON.stringify(webName)}, retentionDays: 30, metadata: { team: "web" } });
const api = new LangfuseProject(stack, "api", { orgApiKey: orgKey, name: "api" });
const webKey = new LangfuseProjectApiKey(stack, "web_key", { project: web, note: "web ingest" });
new LangfuseProjectApiKey(stack, "api_key", { project: api, note: "api ingest" });
const jane = new LangfuseOrganizationMembership(stack, "jane", { orgApiKey: orgKey, email: "jane@example.com", role: ${JSON.stringify(janeRole)} });
new LangfuseOrganizationMembership(stack, "joe", { orgApiKey: orgKey, email: "joe@example.com", role: "VIEWER" });
new LangfuseProjectMembership(stack, "jane_web", { project: web, email: jane.email, role: ${JSON.stringify(janeWebRole)} });
new LangfuseLlmConnection(stack, "openai", { projectApiKey: webKey, providerName: "openai", adapter: "openai", secretKey: openaiKey.stringValue, customModels: ["gpt-4o-mini"] });
const members = new DataLangfuseMemberships(stack, "members", { orgApiKey: orgKey, dependsOn: [jane] });
new TerraformOutput(stack, "web_project_id", { value: web.id });
new TerraformOutput(stack, "web_secret", { value: webKey.secretKey, sensitive: true });
new TerraformOutput(stack, "member_emails", { value: members.emails });
app.synth();
`;
}

describe("Langfuse public API end to end: projects, keys, memberships, LLM connections", () => {
  let emulator: LangfuseEmulator;
  let work: Workdir;
  let env: NodeJS.ProcessEnv;
  const outputs: CliResult[] = [];
  const orgform = async (args: string[]): Promise<CliResult> => {
    const result = await runOrgform(args, { cwd: work.dir, env });
    outputs.push(result);
    return result;
  };
  const readState = () => JSON.parse(readFileSync(work.path("terraform.e2e.tfstate"), "utf8")) as { resources: Array<{ type: string; name: string; instances: Array<{ attributes: Record<string, unknown> }> }> };
  const projectsByName = () => new Map([...emulator.store.organizations.values()].flatMap((org) => org.projects.map((p) => [p.name, p] as const)));
  const secretsSeen = () => [
    ADMIN_KEY,
    OPENAI_KEY,
    ...[...emulator.store.keys.values(), ...emulator.store.projectKeys.values()].map((key) => key.secretKey),
    ...[...emulator.store.llmConnections.values()].map((c) => c.secretKey),
  ];

  beforeEach(async () => {
    emulator = new LangfuseEmulator({ adminApiKey: ADMIN_KEY });
    const url = await emulator.start();
    env = { LANGFUSE_BASE_URL: url, LANGFUSE_ADMIN_API_KEY: ADMIN_KEY, TF_VAR_openai_key: OPENAI_KEY };
    // Jane has signed up to Langfuse already; Joe has not (SCIM makes his account).
    emulator.seedUser("jane@example.com", "Jane");
    work = new Workdir();
    outputs.length = 0;
  });

  afterEach(async () => {
    // Whatever happened, no command printed a secret.
    const everything = outputs.map((o) => o.stdout + o.stderr).join("\n");
    for (const secret of secretsSeen()) expect(everything).not.toContain(secret);
    await emulator.stop();
    work.remove();
  });

  it("plans, applies, plans clean, changes roles in place, sees drift, and destroys projects before the organization", async () => {
    work.writeStack(stackSource());
    const plan = await orgform(["plan", "--detailed-exitcode"]);
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("Plan: 10 to add, 0 to change, 0 to destroy.");
    expect(plan.stdout).toContain("# langfuse_organization_membership.jane will be adopted");
    expect(plan.stdout).toContain("# langfuse_project_membership.jane_web will be adopted");
    // A new stack's plan sends one request: the admin key's credentials check (issue 18 item 3).
    expect(emulator.server.totalRequests()).toBe(1);
    expect(emulator.server.requestCount("GET", "/api/admin/organizations")).toBe(1);

    const apply = await orgform(["apply", "--auto-approve"]);
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain("Apply complete! Resources: 10 added, 0 changed, 0 destroyed.");
    expect(apply.stdout).toMatch(/langfuse_organization_membership\.jane: Adopting\.\.\./);
    const projects = projectsByName();
    expect([...projects.keys()].sort()).toEqual(["api", "web"]);
    expect(projects.get("web")).toMatchObject({ retentionDays: 30, metadata: { team: "web" } });
    expect(emulator.store.projectKeys.size).toBe(2);
    const orgId = [...emulator.store.organizations.keys()][0]!;
    const jane = emulator.store.userByEmail("jane@example.com")!;
    const joe = emulator.store.userByEmail("joe@example.com")!;
    expect(emulator.store.membersOf(orgId).get(jane.id)).toBe("MEMBER");
    expect(emulator.store.membersOf(orgId).get(joe.id)).toBe("VIEWER");
    const webId = projects.get("web")!.id;
    expect(emulator.store.projectMembersOf(webId).get(jane.id)).toBe("ADMIN");
    expect([...emulator.store.llmConnections.values()]).toEqual([expect.objectContaining({ projectId: webId, provider: "openai", secretKey: OPENAI_KEY, customModels: ["gpt-4o-mini"] })]);
    expect(apply.stdout).toContain("web_secret = <sensitive>");
    expect(apply.stdout).toMatch(/member_emails = \[\s*"jane@example.com",\s*"joe@example.com",?\s*\]/);
    // The LLM secret is write-only: state keeps a fingerprint, never the value.
    const connection = readState().resources.find((r) => r.type === "langfuse_llm_connection")!.instances[0]!;
    expect(connection.attributes).not.toHaveProperty("secret_key");

    const clean = await orgform(["plan", "--detailed-exitcode"]);
    expect(clean.stderr).toBe("");
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("No changes.");

    // Role changes and a rename are in place: the project keeps its id, nothing is replaced.
    work.writeStack(stackSource({ janeRole: "ADMIN", janeWebRole: "VIEWER", webName: "web-renamed" }));
    const change = await orgform(["plan"]);
    expect(change.stdout).toContain("# langfuse_organization_membership.jane will be updated in-place");
    expect(change.stdout).toMatch(/~ role\s+= "MEMBER" -> "ADMIN"/);
    expect(change.stdout).toContain("# langfuse_project_membership.jane_web will be updated in-place");
    expect(change.stdout).toContain("# langfuse_project.web will be updated in-place");
    expect(change.stdout).not.toContain("must be replaced");
    expect(change.stdout).toContain("Plan: 0 to add, 3 to change, 0 to destroy.");
    const changed = await orgform(["apply", "--auto-approve"]);
    expect(changed.code).toBe(0);
    expect(emulator.store.membersOf(orgId).get(jane.id)).toBe("ADMIN");
    expect(emulator.store.projectMembersOf(webId).get(jane.id)).toBe("VIEWER");
    expect(projectsByName().get("web-renamed")!.id).toBe(webId);
    expect((await orgform(["plan", "--detailed-exitcode"])).code).toBe(0);

    // Someone removes Jane from the web project in the UI: the next plan sees it and re-adds her.
    emulator.store.projectMembersOf(webId).delete(jane.id);
    const drift = await orgform(["plan", "--detailed-exitcode"]);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toMatch(/langfuse_project_membership\.jane_web has been deleted/);
    expect(drift.stdout).toContain("# langfuse_project_membership.jane_web will be adopted");
    expect(drift.stdout).toContain("Plan: 1 to add, 0 to change, 0 to destroy.");
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    expect(emulator.store.projectMembersOf(webId).get(jane.id)).toBe("VIEWER");

    const destroy = await orgform(["destroy", "--auto-approve"]);
    expect(destroy.stderr).toBe("");
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toContain("Destroy complete! Resources: 10 destroyed.");
    const order = destroy.stdout.split("\n").filter((line) => line.includes("Destruction complete")).map((line) => line.split(":")[0]!);
    const at = (address: string) => order.indexOf(address);
    expect(at("langfuse_organization.org")).toBe(order.length - 1);
    for (const project of ["langfuse_project.web", "langfuse_project.api"]) {
      expect(at(project)).toBeGreaterThanOrEqual(0);
      expect(at(project)).toBeLessThan(at("langfuse_organization_api_key.org_key"));
    }
    expect(at("langfuse_llm_connection.openai")).toBeLessThan(at("langfuse_project_api_key.web_key"));
    expect(at("langfuse_project_membership.jane_web")).toBeLessThan(at("langfuse_organization_membership.jane"));
    expect(emulator.store.organizations.size).toBe(0);
    expect(emulator.store.projectKeys.size).toBe(0);
    expect(emulator.store.llmConnections.size).toBe(0);
    // Memberships end; the people keep their Langfuse accounts.
    expect(emulator.store.users.size).toBe(2);
    expect(readState().resources).toEqual([]);
  });

  it("rotating the organization key replaces only that key: the rest update their credentials in place", async () => {
    work.writeStack(stackSource());
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    const projectIds = [...projectsByName().values()].map((p) => p.id).sort();
    const projectKeyIds = [...emulator.store.projectKeys.keys()].sort();
    const [oldOrgKey] = [...emulator.store.keys.values()];

    work.writeStack(stackSource({ orgKeyNote: "orgform rotated" }));
    const plan = await orgform(["plan"]);
    expect(plan.stdout).toContain("# langfuse_organization_api_key.org_key must be replaced");
    expect(plan.stdout).toContain("# langfuse_project.web will be updated in-place");
    expect(plan.stdout).toContain("# langfuse_project_api_key.web_key will be updated in-place");
    expect(plan.stdout).toContain("Plan: 1 to add, 7 to change, 1 to destroy.");
    const apply = await orgform(["apply", "--auto-approve"]);
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    expect(emulator.store.keys.has(oldOrgKey!.id)).toBe(false);
    expect([...projectsByName().values()].map((p) => p.id).sort()).toEqual(projectIds);
    expect([...emulator.store.projectKeys.keys()].sort()).toEqual(projectKeyIds);
    // The next plan reads everything with the new key, and finds nothing to do.
    const clean = await orgform(["plan", "--detailed-exitcode"]);
    expect(clean.stderr).toBe("");
    expect(clean.code).toBe(0);
  });

  it("works with the provider's organization key, and says what to set when there is none", async () => {
    const org = await createOrganization();
    work.writeStack(`
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseProject } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "e2e");
new LangfuseProvider(stack, "langfuse");
new LangfuseProject(stack, "ui", { name: "from-env" });
app.synth();
`);
    const missing = await orgform(["plan"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/langfuse_project\.ui: no organization key\. Pass orgApiKey .* or set LANGFUSE_ORG_PUBLIC_KEY and LANGFUSE_ORG_SECRET_KEY/);

    // No admin key at all: a stack of projects needs only the organization key.
    env = { ...env, LANGFUSE_ADMIN_API_KEY: undefined, LANGFUSE_ORG_PUBLIC_KEY: org.publicKey, LANGFUSE_ORG_SECRET_KEY: org.secretKey };
    const apply = await orgform(["apply", "--auto-approve"]);
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    expect(projectsByName().has("from-env")).toBe(true);
    expect((await orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
    expect((await orgform(["destroy", "--auto-approve"])).code).toBe(0);
    expect(projectsByName().size).toBe(0);

    async function createOrganization() {
      const response = await fetch(`${emulator.url}/api/admin/organizations`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "Made Elsewhere" }),
      });
      const { id } = (await response.json()) as { id: string };
      return emulator.organizationKeyPair(id);
    }
  });
});
