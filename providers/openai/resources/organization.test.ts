/** `openai_invite`, `openai_organization_user` and `data.openai_user` against the emulator. */
import { Gone } from "../../../src/provider/contract";
import { userDataSource } from "./data-sources";
import { inviteType as invites } from "./invite";
import { organizationUserType as users } from "./organization-user";
import { projectType } from "./project";
import { useEmulator } from "../emulator/fixture";

const fixture = useEmulator(1);

describe("openai_invite", () => {
  const ctx = () => fixture.ctx("openai_invite.grace");

  it("replaces on any change: every argument forces a new invite", () => {
    expect(invites.update).toBeUndefined();
    expect([...invites.forceNew].sort()).toEqual(["email", "projects", "role"]);
    expect(invites.arguments.parse({ email: "a@example.com", role: "reader" })).toEqual({ email: "a@example.com", role: "reader", projects: [] });
  });

  it("creates with project grants, reads, lists, deletes", async () => {
    const project = await projectType.create(fixture.ctx("openai_project.p"), { name: "Invited" });
    const args = { email: "grace@example.com", role: "reader", projects: [{ id: String(project.id), role: "member" }] };
    const created = await invites.create(ctx(), args);
    expect(created).toMatchObject({ ...args, id: expect.stringMatching(/^invite-/), status: "pending", accepted_at: null });
    expect(await invites.read(ctx(), created)).toEqual(created);
    expect(await invites.list!.fetch(ctx(), "")).toContainEqual(created);
    await invites.delete(ctx(), created);
    expect(await invites.read(ctx(), created)).toBeNull();
  });

  it("sends [] when no projects are given, so no Default-project grant sneaks in", async () => {
    const created = await invites.create(ctx(), invites.arguments.parse({ email: "nogrant@example.com", role: "reader" }));
    expect(created.projects).toEqual([]);
  });

  it("reads an expired invite as Gone and an accepted one as it is", async () => {
    const expiring = await invites.create(ctx(), { email: "late@example.com", role: "reader", projects: [] });
    fixture.emulator.expireInvite(String(expiring.id));
    expect(await invites.read(ctx(), expiring)).toBeInstanceOf(Gone);

    const accepted = await invites.create(ctx(), { email: "yes@example.com", role: "owner", projects: [] });
    fixture.emulator.acceptInvite(String(accepted.id));
    expect(await invites.read(ctx(), accepted)).toMatchObject({ status: "accepted", accepted_at: expect.any(String) });
  });

  it("surfaces the API's refusal to invite a member", async () => {
    await expect(invites.create(ctx(), { email: "owner@example.com", role: "reader", projects: [] })).rejects.toThrow(/already a member/);
  });
});

describe("openai_organization_user and data.openai_user", () => {
  const ctx = () => fixture.ctx("openai_organization_user.lin");

  it("says it adopts and removes", () => {
    expect(users.verbs).toMatchObject({ create: "adopted", delete: "removed from the organization" });
  });

  it("looks a member up by email, adopts them with a role, changes it, removes them", async () => {
    const userId = fixture.emulator.seedUser("Lin@Example.com", "Lin", "reader");
    const found = await userDataSource.read(fixture.ctx("data.openai_user.lin"), { email: "lin@example.com" });
    expect(found).toMatchObject({ id: userId, email: "Lin@Example.com", name: "Lin", role: "reader" });

    const adopted = await users.create(ctx(), { user_id: userId, role: "owner" });
    expect(adopted).toMatchObject({ id: userId, role: "owner" });
    const demoted = await users.update!(ctx(), adopted, { user_id: userId, role: "reader" });
    expect(demoted).toMatchObject({ role: "reader" });
    expect(await users.list!.fetch(ctx(), "")).toContainEqual(demoted);

    await users.delete(ctx(), demoted);
    expect(await users.read(ctx(), demoted)).toBeNull();
  });

  it("refuses to adopt someone who is not a member, pointing at invites", async () => {
    await expect(users.create(ctx(), { user_id: "user-nobody", role: "reader" })).rejects.toThrow(/openai_organization_user.lin: .*openai_invite/);
  });

  it("names the address and the email when no member has it", async () => {
    await expect(userDataSource.read(fixture.ctx("data.openai_user.x"), { email: "ghost@example.com" })).rejects.toThrow(
      /data.openai_user.x: .*"ghost@example.com"/,
    );
  });

  it("imports by user id", async () => {
    const userId = fixture.emulator.seedUser("imp2@example.com", "Imp");
    expect(await users.importById!(ctx(), userId)).toMatchObject({ id: userId, email: "imp2@example.com" });
  });
});
