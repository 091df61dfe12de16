/** `openai_project_user` and `openai_project_service_account` through the real client against the emulator. */
import { projectType } from "./project";
import { projectServiceAccountType as accounts } from "./project-service-account";
import { projectUserType as members } from "./project-user";
import { useEmulator } from "../emulator/fixture";

const fixture = useEmulator(1);
let projectId = "";

beforeAll(async () => {
  const project = await projectType.create(fixture.ctx("openai_project.p"), { name: "Members" });
  projectId = String(project.id);
});

describe("openai_project_user", () => {
  const ctx = () => fixture.ctx("openai_project_user.ada");

  it("adds an organization member, changes the role, lists, removes", async () => {
    const userId = fixture.emulator.seedUser("ada@example.com", "Ada");
    const args = members.arguments.parse({ project_id: projectId, user_id: userId });
    expect(args.role).toBe("member");
    const created = await members.create(ctx(), args);
    expect(created).toMatchObject({ id: `${projectId}/${userId}`, project_id: projectId, user_id: userId, role: "member", email: "ada@example.com" });

    const promoted = await members.update!(ctx(), created, { ...args, role: "owner" });
    expect(promoted).toMatchObject({ role: "owner" });
    expect(await members.read(ctx(), created)).toEqual(promoted);

    const other = fixture.emulator.seedUser("bob@example.com", "Bob");
    await members.create(ctx(), { project_id: projectId, user_id: other, role: "member" });
    const listed = await members.list!.fetch(ctx(), members.list!.scope(created));
    expect(listed.map((item) => (item as { id: string }).id).sort()).toEqual([`${projectId}/${other}`, `${projectId}/${userId}`].sort());

    await members.delete(ctx(), created);
    expect(await members.read(ctx(), created)).toBeNull();
  });

  it("fails with the API's message for someone outside the organization", async () => {
    await expect(members.create(ctx(), { project_id: projectId, user_id: "user-stranger", role: "member" })).rejects.toThrow(
      /must be members of the organization/,
    );
  });

  it("imports by <project id>/<user id> and refuses other shapes", async () => {
    const userId = fixture.emulator.seedUser("imp@example.com", "Imp");
    await members.create(ctx(), { project_id: projectId, user_id: userId, role: "owner" });
    expect(await members.importById!(ctx(), `${projectId}/${userId}`)).toMatchObject({ role: "owner" });
    await expect(members.importById!(ctx(), userId)).rejects.toThrow(/<project id>\/<user id>/);
  });

  it("lists nothing for a project that does not exist", async () => {
    expect(await members.list!.fetch(ctx(), "proj_gone")).toEqual([]);
  });
});

describe("openai_project_service_account", () => {
  const ctx = () => fixture.ctx("openai_project_service_account.bot");

  it("creates with a key value once, renames and re-roles in place, deletes", async () => {
    expect(accounts.sensitive).toEqual(["api_key_value"]);
    const created = await accounts.create(ctx(), { project_id: projectId, name: "deploy-bot", role: "member" });
    expect(created).toMatchObject({ name: "deploy-bot", role: "member", api_key_value: expect.stringMatching(/^sk-svcacct-/), api_key_id: expect.stringMatching(/^key_/) });
    expect(created.id).toBe(`${projectId}/${String(created.service_account_id)}`);

    const read = await accounts.read(ctx(), created);
    expect(read).not.toHaveProperty("api_key_value");
    expect(JSON.stringify(read)).not.toContain(String(created.api_key_value));

    const updated = await accounts.update!(ctx(), created, { project_id: projectId, name: "release-bot", role: "owner" });
    expect(updated).toMatchObject({ name: "release-bot", role: "owner" });
    expect(await accounts.list!.fetch(ctx(), projectId)).toContainEqual(updated);

    await accounts.delete(ctx(), created);
    expect(await accounts.read(ctx(), created)).toBeNull();
  });

  it("creates an owner with a second call", async () => {
    const created = await accounts.create(ctx(), { project_id: projectId, name: "owner-bot", role: "owner" });
    expect(created).toMatchObject({ role: "owner", api_key_value: expect.any(String) });
    expect(await accounts.read(ctx(), created)).toMatchObject({ role: "owner" });
  });

  it("keeps the key value out of error messages after create", async () => {
    const created = await accounts.create(ctx(), { project_id: projectId, name: "leaky", role: "member" });
    const value = String(created.api_key_value);
    fixture.emulator.failNext("POST", 400, `key ${value} is busy`);
    const failure = await accounts.update!(ctx(), created, { project_id: projectId, name: "x", role: "member" }).catch((e: unknown) => e);
    expect((failure as Error).message).not.toContain(value);
  });

  it("imports by <project id>/<service account id>", async () => {
    const created = await accounts.create(ctx(), { project_id: projectId, name: "imported-bot", role: "member" });
    expect(await accounts.importById!(ctx(), String(created.id))).toMatchObject({ name: "imported-bot" });
  });
});
