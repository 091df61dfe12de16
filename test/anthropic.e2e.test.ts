/**
 * The Anthropic provider end to end, as a user runs it: a cdktf stack → orgform plan/apply (a real
 * child process) → the Anthropic emulator (real HTTP on loopback) → a state file. Out-of-band
 * changes (archiving, accepting, expiry) are made on the emulator between runs.
 */
import { AnthropicEmulator, DEMO, seedAnthropicDemo } from "../providers/anthropic/emulator";
import { runOrgform, type CliResult } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

// Each test runs the CLI up to seven times; on a busy machine that can take more than a minute.
jest.setTimeout(180_000);

interface StackShape {
  workspaceName?: string;
  memberRole?: string;
  graceRole?: string;
  keyStatus?: string;
  extra?: string;
}

function stackSource(shape: StackShape = {}): string {
  const { workspaceName = "Engineering", memberRole = "workspace_developer", graceRole = "developer", keyStatus = "active", extra = "" } = shape;
  return `
import { App, TerraformStack, TerraformOutput } from "cdktf";
import {
  AnthropicProvider, AnthropicWorkspace, AnthropicWorkspaceMember, AnthropicOrganizationMember,
  AnthropicInvite, AnthropicApiKey, DataAnthropicOrganization, DataAnthropicUser,
} from "${PROVIDERS}/anthropic";
const app = new App();
const stack = new TerraformStack(app, "e2e");
new AnthropicProvider(stack, "anthropic");
const org = new DataAnthropicOrganization(stack, "org");
const ada = new DataAnthropicUser(stack, "ada", { email: "ada@example.com" });
const eng = new AnthropicWorkspace(stack, "eng", { name: ${JSON.stringify(workspaceName)}, tags: { team: "eng" } });
new AnthropicWorkspaceMember(stack, "ada_eng", { workspaceId: eng.id, userId: ada.id, workspaceRole: ${JSON.stringify(memberRole)} });
new AnthropicOrganizationMember(stack, "grace", { email: "grace@example.com", role: ${JSON.stringify(graceRole)} });
new AnthropicInvite(stack, "bob", { email: "bob@example.com", role: "user" });
new AnthropicApiKey(stack, "ci", { apiKeyId: ${JSON.stringify(DEMO.apiKeyId)}, name: "ci", status: ${JSON.stringify(keyStatus)} as "active" });
new TerraformOutput(stack, "org_name", { value: org.name });
new TerraformOutput(stack, "eng_id", { value: eng.id });
${extra}
app.synth();
`;
}

