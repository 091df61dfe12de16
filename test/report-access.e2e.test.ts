/**
 * Issue 19, item 4: `orgform report access`, the offboarding and quarterly-review view. Over the
 * demo stack (stacks/main.ts) plus grants made by hand on the side, it lists every person's
 * grants on all four APIs (Langfuse's read with the stack's organization keys) (organization roles, workspace and project roles,
 * invitations, access state), marks managed against made by hand, filters by person and
 * provider, and writes nothing.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { builtInEmulators } from "../providers/emulators";
import type { AnthropicEmulator } from "../providers/anthropic/emulator";
import type { OpenaiEmulator } from "../providers/openai/emulator";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import type { RunningEmulator } from "../src/emulator/definition";
import { callAdminApi } from "../providers/examples";
import { REPO_ROOT } from "./support/cli";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

interface Grant {
  provider: string;
  type: string;
  on: string;
  target: string | null;
  target_name: string | null;
  role: string | null;
  state: string | null;
  invitation: boolean;
  managed: boolean;
  address: string | null;
}
interface AccessJson {
  schema: string;
  people: Array<{ email: string; access: Grant[] }>;
}

const emulators = new Map<string, RunningEmulator>();
let run: StackRun;

beforeAll(async () => {
  const env: NodeJS.ProcessEnv = {};
  for (const definition of builtInEmulators) {
    const emulator = definition.create();
    definition.seedDemo?.(emulator);
    Object.assign(env, definition.environment(emulator, await emulator.start()));
    emulators.set(definition.name, emulator);
  }
  run = new StackRun("orgform-demo", env, "orgform-report-access-");
  await run.synthOnce(readFileSync(resolve(REPO_ROOT, "stacks/main.ts"), "utf8").replaceAll('"../providers/', `"${PROVIDERS}/`));
  const apply = await run.orgform(["apply", "--auto-approve"]);
  if (apply.code !== 0) throw new Error(apply.stderr);

  // Made by hand, beside the stack: Ada is added to the production workspace in the Console,
  // Grace joins the OpenAI organization and is added to the Assistants project.
  const id = (address: string) => String(run.state().get(address)!.attributes.id);
  const anthropic = emulators.get("anthropic") as AnthropicEmulator;
  const adaId = anthropic.store.listUsers("ada@example.com")[0]!.id;
  await callAdminApi(`${env.ANTHROPIC_BASE_URL}/v1/organizations/workspaces/${id("anthropic_workspace.production")}/members`, "POST", { "x-api-key": anthropic.adminApiKey, "anthropic-version": "2023-06-01" }, { user_id: adaId, workspace_role: "workspace_admin" });
  const openai = emulators.get("openai") as OpenaiEmulator;
  const graceId = openai.seedUser("grace@example.com", "Grace");
  await callAdminApi(`${env.OPENAI_BASE_URL}/organization/projects/${id("openai_project.assistants")}/users`, "POST", { authorization: `Bearer ${openai.adminKey}` }, { user_id: graceId, role: "member" });
  // In Langfuse, with the stack's CI organization key: Ada joins the organization through SCIM,
  // a project is made in the UI and Ada is its admin.
  const ciKey = run.state().get("langfuse_organization_api_key.ci_key")!.attributes;
  const basic = { authorization: `Basic ${Buffer.from(`${String(ciKey.public_key)}:${String(ciKey.secret_key)}`).toString("base64")}` };
  const adaInLangfuse = await callAdminApi(`${env.LANGFUSE_BASE_URL}/api/public/scim/Users`, "POST", basic, { userName: "ada@example.com", roles: ["VIEWER"] });
  const scratch = await callAdminApi(`${env.LANGFUSE_BASE_URL}/api/public/projects`, "POST", basic, { name: "Ada's scratch" });
  await callAdminApi(`${env.LANGFUSE_BASE_URL}/api/public/projects/${String(scratch.id)}/memberships`, "PUT", basic, { userId: adaInLangfuse.id, role: "ADMIN" });
}, 120_000);

afterAll(async () => {
  await Promise.all([...emulators.values()].map((emulator) => emulator.stop()));
  run.remove();
});

/** Requests other than GET that reached any emulator. */
const writeCount = () => [...emulators.values()].reduce((sum, emulator) => sum + [...emulator.server.counters].filter(([route]) => !route.startsWith("GET ")).reduce((n, [, count]) => n + count, 0), 0);
const byEmail = (json: AccessJson) => new Map(json.people.map((person) => [person.email, person.access]));
const brief = (grants: Grant[]) => grants.map((g) => `${g.provider} ${g.on}${g.target_name ? ` ${g.target_name}` : ""}: ${g.invitation ? "invited " : ""}${g.role}${g.state ? ` [${g.state}]` : ""} ${g.managed ? g.address : "by hand"}`);

