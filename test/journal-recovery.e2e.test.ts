/**
 * Issue 7, create reconciliation for every type that creates: every POST's answer is lost after
 * the API committed it (the emulators reset the connection), so apply fails for each one and
 * keeps its intent in the journal; the next apply must find each object through its type's list
 * and adopt it, never POST it again; a key whose secret only the lost answer carried is reported
 * by id and made again, never deleted (issue 16). Arguments the
 * API does not return (the invitation's resend trigger) must not stop the match, or the next
 * apply would meet a 409 on every run.
 */
import { AnthropicEmulator } from "../providers/anthropic/emulator";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { OpenaiEmulator } from "../providers/openai/emulator";
import { ProjectsEmulator } from "../providers/projects/emulator";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

const SOURCE = `
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
import { ProjectsProvider, Project, ProjectApiKey, ProjectLlmApiKey, ProjectMember, ProjectInvitation } from "${PROVIDERS}/projects";
import { OpenaiProvider, OpenaiAdminApiKey, OpenaiProject, OpenaiInvite } from "${PROVIDERS}/openai";
import { AnthropicProvider, AnthropicWorkspace, AnthropicInvite } from "${PROVIDERS}/anthropic";
const app = new App();
const stack = new TerraformStack(app, "recover");
new LangfuseProvider(stack, "langfuse");
new ProjectsProvider(stack, "projects");
new OpenaiProvider(stack, "openai");
new AnthropicProvider(stack, "anthropic");
const llm = new TerraformVariable(stack, "llm", { type: "string", sensitive: true });
const org = new LangfuseOrganization(stack, "org", { name: "Recover Org" });
new LangfuseOrganizationApiKey(stack, "lf_key", { organizationId: org.id, note: "ci" });
const project = new Project(stack, "project", { name: "Recover Project" });
new ProjectApiKey(stack, "project_key", { projectId: project.id, label: "CI", expiresAt: "2099-01-01T00:00:00Z" });
new ProjectLlmApiKey(stack, "llm_key", { projectId: project.id, llmProvider: "openai", secretKey: llm.stringValue });
new ProjectMember(stack, "ada", { projectId: project.id, email: "Ada@Example.com", role: "ADMIN", organizationRole: "OWNER" });
new ProjectInvitation(stack, "grace", { projectId: project.id, email: "grace@example.com", organizationRole: "MEMBER", resendOnApply: "1" });
new OpenaiAdminApiKey(stack, "admin", { name: "deploy" });
new OpenaiProject(stack, "oa_project", { name: "Recover OpenAI Project" });
new OpenaiInvite(stack, "oa_invite", { email: "lin@example.com", role: "reader" });
new AnthropicWorkspace(stack, "ws", { name: "Recover Workspace" });
new AnthropicInvite(stack, "an_invite", { email: "kim@example.com", role: "user" });
app.synth();
`;
const PARENTS = ["langfuse_organization.org", "projects_project.project"];

const langfuse = new LangfuseEmulator({ adminApiKey: "recover-admin-key-0123456789" });
const projects = new ProjectsEmulator();
const openai = new OpenaiEmulator({ adminKey: "sk-admin-recover-bootstrap-0123456789" });
const anthropic = new AnthropicEmulator();
const servers = () => [langfuse.server, projects.server, openai.server, anthropic.server];
let run: StackRun;

beforeAll(async () => {
  const [lf, , oa, an] = await Promise.all([langfuse.start(), projects.start(), openai.start(), anthropic.start()]);
  run = new StackRun("recover", {
    LANGFUSE_BASE_URL: lf,
    LANGFUSE_ADMIN_API_KEY: langfuse.adminApiKey,
    ORGANIZATIONS_API_BASE_URL: projects.url,
    ORGANIZATIONS_API_KEY: projects.apiKey,
    ORGANIZATIONS_API_TOKEN: projects.token,
    ORGANIZATIONS_API_ORGANIZATION_ID: projects.organizationId,
    LANGFUSE_API_URL: projects.langfuseUrl,
    OPENAI_BASE_URL: oa,
    OPENAI_ADMIN_KEY: openai.adminKey,
    ANTHROPIC_BASE_URL: an,
    ANTHROPIC_ADMIN_API_KEY: anthropic.adminApiKey,
  }, "orgform-recover-");
  await run.synthOnce(SOURCE);
});

afterAll(async () => {
  await Promise.all([langfuse.stop(), projects.stop(), openai.stop(), anthropic.stop()]);
  run.remove();
});

/** How many of each declared object the APIs hold. */
function counts(): Record<string, number> {
  const project = [...projects.projects.values()].find((p) => p.name === "Recover Project");
  return {
    langfuse_keys: langfuse.store.keys.size,
    project_keys: project?.apiKeys.size ?? 0,
    llm_keys: project?.llmKeys.size ?? 0,
    members: project ? [...project.members.values()].filter((m) => m.email === "ada@example.com").length : 0,
    invitations: project?.invitations.size ?? 0,
    admin_keys: [...openai.store.adminKeys.values()].filter((k) => k.value !== openai.adminKey).length,
    openai_projects: [...openai.store.projects.values()].filter((p) => p.name === "Recover OpenAI Project" && p.archived_at === null).length,
    openai_invites: openai.store.invites.size,
    workspaces: [...anthropic.store.workspaces.values()].filter((w) => w.archived_at === null).length,
    anthropic_invites: [...anthropic.store.invites.values()].filter((i) => i.status === "pending").length,
  };
}
/** Kinds whose secret only the create answer carries. */
const SECRET_ONLY_ON_CREATE = ["langfuse_keys", "project_keys", "admin_keys"] as const;
const ONE_EACH = { langfuse_keys: 1, project_keys: 1, llm_keys: 1, members: 1, invitations: 1, admin_keys: 1, openai_projects: 1, openai_invites: 1, workspaces: 1, anthropic_invites: 1 };

it("adopts every object whose create answer was lost, and the next plan is clean", async () => {
  const vars = ["--var", "llm=sk-recover-llm-secret-0123456789"];
  const parents = await run.orgform(["apply", "--auto-approve", ...PARENTS.flatMap((a) => ["--target", a]), ...vars]);
  expect(parents.code).toBe(0);

  for (const server of servers()) server.setFaults({ resetAfterCommitRate: 1, methods: ["POST"] });
  const lost = await run.orgform(["apply", "--auto-approve", ...vars]);
  expect(lost.code).toBe(1);
  expect(counts()).toEqual(ONE_EACH); // every create reached its API; no answer reached orgform

  for (const server of servers()) server.setFaults({});
  const recovered = await run.orgform(["apply", "--auto-approve", ...vars]);
  expect(recovered.stderr).toBe("");
  expect(recovered.code).toBe(0);
  // Keys whose secret only the lost answer carried are reported, never adopted nor deleted (they
  // may be a colleague's look-alike), and made again; everything else is adopted.
  expect(recovered.stdout.match(/created by an interrupted run/g)).toHaveLength(Object.keys(ONE_EACH).length - SECRET_ONLY_ON_CREATE.length);
  expect(recovered.stdout.match(/but its secret was never recorded/g)).toHaveLength(SECRET_ONLY_ON_CREATE.length);
  const remade = { ...ONE_EACH, ...Object.fromEntries(SECRET_ONLY_ON_CREATE.map((kind) => [kind, 2])) };
  expect(counts()).toEqual(remade);

  const plan = await run.orgform(["plan", "--detailed-exitcode", ...vars]);
  expect(plan.code).toBe(0);
  expect(counts()).toEqual(remade);
});
