import { request } from "undici";
import { OrgformError } from "../../../src/errors";
import { LIST_CACHE_MS } from "../emulator";
import { args, drift, refreshViaList, refreshViaRead, startFixture, type Fixture } from "../emulator/fixture";
import { projectType } from "./project";

let f: Fixture;
beforeEach(async () => {
  f = await startFixture();
});
afterEach(() => f.stop());

/** The raw list as a client that forgets forceRefresh would see it. */
async function rawProjectNames(forceRefresh: boolean): Promise<string[]> {
  const url = `${f.emulator.url}/organizations/${f.emulator.organizationId}/projects${forceRefresh ? "?forceRefresh=true" : ""}`;
  const response = await request(url, { headers: { "api-key": f.emulator.apiKey, authorization: `Bearer ${f.emulator.token}` } });
  const body = (await response.body.json()) as { data: Array<{ attributes: { name: string } }> };
  return body.data.map((project) => project.attributes.name);
}

describe("projects_project", () => {
  it("creates with its key pair, reads, lists, renames in place and deletes", async () => {
    const ctx = f.ctx("projects_project.app");
    const desired = args(projectType, { name: "Chatbot" });
    const created = await projectType.create(ctx, desired);
    expect(created).toMatchObject({ name: "Chatbot", is_default: false, organization_id: f.emulator.organizationId });
    const stored = f.emulator.project(String(created.id));
    expect(created.public_key).toBe(stored.publicKey);
    expect(created.secret_key).toBe(stored.secretKey);

    // Refresh right after create: nothing to change, and the keys are kept from create.
    for (const refreshed of [await refreshViaRead(projectType, ctx, created), await refreshViaList(projectType, ctx, created)]) {
      expect(refreshed).toEqual(created);
    }

    const renamed = await projectType.update!(ctx, created, args(projectType, { name: "Chatbot v2" }));
    expect(renamed).toMatchObject({ id: created.id, name: "Chatbot v2", secret_key: stored.secretKey });
    expect(drift((await refreshViaList(projectType, ctx, renamed)) as Record<string, unknown>, args(projectType, { name: "Chatbot v2" }))).toEqual([]);

    await projectType.delete(ctx, renamed);
    expect(await projectType.read(ctx, renamed)).toBeNull();
    expect(await refreshViaList(projectType, ctx, renamed)).toBeNull();
    // Deleting what is already gone succeeds: a retried destroy is not an error.
    await expect(projectType.delete(ctx, renamed)).resolves.toBeUndefined();
  });

  it("sees a rename made outside orgform as drift", async () => {
    const ctx = f.ctx();
    const created = await projectType.create(ctx, args(projectType, { name: "Support" }));
    f.emulator.project(String(created.id)).name = "Support (renamed in UI)";
    const refreshed = (await refreshViaList(projectType, ctx, created)) as Record<string, unknown>;
    expect(drift(refreshed, args(projectType, { name: "Support" }))).toEqual(["name"]);
  });

  it("refuses to delete the default project with the API's own reason", async () => {
    const ctx = f.ctx("projects_project.default");
    const defaultProject = [...f.emulator.projects.values()].find((p) => p.isDefault)!;
    const error = await projectType.delete(ctx, { id: defaultProject.id, organization_id: f.emulator.organizationId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrgformError);
    expect((error as OrgformError).message).toContain("The default project cannot be deleted");
  });

  it("imports by id, keys included", async () => {
    const seeded = f.emulator.seedProject({ name: "Legacy" });
    const imported = await projectType.importById!(f.ctx(), seeded.id);
    expect(imported).toMatchObject({ id: seeded.id, name: "Legacy", public_key: seeded.publicKey, secret_key: seeded.secretKey });
    expect(await projectType.importById!(f.ctx(), "proj_missing")).toBeNull();
  });

  describe("the API's 5-minute list cache", () => {
    it("serves a stale list without forceRefresh; the provider's refresh is never stale", async () => {
      const ctx = f.ctx();
      expect(await rawProjectNames(false)).toEqual(["Default project"]); // fills the cache
      const created = await projectType.create(ctx, args(projectType, { name: "Fresh one" }));

      // The emulator really caches: the same list without forceRefresh misses the new project …
      expect(await rawProjectNames(false)).toEqual(["Default project"]);
      // … while the provider's list (refresh) and read see it, so a plan after apply is clean.
      expect(await refreshViaList(projectType, ctx, created)).toEqual(created);
      expect(await rawProjectNames(true)).toEqual(["Default project", "Fresh one"]);

      // After five minutes the cache expires on its own.
      await projectType.update!(ctx, created, args(projectType, { name: "Renamed" }));
      expect(await rawProjectNames(false)).toEqual(["Default project", "Fresh one"]);
      f.emulator.server.clock.advance(LIST_CACHE_MS);
      expect(await rawProjectNames(false)).toEqual(["Default project", "Renamed"]);
    });

    it("reads past the cache on every refresh, so changes made elsewhere show at once", async () => {
      const ctx = f.ctx();
      const created = await projectType.create(ctx, args(projectType, { name: "Counted" }));
      expect(await rawProjectNames(false)).toContain("Counted"); // cached from here on
      f.emulator.project(String(created.id)).name = "Renamed in UI";
      expect(await rawProjectNames(false)).toContain("Counted");
      expect(await refreshViaList(projectType, ctx, created)).toMatchObject({ name: "Renamed in UI" });
    });
  });

  it.each([
    ["too short", "ab"],
    ["too long", "x".repeat(61)],
    ["HTML", "<b>bold</b>"],
  ])("rejects a %s name before any call", (_why, name) => {
    expect(projectType.arguments.safeParse({ name }).success).toBe(false);
  });
});
