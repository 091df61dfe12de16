/**
 * The emulator's own rules, over raw HTTP: what the provider tests lean on must really hold
 * (list caching, JSON:API errors, restore's previous role), or those tests prove nothing.
 */
import { request } from "undici";
import { LIST_CACHE_MS, ProjectsEmulator } from "./";

let emulator: ProjectsEmulator;
let projectId: string;
beforeEach(async () => {
  emulator = new ProjectsEmulator();
  await emulator.start();
  projectId = emulator.seedProject({ name: "Raw" }).id;
});
afterEach(() => emulator.stop());

interface Resource {
  readonly id: string;
  readonly attributes: Record<string, unknown>;
}
interface Body {
  readonly data: Resource & Resource[];
  readonly included: Resource[];
  readonly meta?: { secrets?: Record<string, string> };
  readonly errors: Array<{ status: string; title: string; detail: string }>;
}

async function call(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<{ status: number; body: Body }> {
  const response = await request(`${emulator.url}/organizations/${emulator.organizationId}${path}`, {
    method,
    headers: { "api-key": emulator.apiKey, authorization: `Bearer ${emulator.token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: (text ? JSON.parse(text) : {}) as Body };
}

async function keyUpdate(attributes: Record<string, unknown>) {
  const created = await call("POST", `/projects/${projectId}/api-keys`, doc("apiKey", { label: "x" }));
  return call("PATCH", `/projects/${projectId}/api-keys/${created.body.data.id}`, doc("apiKey", attributes, created.body.data.id));
}

const doc = (type: string, attributes: Record<string, unknown>, id?: string) => ({ data: { type, id, attributes } });

describe("ProjectsEmulator", () => {
  it("caches the project list for five minutes unless forceRefresh=true", async () => {
    const count = async (query = "") => (await call("GET", `/projects${query}`)).body.data.length;
    expect(await count()).toBe(2);
    expect((await call("POST", "/projects", doc("project", { name: "One" }))).status).toBe(201);
    expect(await count()).toBe(2); // stale
    emulator.server.clock.advance(LIST_CACHE_MS);
    expect(await count()).toBe(3); // expired, refilled
    await call("POST", "/projects", doc("project", { name: "Two" }));
    expect(await count()).toBe(3); // stale again
    expect(await count("?forceRefresh=true")).toBe(4);
  });

  it.each([
    ["users", (n: number) => call("POST", `/projects/${projectId}/users`, doc("users", { email: `u${n}@b.co`, role: "MEMBER", orgRole: "MEMBER" }))],
    ["invitations", (n: number) => call("POST", `/projects/${projectId}/invitations`, doc("membershipInvitation", { email: `i${n}@d.co`, orgRole: "MEMBER" }))],
  ])("does not cache the %s list (the seed says so of List Projects only)", async (list, write) => {
    const count = async () => (await call("GET", `/projects/${projectId}/${list}`)).body.data.length;
    expect(await count()).toBe(0);
    expect((await write(1)).status).toBe(201);
    expect(await count()).toBe(1);
  });

  describe("strict mode", () => {
    beforeEach(() => {
      emulator.strict = true;
    });

    it.each([
      ["Get Project", `/projects/{p}?forceRefresh=true`, /"forceRefresh".*takes secret, include/],
      ["Get Project", `/projects/{p}?include=users&secret=true&page=2`, /"page"/],
      ["List Project Users", `/projects/{p}/users?forceRefresh=true`, /"forceRefresh".*takes none/],
      ["List Project Invitations", `/projects/{p}/invitations?forceRefresh=true`, /"forceRefresh".*takes none/],
      ["List Projects", `/projects?limit=5`, /"limit"/],
    ])("answers 400 to a query parameter %s does not document (%s)", async (_route, path, detail) => {
      const response = await call("GET", path.replace("{p}", projectId));
      expect(response.status).toBe(400);
      expect(response.body.errors[0]!.detail).toMatch(detail);
    });

    it.each([
      `/projects?forceRefresh=true&sort=-name&role=OWNER&hasWallet=false&minMembers=0&maxMembers=9&name=r&createdAfter=2000-01-01T00:00:00Z&createdBefore=2999-01-01T00:00:00Z&hasTools=false&hasNotebooks=false`,
      `/projects/{p}?secret=true&include=users,apiKeys,llmApiKeys,sentinelPasses`,
      `/projects/{p}/users`,
      `/projects/{p}/invitations`,
    ])("takes what the seed documents: %s", async (path) => {
      expect((await call("GET", path.replace("{p}", projectId))).status).toBe(200);
    });
  });

  it.each([
    ["a wrong type", () => call("POST", "/projects", doc("projects", { name: "Nope" })), 409, /data.type must be "project"/],
    ["an id that does not match the path", () => call("PATCH", `/projects/${projectId}`, doc("project", { name: "Other" }, "proj_x")), 409, /must match/],
    ["a short name", () => call("POST", "/projects", doc("project", { name: "ab" })), 422, /name/],
    ["a lower organization role", () => call("POST", `/projects/${projectId}/users`, doc("users", { email: "a@b.co", role: "ADMIN", orgRole: "VIEWER" })), 422, /equal to or higher/],
    ["an expiry in the past", () => call("POST", `/projects/${projectId}/api-keys`, doc("apiKey", { label: "x", expiresAt: "2000-01-01T00:00:00Z" })), 422, /future/],
    ["a key update with more than the label", () => keyUpdate({ label: "y", expiresAt: "2099-01-01T00:00:00Z" }), 422, /expiresAt/],
  ])("answers JSON:API errors for %s", async (_why, send, status, detail) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.body.errors[0]).toEqual(expect.objectContaining({ status: String(status), title: expect.any(String) }));
    expect(response.body.errors[0]!.detail).toMatch(detail);
  });

  it("restores the previous role when restore names none, and refuses role changes while denied", async () => {
    const added = await call("POST", `/projects/${projectId}/users`, doc("users", { email: "a@b.co", role: "ADMIN", orgRole: "OWNER" }));
    const userId = added.body.data.id;
    expect((await call("POST", `/projects/${projectId}/users/${userId}/deny`)).body.data.attributes.role).toBe("NONE");
    expect((await call("PATCH", `/projects/${projectId}/users/${userId}`, doc("users", { role: "VIEWER" }, userId))).status).toBe(409);
    expect((await call("POST", `/projects/${projectId}/users/${userId}/restore`)).body.data.attributes.role).toBe("ADMIN");
  });

  it("shows the project key pair only with secret=true, and API key secrets only on create", async () => {
    expect((await call("GET", `/projects/${projectId}`)).body.meta).toBeUndefined();
    expect((await call("GET", `/projects/${projectId}?secret=true`)).body.meta?.secrets).toEqual({
      publicKey: emulator.project(projectId).publicKey,
      secretKey: emulator.project(projectId).secretKey,
    });
    const created = await call("POST", `/projects/${projectId}/api-keys`, doc("apiKey", { label: "k" }));
    expect(created.body.data.attributes.secretKey).toMatch(/^sk-lf-/);
    const listed = await call("GET", `/projects/${projectId}?include=apiKeys`);
    expect(listed.body.included[0]!.attributes.secretKey).toBeUndefined();
    expect(listed.body.included[0]!.attributes.encryptedSecretKey).toBeDefined();
  });
});
