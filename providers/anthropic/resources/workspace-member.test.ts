/**
 * `anthropic_workspace_member` against the emulator: add, change role, remove, one list per
 * workspace, and the role rules checked at plan time.
 */
import { requestCounter } from "../../../src/http/client";
import { ROUTES } from "../client";
import { startAnthropic, type AnthropicFixture } from "../emulator/fixture";
import { workspaceType } from "./workspace";
import { workspaceMemberType } from "./workspace-member";

let fx: AnthropicFixture;
let workspaceId: string;
beforeEach(async () => {
  fx = await startAnthropic({ pageSize: 1 });
  workspaceId = String((await workspaceType.create(fx.ctx(), workspaceType.arguments.parse({ name: "Engineering" }))).id);
});
afterEach(() => fx.stop());

const args = (userId: string, role = "workspace_developer") =>
  workspaceMemberType.arguments.parse({ workspace_id: workspaceId, user_id: userId, workspace_role: role });

it("adds, reads, changes the role in place and removes", async () => {
  const userId = fx.emulator.seedUser({ email: "dev@example.com", role: "developer" });
  const created = await workspaceMemberType.create(fx.ctx(), args(userId));
  expect(created).toEqual({ id: `${workspaceId}/${userId}`, workspace_id: workspaceId, user_id: userId, workspace_role: "workspace_developer" });
  expect(await workspaceMemberType.read(fx.ctx(), created)).toEqual(created);
  const updated = await workspaceMemberType.update!(fx.ctx(), created, args(userId, "workspace_admin"));
  expect(updated.workspace_role).toBe("workspace_admin");
  await workspaceMemberType.delete(fx.ctx(), updated);
  expect(await workspaceMemberType.read(fx.ctx(), created)).toBeNull();
  await workspaceMemberType.delete(fx.ctx(), updated); // already removed: fine
});

it("adopts a membership made out of band and makes its role match", async () => {
  const userId = fx.emulator.seedUser({ email: "dev@example.com" });
  fx.emulator.store.explicitMembers(workspaceId).set(userId, "workspace_user");
  const created = await workspaceMemberType.create(fx.ctx(), args(userId, "workspace_admin"));
  expect(created.workspace_role).toBe("workspace_admin");
});

it.each([["admin", "workspace_admin"], ["billing", "workspace_user"]] as const)(
  "refuses at apply, as at plan, to manage an organization %s's implicit membership",
  async (orgRole, wsRole) => {
    const userId = fx.emulator.seedUser({ email: "x@example.com", role: orgRole });
    await expect(workspaceMemberType.create(fx.ctx(), args(userId, wsRole))).rejects.toThrow(/cannot be changed or removed inside a workspace/);
  },
);

it("refreshes every member of a workspace with one paginated walk", async () => {
  const users = ["a", "b", "c"].map((n) => fx.emulator.seedUser({ email: `${n}@example.com` }));
  for (const user of users) await workspaceMemberType.create(fx.ctx(), args(user));
  const list = workspaceMemberType.list!;
  const scope = list.scope(args(users[0]!));
  expect(scope).toBe(workspaceId);
  const before = requestCounter.get(`GET ${ROUTES.members(workspaceId)}`) ?? 0;
  const listed = await list.fetch(fx.ctx(), scope);
  expect(listed.map((m) => ("id" in m ? m.id : undefined))).toEqual(users.map((u) => `${workspaceId}/${u}`));
  expect((requestCounter.get(`GET ${ROUTES.members(workspaceId)}`) ?? 0) - before).toBe(3);
  expect(await list.fetch(fx.ctx(), "wrkspc_01missing")).toEqual([]);
});

it("imports by <workspace id>/<user id>", async () => {
  const userId = fx.emulator.seedUser({ email: "dev@example.com" });
  const created = await workspaceMemberType.create(fx.ctx(), args(userId));
  expect(await workspaceMemberType.importById!(fx.ctx(), String(created.id))).toEqual(created);
  await expect(workspaceMemberType.importById!(fx.ctx(), "just-one-part")).rejects.toThrow(/<workspace id>\/<user id>/);
});

describe("role rules at plan time", () => {
  it("refuses workspace_billing in the arguments, with the reason", () => {
    const result = workspaceMemberType.arguments.safeParse({ workspace_id: "w", user_id: "u", workspace_role: "workspace_billing" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/workspace_billing cannot be assigned/);
  });

  it.each([
    ["an organization admin", "admin", "workspace_admin", /organization admin member and therefore workspace_admin in every workspace/],
    ["an organization admin, even with the role they have", "admin", "workspace_admin", /cannot be changed or removed inside a workspace/],
    ["a billing member", "billing", "workspace_user", /organization billing member and therefore workspace_billing/],
  ] as const)("refuses %s", async (_case, orgRole, wsRole, message) => {
    const userId = fx.emulator.seedUser({ email: "x@example.com", role: orgRole });
    const problems = await workspaceMemberType.validate!(fx.ctx("anthropic_workspace_member.x"), args(userId, wsRole), undefined);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it("refuses a user who is not in the organization", async () => {
    const problems = await workspaceMemberType.validate!(fx.ctx(), args("user_01nobody"), undefined);
    expect(problems[0]).toMatch(/not a member of the organization/);
  });

  it("refuses members of an archived workspace", async () => {
    const userId = fx.emulator.seedUser({ email: "x@example.com" });
    fx.emulator.archiveWorkspace(workspaceId);
    const problems = await workspaceMemberType.validate!(fx.ctx(), args(userId), undefined);
    expect(problems[0]).toMatch(/is archived/);
  });

  it.each([["workspace_user"], ["workspace_developer"], ["workspace_restricted_developer"], ["workspace_admin"]])(
    "accepts %s for a regular member, reading each user once per plan",
    async (role) => {
      const userId = fx.emulator.seedUser({ email: "x@example.com" });
      const before = fx.emulator.server.requestCount("GET", "/v1/organizations/users/:userId");
      expect(await workspaceMemberType.validate!(fx.ctx(), args(userId, role), undefined)).toEqual([]);
      expect(await workspaceMemberType.validate!(fx.ctx(), args(userId, role), undefined)).toEqual([]);
      expect(fx.emulator.server.requestCount("GET", "/v1/organizations/users/:userId") - before).toBe(1);
    },
  );

  it("skips the checks a reference still unknown at plan time cannot answer", async () => {
    expect(await workspaceMemberType.validate!(fx.ctx(), { workspace_id: workspaceId, user_id: undefined, workspace_role: "workspace_user" }, undefined)).toEqual([]);
  });
});
