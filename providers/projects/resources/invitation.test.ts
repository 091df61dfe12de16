import { Gone } from "../../../src/provider/contract";
import { args, drift, refreshViaList, refreshViaRead, startFixture, type Fixture } from "../emulator/fixture";
import { invitationType } from "./invitation";
import { projectType } from "./project";

let f: Fixture;
let projectId: string;
beforeEach(async () => {
  f = await startFixture();
  projectId = String((await projectType.create(f.ctx(), args(projectType, { name: "Invites home" }))).id);
});
afterEach(() => f.stop());

const invitation = (raw: Record<string, unknown> = {}) =>
  args(invitationType, { project_id: projectId, email: "grace@example.com", organization_role: "MEMBER", ...raw });

const DAY = 24 * 3600 * 1000;

describe("projects_invitation", () => {
  it("sends with role MEMBER by default, refreshes clean and cancels on destroy", async () => {
    const ctx = f.ctx("projects_invitation.grace");
    const desired = invitation();
    expect(desired.role).toBe("MEMBER");
    const created = await invitationType.create(ctx, desired);
    expect(created).toMatchObject({ email: "grace@example.com", role: "MEMBER", status: "pending" });
    expect(drift(created, desired)).toEqual([]);
    for (const refreshed of [await refreshViaRead(invitationType, ctx, created), await refreshViaList(invitationType, ctx, created)]) {
      expect(refreshed).toEqual(created);
    }
    await invitationType.delete(ctx, created);
    expect(f.emulator.project(projectId).invitations.size).toBe(0);
    expect(await invitationType.read(ctx, created)).toBeNull();
  });

  it("resends in place when resend_on_apply changes", async () => {
    const ctx = f.ctx();
    const created = await invitationType.create(ctx, invitation({ resend_on_apply: "1" }));
    f.emulator.server.clock.advance(DAY);
    const resent = await invitationType.update!(ctx, created, invitation({ resend_on_apply: "2" }));
    expect(resent).toMatchObject({ id: created.id, resend_on_apply: "2", status: "pending" });
    expect(resent.last_sent_at).not.toBe(created.last_sent_at);
    expect(f.emulator.server.requestCount("POST", "/organizations/:orgId/projects/:projectId/invitations/:invitationId/resend")).toBe(1);
    expect(invitationType.forceNew).not.toContain("resend_on_apply");
    expect(invitationType.forceNew).toEqual(expect.arrayContaining(["email", "role", "organization_role", "project_only"]));
  });

  it("treats an accepted invitation as satisfied: read unchanged, never re-sent", async () => {
    const ctx = f.ctx();
    const created = await invitationType.create(ctx, invitation({ role: "VIEWER" }));
    f.emulator.acceptInvitation(projectId, "grace@example.com");

    for (const refreshed of [await refreshViaRead(invitationType, ctx, created), await refreshViaList(invitationType, ctx, created)]) {
      expect(refreshed).toEqual({ ...created, status: "accepted" });
      expect(drift(refreshed as Record<string, unknown>, invitation({ role: "VIEWER" }))).toEqual([]);
    }
    const accepted = { ...created, status: "accepted" };
    const before = f.emulator.server.totalRequests();
    expect(await invitationType.update!(ctx, accepted, invitation({ role: "VIEWER", resend_on_apply: "again" }))).toMatchObject({ resend_on_apply: "again" });
    expect(f.emulator.server.totalRequests()).toBe(before);
    // Destroying it cancels nothing and leaves the new member in place.
    await invitationType.delete(ctx, accepted);
    expect([...f.emulator.project(projectId).members.values()].map((m) => m.email)).toEqual(["grace@example.com"]);
  });

  it("reports an expired invitation as Gone and one cancelled elsewhere as missing", async () => {
    const ctx = f.ctx();
    const created = await invitationType.create(ctx, invitation());
    f.emulator.server.clock.advance(8 * DAY);
    expect(await refreshViaList(invitationType, ctx, created)).toBeInstanceOf(Gone);
    expect(await invitationType.read(ctx, created)).toBeInstanceOf(Gone);
    f.emulator.project(projectId).invitations.clear();
    expect(await invitationType.read(ctx, created)).toBeNull();
  });

  it("refuses an organization role below the project role before any call", async () => {
    expect(await invitationType.validate!(f.ctx(), invitation({ role: "OWNER", organization_role: "ADMIN" }), undefined)).toHaveLength(1);
    expect(await invitationType.validate!(f.ctx(), invitation({ role: "OWNER", organization_role: null, project_only: true }), undefined)).toEqual([]);
  });
});
