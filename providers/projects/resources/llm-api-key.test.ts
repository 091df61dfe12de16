import { OrgformError } from "../../../src/errors";
import { args, refreshViaList, refreshViaRead, startFixture, type Fixture } from "../emulator/fixture";
import { llmApiKeyType } from "./llm-api-key";
import { projectType } from "./project";

let f: Fixture;
let projectId: string;
beforeEach(async () => {
  f = await startFixture();
  projectId = String((await projectType.create(f.ctx(), args(projectType, { name: "LLM home" }))).id);
});
afterEach(() => f.stop());

describe("projects_llm_api_key", () => {
  it("creates, never reads the provider key back, and deletes", async () => {
    const ctx = f.ctx("projects_llm_api_key.openai");
    const secret = "sk-openai-test-1234567890";
    const desired = args(llmApiKeyType, { project_id: projectId, llm_provider: "openai", secret_key: secret, custom_models: ["gpt-x-ft"] });
    expect(desired.with_default_models).toBe(true);
    const created = await llmApiKeyType.create(ctx, desired);
    expect(created).toMatchObject({ llm_provider: "openai", custom_models: ["gpt-x-ft"], with_default_models: true, display_secret_key: "...7890" });
    expect(JSON.stringify(created)).not.toContain(secret);
    expect(f.emulator.project(projectId).llmKeys.get(String(created.id))?.secretKey).toBe(secret);

    for (const refreshed of [await refreshViaRead(llmApiKeyType, ctx, created), await refreshViaList(llmApiKeyType, ctx, created)]) {
      expect(refreshed).toEqual(created);
      expect(JSON.stringify(refreshed)).not.toContain(secret);
    }

    await llmApiKeyType.delete(ctx, created);
    expect(await llmApiKeyType.read(ctx, created)).toBeNull();
  });

  it("declares every argument force-new and the key sensitive and write-only", () => {
    expect(llmApiKeyType.update).toBeUndefined();
    expect([...llmApiKeyType.forceNew].sort()).toEqual(["custom_models", "llm_provider", "project_id", "secret_key", "with_default_models"]);
    expect(llmApiKeyType.sensitive).toEqual(["secret_key"]);
    expect(llmApiKeyType.writeOnly).toEqual(["secret_key"]);
  });

  it("never puts the provider key in an error message, even when the API echoes it", async () => {
    const secret = "not-an-openai-key-0123456789";
    const error = await llmApiKeyType
      .create(f.ctx(), args(llmApiKeyType, { project_id: projectId, llm_provider: "openai", secret_key: secret }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrgformError);
    expect((error as OrgformError).message).toContain("is not a valid openai key");
    expect((error as OrgformError).message).not.toContain(secret);
  });

  it("reports the API's conflict for a second key of the same provider", async () => {
    const ctx = f.ctx();
    await llmApiKeyType.create(ctx, args(llmApiKeyType, { project_id: projectId, llm_provider: "anthropic", secret_key: "sk-ant-one-1111" }));
    await expect(
      llmApiKeyType.create(ctx, args(llmApiKeyType, { project_id: projectId, llm_provider: "anthropic", secret_key: "sk-ant-two-2222" })),
    ).rejects.toThrow(/already has an LLM API key for anthropic/);
  });
});
