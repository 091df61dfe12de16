/**
 * Issue 19 item 7: a known path asked with a method it lacks answers 405 with Allow, as Langfuse's
 * API middleware does (`{ message: "Method not allowed", error: "MethodNotAllowedError" }`); only
 * an unknown path is 404. Over real HTTP against the emulator.
 */
import { startLangfuse, type LangfuseFixture } from "./fixture";

let fx: LangfuseFixture;
beforeAll(async () => {
  fx = await startLangfuse();
});
afterAll(() => fx.stop());

async function admin(method: string, path: string) {
  const response = await fetch(fx.emulator.url + path, { method, headers: { authorization: `Bearer ${fx.emulator.adminApiKey}` } });
  return { status: response.status, allow: response.headers.get("allow"), body: (await response.json()) as unknown };
}

it.each([
  ["PATCH", "/api/admin/organizations", "GET, POST"],
  ["POST", "/api/admin/organizations/org_1", "GET, PUT, DELETE"],
  ["PUT", "/api/admin/organizations/org_1/apiKeys", "GET, POST"],
])("%s %s answers 405 Method not allowed, allowing %s", async (method, path, allow) => {
  expect(await admin(method, path)).toEqual({ status: 405, allow, body: { message: "Method not allowed", error: "MethodNotAllowedError" } });
});

it("answers 405 on the public API too, with an organization key", async () => {
  const org = await fx.organization();
  const response = await fx.call("PATCH", "/api/public/organizations/projects", { publicKey: org.key.org_public_key, secretKey: org.key.org_secret_key });
  expect(response).toEqual({ status: 405, body: { message: "Method not allowed", error: "MethodNotAllowedError" } });
});

it("still answers 404 for a path nothing serves", async () => {
  expect(await admin("GET", "/api/admin/nothing-here")).toMatchObject({ status: 404, allow: null });
});
