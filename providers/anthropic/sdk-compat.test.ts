/**
 * The emulator is faithful enough for the official SDK (@anthropic-ai/sdk, unchanged) to drive
 * it through its admin resources (`client.organization.*`): its auth, pagination (auto-paging
 * with has_more/last_id, and before_id backwards) and error classes all work.
 */
import Anthropic from "@anthropic-ai/sdk";
import { AnthropicEmulator } from "./emulator";

let emulator: AnthropicEmulator;
let client: Anthropic;
beforeEach(async () => {
  emulator = new AnthropicEmulator({ adminApiKey: "sk-ant-admin01-sdk" });
  await emulator.start();
  client = new Anthropic({ apiKey: emulator.adminApiKey, baseURL: emulator.url, maxRetries: 0 });
});
afterEach(() => emulator.stop());

it("reads the organization", async () => {
  const me = await client.organization.retrieve();
  expect(me).toMatchObject({ type: "organization", name: expect.any(String) });
});

it("creates, updates, lists (auto-paging) and archives workspaces", async () => {
  const created = [];
  for (let i = 0; i < 5; i++) created.push(await client.organization.workspaces.create({ name: `sdk-${i}`, data_residency: { workspace_geo: "us" } }));
  const renamed = await client.organization.workspaces.update(created[0]!.id, { name: "renamed", tags: { team: "sdk" } });
  expect(renamed).toMatchObject({ name: "renamed", tags: { team: "sdk" } });

  const seen: string[] = [];
  for await (const workspace of client.organization.workspaces.list({ limit: 2 })) seen.push(workspace.id);
  expect(seen).toEqual(created.map((w) => w.id));
  expect(emulator.server.requestCount("GET", "/v1/organizations/workspaces")).toBe(3);

  const backwards = await client.organization.workspaces.list({ limit: 2, before_id: created[4]!.id });
  expect(backwards.data.map((w) => w.id)).toEqual([created[2]!.id, created[3]!.id]);
  expect(backwards.has_more).toBe(true);

  const archived = await client.organization.workspaces.archive(created[1]!.id);
  expect(archived.archived_at).toEqual(expect.any(String));
  const all = await client.organization.workspaces.list({ include_archived: true, limit: 1000 });
  expect(all.data).toHaveLength(5);
});

it("manages workspace members, users and invites", async () => {
  emulator.seedUser({ email: "owner@example.com", role: "admin" }); // the last member cannot be removed
  const userId = emulator.seedUser({ email: "dev@example.com", role: "developer" });
  const workspace = await client.organization.workspaces.create({ name: "members" });
  await client.organization.workspaces.members.add(workspace.id, { user_id: userId, workspace_role: "workspace_developer" });
  const member = await client.organization.workspaces.members.update(userId, { workspace_id: workspace.id, workspace_role: "workspace_admin" });
  expect(member.workspace_role).toBe("workspace_admin");
  const members = [];
  for await (const m of client.organization.workspaces.members.list(workspace.id, { limit: 1 })) members.push(m.user_id);
  expect(members).toContain(userId);
  await client.organization.workspaces.members.remove(userId, { workspace_id: workspace.id });

  const users = await client.organization.users.list({ email: "dev@example.com" });
  expect(users.data.map((u) => u.id)).toEqual([userId]);
  expect((await client.organization.users.update(userId, { role: "user" })).role).toBe("user");

  const invite = await client.organization.invites.create({ email: "new@example.com", role: "developer" });
  expect((await client.organization.invites.retrieve(invite.id)).status).toBe("pending");
  expect(await client.organization.invites.delete(invite.id)).toEqual({ id: invite.id, type: "invite_deleted" });
  expect(await client.organization.users.remove(userId)).toEqual({ id: userId, type: "user_deleted" });
});

it("reads and updates API keys", async () => {
  const id = emulator.seedApiKey({ name: "ci" });
  const key = await client.organization.apiKeys.retrieve(id);
  expect(key).toMatchObject({ id, status: "active", partial_key_hint: expect.any(String) });
  expect((await client.organization.apiKeys.update(id, { status: "inactive", name: "ci-old" })).status).toBe("inactive");
  const keys = await client.organization.apiKeys.list({ status: "inactive" });
  expect(keys.data.map((k) => k.id)).toEqual([id]);
});

it("lists the key inventory with the workspace and creator filters (issue 19 item 3), every page", async () => {
  const workspace = await client.organization.workspaces.create({ name: "keys" });
  const ada = emulator.seedUser({ email: "ada@example.com", role: "developer" });
  const bob = emulator.seedUser({ email: "bob@example.com", role: "developer" });
  const ids = ["a", "b", "c"].map((name) => emulator.seedApiKey({ name, workspaceId: workspace.id, createdBy: name === "b" ? bob : ada }));
  emulator.seedApiKey({ name: "elsewhere", createdBy: ada });
  const seen: string[] = [];
  for await (const key of client.organization.apiKeys.list({ workspace_id: workspace.id, limit: 1 })) seen.push(key.id);
  expect(seen).toEqual(ids);
  const bobs: string[] = [];
  for await (const key of client.organization.apiKeys.list({ created_by_user_id: bob })) bobs.push(key.id);
  expect(bobs).toEqual([ids[1]]);
});

it("raises the SDK's error classes with the API's type, message, error code and request id", async () => {
  const missing = await client.organization.workspaces.retrieve("wrkspc_01missing").catch((e: unknown) => e);
  expect(missing).toBeInstanceOf(Anthropic.NotFoundError);
  expect((missing as InstanceType<typeof Anthropic.NotFoundError>).requestID).toMatch(/^req_/);
  expect((missing as InstanceType<typeof Anthropic.NotFoundError>).type).toBe("not_found_error");

  emulator.seedUser({ email: "member@example.com" });
  const duplicate = await client.organization.invites.create({ email: "member@example.com", role: "user" }).catch((e: unknown) => e);
  expect(duplicate).toBeInstanceOf(Anthropic.BadRequestError);
  expect((duplicate as InstanceType<typeof Anthropic.BadRequestError>).errorCode).toBe("already_member");

  const wrongKey = new Anthropic({ apiKey: "sk-ant-admin01-wrong", baseURL: emulator.url, maxRetries: 0 });
  await expect(wrongKey.organization.retrieve()).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
});

it("also accepts the key in x-api-key, as curl examples send it", async () => {
  const viaHeader = new Anthropic({ apiKey: null, baseURL: emulator.url, defaultHeaders: { "x-api-key": emulator.adminApiKey }, maxRetries: 0 });
  await expect(viaHeader.organization.retrieve()).resolves.toMatchObject({ type: "organization" });
});
