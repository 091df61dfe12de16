/**
 * The emulator as a client sees it, over raw HTTP: auth and version headers, the error envelope,
 * cursor pagination in both directions with small pages, and the API's rules on workspaces,
 * members, invites and API keys.
 */
import { request } from "undici";
import { AnthropicEmulator } from "./";

let emulator: AnthropicEmulator;
const KEY = "sk-ant-admin01-test";

beforeEach(async () => {
  emulator = new AnthropicEmulator({ adminApiKey: KEY });
  await emulator.start();
});
afterEach(() => emulator.stop());

interface Answer {
  status: number;
  body: any; // test-only: raw JSON from the emulator, inspected field by field
  requestId: string | undefined;
}

async function call(method: "GET" | "POST" | "DELETE", path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers = options.headers ?? { "x-api-key": KEY, "anthropic-version": "2023-06-01" };
  const response = await request(emulator.url + path, {
    method,
    headers: { ...headers, ...(options.body ? { "content-type": "application/json" } : {}) },
    body: options.body ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.body.text();
  const requestId = response.headers["request-id"];
  return { status: response.statusCode, body: text ? JSON.parse(text) : undefined, requestId: typeof requestId === "string" ? requestId : undefined };
}

const W = "/v1/organizations/workspaces";

describe("auth and version headers", () => {
  it.each([
    ["no key at all", { "anthropic-version": "2023-06-01" }, 401, "authentication_error"],
    ["a wrong x-api-key", { "x-api-key": "sk-ant-admin01-wrong", "anthropic-version": "2023-06-01" }, 401, "authentication_error"],
    ["a wrong bearer token", { authorization: "Bearer nope", "anthropic-version": "2023-06-01" }, 401, "authentication_error"],
    ["no anthropic-version", { "x-api-key": KEY }, 400, "invalid_request_error"],
    ["a malformed anthropic-version", { "x-api-key": KEY, "anthropic-version": "latest" }, 400, "invalid_request_error"],
  ])("refuses %s", async (_case, headers, status, type) => {
    const answer = await call("GET", "/v1/organizations/me", { headers });
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ type: "error", error: { type, message: expect.any(String) }, request_id: expect.stringMatching(/^req_/) });
    expect(answer.requestId).toBe(answer.body.request_id);
  });

  it.each([
    ["x-api-key", { "x-api-key": KEY, "anthropic-version": "2023-06-01" }],
    ["Authorization: Bearer", { authorization: `Bearer ${KEY}`, "anthropic-version": "2023-06-01" }],
  ])("accepts the admin key in %s", async (_case, headers) => {
    const answer = await call("GET", "/v1/organizations/me", { headers });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ type: "organization", name: expect.any(String) });
    expect(answer.requestId).toMatch(/^req_/);
  });

  it("answers errors in the seed's flat shape when asked", async () => {
    const flat = new AnthropicEmulator({ adminApiKey: KEY, errorShape: "flat" });
    await flat.start();
    try {
      const response = await request(`${flat.url}/v1/organizations/workspaces/wrkspc_missing`, { headers: { "x-api-key": KEY, "anthropic-version": "2023-06-01" } });
      expect(response.statusCode).toBe(404);
      expect(await response.body.json()).toEqual({ type: "not_found_error", message: expect.stringContaining("wrkspc_missing") });
    } finally {
      await flat.stop();
    }
  });
});

