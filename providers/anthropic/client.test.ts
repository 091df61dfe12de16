/**
 * The session: configuration from the provider block and the environment, the error text (both
 * shapes, with the request id, never the key), and the cursor walk (one walk per collection).
 */
import { OrgformError } from "../../src/errors";
import { requestCounter } from "../../src/http/client";
import { Sensitive } from "../../src/values/sensitive";
import { ROUTES, anthropicErrorMessage, configureAnthropic, createAnthropicSession, listAll } from "./client";
import { workspace } from "./spec";
import { startAnthropic, type AnthropicFixture } from "./emulator/fixture";

describe("anthropicErrorMessage", () => {
  it.each([
    [
      "the live nested shape",
      { type: "error", error: { type: "not_found_error", message: "Workspace not found" }, request_id: "req_123" },
      "not_found_error: Workspace not found (request id req_123)",
    ],
    ["the seed's flat shape", { type: "invalid_request_error", message: "The request was invalid" }, "invalid_request_error: The request was invalid"],
    ["nested without a request id", { type: "error", error: { type: "api_error", message: "boom" } }, "api_error: boom"],
    ["plain text", "Bad Gateway", "Bad Gateway"],
    ["an unrelated object", { hello: "world" }, undefined],
    ["nothing", undefined, undefined],
  ])("reads %s", (_case, body, expected) => {
    expect(anthropicErrorMessage(body)).toBe(expected);
  });
});

describe("configureAnthropic", () => {
  it("takes the key and base URL from the environment, defaulting the URL to api.anthropic.com", () => {
    const session = configureAnthropic({}, { ANTHROPIC_ADMIN_API_KEY: "sk-ant-admin01-env" });
    expect(session.http.origin).toBe("https://api.anthropic.com");
    expect(configureAnthropic({}, { ANTHROPIC_ADMIN_API_KEY: "k", ANTHROPIC_BASE_URL: "http://127.0.0.1:9" }).http.origin).toBe("http://127.0.0.1:9");
  });

  it("prefers the provider block, whose key may arrive as a Sensitive value", () => {
    const session = configureAnthropic({ base_url: "http://localhost:1234", admin_api_key: new Sensitive("sk-ant-admin01-block") }, {});
    expect(session.http.origin).toBe("http://localhost:1234");
  });

  it.each([
    ["no key anywhere", {}, {}, /ANTHROPIC_ADMIN_API_KEY/],
    ["a base_url that is not a URL", { base_url: "not a url" }, { ANTHROPIC_ADMIN_API_KEY: "k" }, /base_url/],
  ])("refuses %s with a message naming the setting", (_case, config, env, pattern) => {
    expect(() => configureAnthropic(config, env)).toThrow(pattern);
  });
});

describe("against the emulator", () => {
  let fx: AnthropicFixture;
  beforeEach(async () => {
    fx = await startAnthropic({ adminApiKey: "sk-ant-admin01-secret-value" });
  });
  afterEach(() => fx.stop());

  it("shows the API's message and request id, never the admin key", async () => {
    const error = await fx.session.http.request({ method: "GET", path: ROUTES.workspace("wrkspc_nope"), schema: workspace }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrgformError);
    expect((error as OrgformError).code).toBe("API_NOT_FOUND");
    expect((error as OrgformError).message).toMatch(/not_found_error: Workspace wrkspc_nope not found \(request id req_\w+\)/);
  });

  it("reports refused credentials with a hint and without the key", async () => {
    const wrong = createAnthropicSession({ baseUrl: fx.emulator.url, adminApiKey: "sk-ant-admin01-wrong-key-value" });
    const error = (await wrong.http.request({ method: "GET", path: ROUTES.me, schema: workspace }).catch((e: unknown) => e)) as OrgformError;
    expect(error.code).toBe("API_AUTH");
    expect(error.message).toMatch(/authentication_error/);
    expect(error.message).toMatch(/ANTHROPIC_ADMIN_API_KEY/);
    expect(error.message).not.toContain("sk-ant-admin01-wrong-key-value");
  });

  it.each([
    [1, 7],
    [2, 4],
    [1000, 1],
  ])("walks a collection of 7 with pages of %i in %i calls", async (pageSize, calls) => {
    for (let i = 0; i < 7; i++) fx.emulator.store.addWorkspace({ name: `w${i}`, tags: {}, data_residency: { workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" } });
    const session = fx.newSession(pageSize);
    const before = requestCounter.get(`GET ${ROUTES.workspaces}`) ?? 0;
    const all = await listAll(session, ROUTES.workspaces, workspace);
    expect(all.map((w) => w.name)).toEqual(["w0", "w1", "w2", "w3", "w4", "w5", "w6"]);
    expect((requestCounter.get(`GET ${ROUTES.workspaces}`) ?? 0) - before).toBe(calls);
  });

  it("retries reads through server errors and dropped connections", async () => {
    for (let i = 0; i < 4; i++) fx.emulator.store.addWorkspace({ name: `w${i}`, tags: {}, data_residency: { workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" } });
    fx.emulator.server.setFaults({ rate500: 0.3, resetBeforeCommitRate: 0.2, methods: ["GET"], seed: 7 });
    const all = await listAll(createAnthropicSession({ baseUrl: fx.emulator.url, adminApiKey: fx.emulator.adminApiKey, pageSize: 1, maxRetries: 8 }), ROUTES.workspaces, workspace);
    expect(all.map((w) => w.name)).toEqual(["w0", "w1", "w2", "w3"]);
  });

  it("waits out a 429 with retry-after instead of failing", async () => {
    for (let i = 0; i < 3; i++) fx.emulator.store.addWorkspace({ name: `w${i}`, tags: {}, data_residency: { workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" } });
    fx.emulator.server.setFaults({ every429: 2, retryAfterSeconds: 0.05 });
    const all = await listAll(fx.newSession(1), ROUTES.workspaces, workspace);
    expect(all.map((w) => w.name)).toEqual(["w0", "w1", "w2"]);
    // Three pages, and every second request was answered 429 and retried.
    expect(fx.emulator.server.requestCount("GET", "/v1/organizations/workspaces")).toBeGreaterThanOrEqual(5);
  });
});
