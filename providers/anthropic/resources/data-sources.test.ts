/** The data sources against the emulator: organization, user by email, workspace by name, API keys by filter. */
import { OrgformError } from "../../../src/errors";
import { apiKeyType } from "./api-key";
import { apiKeysData, organizationData, userData, workspaceData } from "./data-sources";
import { startAnthropic, type AnthropicFixture } from "../emulator/fixture";
import { workspaceType } from "./workspace";

let fx: AnthropicFixture;
beforeEach(async () => {
  fx = await startAnthropic({ pageSize: 1, organizationName: "Acme" });
});
afterEach(() => fx.stop());

it("reads the organization of the admin key", async () => {
  expect(await organizationData.read(fx.ctx(), {})).toEqual({ id: fx.emulator.store.organization.id, name: "Acme" });
});

it("finds a user by email", async () => {
  fx.emulator.seedUser({ email: "someone@example.com" });
  const id = fx.emulator.seedUser({ email: "jane@example.com", name: "Jane", role: "developer" });
  expect(await userData.read(fx.ctx(), { email: "jane@example.com" })).toEqual({ id, email: "jane@example.com", name: "Jane", role: "developer", added_at: expect.any(String) });
});

it("finds an active workspace by name, skipping archived ones", async () => {
  const old = await workspaceType.create(fx.ctx(), workspaceType.arguments.parse({ name: "Eng" }));
  fx.emulator.archiveWorkspace(String(old.id));
  const current = await workspaceType.create(fx.ctx(), workspaceType.arguments.parse({ name: "Eng" }));
  await workspaceType.create(fx.ctx(), workspaceType.arguments.parse({ name: "Other" }));
  expect(await workspaceData.read(fx.ctx(), { name: "Eng" })).toEqual(current);
});

it.each([
  ["a user nobody has", () => userData.read(fx.ctx("data.anthropic_user.x"), { email: "ghost@example.com" }), /data\.anthropic_user\.x: no member of the organization has the email ghost@example.com/],
  ["a workspace nobody has", () => workspaceData.read(fx.ctx("data.anthropic_workspace.x"), { name: "Nope" }), /there is no active workspace named "Nope"/],
  [
    "an ambiguous workspace name",
    async () => {
      fx.emulator.store.addWorkspace({ name: "Twin", tags: {}, data_residency: { workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" } });
      fx.emulator.store.addWorkspace({ name: "Twin", tags: {}, data_residency: { workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" } });
      return workspaceData.read(fx.ctx(), { name: "Twin" });
    },
    /2 active workspaces are named "Twin"/,
  ],
])("fails clearly for %s", async (_case, read, message) => {
  const error = await read().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OrgformError);
  expect((error as OrgformError).message).toMatch(message);
});

describe("anthropic_api_keys", () => {
  it("lists the organization's keys with the API's filters, keeping last use", async () => {
    const eng = String((await workspaceType.create(fx.ctx(), workspaceType.arguments.parse({ name: "Eng" }))).id);
    const ada = fx.emulator.seedUser({ email: "ada@example.com", role: "developer" });
    const used = fx.emulator.seedApiKey({ name: "ada's", workspaceId: eng, createdBy: ada, lastUsedAt: "2026-11-30T08:00:00Z" });
    const bob = fx.emulator.seedUser({ email: "bob@example.com", role: "developer" });
    const off = fx.emulator.seedApiKey({ name: "off", workspaceId: eng, status: "inactive", createdBy: bob });
    const other = fx.emulator.seedApiKey({ name: "default workspace", createdBy: bob });
    const read = (args: Record<string, unknown>) => apiKeysData.read(fx.ctx("data.anthropic_api_keys.k"), apiKeysData.arguments.parse(args));

    const all = await read({});
    expect(all).toMatchObject({ id: "all", ids: [used, off, other] });
    expect((all.keys as Array<Record<string, unknown>>)[0]).toMatchObject({ id: used, name: "ada's", workspace_id: eng, created_by: ada, status: "active", last_used_at: "2026-11-30T08:00:00Z" });
    expect((all.keys as Array<Record<string, unknown>>)[2]).toMatchObject({ id: other, workspace_id: null, last_used_at: null });
    expect((await read({ workspace_id: eng })).ids).toEqual([used, off]);
    expect((await read({ workspace_id: eng, status: "active" })).ids).toEqual([used]);
    expect((await read({ created_by_user_id: ada })).ids).toEqual([used]);
    expect(await read({ status: "inactive" })).toMatchObject({ id: "status=inactive", ids: [off] });
    // The filters go to the API (one walk per read, paged): the list is not filtered here.
    expect(fx.emulator.server.requestCount("GET", "/v1/organizations/api_keys")).toBeGreaterThanOrEqual(5);
  });

  it("refuses a status the API cannot filter by, naming the argument", () => {
    const parsed = apiKeysData.arguments.safeParse({ status: "expired" });
    expect(parsed.success).toBe(false);
  });
});

describe("anthropic_api_key inventory for drift", () => {
  it("reads a workspace's keys, and the Default workspace's apart, inside every managed workspace", async () => {
    const eng = String((await workspaceType.create(fx.ctx(), workspaceType.arguments.parse({ name: "Eng" }))).id);
    const inEng = fx.emulator.seedApiKey({ name: "console key", workspaceId: eng });
    const inDefault = fx.emulator.seedApiKey({ name: "default key" });
    const list = apiKeyType.list!;
    expect(list.parent).toMatchObject({ type: "anthropic_workspace" });
    const scope = list.parent!.scopeOf({ id: eng });
    const ids = async (s: string) => (await list.fetch(fx.ctx(), s)).map((key) => (key as Record<string, unknown>).id);
    expect(await ids(scope)).toEqual([inEng]);
    expect(await ids("")).toEqual([inDefault]);
    expect(list.scope({ id: inEng, workspace_id: eng })).toBe(eng);
    expect(list.scope({ id: inDefault, workspace_id: null })).toBe("");
  });
});
