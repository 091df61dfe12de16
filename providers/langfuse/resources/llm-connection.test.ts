/**
 * `langfuse_llm_connection` against the emulator: upsert by provider name with a project key, a
 * write-only secret that reads never return, a paginated walk on refresh, deletion; an
 * organization key is refused by these routes.
 */
import { OrgformError } from "../../../src/errors";
import { Gone } from "../../../src/provider/contract";
import { llmConnectionType } from "./llm-connection";
import { projectApiKeyType } from "./project-api-key";
import { projectType } from "./project";
import { startLangfuse, type LangfuseFixture } from "../emulator/fixture";

let fx: LangfuseFixture;
let org: Awaited<ReturnType<LangfuseFixture["organization"]>>;
let projectId: string;
let projectKey: { project_public_key: string; project_secret_key: string };
beforeEach(async () => {
  fx = await startLangfuse();
  org = await fx.organization();
  projectId = String((await projectType.create(fx.ctx(), projectType.arguments.parse({ ...org.key, name: "web" }))).id);
  const key = await projectApiKeyType.create(fx.ctx(), projectApiKeyType.arguments.parse({ ...org.key, project_id: projectId }));
  projectKey = { project_public_key: String(key.public_key), project_secret_key: String(key.secret_key) };
});
afterEach(() => fx.stop());

const args = (input: Record<string, unknown> = {}) =>
  llmConnectionType.arguments.parse({ ...projectKey, project_id: projectId, provider_name: "openai", adapter: "openai", secret_key: "sk-openai-first-1111", ...input });

it("declares the LLM secret write-only and sensitive", () => {
  expect(llmConnectionType.writeOnly).toEqual(["secret_key", "extra_headers"]);
  expect(llmConnectionType.sensitive).toEqual(expect.arrayContaining(["secret_key", "project_secret_key", "extra_headers"]));
  expect(llmConnectionType.forceNew).toEqual(["project_id", "provider_name"]);
});

it("creates, changes in place and deletes; the secret is never read back", async () => {
  const created = await llmConnectionType.create(fx.ctx(), args({ custom_models: ["gpt-x"], base_url: "https://llm.example.com/v1" }));
  expect(created).toMatchObject({ provider_name: "openai", adapter: "openai", custom_models: ["gpt-x"], base_url: "https://llm.example.com/v1", with_default_models: true, display_secret_key: "...1111" });
  const stored = fx.emulator.store.llmConnections.get(String(created.id))!;
  expect(stored.secretKey).toBe("sk-openai-first-1111");

  const prior = { ...args(), ...created };
  const updated = await llmConnectionType.update!(fx.ctx(), prior, args({ secret_key: "sk-openai-second-2222", with_default_models: false }));
  expect(updated).toMatchObject({ id: created.id, with_default_models: false, display_secret_key: "...2222" });
  expect(fx.emulator.store.llmConnections.get(String(created.id))!.secretKey).toBe("sk-openai-second-2222");

  const read = await llmConnectionType.read(fx.ctx(), prior);
  expect(read).not.toHaveProperty("secret_key");
  expect(JSON.stringify(read)).not.toContain("sk-openai");

  await llmConnectionType.delete(fx.ctx(), prior);
  expect(fx.emulator.store.llmConnections.size).toBe(0);
  expect(await llmConnectionType.read(fx.ctx(), prior)).toBeNull();
  await llmConnectionType.delete(fx.ctx(), prior);
});

// Issue 19, item 6: config (the Bedrock adapter requires its region) and extraHeaders (sensitive,
// write-only) reach Langfuse; config is checked per adapter before anything is sent.
it("sends a Bedrock connection's config and extra headers, and only what the stack set", async () => {
  const bodies: unknown[] = [];
  const off = fx.emulator.server.observe((event) => event.phase === "arrived" && event.method === "PUT" && bodies.push(event.body));
  const created = await llmConnectionType.create(
    fx.ctx(),
    args({ provider_name: "bedrock", adapter: "bedrock", secret_key: "aws-secret-3333", config: { region: "eu-west-1" }, extra_headers: { "X-Gateway-Token": "gateway-secret-4444" } }),
  );
  off();
  expect(bodies).toEqual([{ provider: "bedrock", adapter: "bedrock", secretKey: "aws-secret-3333", config: { region: "eu-west-1" }, extraHeaders: { "X-Gateway-Token": "gateway-secret-4444" } }]);
  expect(created).toMatchObject({ adapter: "bedrock", config: { region: "eu-west-1" } });
  expect(JSON.stringify(created)).not.toContain("gateway-secret");
  expect(fx.emulator.store.llmConnections.get(String(created.id))).toMatchObject({ config: { region: "eu-west-1" }, extraHeaderKeys: ["X-Gateway-Token"] });
  expect(await llmConnectionType.read(fx.ctx(), { ...args(), ...created })).toMatchObject({ config: { region: "eu-west-1" } });
});

