/**
 * The official `openai` SDK (6.x, the last major that runs on Node 20) talks to the emulator
 * unchanged: admin API keys through client.admin.organization.adminAPIKeys, with its own
 * auto-pagination, error classes and Bearer auth. If the emulator drifts from the API's wire
 * format, this is the test that notices.
 */
import OpenAI from "openai";
import { OpenaiEmulator } from "./emulator";

const emulator = new OpenaiEmulator();
let client: OpenAI;

beforeAll(async () => {
  const baseURL = await emulator.start();
  client = new OpenAI({ adminAPIKey: emulator.adminKey, apiKey: null, baseURL, maxRetries: 0 });
});
afterAll(() => emulator.stop());

describe("openai SDK against the emulator", () => {
  it("creates, retrieves, pages through and deletes admin API keys", async () => {
    const created = await client.admin.organization.adminAPIKeys.create({ name: "sdk key", expires_in_seconds: 600 });
    expect(created).toMatchObject({ object: "organization.admin_api_key", name: "sdk key", value: expect.stringMatching(/^sk-admin-/) });
    expect(created.expires_at! - created.created_at).toBe(600);

    const retrieved = await client.admin.organization.adminAPIKeys.retrieve(created.id);
    expect(retrieved).toMatchObject({ id: created.id, redacted_value: created.redacted_value, owner: { role: "owner", type: "user" } });
    expect(retrieved).not.toHaveProperty("value");

    await client.admin.organization.adminAPIKeys.create({ name: "sdk key 2" });
    const names: string[] = [];
    // limit 1: the SDK follows has_more with `after` = the last item's id; two keys, two pages.
    for await (const key of client.admin.organization.adminAPIKeys.list({ limit: 1, order: "asc" })) names.push(String(key.name));
    expect(names).toEqual(["sdk key", "sdk key 2"]);
    expect(emulator.server.requestCount("GET", "/v1/organization/admin_api_keys")).toBe(2);

    const removed = await client.admin.organization.adminAPIKeys.delete(created.id);
    expect(removed).toEqual({ id: created.id, object: "organization.admin_api_key.deleted", deleted: true });
  });

  it("raises the SDK's own error classes from the emulator's error shape", async () => {
    const missing = await client.admin.organization.adminAPIKeys.retrieve("key_nope").catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect(missing).toMatchObject({ status: 404, type: "invalid_request_error", code: "not_found" });

    const stranger = new OpenAI({ adminAPIKey: "sk-admin-not-a-real-key-000", apiKey: null, baseURL: emulator.url, maxRetries: 0 });
    const refused = await stranger.admin.organization.adminAPIKeys.list().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(refused).toMatchObject({ code: "invalid_api_key" });
  });

  it("works with a key it created itself", async () => {
    const created = await client.admin.organization.adminAPIKeys.create({ name: "bootstrap successor" });
    const successor = new OpenAI({ adminAPIKey: created.value, apiKey: null, baseURL: emulator.url, maxRetries: 0 });
    const seen = await successor.admin.organization.adminAPIKeys.retrieve(created.id);
    expect(seen.last_used_at).toEqual(expect.any(Number));
  });

  it("pages projects and project users with ConversationCursorPage (last_id)", async () => {
    const project = await client.admin.organization.projects.create({ name: "sdk project" });
    const userId = emulator.seedUser("sdk@example.com", "SDK");
    await client.admin.organization.projects.users.create(project.id, { user_id: userId, role: "member" });
    const ids: string[] = [];
    for await (const p of client.admin.organization.projects.list({ limit: 1 })) ids.push(p.id);
    expect(ids).toContain(project.id);
    const archived = await client.admin.organization.projects.archive(project.id);
    expect(archived.status).toBe("archived");
  });

  it("lists (every page), retrieves and deletes project API keys with admin.organization.projects.apiKeys", async () => {
    const project = await client.admin.organization.projects.create({ name: "sdk keys" });
    const userId = emulator.seedUser("keys@example.com", "Key Holder");
    await client.admin.organization.projects.users.create(project.id, { user_id: userId, role: "member" });
    const personal = emulator.seedProjectApiKey(project.id, "laptop", { userId }, 1_700_000_000);
    const bot = await client.admin.organization.projects.serviceAccounts.create(project.id, { name: "ci bot" });

    const keys: OpenAI.Admin.Organization.Projects.ProjectAPIKey[] = [];
    for await (const key of client.admin.organization.projects.apiKeys.list(project.id, { limit: 1 })) keys.push(key);
    expect(keys.map((key) => key.id)).toEqual([personal.id, bot.api_key!.id]);
    expect(emulator.server.requestCount("GET", "/v1/organization/projects/:projectId/api_keys")).toBe(2);
    expect(keys[0]).toMatchObject({
      object: "organization.project.api_key",
      name: "laptop",
      last_used_at: 1_700_000_000,
      owner: { type: "user", user: { id: userId, email: "keys@example.com", role: "member" } },
      owner_project_access: "active",
    });
    expect(keys[1]).toMatchObject({ last_used_at: null, owner: { type: "service_account", service_account: { id: bot.id, name: "ci bot" } } });
    for (const key of keys) expect(JSON.stringify(key)).not.toContain(key.id === personal.id ? personal.value : bot.api_key!.value);
    expect(keys[0]!.redacted_value).toMatch(/^sk-proj-.*\.\.\./);

    const retrieved = await client.admin.organization.projects.apiKeys.retrieve(personal.id, { project_id: project.id });
    expect(retrieved).toEqual(keys[0]);

    const removed = await client.admin.organization.projects.apiKeys.delete(personal.id, { project_id: project.id });
    expect(removed).toEqual({ object: "organization.project.api_key.deleted", id: personal.id, deleted: true });
    const gone = await client.admin.organization.projects.apiKeys.retrieve(personal.id, { project_id: project.id }).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("hides keys whose owner left the project unless asked for owner_project_access=any", async () => {
    const project = await client.admin.organization.projects.create({ name: "sdk leavers" });
    const userId = emulator.seedUser("leaver@example.com", "Leaver");
    const stale = emulator.seedProjectApiKey(project.id, "left behind", { userId });
    const visible = async (query: OpenAI.Admin.Organization.Projects.APIKeyListParams) => {
      const ids: string[] = [];
      for await (const key of client.admin.organization.projects.apiKeys.list(project.id, query)) ids.push(`${key.id}:${key.owner_project_access}`);
      return ids;
    };
    expect(await visible({})).toEqual([]);
    expect(await visible({ owner_project_access: "any" })).toEqual([`${stale.id}:inactive`]);
    expect(await visible({ owner_project_access: "inactive" })).toEqual([`${stale.id}:inactive`]);
  });
});
