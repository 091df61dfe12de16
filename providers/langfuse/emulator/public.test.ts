/**
 * The emulator's public API rules that the provider relies on, over real HTTP: each route answers
 * only the key scope the real service accepts, and lists page as the service pages them.
 */
import { startLangfuse, type LangfuseFixture } from "./fixture";

let fx: LangfuseFixture;
let orgKey: { publicKey: string; secretKey: string };
let projectKey: { publicKey: string; secretKey: string };
let projectId: string;
beforeEach(async () => {
  fx = await startLangfuse();
  const org = await fx.organization();
  orgKey = { publicKey: org.key.org_public_key, secretKey: org.key.org_secret_key };
  const project = await fx.call("POST", "/api/public/projects", orgKey, { name: "web" });
  projectId = project.body.id;
  projectKey = (await fx.call("POST", `/api/public/projects/${projectId}/apiKeys`, orgKey, { note: "ingest" })).body;
});
afterEach(() => fx.stop());

const ORG_ONLY = /Organization-scoped API key required/;
const PROJECT_ONLY = /Are you using an organization key\?/;

describe("key scopes", () => {
  it.each([
    ["POST", "/api/public/projects", "project", 403, ORG_ONLY],
    ["GET", "/api/public/organizations/projects", "project", 403, ORG_ONLY],
    ["GET", "/api/public/projects/:p/apiKeys", "project", 403, ORG_ONLY],
    ["GET", "/api/public/organizations/memberships", "project", 403, ORG_ONLY],
    ["GET", "/api/public/projects/:p/memberships", "project", 403, ORG_ONLY],
    ["GET", "/api/public/scim/Users", "project", 403, ORG_ONLY],
    ["GET", "/api/public/projects", "organization", 403, PROJECT_ONLY],
    ["GET", "/api/public/llm-connections", "organization", 403, PROJECT_ONLY],
    ["GET", "/api/public/traces", "organization", 403, PROJECT_ONLY],
    ["GET", "/api/public/metrics/daily", "organization", 403, PROJECT_ONLY],
    ["GET", "/api/public/traces", "project", 200, undefined],
    ["GET", "/api/public/metrics/daily", "project", 200, undefined],
    ["GET", "/api/public/organizations/projects", "organization", 200, undefined],
    ["GET", "/api/public/projects", "project", 200, undefined],
    ["GET", "/api/public/llm-connections", "project", 200, undefined],
    ["GET", "/api/public/organizations/projects", "wrong secret", 401, /Invalid credentials/],
    ["GET", "/api/public/organizations/projects", "none", 401, /Invalid credentials/],
  ])("%s %s with a %s key answers %i", async (method, route, scope, status, message) => {
    const key = { organization: orgKey, project: projectKey, "wrong secret": { ...orgKey, secretKey: "sk-lf-wrong" }, none: undefined }[scope];
    const response = await fx.call(method, route.replace(":p", projectId), key);
    expect(response.status).toBe(status);
    if (message) expect(JSON.stringify(response.body)).toMatch(message);
  });

  it("refuses the admin key's Bearer auth on public routes, and Basic auth on admin routes", async () => {
    const bearer = await fetch(`${fx.emulator.url}/api/public/organizations/projects`, { headers: { authorization: `Bearer ${fx.emulator.adminApiKey}` } });
    expect(bearer.status).toBe(401);
    expect((await fx.call("GET", "/api/admin/organizations", orgKey)).status).toBe(401);
  });

  it("hides other organizations' projects (404)", async () => {
    const other = await fx.organization("Other Org");
    const response = await fx.call("GET", `/api/public/projects/${projectId}/apiKeys`, { publicKey: other.key.org_public_key, secretKey: other.key.org_secret_key });
    expect(response).toEqual({ status: 404, body: { message: "Project not found or you don't have access to it" } });
  });
});

