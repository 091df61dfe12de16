/**
 * `anthropic_organization_member` against the emulator: adopt (by id or email) and make the role
 * match, change the role, remove from the organization; admins are out of reach.
 */
import { OrgformError } from "../../../src/errors";
import { organizationMemberType } from "./organization-member";
import { startAnthropic, type AnthropicFixture } from "../emulator/fixture";

let fx: AnthropicFixture;
beforeEach(async () => {
  fx = await startAnthropic({ pageSize: 2 });
  fx.emulator.seedUser({ email: "owner@example.com", role: "admin" });
});
afterEach(() => fx.stop());

const args = (input: Record<string, unknown>) => organizationMemberType.arguments.parse(input);

it("says what create and destroy mean", () => {
  expect(organizationMemberType.verbs).toMatchObject({ create: "adopted", delete: "removed from the organization" });
});

it.each([
  ["by user id", (id: string) => ({ user_id: id })],
  ["by email, case-insensitively", () => ({ email: "Jane@Example.com" })],
])("adopts an existing member %s and makes the role match", async (_case, naming) => {
  const id = fx.emulator.seedUser({ email: "jane@example.com", name: "Jane", role: "user" });
  const adopted = await organizationMemberType.create(fx.ctx(), args({ ...naming(id), role: "developer" }));
  expect(adopted).toMatchObject({ id, role: "developer", user_email: "jane@example.com", user_name: "Jane" });
  expect(fx.emulator.store.user(id).role).toBe("developer");
  // Reads leave the stack's naming (user_id/email) alone, so it never drifts.
  const read = await organizationMemberType.read(fx.ctx(), adopted);
  expect(read).toEqual({ id, role: "developer", user_email: "jane@example.com", user_name: "Jane", added_at: expect.any(String) });
});

it("fails clearly when no such member exists", async () => {
  const error = (await organizationMemberType.create(fx.ctx("anthropic_organization_member.ghost"), args({ email: "ghost@example.com", role: "user" })).catch((e: unknown) => e)) as OrgformError;
  expect(error).toBeInstanceOf(OrgformError);
  expect(error.message).toMatch(/^the user with email ghost@example.com is not a member.*anthropic_invite/);
});

it("changes the role in place and removes the user on destroy", async () => {
  const id = fx.emulator.seedUser({ email: "jane@example.com" });
  const adopted = await organizationMemberType.create(fx.ctx(), args({ user_id: id, role: "user" }));
  const updated = await organizationMemberType.update!(fx.ctx(), adopted, args({ user_id: id, role: "claude_code_user" }));
  expect(updated.role).toBe("claude_code_user");
  await organizationMemberType.delete(fx.ctx(), updated);
  expect(fx.emulator.store.users.has(id)).toBe(false);
  expect(await organizationMemberType.read(fx.ctx(), updated)).toBeNull();
  await organizationMemberType.delete(fx.ctx(), updated);
});

it("refreshes every member with one paginated walk", async () => {
  const ids = ["a", "b", "c", "d"].map((n) => fx.emulator.seedUser({ email: `${n}@example.com` }));
  const listed = await organizationMemberType.list!.fetch(fx.ctx(), "");
  expect(listed.map((m) => ("id" in m ? m.id : undefined))).toEqual(expect.arrayContaining(ids));
  expect(listed).toHaveLength(5);
});

describe("plan-time rules", () => {
  it.each([
    ["the admin role", { email: "x@example.com", role: "admin" }, /"admin" role cannot be assigned/],
    ["both user_id and email", { user_id: "user_1", email: "x@example.com", role: "user" }, /exactly one of user_id or email/],
    ["neither user_id nor email", { role: "user" }, /exactly one of user_id or email/],
  ])("refuses %s in the arguments", (_case, input, message) => {
    const result = organizationMemberType.arguments.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join(" ")).toMatch(message);
  });

  it.each([
    ["both", { user_id: "user_1", email: "x@example.com", role: "user" }],
    ["neither", { role: "user" }],
  ])("refuses %s of user_id and email again at plan time", async (_case, input) => {
    const problems = await organizationMemberType.validate!(fx.ctx("anthropic_organization_member.x"), input, undefined);
    expect(problems).toEqual([expect.stringMatching(/^set exactly one of user_id or email/)]);
  });

  it("refuses to manage an admin, who can be neither changed nor removed", async () => {
    const problems = await organizationMemberType.validate!(fx.ctx("anthropic_organization_member.o"), args({ email: "owner@example.com", role: "developer" }), undefined);
    expect(problems).toEqual([expect.stringMatching(/owner@example.com .* is an organization admin; admins can be neither changed nor removed/)]);
  });

  it("reports a member that does not exist before apply", async () => {
    const problems = await organizationMemberType.validate!(fx.ctx(), args({ email: "nobody@example.com", role: "user" }), undefined);
    expect(problems[0]).toMatch(/not a member of the organization/);
  });

  it("accepts an existing regular member", async () => {
    fx.emulator.seedUser({ email: "jane@example.com" });
    expect(await organizationMemberType.validate!(fx.ctx(), args({ email: "jane@example.com", role: "billing" }), undefined)).toEqual([]);
  });
});
