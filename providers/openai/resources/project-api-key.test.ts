/** `openai_project_api_key` and `data.openai_project_api_keys` through the real client against the emulator. */
import { projectApiKeysDataSource } from "./data-sources";
import { projectType } from "./project";
import { projectApiKeyType as keys } from "./project-api-key";
import { projectServiceAccountType } from "./project-service-account";
import { projectUserType } from "./project-user";
import { useEmulator } from "../emulator/fixture";

const fixture = useEmulator(1);
const ctx = () => fixture.ctx("openai_project_api_key.laptop");
let projectId = "";
let userId = "";

beforeAll(async () => {
  projectId = String((await projectType.create(fixture.ctx("openai_project.p"), { name: "Keys" })).id);
  userId = fixture.emulator.seedUser("ada@example.com", "Ada");
  await projectUserType.create(fixture.ctx("openai_project_user.ada"), { project_id: projectId, user_id: userId, role: "member" });
});

describe("openai_project_api_key", () => {
  it("adopts a key by id with its owner and last use, and destroy revokes it", async () => {
    const made = fixture.emulator.seedProjectApiKey(projectId, "laptop", { userId }, 1_700_000_000);
    const args = keys.arguments.parse({ project_id: projectId, api_key_id: made.id });
    expect(await keys.validate!(ctx(), args, undefined)).toEqual([]);
    const adopted = await keys.create(ctx(), args);
    expect(adopted).toEqual({
      id: made.id,
      project_id: projectId,
      api_key_id: made.id,
      name: "laptop",
      redacted_value: expect.stringMatching(/^sk-proj-.*\.\.\..{4}$/),
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      last_used_at: "2023-11-14T22:13:20Z",
      owner_type: "user",
      owner_id: userId,
      owner_name: "Ada",
      owner_email: "ada@example.com",
      owner_project_access: "active",
    });
    expect(JSON.stringify(adopted)).not.toContain(made.value);
    expect(await keys.read(ctx(), adopted)).toEqual(adopted);

    await keys.delete(ctx(), adopted);
    expect(fixture.emulator.store.projectApiKeys.has(made.id)).toBe(false);
    expect(await keys.read(ctx(), adopted)).toBeNull();
    // Revoking a key that is already gone is done, not an error.
    await expect(keys.delete(ctx(), adopted)).resolves.toBeUndefined();
  });

  it("says at plan time that a key which is not there cannot be adopted, and how to get one", async () => {
    const problems = await keys.validate!(ctx(), { project_id: projectId, api_key_id: "key_nope" }, undefined);
    expect(problems).toEqual([expect.stringContaining(`project ${projectId} has no API key key_nope`)]);
    expect(problems[0]).toMatch(/cannot create project keys.*dashboard.*data\.openai_project_api_keys/);
    await expect(keys.create(ctx(), { project_id: projectId, api_key_id: "key_nope" })).rejects.toThrow(/^openai_project_api_key\.laptop: project .* has no API key key_nope/);
  });

  it("lists every key of a project in one walk, keys of people who left included", async () => {
    const other = String((await projectType.create(fixture.ctx("openai_project.q"), { name: "Listing" })).id);
    const leaver = fixture.emulator.seedUser("gone@example.com", "Gone");
    const stale = fixture.emulator.seedProjectApiKey(other, "left behind", { userId: leaver });
    const bot = await projectServiceAccountType.create(fixture.ctx("openai_project_service_account.bot"), { project_id: other, name: "bot", role: "member" });
    const listed = await keys.list!.fetch(ctx(), other);
    expect(listed.map((key) => [(key as Record<string, unknown>).id, (key as Record<string, unknown>).owner_type, (key as Record<string, unknown>).owner_project_access])).toEqual([
      [stale.id, "user", "inactive"],
      [bot.api_key_id, "service_account", "active"],
    ]);
    expect(keys.list!.parent).toMatchObject({ type: "openai_project" });
    expect(keys.list!.parent!.scopeOf({ id: other })).toBe(other);
    expect(await keys.list!.fetch(ctx(), "proj_gone")).toEqual([]);
  });

  it("imports by <project id>/<key id> and refuses other shapes", async () => {
    const made = fixture.emulator.seedProjectApiKey(projectId, "imported", { userId });
    expect(await keys.importById!(ctx(), `${projectId}/${made.id}`)).toMatchObject({ id: made.id, name: "imported" });
    await expect(keys.importById!(ctx(), made.id)).rejects.toThrow(/<project id>\/<key id>/);
  });
});

describe("data.openai_project_api_keys", () => {
  it("reads every key of a project (ids and details, no secrets), and only active owners' when asked", async () => {
    const project = String((await projectType.create(fixture.ctx("openai_project.r"), { name: "Inventory" })).id);
    const orphan = fixture.emulator.seedProjectApiKey(project, "orphaned", { serviceAccountId: "svc_acct_missing" });
    await projectUserType.create(fixture.ctx("openai_project_user.ada_r"), { project_id: project, user_id: userId, role: "owner" });
    const mine = fixture.emulator.seedProjectApiKey(project, "mine", { userId });
    const read = await projectApiKeysDataSource.read(fixture.ctx("data.openai_project_api_keys.all"), projectApiKeysDataSource.arguments.parse({ project_id: project }));
    expect(read).toMatchObject({ id: project, owner_project_access: "any", ids: [orphan.id, mine.id] });
    expect((read.keys as Array<Record<string, unknown>>)[1]).toMatchObject({ name: "mine", owner_email: "ada@example.com" });
    expect(JSON.stringify(read)).not.toContain(mine.value);

    const onlyActive = await projectApiKeysDataSource.read(fixture.ctx("data.openai_project_api_keys.active"), { project_id: project, owner_project_access: "active" });
    expect(onlyActive.ids).toEqual([mine.id]);
  });

  it("fails naming the project when it does not exist", async () => {
    await expect(projectApiKeysDataSource.read(fixture.ctx("data.openai_project_api_keys.x"), { project_id: "proj_typo", owner_project_access: "any" })).rejects.toThrow(
      /proj_typo/,
    );
  });
});
