/** The emulator base over real HTTP: its hooks shape every answer the routes do not write. */
import { basicCredentials, bearerToken } from "./auth";
import { Emulator, defineEmulator } from "./emulator";
import type { EmulatorRequest, EmulatorResponse } from "../server";

class Companion extends Emulator {
  constructor() {
    super();
    this.server.route("GET", "/ping", () => ({ status: 200, body: { pong: true } }));
  }
  protected errorBody(status: number, message: string): unknown {
    return { companion: message, status };
  }
}

class Tiny extends Emulator {
  readonly companionServer = this.companion(new Companion());
  constructor(readonly token = "secret") {
    super({ basePath: "/v1" });
    this.server.route("GET", "/v1/who", (r) => ({ status: 200, body: { token: bearerToken(r), pair: basicCredentials(r) ?? null } }));
  }
  protected errorBody(status: number, message: string): unknown {
    return { error: { status, message } };
  }
  protected override authenticate(request: EmulatorRequest): EmulatorResponse | undefined {
    const token = bearerToken(request);
    return token === this.token || basicCredentials(request) ? undefined : { status: 401, body: this.errorBody(401, "who are you?") };
  }
}

const get = async (url: string, authorization?: string) => {
  const response = await fetch(url, { headers: authorization ? { authorization } : {} });
  return { status: response.status, body: (await response.json()) as unknown };
};

describe("Emulator", () => {
  const emulator = new Tiny();
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it("answers its base URL, the server's address plus the base path", () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it.each([
    ["Bearer secret", { token: "secret", pair: null }],
    [`Basic ${Buffer.from("pk-lf-1:sk-lf-2").toString("base64")}`, { token: null, pair: { publicKey: "pk-lf-1", secretKey: "sk-lf-2" } }],
  ])("reads the credentials of %s", async (authorization, expected) => {
    const { status, body } = await get(`${emulator.url}/who`, authorization);
    expect(status).toBe(200);
    // JSON drops an undefined token.
    expect(body).toEqual(expected.token === null ? { pair: expected.pair } : expected);
  });

  it.each([
    ["no credentials", "/who", undefined, 401, { error: { status: 401, message: "who are you?" } }],
    ["a Basic header without a colon", "/who", `Basic ${Buffer.from("nocolon").toString("base64")}`, 401, { error: { status: 401, message: "who are you?" } }],
    ["an unknown route", "/nowhere", "Bearer secret", 404, { error: { status: 404, message: "No route for GET /v1/nowhere" } }],
  ])("answers %s in the API's error format", async (_what, path, authorization, status, body) => {
    expect(await get(`${emulator.url}${path}`, authorization)).toEqual({ status, body });
  });

  it("starts its companion with it, with its own error format", async () => {
    expect(emulator.companionServer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await get(`${emulator.companionServer.url}/ping`)).toEqual({ status: 200, body: { pong: true } });
    expect((await get(`${emulator.companionServer.url}/nope`)).body).toEqual({ companion: "No route for GET /nope", status: 404 });
  });

  it("describes itself to the CLI with its own type", () => {
    const definition = defineEmulator({ name: "tiny", create: () => new Tiny("t0"), environment: (e, url) => ({ TINY_URL: url, TINY_TOKEN: e.token }) });
    const created = definition.create();
    expect(definition.environment(created, "http://x")).toEqual({ TINY_URL: "http://x", TINY_TOKEN: "t0" });
    expect(definition.seedDemo).toBeUndefined();
  });
});
