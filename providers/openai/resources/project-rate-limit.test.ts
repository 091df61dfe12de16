/** `openai_project_rate_limit`: adopt per model, update in place, leave as is on delete. */
import { projectType } from "./project";
import { projectRateLimitType as limits } from "./project-rate-limit";
import { useEmulator } from "../emulator/fixture";

const fixture = useEmulator(1);
const ctx = () => fixture.ctx("openai_project_rate_limit.gpt4o");
let projectId = "";

beforeAll(async () => {
  projectId = String((await projectType.create(fixture.ctx("openai_project.p"), { name: "Limited" })).id);
});

describe("openai_project_rate_limit", () => {
  it("says it adopts and leaves as is", () => {
    expect(limits.verbs).toMatchObject({ create: "adopted", delete: "left as is" });
    expect(limits.forceNew).toEqual(["project_id", "model"]);
  });

  it("adopts the model's limit, setting only the limits given", async () => {
    const adopted = await limits.create(ctx(), { project_id: projectId, model: "gpt-4o", max_requests_per_1_minute: 100 });
    expect(adopted).toMatchObject({
      id: `${projectId}/rl-gpt-4o`,
      rate_limit_id: "rl-gpt-4o",
      model: "gpt-4o",
      max_requests_per_1_minute: 100,
      // Not given: left at the organization's default.
      max_tokens_per_1_minute: 30_000_000,
    });
    // A text model has no image limit: absent, not null.
    expect(adopted).not.toHaveProperty("max_images_per_1_minute");
    expect(await limits.read(ctx(), adopted)).toEqual(adopted);
  });

  it("adopts without a call when no limit is given", async () => {
    const adopted = await limits.create(ctx(), { project_id: projectId, model: "whisper-1" });
    expect(adopted).toMatchObject({ max_audio_megabytes_per_1_minute: 500 });
  });

  it("updates in place and sees out-of-band changes on refresh", async () => {
    const prior = await limits.create(ctx(), { project_id: projectId, model: "dall-e-3" });
    const updated = await limits.update!(ctx(), prior, { project_id: projectId, model: "dall-e-3", max_images_per_1_minute: 5 });
    expect(updated).toMatchObject({ max_images_per_1_minute: 5 });
    fixture.emulator.setRateLimit(projectId, "dall-e-3", { max_images_per_1_minute: 7 });
    const listed = await limits.list!.fetch(ctx(), projectId);
    expect(listed.find((item) => (item as { id: string }).id === prior.id)).toMatchObject({ max_images_per_1_minute: 7 });
  });

  it("refuses to adopt a model the project has no limit for, naming the models it has", async () => {
    await expect(limits.create(ctx(), { project_id: projectId, model: "gpt-9" })).rejects.toThrow(
      /openai_project_rate_limit.gpt4o: project proj_\w+ has no rate limit for model "gpt-9".*gpt-4o/,
    );
  });

  it("sees models added to the catalogue later", async () => {
    fixture.emulator.seedModel("o3", { max_requests_per_1_minute: 42 });
    expect(await limits.create(ctx(), { project_id: projectId, model: "o3" })).toMatchObject({ max_requests_per_1_minute: 42 });
  });

  it("leaves the limit as it is on delete", async () => {
    const prior = await limits.create(ctx(), { project_id: projectId, model: "gpt-4o-mini", max_tokens_per_1_minute: 1000 });
    await limits.delete(ctx(), prior);
    expect(await limits.read(ctx(), prior)).toMatchObject({ max_tokens_per_1_minute: 1000 });
  });

  it("imports by <project id>/<rate limit id>", async () => {
    expect(await limits.importById!(ctx(), `${projectId}/rl-gpt-4o`)).toMatchObject({ model: "gpt-4o" });
    expect(await limits.importById!(ctx(), `${projectId}/rl-nothing`)).toBeNull();
  });
});
