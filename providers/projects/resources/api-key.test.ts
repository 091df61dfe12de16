import { Gone } from "../../../src/provider/contract";
import { apiKeyType } from "./api-key";
import { args, drift, refreshViaList, refreshViaRead, startFixture, type Fixture } from "../emulator/fixture";
import { projectType } from "./project";

let f: Fixture;
let projectId: string;
beforeEach(async () => {
  f = await startFixture();
  projectId = String((await projectType.create(f.ctx(), args(projectType, { name: "Keys home" }))).id);
});
afterEach(() => f.stop());

const inAYear = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("projects_api_key", () => {
  it("creates (secret once), relabels in place, refreshes clean and deletes", async () => {
    const ctx = f.ctx("projects_api_key.ci");
    const expiresAt = inAYear();
    const desired = args(apiKeyType, { project_id: projectId, label: "CI", expires_at: expiresAt });
    const created = await apiKeyType.create(ctx, desired);
    const stored = f.emulator.project(projectId).apiKeys.get(String(created.id))!;
    expect(created).toMatchObject({ label: "CI", public_key: stored.publicKey, secret_key: stored.secretKey });
    // "…Z" and "….000Z" are the same instant: no phantom drift on expires_at.
    expect(drift(created, desired)).toEqual([]);

    for (const refreshed of [await refreshViaRead(apiKeyType, ctx, created), await refreshViaList(apiKeyType, ctx, created)]) {
      expect(refreshed).toEqual(created);
    }

    const relabeled = await apiKeyType.update!(ctx, created, args(apiKeyType, { project_id: projectId, label: "CI (main)", expires_at: expiresAt }));
    expect(relabeled).toMatchObject({ id: created.id, label: "CI (main)", secret_key: stored.secretKey });
    expect(stored.label).toBe("CI (main)");

    await apiKeyType.delete(ctx, relabeled);
    expect(await apiKeyType.read(ctx, relabeled)).toBeNull();
    await expect(apiKeyType.delete(ctx, relabeled)).resolves.toBeUndefined();
  });

  it("declares what a new expiry needs and what must stay secret", () => {
    expect(apiKeyType.forceNew).toEqual(expect.arrayContaining(["expires_at", "project_id"]));
    expect(apiKeyType.forceNew).not.toContain("label");
    expect(apiKeyType.sensitive).toEqual(["secret_key"]);
  });

  it("reports a key past its expiry as Gone, through read and list", async () => {
    const ctx = f.ctx();
    const created = await apiKeyType.create(ctx, args(apiKeyType, { project_id: projectId, label: "short-lived", expires_at: inAYear() }));
    f.emulator.setApiKeyExpiry(projectId, String(created.id), "2020-01-01T00:00:00.000Z");
    const viaRead = await apiKeyType.read(ctx, created);
    expect(viaRead).toBeInstanceOf(Gone);
    expect((viaRead as Gone).reason).toContain("expired at 2020-01-01");
    expect(await refreshViaList(apiKeyType, ctx, created)).toBeInstanceOf(Gone);
  });

  it("sees a key deleted outside orgform as missing, and its project's deletion too", async () => {
    const ctx = f.ctx();
    const created = await apiKeyType.create(ctx, args(apiKeyType, { project_id: projectId, label: "gone soon" }));
    f.emulator.project(projectId).apiKeys.clear();
    expect(await refreshViaList(apiKeyType, ctx, created)).toBeNull();
    f.emulator.projects.delete(projectId);
    expect(await apiKeyType.read(ctx, created)).toBeNull();
  });

  it.each([
    ["an empty label", { label: "" }],
    ["a date that is not one", { label: "x", expires_at: "next tuesday" }],
  ])("rejects %s", (_why, raw) => {
    expect(apiKeyType.arguments.safeParse({ project_id: projectId, ...raw }).success).toBe(false);
  });
});
