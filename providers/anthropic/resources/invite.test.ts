/**
 * `anthropic_invite` against the emulator: send, read, delete pending; accepted keeps its state
 * (no re-invite); expired is Gone (re-invite); a pending duplicate is adopted.
 */
import { Gone } from "../../../src/provider/contract";
import { inviteType } from "./invite";
import { startAnthropic, type AnthropicFixture } from "../emulator/fixture";

let fx: AnthropicFixture;
beforeEach(async () => {
  fx = await startAnthropic({ pageSize: 1 });
});
afterEach(() => fx.stop());

const args = (email = "new@example.com", role = "developer") => inviteType.arguments.parse({ email, role });

it("replaces on a changed email or role (the API cannot edit invites)", () => {
  expect(inviteType.forceNew).toEqual(["email", "role"]);
  expect(inviteType.update).toBeUndefined();
});

it("sends, reads and deletes a pending invite", async () => {
  const sent = await inviteType.create(fx.ctx(), args());
  expect(sent).toMatchObject({ id: expect.stringMatching(/^invite_/), email: "new@example.com", role: "developer", status: "pending" });
  expect(Date.parse(String(sent.expires_at)) - Date.parse(String(sent.invited_at))).toBe(21 * 24 * 3600 * 1000);
  expect(await inviteType.read(fx.ctx(), sent)).toEqual(sent);
  await inviteType.delete(fx.ctx(), sent);
  expect(await inviteType.read(fx.ctx(), sent)).toBeNull();
});

it("keeps an accepted invite as it is: the job is done, no re-invite, and destroy leaves the member", async () => {
  const sent = await inviteType.create(fx.ctx(), args());
  const userId = fx.emulator.acceptInvite(String(sent.id));
  const read = await inviteType.read(fx.ctx(), sent);
  expect(read).toEqual({ ...sent, status: "accepted" });
  const listed = await inviteType.list!.fetch(fx.ctx(), "");
  expect(listed).toEqual([{ ...sent, status: "accepted" }]);
  await inviteType.delete(fx.ctx(), { ...sent, status: "accepted" });
  expect(fx.emulator.store.users.has(userId)).toBe(true);
});

it("reports an expired invite as Gone, by read and by list, so the plan invites again", async () => {
  const sent = await inviteType.create(fx.ctx(), args());
  fx.emulator.expireInvites();
  const read = await inviteType.read(fx.ctx(), sent);
  expect(read).toBeInstanceOf(Gone);
  expect((read as Gone).reason).toBe("expired");
  const [listed] = await inviteType.list!.fetch(fx.ctx(), "");
  expect(listed).toBeInstanceOf(Gone);
  expect((listed as Gone).identity).toBe(sent.id);
  // The re-invite goes through, and destroying the expired one is a no-op.
  const again = await inviteType.create(fx.ctx(), args());
  expect(again.id).not.toBe(sent.id);
  await inviteType.delete(fx.ctx(), { ...sent, status: "expired" });
});

it("adopts a pending invite for the same email and role instead of failing", async () => {
  const first = await inviteType.create(fx.ctx(), args());
  const second = await inviteType.create(fx.ctx(), args());
  expect(second).toEqual(first);
  await expect(inviteType.create(fx.ctx(), args("new@example.com", "billing"))).rejects.toThrow(/invite_already_exists|pending invite already exists/);
});

it("refreshes all invites with one paginated walk", async () => {
  const sent = [];
  for (const name of ["a", "b", "c"]) sent.push(await inviteType.create(fx.ctx(), args(`${name}@example.com`)));
  const before = fx.emulator.server.requestCount("GET", "/v1/organizations/invites");
  const listed = await inviteType.list!.fetch(fx.ctx(), "");
  expect(listed).toEqual(sent);
  expect(fx.emulator.server.requestCount("GET", "/v1/organizations/invites") - before).toBe(3);
});

describe("plan-time rules", () => {
  it("refuses the admin role in the arguments", () => {
    expect(inviteType.arguments.safeParse({ email: "x@example.com", role: "admin" }).error?.issues[0]?.message).toMatch(/"admin" role cannot be assigned/);
  });

  it("refuses to invite someone who is already a member, but only before the invite exists", async () => {
    fx.emulator.seedUser({ email: "member@example.com" });
    const problems = await inviteType.validate!(fx.ctx("anthropic_invite.m"), args("member@example.com"), undefined);
    expect(problems[0]).toMatch(/^member@example.com is already a member.*anthropic_organization_member/);
    expect(await inviteType.validate!(fx.ctx(), args("member@example.com"), { id: "invite_x", status: "accepted" })).toEqual([]);
  });

  it("imports by id", async () => {
    const sent = await inviteType.create(fx.ctx(), args());
    expect(await inviteType.importById!(fx.ctx(), String(sent.id))).toEqual(sent);
    expect(await inviteType.importById!(fx.ctx(), "invite_01missing")).toBeNull();
  });
});
