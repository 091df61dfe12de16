/** `openai_project` through the real client against the emulator: rename in place, archive as delete. */
import { Gone } from "../../../src/provider/contract";
import { projectType as projects } from "./project";
import { useEmulator } from "../emulator/fixture";

const fixture = useEmulator(1);
const ctx = () => fixture.ctx("openai_project.eng");

describe("openai_project", () => {
  it("says that delete archives", () => {
    expect(projects.verbs?.delete).toBe("archived");
    expect(projects.forceNew).toEqual([]);
  });

  it("creates, reads, renames in place, lists and archives", async () => {
    const created = await projects.create(ctx(), { name: "Engineering" });
    expect(created).toMatchObject({ id: expect.stringMatching(/^proj_/), name: "Engineering", status: "active", archived_at: null });
    expect(await projects.read(ctx(), created)).toEqual(created);

    const renamed = await projects.update!(ctx(), created, { name: "Platform" });
    expect(renamed).toMatchObject({ id: created.id, name: "Platform" });

    const listed = await projects.list!.fetch(ctx(), projects.list!.scope(created));
    expect(listed).toContainEqual(renamed);
    // The Default project is listed too: refresh matches by id, so it is simply not in the state.
    expect(listed.length).toBeGreaterThanOrEqual(2);

    await projects.delete(ctx(), renamed);
    const archived = await projects.read(ctx(), renamed);
    expect(archived).toBeInstanceOf(Gone);
    expect((archived as Gone).reason).toMatch(/^archived at \d{4}-/);
    // Archiving twice is harmless (a retried apply).
    await expect(projects.delete(ctx(), renamed)).resolves.toBeUndefined();
  });

  it("reports a project archived out of band as Gone in the list walk", async () => {
    const created = await projects.create(ctx(), { name: "Doomed" });
    fixture.emulator.archiveProject(String(created.id));
    const listed = await projects.list!.fetch(ctx(), "");
    const found = listed.find((item) => (item instanceof Gone ? item.identity : item.id) === created.id);
    expect(found).toBeInstanceOf(Gone);
  });

  it.each([
    ["archived, renamed", { status: "archived", name: "a" }, { name: "b" }, true],
    ["archived, unchanged", { status: "archived", name: "a" }, { name: "a" }, false],
    ["active, renamed", { status: "active", name: "a" }, { name: "b" }, false],
  ])("refuseChange: %s", (_case, prior, args, refused) => {
    const answer = projects.refuseChange!({ id: "proj_x", ...prior }, args);
    expect(answer !== undefined).toBe(refused);
  });

  it("surfaces the API's refusal to rename an archived project", async () => {
    const created = await projects.create(ctx(), { name: "Frozen" });
    await projects.delete(ctx(), created);
    await expect(projects.update!(ctx(), created, { name: "Thawed" })).rejects.toThrow(/archived and cannot be modified/);
  });

  it("imports by id, even an archived project", async () => {
    const created = await projects.create(ctx(), { name: "Imported" });
    expect(await projects.importById!(ctx(), String(created.id))).toEqual(created);
    expect(await projects.importById!(ctx(), "proj_missing")).toBeNull();
  });
});
