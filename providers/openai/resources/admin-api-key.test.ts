/** `openai_admin_api_key` through the real client against the emulator. */
import { Gone } from "../../../src/provider/contract";
import { adminApiKeyType as keys } from "./admin-api-key";
import { configureOpenai } from "../client";
import { useEmulator } from "../emulator/fixture";

const fixture = useEmulator(1);
const ctx = () => fixture.ctx("openai_admin_api_key.ci");
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe("openai_admin_api_key", () => {
  it("declares what the plan needs: name replaces, value is sensitive", () => {
    expect(keys.forceNew).toEqual(expect.arrayContaining(["name", "expires_in_seconds"]));
    expect(keys.sensitive).toEqual(["value"]);
    expect(keys.update).toBeUndefined();
    expect(keys.arguments.parse({ name: "ci" })).toEqual({ name: "ci", expires_in_seconds: null });
  });

  it.each([[{ name: "" }], [{ name: "x", expires_in_seconds: 0 }], [{ name: "x", expires_in_seconds: 31_536_001 }]])(
    "rejects invalid arguments %j",
    (args) => {
      expect(keys.arguments.safeParse(args).success).toBe(false);
    },
  );

  it("creates with the value once, reads without it, lists, deletes", async () => {
    const created = await keys.create(ctx(), { name: "ci", expires_in_seconds: 3600 });
    expect(created).toMatchObject({ id: expect.stringMatching(/^key_/), name: "ci", value: expect.stringMatching(/^sk-admin-/), last_used_at: null });
    expect(created.created_at).toMatch(RFC3339);
    expect(created.expires_at).toMatch(RFC3339);
    expect(Date.parse(String(created.expires_at)) - Date.parse(String(created.created_at))).toBe(3600_000);

    const read = await keys.read(ctx(), created);
    expect(read).toEqual({ ...created, value: undefined, redacted_value: created.redacted_value, owner_id: created.owner_id });
    expect(JSON.stringify(read)).not.toContain(String(created.value));

    const listed = await keys.list!.fetch(ctx(), keys.list!.scope(created));
    expect(listed).toContainEqual(read);

    await keys.delete(ctx(), created);
    expect(await keys.read(ctx(), created)).toBeNull();
    // Deleting what is already gone is not an error.
    await expect(keys.delete(ctx(), created)).resolves.toBeUndefined();
  });

  it("reads an expired key as Gone, in read and in list", async () => {
    const created = await keys.create(ctx(), { name: "short-lived", expires_in_seconds: 60 });
    fixture.emulator.expireAdminKey(String(created.id));
    expect(await keys.read(ctx(), created)).toBeInstanceOf(Gone);
    const listed = await keys.list!.fetch(ctx(), "");
    expect(listed.find((item) => (item instanceof Gone ? item.identity : item.id) === created.id)).toBeInstanceOf(Gone);
  });

  it("notes the last use once the key authenticates", async () => {
    const created = await keys.create(ctx(), { name: "used", expires_in_seconds: null });
    await fetch(`${fixture.emulator.url}/organization/users`, { headers: { authorization: `Bearer ${String(created.value)}` } });
    const read = await keys.read(ctx(), created);
    expect((read as Record<string, unknown>).last_used_at).toMatch(RFC3339);
  });

  it("imports by id without a value", async () => {
    const created = await keys.create(ctx(), { name: "imported", expires_in_seconds: null });
    const imported = await keys.importById!(ctx(), String(created.id));
    expect(imported).toMatchObject({ id: created.id, name: "imported" });
    expect(imported).not.toHaveProperty("value");
    expect(await keys.importById!(ctx(), "key_does_not_exist")).toBeNull();
  });

  it("never puts a key value into an error message", async () => {
    const created = await keys.create(ctx(), { name: "secret", expires_in_seconds: null });
    const value = String(created.value);
    // A server that echoes the value back in an error: the session redacts it.
    fixture.emulator.failNext("DELETE", 400, `Cannot delete key ${value} right now`);
    const failure = await keys.delete(ctx(), created).catch((error: unknown) => error);
    expect((failure as Error).message).toContain("(redacted)");
    expect((failure as Error).message).not.toContain(value);
    // The created key used as a provider's credential, once revoked: refused without echoing it.
    await keys.delete(ctx(), created);
    const revoked = configureOpenai({ base_url: fixture.emulator.url }, { OPENAI_ADMIN_KEY: value });
    const refused = await keys.read({ session: revoked, address: "openai_admin_api_key.other" }, created).catch((error: unknown) => error);
    expect((refused as Error).message).toMatch(/refused the credentials \(401\)/);
    expect((refused as Error).message).not.toContain(value);
  });
});
