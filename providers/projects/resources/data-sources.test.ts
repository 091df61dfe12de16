import { OrgformError } from "../../../src/errors";
import { apiKeyType } from "./api-key";
import { dailyMetricsDataSource, projectsDataSource, tracesDataSource } from "./data-sources";
import { args, startFixture, type Fixture } from "../emulator/fixture";
import { projectType } from "./project";

let f: Fixture;
beforeEach(async () => {
  f = await startFixture();
});
afterEach(() => f.stop());

describe("projects_projects", () => {
  beforeEach(() => {
    const seed = f.emulator.seedProject.bind(f.emulator);
    seed({ name: "alpha", myRole: "VIEWER", hasWallet: true, toolsCount: 3, createdAt: "2025-01-10T00:00:00.000Z", memberEmails: ["a@x.io"] });
    seed({ name: "Beta", myRole: "ADMIN", notebooksCount: 2, createdAt: "2025-03-01T00:00:00.000Z", memberEmails: ["a@x.io", "b@x.io", "c@x.io"] });
    seed({ name: "gamma tools", myRole: "MEMBER", toolsCount: 1, notebooksCount: 5, createdAt: "2025-06-01T00:00:00.000Z", memberEmails: ["a@x.io", "b@x.io"] });
  });

  const names = async (raw: Record<string, unknown>) => {
    const result = await projectsDataSource.read(f.ctx("data.projects_projects.q"), raw);
    return (result.projects as Array<{ name: string }>).map((project) => project.name);
  };

  it.each([
    ["role", { role: ["ADMIN", "viewer"] }, ["alpha", "Beta"]],
    ["has_wallet", { has_wallet: true }, ["alpha"]],
    ["has_wallet false", { has_wallet: false }, ["Default project", "Beta", "gamma tools"]],
    ["has_tools", { has_tools: true }, ["alpha", "gamma tools"]],
    ["has_notebooks", { has_notebooks: true }, ["Beta", "gamma tools"]],
    ["min_members", { min_members: 2 }, ["Beta", "gamma tools"]],
    ["max_members", { max_members: 1 }, ["Default project", "alpha"]],
    ["name (case-insensitive substring)", { name: "TOOLS" }, ["gamma tools"]],
    ["created_after", { created_after: "2025-02-01T00:00:00Z", created_before: "2026-01-01T00:00:00Z" }, ["Beta", "gamma tools"]],
    ["created_before", { created_before: "2025-02-01T00:00:00Z" }, ["alpha"]],
  ])("filters by %s", async (_what, raw, expected) => {
    expect(await names(raw)).toEqual(expected);
  });

  it.each([
    ["name", ["Beta", "Default project", "alpha", "gamma tools"]],
    ["alphabetical", ["alpha", "Beta", "Default project", "gamma tools"]],
    ["-members_count", ["Beta", "gamma tools", "alpha", "Default project"]],
    ["tools_count", ["Beta", "Default project", "gamma tools", "alpha"]],
    ["-notebooks_count", ["gamma tools", "Beta", "Default project", "alpha"]],
    ["created_at", ["alpha", "Beta", "gamma tools", "Default project"]],
  ])("sorts by %s", async (sort, expected) => {
    expect(await names({ sort })).toEqual(expected);
  });

  it("returns ids and counts", async () => {
    const result = await projectsDataSource.read(f.ctx(), { name: "beta" });
    expect(result.ids).toHaveLength(1);
    expect(result.projects).toEqual([expect.objectContaining({ name: "Beta", members_count: 3, notebooks_count: 2, role: "ADMIN", is_default: false })]);
  });

  it.each([
    ["an unknown sort", { sort: "popularity" }, /sort/],
    ["an unknown role", { role: ["KING"] }, /role/],
  ])("refuses %s naming the data source", async (_why, raw, field) => {
    const error = await projectsDataSource.read(f.ctx("data.projects_projects.q"), raw).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrgformError);
    expect((error as OrgformError).message).toMatch(/^data\.projects_projects\.q: /);
    expect((error as OrgformError).message).toMatch(field);
  });
});

