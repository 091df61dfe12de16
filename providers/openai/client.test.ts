/** The session: configuration from the provider block and env, error messages, the paginated walk. */
import { OrgformError } from "../../src/errors";
import { Sensitive } from "../../src/values/sensitive";
import { requestCounter } from "../../src/http/client";
import { configureOpenai, listAll, openaiErrorMessage, ROUTES } from "./client";
import { adminApiKey } from "./spec";
import { useEmulator } from "./emulator/fixture";

describe("configureOpenai", () => {
  it.each([
    ["env only", {}, { OPENAI_ADMIN_KEY: "sk-admin-env" }, "https://api.openai.com"],
    ["env base URL", {}, { OPENAI_ADMIN_KEY: "sk-admin-env", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" }, "http://127.0.0.1:9"],
    ["block over env", { base_url: "http://localhost:8/v1", admin_key: new Sensitive("sk-admin-block") }, { OPENAI_BASE_URL: "http://127.0.0.1:9/v1" }, "http://localhost:8"],
  ])("builds a session from %s", (_case, config, env, origin) => {
    expect(configureOpenai(config, env).http.origin).toBe(origin);
  });

  it("names OPENAI_ADMIN_KEY when there is no admin key", () => {
    expect(() => configureOpenai({}, {})).toThrow(/OPENAI_ADMIN_KEY/);
  });

  it("names the field, never the value, when the block is invalid", () => {
    const attempt = () => configureOpenai({ base_url: "not a url", admin_key: "sk-admin-secret-in-block" }, {});
    expect(attempt).toThrow(/base_url/);
    expect(attempt).not.toThrow(/sk-admin-secret-in-block/);
  });
});

describe("openaiErrorMessage", () => {
  it.each([
    [{ error: { message: "No such key", type: "invalid_request_error", param: null, code: "not_found" } }, "No such key (invalid_request_error, not_found)"],
    [{ error: { message: "Bad", type: "invalid_request_error", param: "limit", code: null } }, "Bad (invalid_request_error, param: limit)"],
    [{ error: { message: "Plain" } }, "Plain"],
    [{ error: "flat" }, "flat"],
    ["upstream text", "upstream text"],
    [{ other: 1 }, undefined],
  ])("%j → %s", (body, expected) => {
    expect(openaiErrorMessage(body)).toBe(expected);
  });
});

describe("against the emulator", () => {
  const fixture = useEmulator(1);

  it("walks a collection page by page (limit 1): one request per item plus none wasted", async () => {
    for (const name of ["k1", "k2", "k3"]) {
      await fixture.session.http.request({ method: "POST", path: ROUTES.adminApiKeys, body: { name }, schema: adminApiKey });
    }
    const before = requestCounter.get(`GET ${new URL(fixture.emulator.url).pathname}${ROUTES.adminApiKeys}`) ?? 0;
    const keys = await listAll(fixture.session, ROUTES.adminApiKeys, adminApiKey);
    const after = requestCounter.get(`GET ${new URL(fixture.emulator.url).pathname}${ROUTES.adminApiKeys}`) ?? 0;
    expect(keys.map((key) => key.name)).toEqual(["k1", "k2", "k3"]);
    expect(after - before).toBe(3);
  });

  it("reports refused credentials as API_AUTH with the hint and without the key", async () => {
    const wrong = "sk-admin-this-key-is-wrong-0000";
    const session = configureOpenai({ base_url: fixture.emulator.url }, { OPENAI_ADMIN_KEY: wrong });
    const failure = await listAll(session, ROUTES.projects, adminApiKey).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OrgformError);
    expect(failure).toMatchObject({ code: "API_AUTH", details: { status: 401 } });
    expect((failure as Error).message).toMatch(/OPENAI_ADMIN_KEY/);
    expect((failure as Error).message).toMatch(/invalid_api_key/);
    expect((failure as Error).message).not.toContain(wrong);
  });

  it("puts the API's message, type and code into the error", async () => {
    const failure = await fixture.session.http
      .request({ method: "GET", path: ROUTES.adminApiKey("key_nope"), schema: adminApiKey })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "API_NOT_FOUND" });
    expect((failure as Error).message).toMatch(/No such admin API key: 'key_nope'. \(invalid_request_error, not_found\)/);
  });
});