describe("pagination", () => {
  beforeEach(async () => {
    for (let i = 0; i < 7; i++) {
      await fx.call("PUT", "/api/public/llm-connections", projectKey, { provider: `p${i}`, adapter: "openai", secretKey: `sk-test-${i}-secret` });
    }
  });

  it.each([
    [1, 3, 3, { page: 1, limit: 3, totalItems: 7, totalPages: 3 }],
    [3, 3, 1, { page: 3, limit: 3, totalItems: 7, totalPages: 3 }],
    [4, 3, 0, { page: 4, limit: 3, totalItems: 7, totalPages: 3 }],
    [1, 100, 7, { page: 1, limit: 100, totalItems: 7, totalPages: 1 }],
  ])("LLM connections page %i of limit %i holds %i items", async (page, limit, count, meta) => {
    const response = await fx.call("GET", `/api/public/llm-connections?page=${page}&limit=${limit}`, projectKey);
    expect(response.status).toBe(200);
    expect(response.body.data).toHaveLength(count);
    expect(response.body.meta).toEqual(meta);
    // Never the secret: only a masked display.
    expect(JSON.stringify(response.body)).not.toContain("-secret");
  });

  it.each([["limit=101"], ["limit=0"], ["page=0"]])("refuses %s", async (query) => {
    expect((await fx.call("GET", `/api/public/llm-connections?${query}`, projectKey)).status).toBe(400);
  });

  it("pages SCIM users with startIndex and count", async () => {
    for (const name of ["a", "b", "c"]) fx.emulator.seedUser(`${name}@example.com`, name, { organizationId: fx.emulator.store.findProject(projectId)!.org.id, role: "MEMBER" });
    const response = await fx.call("GET", "/api/public/scim/Users?startIndex=2&count=2", orgKey);
    expect(response.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 2 });
    expect(response.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(["b@example.com", "c@example.com"]);
  });
});

describe("analytics (the routes the Projects API emulator serves too)", () => {
  it("answers a project key its own project's traces, paged, and forgets them with the project", async () => {
    fx.emulator.store.analytics.seedTraces(projectId, [1, 2, 3].map((i) => ({ timestamp: `2025-05-0${i}T00:00:00Z`, name: `t${i}` })));
    fx.emulator.store.analytics.seedTraces("proj_other", [{ timestamp: "2025-05-01T00:00:00Z", name: "not ours" }]);
    const response = await fx.call("GET", "/api/public/traces?limit=2&orderBy=timestamp.asc", projectKey);
    expect(response.status).toBe(200);
    expect(response.body.data.map((t: { name: string }) => t.name)).toEqual(["t1", "t2"]);
    expect(response.body.meta).toEqual({ page: 1, limit: 2, totalItems: 3, totalPages: 2 });
    expect((await fx.call("DELETE", `/api/public/projects/${projectId}`, orgKey)).status).toBe(202);
    expect(fx.emulator.store.analytics.traces.has(projectId)).toBe(false);
  });
});

describe("organization rules", () => {
  it("refuses to delete an organization while it has projects, and allows it once they are deleted", async () => {
    const orgId = fx.emulator.store.findProject(projectId)!.org.id;
    const admin = { authorization: `Bearer ${fx.emulator.adminApiKey}` };
    const refused = await fetch(`${fx.emulator.url}/api/admin/organizations/${orgId}`, { method: "DELETE", headers: admin });
    expect(refused.status).toBe(400);
    expect((await fx.call("DELETE", `/api/public/projects/${projectId}`, orgKey)).status).toBe(202);
    // The project's keys died with it.
    expect((await fx.call("GET", "/api/public/projects", projectKey)).status).toBe(401);
    expect((await fetch(`${fx.emulator.url}/api/admin/organizations/${orgId}`, { method: "DELETE", headers: admin })).status).toBe(200);
  });

  it("ends project roles when a user leaves the organization", async () => {
    const orgId = fx.emulator.store.findProject(projectId)!.org.id;
    const userId = fx.emulator.seedUser("jane@example.com", "Jane", { organizationId: orgId, role: "MEMBER" });
    expect((await fx.call("PUT", `/api/public/projects/${projectId}/memberships`, orgKey, { userId, role: "ADMIN" })).status).toBe(200);
    expect((await fx.call("DELETE", "/api/public/organizations/memberships", orgKey, { userId })).status).toBe(200);
    expect((await fx.call("GET", `/api/public/projects/${projectId}/memberships`, orgKey)).body).toEqual({ memberships: [] });
  });
});