it.each([
  ["bedrock without config", { adapter: "bedrock" }, "config: the bedrock adapter requires config.region"],
  ["bedrock with an unknown config field", { adapter: "bedrock", config: { region: "us-east-1", zone: "a" } }, "config: the bedrock adapter takes config.region only, not config.zone"],
  ["config on the openai adapter", { config: { region: "us-east-1" } }, "config: the openai adapter takes no config"],
  ["a header name with a space", { extra_headers: { "X Bad": "v" } }, "extra_headers.X Bad: must be an HTTP header name"],
])("refuses %s in one line naming the field", (_case, input, message) => {
  const parsed = llmConnectionType.arguments.safeParse({ ...projectKey, project_id: projectId, provider_name: "p", secret_key: "s", adapter: "openai", ...input });
  expect(parsed.success).toBe(false);
  const issue = parsed.error!.issues[0]!;
  expect(`${issue.path.join(".")}: ${issue.message}`).toContain(message);
});

it("accepts google-vertex-ai with or without a location", () => {
  for (const config of [null, { location: "europe-west4" }]) {
    expect(llmConnectionType.arguments.safeParse({ ...projectKey, project_id: projectId, provider_name: "v", secret_key: "s", adapter: "google-vertex-ai", config }).success).toBe(true);
  }
});

it("overwrites a connection of the same provider name (upsert semantics)", async () => {
  await fx.call("PUT", "/api/public/llm-connections", { publicKey: projectKey.project_public_key, secretKey: projectKey.project_secret_key }, { provider: "openai", adapter: "azure", secretKey: "sk-console-made" });
  const before = [...fx.emulator.store.llmConnections.values()][0]!;
  const created = await llmConnectionType.create(fx.ctx(), args());
  expect(created.id).toBe(before.id);
  expect(fx.emulator.store.llmConnections.size).toBe(1);
  expect(fx.emulator.store.llmConnections.get(before.id)!).toMatchObject({ adapter: "openai", secretKey: "sk-openai-first-1111" });
});

it("walks every page to find a connection on refresh", async () => {
  const auth = { publicKey: projectKey.project_public_key, secretKey: projectKey.project_secret_key };
  for (let i = 0; i < 205; i++) fx.emulator.store.llmConnections.set(`c${i}`, { ...templateConnection(i), projectId });
  await fx.call("PUT", "/api/public/llm-connections", auth, { provider: "zz-last", adapter: "anthropic", secretKey: "sk-ant-last" });
  const before = fx.emulator.server.requestCount("GET", "/api/public/llm-connections");
  const read = await llmConnectionType.read(fx.ctx(), args({ provider_name: "zz-last", adapter: "anthropic" }));
  expect(read).toMatchObject({ provider_name: "zz-last", adapter: "anthropic" });
  expect(fx.emulator.server.requestCount("GET", "/api/public/llm-connections") - before).toBe(3);
});

it("reads as gone once its project key no longer authenticates (deleted outside orgform)", async () => {
  const created = await llmConnectionType.create(fx.ctx(), args());
  fx.emulator.store.projectKeys.clear();
  const read = await llmConnectionType.read(fx.ctx(), { ...args(), ...created });
  expect(read).toBeInstanceOf(Gone);
  expect((read as Gone).reason).toMatch(/project key it was managed with no longer authenticates/);
});

it("is refused with an organization key, and never shows either secret", async () => {
  const error = (await llmConnectionType.create(fx.ctx(), args({ project_public_key: org.key.org_public_key, project_secret_key: org.key.org_secret_key })).catch((e: unknown) => e)) as OrgformError;
  expect(error).toBeInstanceOf(OrgformError);
  expect(error.message).toMatch(/refused the credentials \(403\).*Are you using an organization key\?.*need a project-scoped key pair/);
  expect(error.message).not.toContain(org.key.org_secret_key);
  expect(error.message).not.toContain("sk-openai-first-1111");
});

function templateConnection(i: number) {
  const now = new Date().toISOString();
  return { id: `c${i}`, provider: `p${String(i).padStart(3, "0")}`, adapter: "openai", secretKey: `sk-${i}`, baseURL: null, customModels: [], withDefaultModels: true, extraHeaderKeys: [], createdAt: now, updatedAt: now };
}