describe("analytics", () => {
  let projectId: string;
  beforeEach(async () => {
    projectId = String((await projectType.create(f.ctx(), args(projectType, { name: "Observed" }))).id);
  });

  it("reads every page of daily metrics with the project's key pair", async () => {
    const days = Array.from({ length: 7 }, (_, i) => ({
      date: `2025-05-0${i + 1}`,
      countTraces: i + 1,
      totalCost: 0.5,
      usage: [{ model: "gpt-4o", inputUsage: 10, outputUsage: 5 }],
      tags: i % 2 === 0 ? ["prod"] : ["dev"],
    }));
    f.emulator.analytics.seedDailyMetrics(projectId, days);
    const result = await dailyMetricsDataSource.read(f.ctx(), { project_id: projectId, page_size: 2 });
    expect(result.days).toHaveLength(7);
    expect(result.total_traces).toBe(28);
    expect((result.days as Array<{ date: string }>)[0]!.date).toBe("2025-05-07");
    expect((result.days as Array<{ usage: unknown[] }>)[0]!.usage).toEqual([{ model: "gpt-4o", input_usage: 10, output_usage: 5, total_usage: 15 }]);
    expect(f.emulator.analytics.server.requestCount("GET", "/api/public/metrics/daily")).toBe(4);

    const filtered = await dailyMetricsDataSource.read(f.ctx(), { project_id: projectId, tags: ["prod"], from: "2025-05-02T00:00:00Z", to: "2025-05-06T00:00:00Z" });
    expect((filtered.days as Array<{ date: string }>).map((d) => d.date)).toEqual(["2025-05-05", "2025-05-03"]);
  });

  it("reads every page of traces, filtered and ordered", async () => {
    const traces = Array.from({ length: 11 }, (_, i) => ({
      id: `t${String(i).padStart(2, "0")}`,
      timestamp: new Date(Date.UTC(2025, 4, 1, i)).toISOString(),
      name: i % 2 === 0 ? "chat" : "embed",
      userId: `u${i % 3}`,
      tags: i < 6 ? ["prod", "eu"] : ["prod"],
    }));
    f.emulator.analytics.seedTraces(projectId, traces);
    const all = await tracesDataSource.read(f.ctx(), { project_id: projectId, page_size: 3, order_by: "timestamp.asc" });
    expect(all.count).toBe(11);
    expect((all.traces as Array<{ id: string }>).map((t) => t.id)).toEqual(traces.map((t) => t.id));
    expect(f.emulator.analytics.server.requestCount("GET", "/api/public/traces")).toBe(4);

    const chat = await tracesDataSource.read(f.ctx(), { project_id: projectId, name: "chat", tags: ["prod", "eu"], page_size: 2 });
    expect((chat.traces as Array<{ id: string }>).map((t) => t.id)).toEqual(["t04", "t02", "t00"]);
    const user = await tracesDataSource.read(f.ctx(), { project_id: projectId, user_id: "u1", from: "2025-05-01T02:00:00Z" });
    expect((user.traces as Array<{ user_id: string }>).every((t) => t.user_id === "u1")).toBe(true);
    expect(user.count).toBe(3);
  });

  it("authenticates with a project API key pair too, and refuses unknown pairs without printing them", async () => {
    const key = await apiKeyType.create(f.ctx(), args(apiKeyType, { project_id: projectId, label: "analytics" }));
    f.emulator.analytics.seedTraces(projectId, [{ timestamp: "2025-05-01T00:00:00Z" }]);
    const client = f.session.langfuse(String(key.public_key), String(key.secret_key));
    const page = await client.request({ method: "GET", path: "/api/public/traces", schema: (await import("../spec")).tracesPage });
    expect(page.meta.totalItems).toBe(1);

    const wrong = f.session.langfuse("pk-lf-nobody", "sk-lf-wrong-secret-value");
    const error = await wrong.request({ method: "GET", path: "/api/public/traces", schema: (await import("../spec")).tracesPage }).catch((e: unknown) => e);
    expect((error as OrgformError).code).toBe("API_AUTH");
    expect((error as OrgformError).message).not.toContain("sk-lf-wrong-secret-value");
  });
});