describe("Anthropic end to end: stack → plan → apply → state", () => {
  let emulator: AnthropicEmulator;
  let work: Workdir;
  let env: NodeJS.ProcessEnv;
  const orgform = (args: string[]): Promise<CliResult> => runOrgform(args, { cwd: work.dir, env });
  const workspaces = () => [...emulator.store.workspaces.values()];
  const userByEmail = (email: string) => emulator.store.userByEmail(email)!;

  beforeEach(async () => {
    emulator = new AnthropicEmulator({ adminApiKey: "sk-ant-admin01-e2e-secret-key", organizationName: "Acme" });
    seedAnthropicDemo(emulator);
    const url = await emulator.start();
    env = { ANTHROPIC_BASE_URL: url, ANTHROPIC_ADMIN_API_KEY: emulator.adminApiKey };
    work = new Workdir();
  });

  afterEach(async () => {
    await emulator.stop();
    work.remove();
  });

  it("creates and adopts, then plans no changes, never printing the admin key", async () => {
    work.writeStack(stackSource());
    const plan = await orgform(["plan", "--detailed-exitcode"]);
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("# anthropic_api_key.ci will be adopted");
    expect(plan.stdout).toContain("# anthropic_organization_member.grace will be adopted");
    expect(plan.stdout).toContain("# anthropic_workspace.eng will be created");
    expect(plan.stdout).toContain("Plan: 5 to add, 0 to change, 0 to destroy.");

    const apply = await orgform(["apply", "--auto-approve"]);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain("Apply complete! Resources: 5 added, 0 changed, 0 destroyed.");
    expect(apply.stdout).toContain('org_name = "Acme"');
    const [eng] = workspaces();
    expect(eng).toMatchObject({ name: "Engineering", tags: { team: "eng" }, archived_at: null });
    expect(emulator.store.explicitMembers(eng!.id).get(userByEmail("ada@example.com").id)).toBe("workspace_developer");
    expect(userByEmail("grace@example.com").role).toBe("developer");
    expect(emulator.store.listInvites().map((i) => i.email)).toEqual(["bob@example.com"]);
    expect(emulator.store.apiKey(DEMO.apiKeyId).name).toBe("ci");

    const again = await orgform(["plan", "--detailed-exitcode"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("No changes.");
    for (const output of [plan, apply, again]) expect(output.stdout + output.stderr).not.toContain(emulator.adminApiKey);
  });

  it("refreshes N objects with one list walk per collection, not one GET each", async () => {
    const many = Array.from({ length: 6 }, (_, i) => `const w${i} = new AnthropicWorkspace(stack, "w${i}", { name: "team ${i}" });
new AnthropicWorkspaceMember(stack, "ada_w${i}", { workspaceId: w${i}.id, userId: ada.id, workspaceRole: "workspace_user" });`).join("\n");
    work.writeStack(stackSource({ extra: many }));
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    emulator.server.counters.clear();
    expect((await orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
    const count = (route: string) => emulator.server.requestCount("GET", `/v1/organizations${route}`);
    expect(count("/workspaces")).toBe(1);
    expect(count("/workspaces/:workspaceId")).toBe(0);
    expect(count("/workspaces/:workspaceId/members")).toBe(7); // one walk per workspace
    expect(count("/workspaces/:workspaceId/members/:userId")).toBe(0);
    expect(count("/users/:userId")).toBe(0);
    expect(count("/invites")).toBe(1);
    expect(count("/invites/:inviteId")).toBe(0);
    expect(count("/api_keys")).toBe(1);
    expect(count("/api_keys/:apiKeyId")).toBe(0);
  });

  it("renames in place with POST and changes roles in place", async () => {
    work.writeStack(stackSource());
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    work.writeStack(stackSource({ workspaceName: "Platform", memberRole: "workspace_admin", graceRole: "billing" }));
    const apply = await orgform(["apply", "--auto-approve"]);
    expect(apply.stdout).toContain("# anthropic_workspace.eng will be updated in-place");
    expect(apply.stdout).toContain("Apply complete! Resources: 0 added, 3 changed, 0 destroyed.");
    expect(workspaces().map((w) => w.name)).toEqual(["Platform"]);
    expect(userByEmail("grace@example.com").role).toBe("billing");
    expect(emulator.server.requestCount("PATCH", "/v1/organizations/workspaces/:workspaceId")).toBe(0);
  });

  it("re-creates a workspace archived outside orgform instead of renaming it", async () => {
    work.writeStack(stackSource());
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    const oldId = workspaces()[0]!.id;
    emulator.archiveWorkspace(oldId);

    const plan = await orgform(["plan"]);
    expect(plan.stdout).toContain("# anthropic_workspace.eng is gone: archived outside orgform");
    expect(plan.stdout).toContain("# anthropic_workspace.eng will be created (it was archived outside orgform)");
    expect(plan.stdout).toContain("# anthropic_workspace_member.ada_eng must be replaced");

    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    const active = workspaces().filter((w) => !w.archived_at);
    expect(active).toHaveLength(1);
    expect(active[0]!.id).not.toBe(oldId);
    expect(emulator.store.workspace(oldId).name).toBe("Engineering");
    expect((await orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("keeps an accepted invite without re-inviting, and re-invites an expired one", async () => {
    work.writeStack(stackSource());
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    const [invite] = emulator.store.listInvites();
    emulator.acceptInvite(invite!.id);
    const accepted = await orgform(["plan", "--detailed-exitcode"]);
    expect(accepted.code).toBe(0);

    // A second, still pending invite that then expires is drift: the plan sends it again.
    work.writeStack(stackSource({ extra: `new AnthropicInvite(stack, "carol", { email: "carol@example.com", role: "developer" });` }));
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    emulator.expireInvites();
    const expired = await orgform(["plan"]);
    expect(expired.stdout).toContain("# anthropic_invite.carol is gone: expired");
    expect(expired.stdout).toContain("Plan: 1 to add, 0 to change, 0 to destroy.");
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    const carol = emulator.store.listInvites().filter((i) => i.email === "carol@example.com").map((i) => emulator.store.inviteStatus(i));
    expect(carol.sort()).toEqual(["expired", "pending"]);
  });

  it("says in words what destroy does: archive, deactivate, remove from the organization", async () => {
    work.writeStack(stackSource());
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    const destroy = await orgform(["destroy", "--auto-approve"]);
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toContain("# anthropic_workspace.eng will be archived");
    expect(destroy.stdout).toContain("# anthropic_api_key.ci will be deactivated");
    expect(destroy.stdout).toContain("# anthropic_organization_member.grace will be removed from the organization");
    expect(workspaces()[0]!.archived_at).toEqual(expect.any(String));
    expect(emulator.store.apiKey(DEMO.apiKeyId).status).toBe("inactive");
    expect(emulator.store.userByEmail("grace@example.com")).toBeUndefined();
    expect(emulator.store.listInvites()).toEqual([]);
  });

  it.each([
    [
      "an archived API key asked to be active again",
      async () => emulator.setApiKeyStatus(DEMO.apiKeyId, "archived"),
      stackSource({ keyStatus: "active" }),
      /anthropic_api_key\.ci: API key apikey_\w+ is archived, which is terminal/,
    ],
    [
      "an organization admin as a workspace member",
      async () => undefined,
      stackSource({ extra: `new AnthropicWorkspaceMember(stack, "owner_eng", { workspaceId: eng.id, userId: new DataAnthropicUser(stack, "owner", { email: "owner@example.com" }).id, workspaceRole: "workspace_user" });` }),
      /owner@example\.com .* is an organization admin member and therefore workspace_admin in every workspace/,
    ],
    [
      "more than 100 active workspaces",
      async () => {
        for (let i = 0; i < 99; i++) emulator.store.addWorkspace({ name: `w${i}`, tags: {}, data_residency: { workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" } });
      },
      stackSource({ extra: `new AnthropicWorkspace(stack, "more", { name: "One more" });` }),
      /anthropic_workspace\.more: the organization has 100 active workspaces and this plan creates 1; Anthropic allows at most 100/,
    ],
  ])("refuses %s at plan time, before anything changes", async (_case, prepare, source, message) => {
    work.writeStack(stackSource());
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    await prepare();
    work.writeStack(source);
    const before = emulator.server.totalRequests();
    const postsBefore = [...emulator.server.counters].filter(([key]) => !key.startsWith("GET")).reduce((n, [, c]) => n + c, 0);
    const plan = await orgform(["apply", "--auto-approve"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(message);
    expect(plan.stderr).not.toMatch(/at .*\.ts:\d+/); // a user error, not a stack trace
    const postsAfter = [...emulator.server.counters].filter(([key]) => !key.startsWith("GET")).reduce((n, [, c]) => n + c, 0);
    expect(postsAfter).toBe(postsBefore);
    expect(emulator.server.totalRequests()).toBeGreaterThan(before);
  });

  it("refuses workspace_billing when the stack is synthesized", async () => {
    work.writeStack(stackSource({ memberRole: "workspace_billing" }));
    const plan = await orgform(["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stdout + plan.stderr).toMatch(/workspace_billing cannot be assigned/);
  });
});
