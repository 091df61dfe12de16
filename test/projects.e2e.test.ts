/**
 * The Projects provider through the real CLI: synth a stack, plan, apply, and plan again right
 * after apply. The API caches lists for five minutes, so the second plan is clean only because
 * refresh bypasses that cache. No secret may appear in any output.
 */
import { request } from "undici";
import { ProjectsEmulator } from "../providers/projects/emulator";
import { runOrgform, type CliResult } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const LLM_SECRET = "sk-e2e-openai-secret-0123456789";

const STACK = `
import { App, TerraformStack, TerraformOutput, TerraformVariable } from "cdktf";
import { ProjectsProvider, Project, ProjectApiKey, ProjectLlmApiKey, ProjectMember, ProjectInvitation, DataProjects, DataProjectTraces } from "${PROVIDERS}/projects";

const app = new App();
const stack = new TerraformStack(app, "projects");
new ProjectsProvider(stack, "projects");
const openaiKey = new TerraformVariable(stack, "openai_key", { type: "string", sensitive: true });
const project = new Project(stack, "chatbot", { name: process.env.PROJECT_NAME ?? "Chatbot" });
const key = new ProjectApiKey(stack, "ci", { projectId: project.id, label: "CI", expiresAt: "2099-01-01T00:00:00Z" });
new ProjectLlmApiKey(stack, "openai", { projectId: project.id, llmProvider: "openai", secretKey: openaiKey.stringValue });
new ProjectMember(stack, "ada", { projectId: project.id, email: "Ada@Example.com", role: "ADMIN", organizationRole: "OWNER", access: (process.env.ADA_ACCESS as "active" | "denied") ?? "active" });
new ProjectInvitation(stack, "grace", { projectId: project.id, email: "grace@example.com", organizationRole: "MEMBER", resendOnApply: process.env.RESEND });
new DataProjects(stack, "all", { sort: "name" });
const traces = new DataProjectTraces(stack, "traces", { projectId: project.id, pageSize: 2 });
new TerraformOutput(stack, "trace_count", { value: traces.traceCount });
new TerraformOutput(stack, "project_secret", { value: project.secretKey, sensitive: true });
new TerraformOutput(stack, "key_secret", { value: key.secretKey, sensitive: true });
app.synth();
`;

let emulator: ProjectsEmulator;
let work: Workdir;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  emulator = new ProjectsEmulator();
  await emulator.start();
  work = new Workdir("orgform-projects-");
  work.writeStack(STACK);
  env = {
    ORGANIZATIONS_API_BASE_URL: emulator.url,
    ORGANIZATIONS_API_KEY: emulator.apiKey,
    ORGANIZATIONS_API_TOKEN: emulator.token,
    ORGANIZATIONS_API_ORGANIZATION_ID: emulator.organizationId,
    LANGFUSE_API_URL: emulator.langfuseUrl,
  };
});

afterAll(async () => {
  await emulator.stop();
  work.remove();
});

const orgform = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
  runOrgform([...args, "--var", `openai_key=${LLM_SECRET}`], { cwd: work.dir, env: { ...env, ...extra } });

/** Every secret the emulator holds, and the ones the stack sends. */
function secrets(): string[] {
  const out = [LLM_SECRET, emulator.apiKey, emulator.token];
  for (const project of emulator.projects.values()) {
    out.push(project.secretKey);
    for (const key of project.apiKeys.values()) out.push(key.secretKey);
  }
  return out;
}

/** The project list as any client that does not pass forceRefresh sees it (and caches it). */
async function cachedProjectNames(): Promise<string[]> {
  const response = await request(`${emulator.url}/organizations/${emulator.organizationId}/projects`, {
    headers: { "api-key": emulator.apiKey, authorization: `Bearer ${emulator.token}` },
  });
  const body = (await response.body.json()) as { data: Array<{ attributes: { name: string } }> };
  return body.data.map((project) => project.attributes.name);
}

