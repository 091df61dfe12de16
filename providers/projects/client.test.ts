import { request } from "undici";
import { OrgformError } from "../../src/errors";
import { Sensitive } from "../../src/values/sensitive";
import { ENV, ROUTES, jsonApiErrorMessage } from "./client";
import { args, startFixture, type Fixture } from "./emulator/fixture";
import { projectType } from "./resources/project";
import { projectsProvider } from "./provider";

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.stop());

const complete = { base_url: "http://127.0.0.1:1", api_key: "k-1234", token: "t-1234", organization_id: "org_1" };

describe("configure", () => {
  it.each([
    ["ORGANIZATIONS_API_BASE_URL", "base_url"],
    ["REACT_APP_ORGANIZATIONS_API_BASE_URL", "base_url"],
    ["ORGANIZATIONS_API_KEY", "api_key"],
    ["ORGANIZATIONS_API_TOKEN", "token"],
    ["ORGANIZATIONS_API_ORGANIZATION_ID", "organization_id"],
  ])("takes %s from the environment for %s", (name, setting) => {
    const config: Record<string, unknown> = { ...complete };
    delete config[setting];
    const value = setting === "base_url" ? "http://127.0.0.1:2" : "from-env";
    const session = projectsProvider.configure(config, { [name]: value });
    if (setting === "base_url") expect(session.http.origin).toBe("http://127.0.0.1:2");
    if (setting === "organization_id") expect(session.organizationId).toBe("from-env");
  });

  it.each([
    ["base_url", ENV.baseUrl[0]],
    ["api_key", ENV.apiKey[0]],
    ["token", ENV.token[0]],
    ["organization_id", ENV.organizationId[0]],
  ])("names the env var when %s is missing", (setting, envName) => {
    const config: Record<string, unknown> = { ...complete };
    delete config[setting];
    expect(() => projectsProvider.configure(config, {})).toThrow(new RegExp(envName));
  });

  it("accepts secrets wrapped as Sensitive values from the provider block", () => {
    const session = projectsProvider.configure({ ...complete, api_key: new Sensitive("k-wrapped"), token: new Sensitive("t-wrapped") }, {});
    expect(session.organizationId).toBe("org_1");
  });

  it("asks for the Langfuse URL only when analytics are read", () => {
    const session = projectsProvider.configure(complete, {});
    expect(() => session.langfuse("pk", "sk")).toThrow(/LANGFUSE_API_URL or REACT_APP_LANGFUSE_API_URL/);
    expect(projectsProvider.configure(complete, { REACT_APP_LANGFUSE_API_URL: "http://127.0.0.1:3" }).langfuse("pk", "sk").origin).toBe("http://127.0.0.1:3");
  });
});

describe("the Organizations API client", () => {
  it.each([
    ["only Api-Key", { "api-key": "emulator-api-key" }],
    ["only the bearer token", { authorization: "Bearer emulator-token" }],
  ])("is refused with %s: the API needs both headers", async (_why, headers) => {
    const response = await request(`${f.emulator.url}${ROUTES.projects(f.emulator.organizationId)}`, { headers });
    expect(response.statusCode).toBe(401);
    expect(await response.body.json()).toEqual({ errors: [expect.objectContaining({ status: "401", title: "Unauthorized" })] });
  });

  it("never prints the API key or token in an auth error", async () => {
    const apiKey = "wrong-api-key-5678";
    const token = "wrong-token-5678";
    const session = projectsProvider.configure({}, { ...f.env, ORGANIZATIONS_API_KEY: apiKey, ORGANIZATIONS_API_TOKEN: token });
    const error = await projectType.create({ session, address: "projects_project.x" }, args(projectType, { name: "Nope" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrgformError);
    expect((error as OrgformError).code).toBe("API_AUTH");
    expect((error as OrgformError).message).toMatch(/Invalid API key or token.*ORGANIZATIONS_API_KEY/);
    expect((error as OrgformError).message).not.toContain(apiKey);
    expect((error as OrgformError).message).not.toContain(token);
  });

  it("shows the API's JSON:API error detail", async () => {
    await projectType.create(f.ctx(), args(projectType, { name: "Twice" }));
    await expect(projectType.create(f.ctx(), args(projectType, { name: "Twice" }))).rejects.toThrow(
      /answered 409 to POST \/organizations\/org_emulator\/projects: Conflict: A project named "Twice" already exists/,
    );
  });

  it.each([
    [{ errors: [{ status: "422", title: "Invalid attribute", detail: "name: too short" }] }, "Invalid attribute: name: too short"],
    [{ errors: [{ title: "Conflict" }, { detail: "second" }] }, "Conflict; second"],
    [{ errors: [] }, undefined],
    [{ message: "not JSON:API" }, undefined],
    ["plain text", "plain text"],
    [null, undefined],
  ])("extracts %j as %j", (body, expected) => {
    expect(jsonApiErrorMessage(body)).toBe(expected);
  });
});
