/** The cdktf constructs: snake_case synthesis and prop validation that names the field. */
import { Fn, Testing, TerraformOutput, TerraformStack } from "cdktf";
import { ConstructPropsError } from "../construct-kit";
import * as openai from "./index";

function synth(build: (stack: TerraformStack) => void): Record<string, Record<string, Record<string, unknown>>> {
  const app = Testing.app();
  const stack = new TerraformStack(app, "org");
  build(stack);
  return JSON.parse(Testing.synth(stack)) as Record<string, Record<string, Record<string, unknown>>>;
}

describe("OpenAI constructs", () => {
  it("synthesize every type with snake_case attributes", () => {
    const json = synth((stack) => {
      new openai.OpenaiProvider(stack, "openai", { baseUrl: "http://127.0.0.1:1/v1" });
      const key = new openai.OpenaiAdminApiKey(stack, "ci", { name: "ci", expiresInSeconds: 3600 });
      const project = new openai.OpenaiProject(stack, "eng", { name: "Engineering" });
      const ada = new openai.DataOpenaiUser(stack, "ada", { email: "ada@example.com" });
      new openai.OpenaiProjectUser(stack, "ada_eng", { projectId: project.id, userId: ada.id, role: "owner" });
      new openai.OpenaiProjectServiceAccount(stack, "bot", { projectId: project.id, name: "deploy-bot" });
      new openai.OpenaiProjectRateLimit(stack, "gpt4o", { projectId: project.id, model: "gpt-4o", maxRequestsPer1Minute: 100 });
      new openai.OpenaiInvite(stack, "grace", { email: "grace@example.com", role: "reader", projects: [{ id: project.id, role: "member" }] });
      new openai.OpenaiOrganizationUser(stack, "ada_org", { userId: ada.id, role: "reader" });
      const keys = new openai.DataOpenaiProjectApiKeys(stack, "eng_keys", { projectId: project.id });
      new openai.OpenaiProjectApiKey(stack, "laptop", { projectId: project.id, apiKeyId: Fn.element(keys.ids, 0) });
      new TerraformOutput(stack, "key", { value: key.value, sensitive: true });
    });
    expect(json.provider?.openai).toEqual([{ base_url: "http://127.0.0.1:1/v1" }]);
    expect(json.resource?.openai_admin_api_key?.ci).toMatchObject({ name: "ci", expires_in_seconds: 3600 });
    expect(json.resource?.openai_project_user?.ada_eng).toMatchObject({
      project_id: "${openai_project.eng.id}",
      user_id: "${data.openai_user.ada.id}",
      role: "owner",
    });
    expect(json.resource?.openai_project_rate_limit?.gpt4o).toMatchObject({ model: "gpt-4o", max_requests_per_1_minute: 100 });
    expect(json.resource?.openai_project_rate_limit?.gpt4o).not.toHaveProperty("max_tokens_per_1_minute");
    expect(json.resource?.openai_invite?.grace).toMatchObject({ projects: [{ id: "${openai_project.eng.id}", role: "member" }] });
    expect(json.data?.openai_user?.ada).toMatchObject({ email: "ada@example.com" });
    expect(json.data?.openai_project_api_keys?.eng_keys).toEqual({ project_id: "${openai_project.eng.id}" });
    expect(json.resource?.openai_project_api_key?.laptop).toMatchObject({
      project_id: "${openai_project.eng.id}",
      api_key_id: "${element(data.openai_project_api_keys.eng_keys.ids, 0)}",
    });
    expect(json.output?.key).toMatchObject({ value: "${openai_admin_api_key.ci.value}", sensitive: true });
  });

  it.each([
    ["an empty key name", (s: TerraformStack) => new openai.OpenaiAdminApiKey(s, "k", { name: "" }), "name"],
    ["a zero expiry", (s: TerraformStack) => new openai.OpenaiAdminApiKey(s, "k", { name: "k", expiresInSeconds: 0 }), "expiresInSeconds"],
    ["a bad project role", (s: TerraformStack) => new openai.OpenaiProjectUser(s, "u", { projectId: "p", userId: "u", role: "admin" as "owner" }), "role"],
    ["a bad invite email", (s: TerraformStack) => new openai.OpenaiInvite(s, "i", { email: "nope", role: "reader" }), "email"],
    ["an empty project key id", (s: TerraformStack) => new openai.OpenaiProjectApiKey(s, "k", { projectId: "p", apiKeyId: "" }), "apiKeyId"],
    ["an unknown key owner access", (s: TerraformStack) => new openai.DataOpenaiProjectApiKeys(s, "d", { projectId: "p", ownerProjectAccess: "all" as "any" }), "ownerProjectAccess"],
    ["a negative limit", (s: TerraformStack) => new openai.OpenaiProjectRateLimit(s, "r", { projectId: "p", model: "m", maxTokensPer1Minute: -1 }), "maxTokensPer1Minute"],
  ])("refuse %s naming the field", (_case, build, field) => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "org");
    const failure = (() => {
      try {
        build(stack);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(failure).toBeInstanceOf(ConstructPropsError);
    expect((failure as Error).message).toMatch(new RegExp(`org/\\w+: property "${field}"`));
  });
});
