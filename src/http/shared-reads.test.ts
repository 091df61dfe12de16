/**
 * Reads shared within a plan: GETs of one client to one URL go out once, and with per-call
 * credentials only among calls with the same ones (a fingerprint, `shareAs`), so one key pair's
 * answer never stands in for another's.
 */
import { z } from "zod";
import { EmulatorServer } from "../emulator/server";
import { HttpClient } from "./client";
import { withSharedReads } from "./shared-reads";

const server = new EmulatorServer({ errorBody: (_status, message) => ({ message }) });
server.route("GET", "/whoami", (request) => ({ status: 200, body: { who: String(request.headers.authorization ?? "nobody") } }));
let client: HttpClient;

beforeAll(async () => {
  client = new HttpClient({ service: "test API", baseUrl: await server.start(), headers: {}, authHint: "none" });
});
afterAll(() => server.stop());

const who = z.object({ who: z.string() });
const ask = (authorization?: string, shareAs?: string) =>
  client.request({ method: "GET", path: "/whoami", schema: who, ...(authorization ? { headers: { authorization }, ...(shareAs ? { shareAs } : {}) } : {}) });

it("sends one GET per URL and credentials within the scope, and every GET outside it", async () => {
  const before = server.requestCount("GET", "/whoami");
  const answers = await withSharedReads(() => Promise.all([ask(), ask(), ask("Basic a", "pair-a"), ask("Basic a", "pair-a"), ask("Basic b", "pair-b"), ask("Basic c"), ask("Basic c")]));
  expect(answers.map((answer) => answer.who)).toEqual(["nobody", "nobody", "Basic a", "Basic a", "Basic b", "Basic c", "Basic c"]);
  // The client's own (1), pair a (1), pair b (1), and per-call headers without a fingerprint (2).
  expect(server.requestCount("GET", "/whoami") - before).toBe(5);

  await Promise.all([ask("Basic a", "pair-a"), ask("Basic a", "pair-a")]);
  expect(server.requestCount("GET", "/whoami") - before).toBe(7);
});
