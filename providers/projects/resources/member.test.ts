import { OrgformError } from "../../../src/errors";
import { args, drift, refreshViaList, refreshViaRead, startFixture, type Fixture } from "../emulator/fixture";
import { memberType } from "./member";
import { projectType } from "./project";

let f: Fixture;
let projectId: string;
beforeEach(async () => {
  f = await startFixture();
  projectId = String((await projectType.create(f.ctx(), args(projectType, { name: "Team home" }))).id);
});
afterEach(() => f.stop());

const member = (raw: Record<string, unknown> = {}) =>
  args(memberType, { project_id: projectId, email: "Ada@Example.com", role: "MEMBER", organization_role: "MEMBER", ...raw });

describe("projects_member", () => {
  it("adds, changes the role in place, refreshes clean and removes", async () => {
    const ctx = f.ctx("projects_member.ada");
    const created = await memberType.create(ctx, member());
    expect(created).toMatchObject({ email: "ada@example.com", role: "MEMBER", organization_role: "MEMBER", project_only: false, access: "active" });
    expect(drift(created, member())).toEqual([]);
    for (const refreshed of [await refreshViaRead(memberType, ctx, created), await refreshViaList(memberType, ctx, created)]) {
      expect(refreshed).toEqual(created);
    }

    const promoted = await memberType.update!(ctx, created, member({ role: "VIEWER" }));
    expect(promoted).toMatchObject({ role: "VIEWER" });
    expect(drift((await refreshViaList(memberType, ctx, promoted)) as Record<string, unknown>, member({ role: "VIEWER" }))).toEqual([]);

    await memberType.delete(ctx, promoted);
    expect(await memberType.read(ctx, promoted)).toBeNull();
  });

  it("denies then restores access in place, restoring the declared role", async () => {
    const ctx = f.ctx();
    const created = await memberType.create(ctx, member({ role: "ADMIN", organization_role: "OWNER" }));
    const stored = () => f.emulator.project(projectId).members.get(String(created.id))!;

    const denied = await memberType.update!(ctx, created, member({ role: "ADMIN", organization_role: "OWNER", access: "denied" }));
    expect(stored().role).toBe("NONE");
    const refreshedDenied = (await refreshViaList(memberType, ctx, denied)) as Record<string, unknown>;
    // While denied the API shows role NONE; the declared role is kept, so the plan stays clean.
    expect(refreshedDenied).toMatchObject({ access: "denied", role: "ADMIN" });
    expect(drift(refreshedDenied, member({ role: "ADMIN", organization_role: "OWNER", access: "denied" }))).toEqual([]);

    const restored = await memberType.update!(ctx, denied, member({ role: "MEMBER", organization_role: "OWNER", access: "active" }));
    expect(stored().role).toBe("MEMBER");
    expect(await refreshViaList(memberType, ctx, restored)).toMatchObject({ access: "active", role: "MEMBER" });
  });

  it("can be added already denied", async () => {
    const created = await memberType.create(f.ctx(), member({ access: "denied" }));
    expect(f.emulator.project(projectId).members.get(String(created.id))?.role).toBe("NONE");
    expect(created).toMatchObject({ access: "denied", role: "MEMBER" });
  });

  it.each([
    ["a role changed in the UI", "ADMIN", ["role"]],
    ["access denied in the UI", "NONE", ["access"]],
  ] as const)("sees %s as drift", async (_why, role, changed) => {
    const ctx = f.ctx();
    const created = await memberType.create(ctx, member({ organization_role: "OWNER" }));
    f.emulator.setMemberRole(projectId, "ada@example.com", role);
    const refreshed = (await refreshViaList(memberType, ctx, created)) as Record<string, unknown>;
    expect(drift(refreshed, member({ organization_role: "OWNER" }))).toEqual(changed);
  });

  describe("role validation", () => {
    it.each([
      ["an organization role below the project role", { role: "ADMIN", organization_role: "MEMBER" }, /MEMBER is lower than the project role ADMIN/],
      ["no organization role", { role: "VIEWER", organization_role: null }, /required when project_only is false/],
    ])("refuses %s before any call", async (_why, raw, message) => {
      const desired = member(raw);
      const problems = await memberType.validate!(f.ctx(), desired, undefined);
      expect(problems.join("\n")).toMatch(message);
      const before = f.emulator.server.totalRequests();
      const error = await memberType.create(f.ctx("projects_member.bad"), desired).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OrgformError);
      expect((error as OrgformError).message).toMatch(/^projects_member\.bad: /);
      expect(f.emulator.server.totalRequests()).toBe(before);
    });

    it.each([
      ["an equal organization role", { role: "ADMIN", organization_role: "ADMIN" }],
      ["a higher organization role", { role: "VIEWER", organization_role: "OWNER" }],
      ["a project-only grant without one", { role: "OWNER", organization_role: null, project_only: true }],
      ["lower-case roles", { role: "member", organization_role: "admin" }],
    ])("accepts %s", async (_why, raw) => {
      expect(await memberType.validate!(f.ctx(), member(raw), undefined)).toEqual([]);
      await expect(memberType.create(f.ctx(), member(raw))).resolves.toMatchObject({ access: "active" });
    });
  });

  it("replaces, rather than updates, what a membership cannot change", () => {
    expect([...memberType.forceNew].sort()).toEqual(["email", "organization_role", "project_id", "project_only"]);
  });
});