function expectNoSecrets(result: CliResult): void {
  for (const secret of secrets()) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  }
}

describe("projects provider end to end", () => {
  it("plans, applies, and plans clean right after apply", async () => {
    const plan = await orgform(["plan"]);
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("projects_project.chatbot");
    expect(plan.stdout).toMatch(/5 to add/);

    expect(await cachedProjectNames()).toEqual(["Default project"]); // fills the API's list cache
    const apply = await orgform(["apply", "--auto-approve"]);
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    const project = [...emulator.projects.values()].find((p) => p.name === "Chatbot")!;
    expect(project.apiKeys.size).toBe(1);
    expect(project.llmKeys.size).toBe(1);
    expect([...project.members.values()].map((m) => m.email)).toEqual(["ada@example.com"]);
    expect(project.invitations.size).toBe(1);
    expectNoSecrets(plan);
    expectNoSecrets(apply);

    // The API still serves the stale list for five minutes; a refresh that forgot forceRefresh
    // would find the project gone and plan to create it again.
    expect(await cachedProjectNames()).toEqual(["Default project"]);
    expect(apply.stdout).toMatch(/trace_count = 0/);

    const again = await orgform(["plan", "--detailed-exitcode"]);
    expect(again.stderr).toBe("");
    expect(again.stdout).toContain("No changes");
    expect(again.code).toBe(0);
    expectNoSecrets(again);

    // The traces data source reads every page with the project's own key pair.
    emulator.analytics.seedTraces(project.id, [1, 2, 3, 4, 5].map((i) => ({ timestamp: `2025-05-0${i}T00:00:00Z` })));
    const traced = await orgform(["plan"]);
    expect(traced.stdout).toMatch(/Plan: 0 to add, 0 to change, 0 to destroy/);
    expect(traced.stdout).toMatch(/trace_count = 0 -> 5/);
    expectNoSecrets(traced);
  });

  it("renames and denies in place, resends on the trigger, then keeps an accepted invitation satisfied", async () => {
    const changed = await orgform(["apply", "--auto-approve"], { PROJECT_NAME: "Chatbot v2", ADA_ACCESS: "denied" });
    expect(changed.stderr).toBe("");
    expect(changed.stdout).toMatch(/0 added, 2 changed, 0 destroyed/);
    const project = [...emulator.projects.values()].find((p) => p.name === "Chatbot v2")!;
    // That apply's refresh read (and cached) the member list with Ada still active; the plan
    // below is clean only because it reads past the cache and sees her denied.
    expect([...project.members.values()][0]!.role).toBe("NONE");

    // The trigger resends in place (same invitation, one resend call).
    const later = { PROJECT_NAME: "Chatbot v2", ADA_ACCESS: "denied" };
    const resendRoute = "/organizations/:orgId/projects/:projectId/invitations/:invitationId/resend";
    const resent = await orgform(["apply", "--auto-approve"], { ...later, RESEND: "1" });
    expect(resent.stdout).toMatch(/0 added, 1 changed, 0 destroyed/);
    expect(emulator.server.requestCount("POST", resendRoute)).toBe(1);

    emulator.acceptInvitation(project.id, "grace@example.com");
    const after = await orgform(["plan", "--detailed-exitcode"], { ...later, RESEND: "1" });
    expect(after.stderr).toBe("");
    expect(after.stdout).toContain("No changes");
    expect(after.code).toBe(0);

    // Accepted means satisfied: a new trigger value sends nothing.
    const satisfied = await orgform(["apply", "--auto-approve"], { ...later, RESEND: "2" });
    expect(satisfied.stderr).toBe("");
    expect(emulator.server.requestCount("POST", resendRoute)).toBe(1);
    expect(emulator.server.requestCount("POST", "/organizations/:orgId/projects/:projectId/invitations")).toBe(1);
    for (const result of [changed, resent, after, satisfied]) expectNoSecrets(result);
  });
});
