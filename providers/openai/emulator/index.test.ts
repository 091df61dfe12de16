/** The emulator itself, over raw HTTP: pagination, auth, the error shape, key values shown once. */
import { OpenaiEmulator } from "./";

const emulator = new OpenaiEmulator({ adminKey: "sk-admin-test-bootstrap" });
let base = "";
const auth = { authorization: `Bearer ${emulator.adminKey}`, "content-type": "application/json" };

/** The fields these tests look at, across list, object and error answers. */
interface Answer {
  readonly object?: string;
  readonly data: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly first_id?: string;
  readonly last_id?: string;
  readonly has_more?: boolean;
  readonly id: string;
  readonly value: string;
  readonly redacted_value: string;
  readonly created_at: number;
  readonly expires_at: number;
  readonly error: { readonly message: string; readonly type: string; readonly param: string | null; readonly code: string | null };
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = auth) {
  const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Answer };
}

beforeAll(async () => {
  base = await emulator.start();
});
afterAll(() => emulator.stop());

describe("pagination", () => {
  beforeAll(async () => {
    for (const name of ["a", "b", "c"]) await call("POST", "/organization/admin_api_keys", { name });
  });

  it("walks every key one page at a time with limit 1", async () => {
    const names: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const { status, body } = await call("GET", `/organization/admin_api_keys?limit=1&order=asc${after ? `&after=${after}` : ""}`);
      expect(status).toBe(200);
      const [only] = body.data;
      expect(body).toMatchObject({ object: "list", first_id: only!.id, last_id: only!.id });
      names.push(only!.name);
      if (!body.has_more) break;
      after = body.last_id;
    }
    expect(names).toEqual(["a", "b", "c"]);
  });

  it("orders newest first with order=desc", async () => {
    const { body } = await call("GET", "/organization/admin_api_keys?order=desc&limit=100");
    expect(body.data.map((key) => key.name)).toEqual(["c", "b", "a"]);
    expect(body.has_more).toBe(false);
  });

  it.each([["0"], ["101"], ["x"]])("refuses limit=%s with the API's error shape", async (limit) => {
    const { status, body } = await call("GET", `/organization/admin_api_keys?limit=${limit}`);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { message: expect.stringContaining("limit"), type: "invalid_request_error", param: "limit", code: "invalid_value" } });
  });
});

describe("auth", () => {
  it.each([
    ["no header", {}, null],
    ["a wrong key", { authorization: "Bearer sk-admin-wrong-key-1234" }, "invalid_api_key"],
    ["a non-bearer scheme", { authorization: "Basic abc" }, null],
  ])("answers 401 to %s", async (_case, headers, code) => {
    const { status, body } = await call("GET", "/organization/projects", undefined, headers as Record<string, string>);
    expect(status).toBe(401);
    expect(body.error).toMatchObject({ type: "invalid_request_error", param: null, code });
  });

  it("echoes only a masked form of a wrong key", async () => {
    const wrong = "sk-admin-0123456789abcdefghijklmnop";
    const { body } = await call("GET", "/organization/projects", undefined, { authorization: `Bearer ${wrong}` });
    expect(body.error.message).not.toContain(wrong);
  });

  it("accepts keys created through the API, and not once they are deleted", async () => {
    const created = await call("POST", "/organization/admin_api_keys", { name: "second" });
    const headers = { authorization: `Bearer ${created.body.value}` };
    expect((await call("GET", "/organization/users", undefined, headers)).status).toBe(200);
    await call("DELETE", `/organization/admin_api_keys/${created.body.id}`);
    expect((await call("GET", "/organization/users", undefined, headers)).status).toBe(401);
  });
});

describe("admin key values", () => {
  it("shows the value only in the create response", async () => {
    const created = await call("POST", "/organization/admin_api_keys", { name: "once", expires_in_seconds: 3600 });
    expect(created.body.value).toMatch(/^sk-admin-/);
    expect(created.body.redacted_value).toBe(`${created.body.value.slice(0, 8)}...${created.body.value.slice(-4)}`);
    expect(created.body.expires_at - created.body.created_at).toBe(3600);
    const read = await call("GET", `/organization/admin_api_keys/${created.body.id}`);
    const listed = await call("GET", "/organization/admin_api_keys?limit=100");
    expect(JSON.stringify([read.body, listed.body])).not.toContain(created.body.value);
  });
});

describe("errors", () => {
  it.each([
    ["GET", "/organization/admin_api_keys/key_missing", 404, undefined],
    ["GET", "/organization/projects/proj_missing", 404, undefined],
    ["POST", "/organization/admin_api_keys", 400, { name: "" }],
    ["POST", "/organization/invites", 400, { email: "not-an-email", role: "reader" }],
    ["GET", "/organization/nothing-here", 404, undefined],
    ["PUT", "/organization/admin_api_keys", 405, undefined],
  ])("%s %s answers %i as { error: { message, type, param, code } }", async (method, path, status, body) => {
    const answer = await call(method, path, body);
    expect(answer.status).toBe(status);
    expect(Object.keys(answer.body.error).sort()).toEqual(["code", "message", "param", "type"]);
    expect(typeof answer.body.error.message).toBe("string");
  });

  it("refuses to modify an archived project and to archive the Default project", async () => {
    const project = await call("POST", "/organization/projects", { name: "old" });
    await call("POST", `/organization/projects/${project.body.id}/archive`);
    expect((await call("POST", `/organization/projects/${project.body.id}`, { name: "new" })).status).toBe(400);
    expect((await call("POST", `/organization/projects/${emulator.defaultProjectId()}/archive`)).status).toBe(400);
  });
});

describe("organization owners (issue 19 item 7)", () => {
  it("never lets the organization lose its last owner, by demotion or removal, whoever that owner is", async () => {
    const setRole = (id: string, role: string) => call("POST", `/organization/users/${id}`, { role });
    const demoted = await setRole(emulator.ownerId, "reader");
    expect(demoted.status).toBe(400);
    expect(demoted.body.error).toMatchObject({ message: expect.stringContaining("last owner"), param: "role", code: "last_owner" });
    expect((await call("GET", `/organization/users/${emulator.ownerId}`)).body).toMatchObject({ role: "owner" });

    // With a second owner the first may step down; then the second is the sole owner.
    const successor = emulator.seedUser("successor@example.com", "Successor", "owner");
    expect((await setRole(emulator.ownerId, "reader")).status).toBe(200);
    expect((await setRole(successor, "reader")).status).toBe(400);
    const removed = await call("DELETE", `/organization/users/${successor}`);
    expect(removed.status).toBe(400);
    expect(removed.body.error.code).toBe("last_owner");
    // The original owner is a reader now and may be removed.
    expect((await call("DELETE", `/organization/users/${emulator.ownerId}`)).status).toBe(200);
  });
});