it("lists every grant of the demo's people on every provider, managed or made by hand, and writes nothing", async () => {
  const stateBefore = readFileSync(run.statePath, "utf8");
  const writesBefore = writeCount();
  const result = await run.orgform(["report", "access", "--json"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const json = JSON.parse(result.stdout) as AccessJson;
  expect(json.schema).toBe("orgform.access/v1");
  const people = byEmail(json);

  expect(brief(people.get("ada@example.com")!)).toEqual([
    "anthropic organization: developer by hand",
    "anthropic workspace Production: workspace_admin by hand",
    "anthropic workspace Research: workspace_developer anthropic_workspace_member.ada_in_research",
    "langfuse organization: VIEWER by hand",
    "langfuse project Ada's scratch: ADMIN by hand",
  ]);
  expect(brief(people.get("grace@example.com")!)).toEqual([
    "anthropic organization: developer anthropic_organization_member.grace",
    "openai organization: reader by hand",
    "openai project Assistants: member by hand",
  ]);
  expect(brief(people.get("new.hire@example.com")!)).toEqual(["anthropic organization: invited user [pending] anthropic_invite.new_hire"]);
  expect(brief(people.get("lead@acme.example")!)).toEqual(["projects project Support Bot: ADMIN [active] projects_member.support_lead"]);
  expect(brief(people.get("agent@acme.example")!)).toEqual([expect.stringMatching(/^projects project Support Bot: invited MEMBER \[\w+\] projects_invitation\.support_agent$/)]);

  // Reads only: state is untouched and no write reached any API.
  expect(readFileSync(run.statePath, "utf8")).toBe(stateBefore);
  expect(writeCount()).toBe(writesBefore);
});

it("filters by person and provider, and renders text and Markdown", async () => {
  const ada = JSON.parse((await run.orgform(["report", "access", "--json", "--email", "ADA@example.com", "--provider", "anthropic"])).stdout) as AccessJson;
  expect(ada.people.map((p) => p.email)).toEqual(["ada@example.com"]);
  expect(ada.people[0]!.access.every((g) => g.provider === "anthropic")).toBe(true);

  const text = await run.orgform(["report", "access", "--email", "grace@example.com"]);
  expect(text.code).toBe(0);
  expect(text.stdout).toContain("grace@example.com\n");
  expect(text.stdout).toMatch(/openai +project Assistants \(proj_[^)]+\): member {2}\(made by hand\)/);
  expect(text.stdout).toMatch(/anthropic +organization: developer {2}\(managed: anthropic_organization_member\.grace\)/);

  const markdown = await run.orgform(["report", "access", "--markdown"]);
  expect(markdown.code).toBe(0);
  expect(markdown.stdout).toContain("| person | provider | on | role | managed |");
  expect(markdown.stdout).toContain("| new.hire@example.com | anthropic | organization | invited as user | `anthropic_invite.new_hire` |");
  expect(markdown.stdout.length).toBeLessThan(60_000);

  const unknown = await run.orgform(["report", "access", "--provider", "nope"]);
  expect(unknown.code).not.toBe(0);
  expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
  expect(unknown.stderr).toContain('--provider "nope" is not configured in the stack. Configured: anthropic, langfuse, null, openai, projects.');
});

it("lists the Langfuse organization and project roles a stack manages", async () => {
  const langfuse = new LangfuseEmulator({ adminApiKey: "access-report-admin-key-0123" });
  const env = { LANGFUSE_BASE_URL: await langfuse.start(), LANGFUSE_ADMIN_API_KEY: langfuse.adminApiKey };
  const stack = new StackRun("lf", env, "orgform-report-access-lf-");
  try {
    await stack.synthOnce(`
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey, LangfuseProject, LangfuseOrganizationMembership, LangfuseProjectMembership } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "lf");
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: "Access Co" });
const orgKey = new LangfuseOrganizationApiKey(stack, "org_key", { organizationId: org.id });
const web = new LangfuseProject(stack, "web", { orgApiKey: orgKey, name: "web" });
const jane = new LangfuseOrganizationMembership(stack, "jane", { orgApiKey: orgKey, email: "jane@example.com", role: "MEMBER" });
new LangfuseProjectMembership(stack, "jane_web", { project: web, email: jane.email, role: "ADMIN" });
app.synth();
`);
    expect((await stack.orgform(["apply", "--auto-approve"])).code).toBe(0);
    const result = await stack.orgform(["report", "access", "--json", "--email", "jane@example.com"]);
    expect(result.stderr).toBe("");
    const json = JSON.parse(result.stdout) as AccessJson;
    expect(brief(json.people[0]!.access)).toEqual([
      "langfuse organization: MEMBER langfuse_organization_membership.jane",
      "langfuse project web: ADMIN langfuse_project_membership.jane_web",
    ]);
  } finally {
    await langfuse.stop();
    stack.remove();
  }
});
