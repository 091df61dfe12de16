/**
 * `langfuse_project_membership` against the emulator: the user must be an organization member;
 * adopt with a role, change it in place, remove it; removal outside orgform reads as gone.
 */
import { OrgformError } from "../../../src/errors";
import { projectMembershipType } from "./project-membership";
import { projectType } from "./project";
import { startLangfuse, type LangfuseFixture } from "../emulator/fixture";

let fx: LangfuseFixture;
let org: Awaited<ReturnType<LangfuseFixture["organization"]>>;
let projectId: string;
beforeEach(async () => {
  fx = await startLangfuse();
  org = await fx.organization();
  projectId = String((await projectType.create(fx.ctx(), projectType.arguments.parse({ ...org.key, name: "web" }))).id);
});
afterEach(() => fx.stop());

const args = (input: Record<string, unknown>) => projectMembershipType.arguments.parse({ ...org.key, project_id: projectId, ...input });

it("adopts an organization member, changes the role in place and removes it", async () => {
  const userId = fx.emulator.seedUser("jane@example.com", "Jane", { organizationId: org.id, role: "VIEWER" });
  const created = await projectMembershipType.create(fx.ctx(), args({ email: "jane@example.com", role: "ADMIN" }));
  expect(created).toEqual({ id: `${projectId}/${userId}`, user_id: userId, role: "ADMIN", user_email: "jane@example.com", user_name: "Jane" });
  const prior = { ...args({ email: "jane@example.com", role: "ADMIN" }), ...created };
  expect(await projectMembershipType.update!(fx.ctx(), prior, args({ email: "jane@example.com", role: "MEMBER" }))).toMatchObject({ role: "MEMBER" });
  expect(fx.emulator.store.projectMembersOf(projectId).get(userId)).toBe("MEMBER");
  await projectMembershipType.delete(fx.ctx(), prior);
  expect(fx.emulator.store.projectMembersOf(projectId).has(userId)).toBe(false);
  // The organization role is untouched.
  expect(fx.emulator.store.membersOf(org.id).get(userId)).toBe("VIEWER");
  await projectMembershipType.delete(fx.ctx(), prior);
});

it.each([
  ["removed from the project", (userId: string) => fx.emulator.store.projectMembersOf(projectId).delete(userId)],
  ["removed from the organization", (userId: string) => fx.emulator.store.removeMember(org.id, userId)],
  ["whose project was deleted", () => fx.emulator.store.removeProject(fx.emulator.store.organization(org.id), projectId)],
])("reads null for a member %s outside orgform", async (_case, remove) => {
  const userId = fx.emulator.seedUser("jane@example.com", "Jane", { organizationId: org.id, role: "MEMBER" });
  const created = await projectMembershipType.create(fx.ctx(), args({ email: "jane@example.com", role: "ADMIN" }));
  remove(userId);
  expect(await projectMembershipType.read(fx.ctx(), { ...args({ email: "jane@example.com", role: "ADMIN" }), ...created })).toBeNull();
});

it("refuses someone outside the organization, naming the fix", async () => {
  fx.emulator.seedUser("outsider@example.com", "Out");
  const error = (await projectMembershipType.create(fx.ctx("langfuse_project_membership.x"), args({ email: "outsider@example.com", role: "VIEWER" })).catch((e: unknown) => e)) as OrgformError;
  expect(error).toBeInstanceOf(OrgformError);
  expect(error.message).toMatch(/^langfuse_project_membership\.x: outsider@example\.com is not a member of the organization.*langfuse_organization_membership/);
});

it("imports by <project id>/<email>", async () => {
  const userId = fx.emulator.seedUser("jane@example.com", "Jane", { organizationId: org.id, role: "MEMBER" });
  fx.emulator.store.projectMembersOf(projectId).set(userId, "VIEWER");
  const session = fx.newSession({ LANGFUSE_ORG_PUBLIC_KEY: org.key.org_public_key, LANGFUSE_ORG_SECRET_KEY: org.key.org_secret_key });
  const imported = await projectMembershipType.importById!(fx.ctx("langfuse_project_membership.j", session), `${projectId}/jane@example.com`);
  expect(imported).toMatchObject({ id: `${projectId}/${userId}`, project_id: projectId, email: "jane@example.com", role: "VIEWER" });
});
