/**
 * The Langfuse session: which settings are required when, and that keys given to it are secrets
 * from then on.
 */
import { OrgformError } from "../../src/errors";
import { Sensitive } from "../../src/values/sensitive";
import { configureLangfuse, langfuseErrorMessage } from "./client";

const BASE = { LANGFUSE_BASE_URL: "http://127.0.0.1:9" };

it.each([
  ["no base URL", {}, {}, /no base URL\. Set LANGFUSE_BASE_URL/],
  ["half an organization key", {}, { ...BASE, LANGFUSE_ORG_PUBLIC_KEY: "pk-lf-1" }, /needs both halves/],
  ["a base URL that is not a URL", { base_url: "nope" }, {}, /base_url: must be a URL/],
])("refuses %s when the provider is configured", (_case, config, env, message) => {
  expect(() => configureLangfuse(config, env)).toThrow(message);
});

it("asks for the admin key only when an admin route is used", () => {
  const session = configureLangfuse({}, { ...BASE, LANGFUSE_ORG_PUBLIC_KEY: "pk-lf-1", LANGFUSE_ORG_SECRET_KEY: "sk-lf-1" });
  expect(session.orgKey).toEqual({ publicKey: "pk-lf-1", secretKey: "sk-lf-1" });
  expect(() => session.http).toThrow(OrgformError);
  expect(() => session.http).toThrow(/no admin API key\. Set LANGFUSE_ADMIN_API_KEY/);
});

it("takes the organization key from the provider block, as Sensitive values arrive", () => {
  const session = configureLangfuse({ org_public_key: "pk-lf-2", org_secret_key: new Sensitive("sk-lf-2") }, BASE);
  expect(session.orgKey).toEqual({ publicKey: "pk-lf-2", secretKey: "sk-lf-2" });
});

// Issue 19, item 8: Langfuse answers {error, message}; the message says why, so both are shown.
it.each([
  [{ error: "Bad Request", message: "Deletion of your projects is still being processed." }, "Bad Request: Deletion of your projects is still being processed."],
  [{ error: "Cannot delete organization with existing projects" }, "Cannot delete organization with existing projects"],
  [{ message: "Project not found" }, "Project not found"],
  [{ error: "Invalid request", details: [{ path: ["name"] }] }, 'Invalid request ([{"path":["name"]}])'],
])("error text from %j", (body, text) => {
  expect(langfuseErrorMessage(body)).toBe(text);
});
