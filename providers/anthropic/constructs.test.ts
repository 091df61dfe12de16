/** The constructs synthesize snake_case Terraform JSON and validate props at construction. */
import { App, TerraformStack, Testing } from "cdktf";
import { ConstructPropsError } from "../construct-kit";
import {
  AnthropicApiKey,
  AnthropicInvite,
  AnthropicOrganizationMember,
  AnthropicProvider,
  AnthropicWorkspace,
  AnthropicWorkspaceMember,
  DataAnthropicOrganization,
  DataAnthropicUser,
  DataAnthropicWorkspace,
  DataAnthropicApiKeys,
} from "./index";

function synth(build: (stack: TerraformStack) => void): Record<string, Record<string, Record<string, unknown>>> {
  const app = new App({ outdir: Testing.app().outdir });
  const stack = new TerraformStack(app, "test");
  build(stack);
  return JSON.parse(Testing.synth(stack)) as Record<string, Record<string, Record<string, unknown>>>;
}

it("synthesizes every resource and data source with snake_case attributes and references", () => {
  const json = synth((stack) => {
    new AnthropicProvider(stack, "anthropic", { baseUrl: "http://127.0.0.1:9999" });
    const jane = new DataAnthropicUser(stack, "jane", { email: "jane@example.com" });
    new DataAnthropicOrganization(stack, "org");
    new DataAnthropicWorkspace(stack, "default", { name: "Default" });
    const eng = new AnthropicWorkspace(stack, "eng", {
      name: "Engineering",
      displayColor: "#6C5BB9",
      tags: { team: "eng" },
      workspaceGeo: "us",
      allowedInferenceGeos: ["us"],
      defaultInferenceGeo: "us",
    });
    new AnthropicWorkspaceMember(stack, "jane_eng", { workspaceId: eng.id, userId: jane.id, workspaceRole: "workspace_developer" });
    new AnthropicOrganizationMember(stack, "jane_org", { email: "jane@example.com", role: "developer" });
    new AnthropicInvite(stack, "bob", { email: "bob@example.com", role: "user" });
    new AnthropicApiKey(stack, "ci", { apiKeyId: "apikey_01abc", name: "ci", status: "active", archiveOnDestroy: true });
    new DataAnthropicApiKeys(stack, "eng_keys", { workspaceId: eng.id, status: "active", createdByUserId: jane.id });
    new DataAnthropicApiKeys(stack, "all_keys");
  });
  expect(json.provider?.anthropic).toEqual([{ base_url: "http://127.0.0.1:9999" }]);
  expect(json.resource?.anthropic_workspace?.eng).toEqual({
    name: "Engineering",
    display_color: "#6C5BB9",
    tags: { team: "eng" },
    workspace_geo: "us",
    allowed_inference_geos: ["us"],
    default_inference_geo: "us",
  });
  expect(json.resource?.anthropic_workspace_member?.jane_eng).toEqual({
    workspace_id: "${anthropic_workspace.eng.id}",
    user_id: "${data.anthropic_user.jane.id}",
    workspace_role: "workspace_developer",
  });
  expect(json.resource?.anthropic_organization_member?.jane_org).toEqual({ email: "jane@example.com", role: "developer" });
  expect(json.resource?.anthropic_invite?.bob).toEqual({ email: "bob@example.com", role: "user" });
  expect(json.resource?.anthropic_api_key?.ci).toEqual({ api_key_id: "apikey_01abc", name: "ci", status: "active", archive_on_destroy: true });
  expect(json.data?.anthropic_user?.jane).toEqual({ email: "jane@example.com" });
  expect(json.data?.anthropic_workspace?.default).toEqual({ name: "Default" });
  expect(json.data?.anthropic_organization?.org).toEqual({});
  expect(json.data?.anthropic_api_keys?.eng_keys).toEqual({ workspace_id: "${anthropic_workspace.eng.id}", status: "active", created_by_user_id: "${data.anthropic_user.jane.id}" });
  expect(json.data?.anthropic_api_keys?.all_keys).toEqual({});
});

it.each([
  ["a 41-character workspace name", (s: TerraformStack) => new AnthropicWorkspace(s, "w", { name: "x".repeat(41) }), /w: property "name": must be at most 40/],
  ["a bad color", (s: TerraformStack) => new AnthropicWorkspace(s, "w", { name: "ok", displayColor: "red" }), /displayColor.*#RRGGBB/],
  ["workspace_billing", (s: TerraformStack) => new AnthropicWorkspaceMember(s, "m", { workspaceId: "w", userId: "u", workspaceRole: "workspace_billing" }), /workspace_billing cannot be assigned/],
  ["the admin organization role", (s: TerraformStack) => new AnthropicOrganizationMember(s, "o", { email: "a@example.com", role: "admin" }), /"admin" role cannot be assigned/],
  ["a member named twice", (s: TerraformStack) => new AnthropicOrganizationMember(s, "o", { email: "a@example.com", userId: "user_1", role: "user" }), /exactly one of userId or email/],
  ["an invite with a bad email", (s: TerraformStack) => new AnthropicInvite(s, "i", { email: "nope", role: "user" }), /email/],
  ["a 501-character key name", (s: TerraformStack) => new AnthropicApiKey(s, "k", { apiKeyId: "apikey_1", name: "x".repeat(501) }), /at most 500/],
  ["a key status the filter lacks", (s: TerraformStack) => new DataAnthropicApiKeys(s, "d", { status: "expired" as "active" }), /status/],
])("refuses %s at synth with the construct path", (_case, build, message) => {
  const app = new App({ outdir: Testing.app().outdir });
  const stack = new TerraformStack(app, "test");
  let error: unknown;
  try {
    build(stack);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConstructPropsError);
  expect((error as Error).message).toMatch(/^test\//);
  expect((error as Error).message).toMatch(message);
});
