/**
 * `anthropic_api_key` against the emulator: adopt by id, rename, change status, deactivate (or
 * archive) on destroy; archived is terminal and expired read-only, refused at plan time.
 */
import { OrgformError } from "../../../src/errors";
import { apiKeyType, refusal } from "./api-key";
import { startAnthropic, type AnthropicFixture } from "../emulator/fixture";

let fx: AnthropicFixture;
beforeEach(async () => {
  fx = await startAnthropic({ pageSize: 2 });
});
afterEach(() => fx.stop());

const args = (input: Record<string, unknown>) => apiKeyType.arguments.parse(input);

it("says what create and destroy mean, and never holds a secret", () => {
  expect(apiKeyType.verbs).toMatchObject({ create: "adopted", delete: "deactivated" });
  expect(apiKeyType.computed).toContain("partial_key_hint");
});

it("adopts a key by id, renames it and shows its hint but no secret", async () => {
  const id = fx.emulator.seedApiKey({ name: "ci" });
  const adopted = await apiKeyType.create(fx.ctx(), args({ api_key_id: id, name: "ci-prod" }));
  expect(adopted).toMatchObject({ id, api_key_id: id, name: "ci-prod", status: "active", partial_key_hint: expect.stringMatching(/^sk-ant-api03-/), archive_on_destroy: false });
  expect(fx.emulator.store.apiKey(id).name).toBe("ci-prod");
  const { archive_on_destroy: _kept, ...readable } = adopted;
  expect(await apiKeyType.read(fx.ctx(), adopted)).toEqual(readable);
});

it("leaves the name alone when the stack does not set one", async () => {
  const id = fx.emulator.seedApiKey({ name: "console name", status: "inactive" });
  const adopted = await apiKeyType.create(fx.ctx(), args({ api_key_id: id }));
  expect(adopted).toMatchObject({ name: "console name", status: "active" });
});

it("fails clearly when the key does not exist (keys cannot be created)", async () => {
  const error = (await apiKeyType.create(fx.ctx("anthropic_api_key.ci"), args({ api_key_id: "apikey_01missing" })).catch((e: unknown) => e)) as OrgformError;
  expect(error.code).toBe("API_NOT_FOUND");
  expect(error.message).toMatch(/^there is no API key apikey_01missing.*Console/);
});

it.each([
  [false, "inactive"],
  [true, "archived"],
])("destroy with archive_on_destroy=%s leaves the key %s", async (archive, status) => {
  const id = fx.emulator.seedApiKey({ name: "ci" });
  const adopted = await apiKeyType.create(fx.ctx(), args({ api_key_id: id, archive_on_destroy: archive }));
  await apiKeyType.delete(fx.ctx(), adopted);
  expect(fx.emulator.store.apiKey(id).status).toBe(status);
});

it("updates name and status in place", async () => {
  const id = fx.emulator.seedApiKey({ name: "ci" });
  const adopted = await apiKeyType.create(fx.ctx(), args({ api_key_id: id }));
  const updated = await apiKeyType.update!(fx.ctx(), adopted, args({ api_key_id: id, name: "renamed", status: "inactive" }));
  expect(updated).toMatchObject({ name: "renamed", status: "inactive" });
});

describe("archived and expired keys", () => {
  it.each([
    ["archived, asked to reactivate", { status: "archived" }, { status: "active" }, /archived, which is terminal/],
    ["archived, asked to rename", { status: "archived" }, { status: "archived", name: "x" }, /archived, which is terminal/],
    ["expired, asked anything", { status: "expired", expires_at: "2026-01-01T00:00:00Z" }, { status: "active" }, /expired at 2026-01-01T00:00:00Z; expired keys are read-only/],
  ])("refuses a key %s at plan time", (_case, prior, wanted, message) => {
    const priorAttributes = { id: "apikey_1", name: "ci", ...prior };
    expect(apiKeyType.refuseChange!(priorAttributes, args({ api_key_id: "apikey_1", ...wanted }))).toMatch(message);
  });

  it.each([
    ["an archived key that stays archived", { status: "archived" }, { status: "archived" }],
    ["an active key", { status: "active" }, { status: "inactive", name: "x" }],
  ])("accepts %s", (_case, prior, wanted) => {
    expect(refusal({ id: "apikey_1", name: "ci", ...prior }, args({ api_key_id: "apikey_1", ...wanted }))).toBeUndefined();
  });

  it("reads an expired key as expired and leaves it alone on destroy", async () => {
    // Expiry is judged on the API's clock, moved by the test: never by how long this machine takes.
    const clock = fx.emulator.server.clock;
    const id = fx.emulator.seedApiKey({ name: "short", expiresAt: new Date(clock.now() + 3_600_000).toISOString() });
    const adopted = await apiKeyType.create(fx.ctx(), args({ api_key_id: id }));
    clock.advance(2 * 3_600_000);
    try {
      const read = await apiKeyType.read(fx.ctx(), adopted);
      expect(read).toMatchObject({ status: "expired" });
      await apiKeyType.delete(fx.ctx(), { ...adopted, status: "expired" });
      await expect(apiKeyType.create(fx.ctx(), args({ api_key_id: id }))).rejects.toThrow(/expired keys are read-only/);
    } finally {
      clock.advance(-2 * 3_600_000);
    }
  });
});

it("refreshes all keys with one paginated walk", async () => {
  const ids = ["a", "b", "c"].map((name) => fx.emulator.seedApiKey({ name }));
  const before = fx.emulator.server.requestCount("GET", "/v1/organizations/api_keys");
  const listed = await apiKeyType.list!.fetch(fx.ctx(), "");
  expect(listed.map((k) => ("id" in k ? k.id : undefined))).toEqual(ids);
  expect(fx.emulator.server.requestCount("GET", "/v1/organizations/api_keys") - before).toBe(2);
  expect(await apiKeyType.importById!(fx.ctx(), ids[0]!)).toMatchObject({ id: ids[0], archive_on_destroy: false });
});
