/**
 * The session kit's auth schemes: the API receives the header it expects, and an API error that
 * echoes the header or the bare secret shows neither (a real server on loopback echoes them).
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { apiClient, basic, bearer, keyHeader, together, type Credentials } from "./session";

let server: Server;
let baseUrl = "";
let received: IncomingHttpHeaders = {};

beforeAll(async () => {
  // Answers 400 with every header it got and their parts, as a careless API might.
  server = createServer((request, response) => {
    received = request.headers;
    const echoed = Object.values(request.headers).flatMap((value) => String(value).split(" "));
    const decoded = echoed.map((part) => Buffer.from(part, "base64").toString("utf8"));
    response.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ message: [...echoed, ...decoded].join(" | ") }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function errorOf(credentials: Credentials): Promise<string> {
  const http = apiClient({ service: "Test API", baseUrl, credentials, authHint: "check the key", errorMessage: (body) => (body as { message?: string }).message });
  return http.request({ method: "GET", path: "/", schema: z.unknown() }).then(
    () => "no error",
    (error: Error) => error.message,
  );
}

describe("auth schemes", () => {
  it.each([
    { scheme: "bearer", credentials: () => bearer("tok-bearer-0123456789"), header: ["authorization", "Bearer tok-bearer-0123456789"], secrets: ["tok-bearer-0123456789"] },
    { scheme: "basic", credentials: () => basic("pk-user", "sk-basic-0123456789"), header: ["authorization", `Basic ${Buffer.from("pk-user:sk-basic-0123456789").toString("base64")}`], secrets: ["sk-basic-0123456789"] },
    { scheme: "key header", credentials: () => keyHeader("x-api-key", "sk-header-0123456789"), header: ["x-api-key", "sk-header-0123456789"], secrets: ["sk-header-0123456789"] },
  ])("$scheme: sends the header, and errors echo neither it nor the secret", async ({ credentials, header, secrets }) => {
    const message = await errorOf(credentials());
    expect(received[header[0]!]).toBe(header[1]);
    expect(message).toContain("Test API answered 400");
    for (const secret of [...secrets, header[1]!]) expect(message).not.toContain(secret);
  });

  it("sends several credentials together", async () => {
    const message = await errorOf(together(keyHeader("api-key", "key-together-0123456789"), bearer("tok-together-0123456789")));
    expect([received["api-key"], received.authorization]).toEqual(["key-together-0123456789", "Bearer tok-together-0123456789"]);
    expect(message).not.toMatch(/key-together|tok-together/);
  });
});
