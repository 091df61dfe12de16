import { App, TerraformStack, Testing } from "cdktf";
import { ConstructPropsError } from "../construct-kit";
import {
  DataProjectDailyMetrics,
  DataProjectTraces,
  DataProjects,
  Project,
  ProjectApiKey,
  ProjectInvitation,
  ProjectLlmApiKey,
  ProjectMember,
  ProjectsProvider,
} from "./index";

function synth(build: (stack: TerraformStack) => void): Record<string, Record<string, Record<string, Record<string, unknown>>>> {
  const app = Testing.app();
  const stack = new TerraformStack(app as App, "stack");
  build(stack);
  return JSON.parse(Testing.synth(stack)) as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
}

describe("constructs", () => {
  it("synthesize snake_case projects_* resources and data sources", () => {
    const json = synth((stack) => {
      new ProjectsProvider(stack, "projects", { organizationId: "org_1" });
      const project = new Project(stack, "app", { name: "Chatbot" });
      new ProjectApiKey(stack, "ci", { projectId: project.id, label: "CI", expiresAt: "2027-01-01T00:00:00Z" });
      new ProjectLlmApiKey(stack, "openai", { projectId: project.id, llmProvider: "openai", secretKey: "${var.openai_key}", customModels: ["ft-1"] });
      new ProjectMember(stack, "ada", { projectId: project.id, email: "ada@example.com", role: "ADMIN", organizationRole: "OWNER", access: "denied" });
      new ProjectInvitation(stack, "grace", { projectId: project.id, email: "grace@example.com", organizationRole: "MEMBER", resendOnApply: 2 });
      new DataProjects(stack, "mine", { role: ["OWNER"], hasWallet: true, sort: "-recent_activity", minMembers: 1 });
      new DataProjectDailyMetrics(stack, "daily", { projectId: project.id, from: "2025-01-01T00:00:00Z", tags: ["prod"] });
      new DataProjectTraces(stack, "traces", { projectId: project.id, userId: "u1", pageSize: 20 });
    });
    expect(json.provider!.projects).toEqual([{ organization_id: "org_1" }]);
    expect(json.resource!.projects_project!.app).toMatchObject({ name: "Chatbot" });
    expect(json.resource!.projects_api_key!.ci).toMatchObject({ project_id: "${projects_project.app.id}", label: "CI", expires_at: "2027-01-01T00:00:00Z" });
    expect(json.resource!.projects_llm_api_key!.openai).toMatchObject({ llm_provider: "openai", secret_key: "${var.openai_key}", custom_models: ["ft-1"] });
    expect(json.resource!.projects_member!.ada).toMatchObject({ role: "ADMIN", organization_role: "OWNER", access: "denied" });
    expect(json.resource!.projects_invitation!.grace).toMatchObject({ email: "grace@example.com", resend_on_apply: 2 }); // as written; the engine reads it as "2"
    expect(json.data!.projects_projects!.mine).toMatchObject({ role: ["OWNER"], has_wallet: true, sort: "-recent_activity", min_members: 1 });
    expect(json.data!.projects_daily_metrics!.daily).toMatchObject({ project_id: "${projects_project.app.id}", tags: ["prod"] });
    expect(json.data!.projects_traces!.traces).toMatchObject({ user_id: "u1", page_size: 20 });
  });

  it.each([
    ["a short project name", (s: TerraformStack) => new Project(s, "p", { name: "ab" }), /p: property "name"/],
    [
      "an organization role below the project role",
      (s: TerraformStack) => new ProjectMember(s, "m", { projectId: "p1", email: "a@b.co", role: "OWNER", organizationRole: "VIEWER" }),
      /m: property "organizationRole": VIEWER is lower than the project role OWNER/,
    ],
    ["a bad email", (s: TerraformStack) => new ProjectInvitation(s, "i", { projectId: "p1", email: "nope", projectOnly: true }), /property "email"/],
    ["an unknown sort", (s: TerraformStack) => new DataProjects(s, "d", { sort: "popularity" }), /property "sort"/],
    ["a bad expiry", (s: TerraformStack) => new ProjectApiKey(s, "k", { projectId: "p1", label: "x", expiresAt: "soon" }), /property "expiresAt"/],
  ])("refuse %s at synth with the construct path and field", (_why, build, message) => {
    const app = Testing.app();
    const stack = new TerraformStack(app as App, "stack");
    let thrown: unknown;
    try {
      build(stack);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConstructPropsError);
    expect((thrown as Error).message).toMatch(message);
  });

  it("lets references through unvalidated: the engine checks them after evaluation", () => {
    expect(() =>
      synth((stack) => {
        const project = new Project(stack, "app", { name: "Chatbot" });
        new ProjectMember(stack, "m", { projectId: project.id, email: "a@b.co", role: "MEMBER", organizationRole: "MEMBER" });
      }),
    ).not.toThrow();
  });
});