describe("cursor pagination", () => {
  const N = 7;
  let ids: string[];
  beforeEach(async () => {
    ids = [];
    for (let i = 0; i < N; i++) ids.push((await call("POST", W, { body: { name: `ws-${i}` } })).body.id);
  });

  it.each([1, 2, 3, 1000])("walks forward with limit %i: every object once, in order", async (limit) => {
    const seen: string[] = [];
    let after: string | null = null;
    let calls = 0;
    for (;;) {
      const query: string = `?limit=${limit}${after ? `&after_id=${after}` : ""}`;
      const { body } = await call("GET", W + query);
      calls++;
      expect(body.data.length).toBeLessThanOrEqual(limit);
      expect(body.first_id).toBe(body.data[0]?.id ?? null);
      expect(body.last_id).toBe(body.data[body.data.length - 1]?.id ?? null);
      seen.push(...body.data.map((w: { id: string }) => w.id));
      if (!body.has_more) break;
      after = body.last_id;
    }
    expect(seen).toEqual(ids);
    expect(calls).toBe(Math.max(1, Math.ceil(N / limit)));
  });

  it.each([1, 2])("walks backward with before_id and limit %i", async (limit) => {
    const seen: string[] = [];
    let before = ids[N - 1]!;
    for (;;) {
      const { body } = await call("GET", `${W}?limit=${limit}&before_id=${before}`);
      seen.unshift(...body.data.map((w: { id: string }) => w.id));
      if (!body.has_more) break;
      before = body.first_id;
    }
    expect(seen).toEqual(ids.slice(0, N - 1));
  });

  it("defaults to 20 per page", async () => {
    for (let i = N; i < 25; i++) await call("POST", W, { body: { name: `ws-${i}` } });
    const { body } = await call("GET", W);
    expect(body.data).toHaveLength(20);
    expect(body.has_more).toBe(true);
  });

  it.each([["0"], ["1001"], ["abc"]])("refuses limit=%s", async (limit) => {
    const answer = await call("GET", `${W}?limit=${limit}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.type).toBe("invalid_request_error");
  });

  it("refuses after_id together with before_id", async () => {
    expect((await call("GET", `${W}?after_id=${ids[0]}&before_id=${ids[3]}`)).status).toBe(400);
  });

  it("keeps paging when the cursor's object was archived meanwhile", async () => {
    const first = await call("GET", `${W}?limit=2`);
    await call("POST", `${W}/${first.body.last_id}/archive`);
    const next = await call("GET", `${W}?limit=2&after_id=${first.body.last_id}`);
    expect(next.body.data.map((w: { id: string }) => w.id)).toEqual(ids.slice(2, 4));
  });

  it("pages members by user id", async () => {
    const users = ["a", "b", "c"].map((n) => emulator.seedUser({ email: `${n}@example.com` }));
    for (const user of users) await call("POST", `${W}/${ids[0]}/members`, { body: { user_id: user, workspace_role: "workspace_user" } });
    const page1 = await call("GET", `${W}/${ids[0]}/members?limit=2`);
    expect(page1.body).toMatchObject({ has_more: true, first_id: users[0], last_id: users[1] });
    const page2 = await call("GET", `${W}/${ids[0]}/members?limit=2&after_id=${page1.body.last_id}`);
    expect(page2.body).toMatchObject({ has_more: false, data: [{ user_id: users[2], workspace_role: "workspace_user" }] });
  });
});

describe("workspaces", () => {
  it.each([
    ["a 40-character name", 200, "x".repeat(40)],
    ["a 41-character name", 400, "x".repeat(41)],
    ["an empty name", 400, ""],
  ])("create with %s answers %i", async (_case, status, name) => {
    expect((await call("POST", W, { body: { name } })).status).toBe(status);
  });

  it("archives instead of deleting; an archived workspace is read-only and leaves the default list", async () => {
    const { body: ws } = await call("POST", W, { body: { name: "eng", tags: { team: "eng" } } });
    expect(ws).toMatchObject({ archived_at: null, display_color: expect.stringMatching(/^#[0-9A-F]{6}$/i), data_residency: { workspace_geo: "us" } });
    expect((await call("DELETE", `${W}/${ws.id}`)).status).toBe(405); // no such method on a workspace
    const archived = await call("POST", `${W}/${ws.id}/archive`);
    expect(archived.body.archived_at).toEqual(expect.any(String));
    const rename = await call("POST", `${W}/${ws.id}`, { body: { name: "renamed" } });
    expect(rename.status).toBe(400);
    expect(rename.body.error.message).toMatch(/archived/);
    expect((await call("GET", W)).body.data).toHaveLength(0);
    expect((await call("GET", `${W}?include_archived=true`)).body.data).toHaveLength(1);
    const user = emulator.seedUser({ email: "late@example.com" });
    expect((await call("POST", `${W}/${ws.id}/members`, { body: { user_id: user, workspace_role: "workspace_user" } })).status).toBe(400);
  });

  it("allows at most 100 active workspaces", async () => {
    for (let i = 0; i < 100; i++) emulator.store.addWorkspace({ name: `w${i}`, tags: {}, data_residency: { workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" } });
    expect((await call("POST", W, { body: { name: "one too many" } })).status).toBe(400);
  });

  it("keeps workspace_geo fixed and merges tags on update", async () => {
    const { body: ws } = await call("POST", W, { body: { name: "geo", tags: { a: "1", b: "2" }, data_residency: { workspace_geo: "eu" } } });
    expect((await call("POST", `${W}/${ws.id}`, { body: { data_residency: { workspace_geo: "us" } } })).status).toBe(400);
    const updated = await call("POST", `${W}/${ws.id}`, { body: { tags: { a: null, c: "3" }, data_residency: { allowed_inference_geos: ["us"], default_inference_geo: "us" } } });
    expect(updated.body).toMatchObject({ tags: { b: "2", c: "3" }, data_residency: { workspace_geo: "eu", allowed_inference_geos: ["us"], default_inference_geo: "us" } });
  });
});

describe("organization members and workspace roles", () => {
  it("lists admins and billing members implicitly in every workspace, and refuses to change them there", async () => {
    const admin = emulator.seedUser({ email: "admin@example.com", role: "admin" });
    const billing = emulator.seedUser({ email: "bill@example.com", role: "billing" });
    const { body: ws } = await call("POST", W, { body: { name: "eng" } });
    const members = (await call("GET", `${W}/${ws.id}/members`)).body.data;
    expect(members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ user_id: admin, workspace_role: "workspace_admin" }),
        expect.objectContaining({ user_id: billing, workspace_role: "workspace_billing" }),
      ]),
    );
    expect((await call("POST", `${W}/${ws.id}/members/${admin}`, { body: { workspace_role: "workspace_user" } })).status).toBe(400);
    expect((await call("DELETE", `${W}/${ws.id}/members/${billing}`)).status).toBe(400);
  });

  it.each([
    ["assign admin", "POST", { role: "admin" }],
    ["change an admin", "POST", { role: "user" }],
    ["remove an admin", "DELETE", undefined],
  ])("refuses to %s", async (_case, method, body) => {
    const admin = emulator.seedUser({ email: "admin@example.com", role: "admin" });
    emulator.seedUser({ email: "other@example.com" });
    const target = _case === "assign admin" ? emulator.seedUser({ email: "dev@example.com", role: "developer" }) : admin;
    const answer = await call(method as "POST" | "DELETE", `/v1/organizations/users/${target}`, { body });
    expect(answer.status).toBe(400);
  });

  it("refuses workspace_billing as a workspace role", async () => {
    const user = emulator.seedUser({ email: "u@example.com" });
    const { body: ws } = await call("POST", W, { body: { name: "eng" } });
    const answer = await call("POST", `${W}/${ws.id}/members`, { body: { user_id: user, workspace_role: "workspace_billing" } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/workspace_billing/);
  });
});

describe("invites", () => {
  it("expire 21 days after they are sent, by the emulator's clock", async () => {
    const { body: invite } = await call("POST", "/v1/organizations/invites", { body: { email: "new@example.com", role: "developer" } });
    expect(Date.parse(invite.expires_at) - Date.parse(invite.invited_at)).toBe(21 * 24 * 3600 * 1000);
    expect(invite.status).toBe("pending");
    emulator.server.clock.advance(21 * 24 * 3600 * 1000);
    expect((await call("GET", `/v1/organizations/invites/${invite.id}`)).body.status).toBe("expired");
    expect((await call("DELETE", `/v1/organizations/invites/${invite.id}`)).status).toBe(400);
    // An expired invite no longer blocks a new one for the same email.
    expect((await call("POST", "/v1/organizations/invites", { body: { email: "new@example.com", role: "developer" } })).status).toBe(200);
  });

  it.each([
    ["the admin role", { email: "x@example.com", role: "admin" }, undefined],
    ["a member's email", { email: "member@example.com", role: "user" }, "already_member"],
    ["a second pending invite", { email: "dup@example.com", role: "user" }, "invite_already_exists"],
  ])("refuses %s", async (_case, body, errorCode) => {
    emulator.seedUser({ email: "member@example.com" });
    await call("POST", "/v1/organizations/invites", { body: { email: "dup@example.com", role: "user" } });
    const answer = await call("POST", "/v1/organizations/invites", { body });
    expect(answer.status).toBe(400);
    if (errorCode) expect(answer.body.error.details).toEqual({ error_code: errorCode });
  });

  it("only pending invites can be deleted; accepted ones stay accepted", async () => {
    const { body: invite } = await call("POST", "/v1/organizations/invites", { body: { email: "joins@example.com", role: "user" } });
    const userId = emulator.acceptInvite(invite.id);
    expect((await call("GET", `/v1/organizations/users/${userId}`)).body).toMatchObject({ email: "joins@example.com", role: "user" });
    expect((await call("DELETE", `/v1/organizations/invites/${invite.id}`)).status).toBe(400);
    expect((await call("GET", `/v1/organizations/invites/${invite.id}`)).body.status).toBe("accepted");
  });
});

describe("API keys", () => {
  it("cannot be created or deleted, only renamed and moved between statuses; archived is terminal", async () => {
    const id = emulator.seedApiKey({ name: "ci" });
    expect((await call("POST", "/v1/organizations/api_keys", { body: { name: "x" } })).status).toBe(405);
    expect((await call("DELETE", `/v1/organizations/api_keys/${id}`)).status).toBe(405);
    const { body: key } = await call("GET", `/v1/organizations/api_keys/${id}`);
    expect(key).toMatchObject({ id, status: "active", partial_key_hint: expect.stringMatching(/^sk-ant-api03-/) });
    expect(JSON.stringify(key)).not.toMatch(/secret/);
    for (const status of ["inactive", "active", "archived"]) {
      expect((await call("POST", `/v1/organizations/api_keys/${id}`, { body: { status } })).body.status).toBe(status);
    }
    expect((await call("POST", `/v1/organizations/api_keys/${id}`, { body: { status: "active" } })).status).toBe(400);
    expect((await call("POST", `/v1/organizations/api_keys/${id}`, { body: { name: "renamed" } })).status).toBe(400);
  });

  it("reports expired keys and refuses to change them", async () => {
    const id = emulator.seedApiKey({ name: "short-lived", expiresAt: new Date(Date.now() + 60_000).toISOString() });
    emulator.server.clock.advance(120_000);
    expect((await call("GET", `/v1/organizations/api_keys?status=expired`)).body.data.map((k: { id: string }) => k.id)).toEqual([id]);
    expect((await call("POST", `/v1/organizations/api_keys/${id}`, { body: { name: "x" } })).status).toBe(400);
  });

  it("filters by workspace", async () => {
    const { body: ws } = await call("POST", W, { body: { name: "eng" } });
    const inside = emulator.seedApiKey({ name: "in", workspaceId: ws.id });
    emulator.seedApiKey({ name: "out" });
    const { body } = await call("GET", `/v1/organizations/api_keys?workspace_id=${ws.id}`);
    expect(body.data.map((k: { id: string }) => k.id)).toEqual([inside]);
  });
});
