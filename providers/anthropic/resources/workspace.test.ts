/**
 * `anthropic_workspace` through the real client against the emulator: create, read, list,
 * update in place, archive on destroy, archived-outside-orgform as Gone, the 100 limit at plan time.
 */
import { Gone } from "../../../src/provider/contract";
import { requestCounter } from "../../../src/http/client";
import { ROUTES } from "../client";
import { startAnthropic, type AnthropicFixture } from "../emulator/fixture";
import { ARCHIVED_REASON, workspaceType } from "./workspace";

let fx: AnthropicFixture;
beforeEach(async () => {
  fx = await startAnthropic({ pageSize: 2 });
});
afterEach(() => fx.stop());

const args = (overrides: Record<string, unknown> = {}) => workspaceType.arguments.parse({ name: "Engineering", ...overrides });

describe("arguments", () => {
  it("fills the data residency defaults", () => {
    expect(args()).toEqual({ name: "Engineering", tags: {}, workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" });
  });

  it.each([
    ["a 41-character name", { name: "x".repeat(41) }, "name"],
    ["a color that is not #RRGGBB", { display_color: "purple" }, "display_color"],
    ["a reserved tag key", { tags: { anthropic_team: "x" } }, "tags"],
    ["a default geo outside the allowed ones", { allowed_inference_geos: ["us"], default_inference_geo: "global" }, "default_inference_geo"],
  ])("refuses %s", (_case, overrides, field) => {
    const result = workspaceType.arguments.safeParse({ name: "ok", ...overrides });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });

  it("checks the default geo against the allowed ones again at plan time (the engine parses field by field)", async () => {
    const problems = await workspaceType.validate!(fx.ctx("anthropic_workspace.eu"), { name: "x", allowed_inference_geos: ["us"], default_inference_geo: "global" }, { id: "wrkspc_1" });
    expect(problems).toEqual([expect.stringMatching(/^default_inference_geo "global" must be one of allowed_inference_geos \(us\)/)]);
  });

  it("declares workspace_geo as forcing replacement and destroy as archiving", () => {
    expect(workspaceType.forceNew).toEqual(["workspace_geo"]);
    expect(workspaceType.verbs?.delete).toBe("archived");
  });
});

describe("lifecycle", () => {
  it("creates, reads, updates in place and archives", async () => {
    const created = await workspaceType.create(fx.ctx(), args({ display_color: "#112233", tags: { team: "eng", cost: "rnd" }, workspace_geo: "eu" }));
    expect(created).toMatchObject({ id: expect.stringMatching(/^wrkspc_/), name: "Engineering", display_color: "#112233", workspace_geo: "eu", created_at: expect.any(String) });
    expect(await workspaceType.read(fx.ctx(), { id: created.id })).toEqual(created);

    const updated = await workspaceType.update!(fx.ctx(), created, args({ name: "Eng", tags: { team: "platform" }, allowed_inference_geos: ["us"], default_inference_geo: "us" }));
    expect(updated).toMatchObject({ id: created.id, name: "Eng", tags: { team: "platform" }, allowed_inference_geos: ["us"], default_inference_geo: "us", workspace_geo: "eu" });
    expect(fx.emulator.store.workspace(String(created.id)).tags).toEqual({ team: "platform" });

    await workspaceType.delete(fx.ctx(), updated);
    expect(fx.emulator.store.workspace(String(created.id)).archived_at).toEqual(expect.any(String));
    // Archiving twice (a retried destroy) is fine.
    await workspaceType.delete(fx.ctx(), updated);
  });

  it("reads a workspace archived outside orgform as Gone, so the plan re-creates it", async () => {
    const created = await workspaceType.create(fx.ctx(), args());
    fx.emulator.archiveWorkspace(String(created.id));
    const read = await workspaceType.read(fx.ctx(), created);
    expect(read).toBeInstanceOf(Gone);
    expect((read as Gone).reason).toBe(ARCHIVED_REASON);
    expect(workspaceType.refuseChange!({ ...created, archived_at: "2026-01-01T00:00:00Z" }, args({ name: "x" }))).toMatch(/archived/);
  });

  it("reads a workspace that does not exist as null", async () => {
    expect(await workspaceType.read(fx.ctx(), { id: "wrkspc_01missing" })).toBeNull();
  });

  it("refreshes N workspaces with one paginated walk, archived ones as Gone", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(String((await workspaceType.create(fx.ctx(), args({ name: `w${i}` }))).id));
    fx.emulator.archiveWorkspace(ids[4]!);
    const before = requestCounter.get(`GET ${ROUTES.workspaces}`) ?? 0;
    const listed = await workspaceType.list!.fetch(fx.ctx(), workspaceType.list!.scope({}));
    expect((requestCounter.get(`GET ${ROUTES.workspaces}`) ?? 0) - before).toBe(3); // 5 objects, pages of 2
    expect(listed.map((item) => (item instanceof Gone ? `gone:${item.identity}` : item.id))).toEqual([...ids.slice(0, 4), `gone:${ids[4]}`]);
  });

  it("imports by id, refusing an archived workspace", async () => {
    const created = await workspaceType.create(fx.ctx(), args());
    expect(await workspaceType.importById!(fx.ctx(), String(created.id))).toEqual(created);
    expect(await workspaceType.importById!(fx.ctx(), "wrkspc_01missing")).toBeNull();
    fx.emulator.archiveWorkspace(String(created.id));
    await expect(workspaceType.importById!(fx.ctx(), String(created.id))).rejects.toThrow(/archived/);
  });
});

describe("the 100 active workspaces limit", () => {
  const seed = (n: number) => {
    for (let i = 0; i < n; i++) {
      fx.emulator.store.addWorkspace({ name: `seed${i}`, tags: {}, data_residency: { workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" } });
    }
  };

  it.each([
    [97, 3, 0],
    [97, 4, 1],
    [100, 1, 1],
  ])("with %i active workspaces, a plan creating %i gets %i problem(s)", async (existing, creating, problems) => {
    seed(existing);
    const found: string[] = [];
    for (let i = 0; i < creating; i++) found.push(...(await workspaceType.validate!(fx.ctx(`anthropic_workspace.new${i}`), args(), undefined)));
    expect(found).toHaveLength(problems);
    if (problems > 0) expect(found[0]).toMatch(/at most 100 active workspaces/);
  });

  it("does not count archived workspaces or workspaces that already exist", async () => {
    seed(100);
    for (const w of [...fx.emulator.store.workspaces.values()].slice(0, 5)) w.archived_at = "2026-01-01T00:00:00Z";
    expect(await workspaceType.validate!(fx.ctx("anthropic_workspace.a"), args(), undefined)).toEqual([]);
    expect(await workspaceType.validate!(fx.ctx("anthropic_workspace.b"), args(), { id: "wrkspc_x" })).toEqual([]);
  });
});
