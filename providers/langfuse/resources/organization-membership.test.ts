/**
 * `langfuse_organization_membership` against the emulator: adopt a user (already a member, signed
 * up elsewhere, or new to Langfuse through SCIM), change the role in place, remove on destroy,
 * import by email.
 */
import { organizationMembershipType } from "./organization-membership";
import { startLangfuse, type LangfuseFixture } from "../emulator/fixture";

let fx: LangfuseFixture;
let org: Awaited<ReturnType<LangfuseFixture["organization"]>>;
beforeEach(async () => {
  fx = await startLangfuse();
  org = await fx.organization();
});
afterEach(() => fx.stop());

const args = (input: Record<string, unknown>) => organizationMembershipType.arguments.parse({ ...org.key, ...input });

it("says what create and destroy mean", () => {
  expect(organizationMembershipType.verbs).toMatchObject({ create: "adopted", delete: "removed from the organization" });
  expect(organizationMembershipType.forceNew).toEqual(["email"]);
});

it.each([
  ["a member already (role set by PUT)", (f: LangfuseFixture) => f.emulator.seedUser("jane@example.com", "Jane", { organizationId: org.id, role: "VIEWER" })],
  ["a Langfuse user outside the organization (SCIM links them)", (f: LangfuseFixture) => f.emulator.seedUser("jane@example.com", "Jane")],
  ["an email Langfuse has never seen (SCIM creates the account)", () => undefined],
])("adopts %s with the stack's role", async (_case, seed) => {
  const seeded = seed(fx);
  const adopted = await organizationMembershipType.create(fx.ctx(), args({ email: "Jane@Example.com", role: "ADMIN" }));
  const userId = seeded ?? fx.emulator.store.userByEmail("jane@example.com")!.id;
  expect(adopted).toMatchObject({ id: userId, user_id: userId, role: "ADMIN", user_email: "jane@example.com" });
  expect(fx.emulator.store.membersOf(org.id).get(userId)).toBe("ADMIN");
  const read = await organizationMembershipType.read(fx.ctx(), { ...args({ email: "Jane@Example.com", role: "ADMIN" }), ...adopted });
  // The stack's spelling of the email is an argument: reads never return it, so it never drifts.
  expect(read).not.toHaveProperty("email");
  expect(read).toMatchObject({ role: "ADMIN" });
});

it("changes the role in place, then removes the membership but not the user", async () => {
  const userId = fx.emulator.seedUser("jane@example.com", "Jane");
  const adopted = await organizationMembershipType.create(fx.ctx(), args({ email: "jane@example.com", role: "MEMBER" }));
  const prior = { ...args({ email: "jane@example.com", role: "MEMBER" }), ...adopted };
  const updated = await organizationMembershipType.update!(fx.ctx(), prior, args({ email: "jane@example.com", role: "VIEWER" }));
  expect(updated).toMatchObject({ id: userId, role: "VIEWER" });
  expect(fx.emulator.store.membersOf(org.id).get(userId)).toBe("VIEWER");
  await organizationMembershipType.delete(fx.ctx(), prior);
  expect(fx.emulator.store.membersOf(org.id).has(userId)).toBe(false);
  expect(fx.emulator.store.users.has(userId)).toBe(true);
  expect(await organizationMembershipType.read(fx.ctx(), prior)).toBeNull();
  await organizationMembershipType.delete(fx.ctx(), prior); // idempotent, as the API is
});

it("imports by email with the provider's organization key", async () => {
  const userId = fx.emulator.seedUser("jane@example.com", "Jane", { organizationId: org.id, role: "OWNER" });
  const session = fx.newSession({ LANGFUSE_ORG_PUBLIC_KEY: org.key.org_public_key, LANGFUSE_ORG_SECRET_KEY: org.key.org_secret_key });
  const ctx = fx.ctx("langfuse_organization_membership.jane", session);
  expect(await organizationMembershipType.importById!(ctx, "jane@example.com")).toMatchObject({ id: userId, role: "OWNER", email: "jane@example.com" });
  expect(await organizationMembershipType.importById!(ctx, "ghost@example.com")).toBeNull();
});

it.each([
  ["an unknown role", { email: "a@example.com", role: "SUPERUSER" }, /must be one of OWNER, ADMIN, MEMBER, VIEWER, NONE/],
  ["a malformed email", { email: "not-an-email", role: "MEMBER" }, /must be an email address/],
])("refuses %s in the arguments", (_case, input, message) => {
  const result = organizationMembershipType.arguments.safeParse(input);
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((i) => i.message).join(" ")).toMatch(message);
});
