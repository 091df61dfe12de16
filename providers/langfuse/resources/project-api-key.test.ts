/**
 * `langfuse_project_api_key` against the emulator: the secret once, reads through the project's
 * key list, replacement on a note change, deletion, import by "<project id>/<key id>".
 */
import { OrgformError } from "../../../src/errors";
import { projectApiKeyType } from "./project-api-key";
import { projectType } from "./project";
import { startLangfuse, type LangfuseFixture } from "../emulator/fixture";

let fx: LangfuseFixture;
let orgKey: { org_public_key: string; org_secret_key: string };
let projectId: string;
beforeEach(async () => {
  fx = await startLangfuse();
  orgKey = (await fx.organization()).key;
  projectId = String((await projectType.create(fx.ctx(), projectType.arguments.parse({ ...orgKey, name: "web" }))).id);
});
afterEach(() => fx.stop());

const args = (input: Record<string, unknown> = {}) => projectApiKeyType.arguments.parse({ ...orgKey, project_id: projectId, ...input });

it("declares the secret sensitive and a note change as a replacement", () => {
  expect(projectApiKeyType.sensitive).toEqual(expect.arrayContaining(["secret_key", "org_secret_key"]));
  expect(projectApiKeyType.forceNew).toEqual(["project_id", "note"]);
});

it.each([
  ["with a note", { note: "ingest" }, "ingest"],
  ["without a note", {}, null],
])("creates a key %s; the secret is only in the create answer", async (_case, input, note) => {
  const created = await projectApiKeyType.create(fx.ctx(), args(input));
  const stored = fx.emulator.store.projectKeys.get(String(created.id))!;
  expect(created).toMatchObject({ project_id: projectId, note, public_key: stored.publicKey, secret_key: stored.secretKey });
  const read = await projectApiKeyType.read(fx.ctx(), { ...args(input), ...created });
  expect(read).toMatchObject({ id: created.id, note, public_key: stored.publicKey, display_secret_key: `sk-lf-...${stored.secretKey.slice(-4)}` });
  expect(read).not.toHaveProperty("secret_key");
});

it("reads null once the key or its whole project is gone, and deletes idempotently", async () => {
  const created = await projectApiKeyType.create(fx.ctx(), args());
  const prior = { ...args(), ...created };
  await projectApiKeyType.delete(fx.ctx(), prior);
  expect(fx.emulator.store.projectKeys.size).toBe(0);
  expect(await projectApiKeyType.read(fx.ctx(), prior)).toBeNull();
  await projectApiKeyType.delete(fx.ctx(), prior);
  const other = await projectApiKeyType.create(fx.ctx(), args());
  await projectType.delete(fx.ctx(), { ...orgKey, id: projectId });
  expect(await projectApiKeyType.read(fx.ctx(), { ...args(), ...other })).toBeNull();
});

it("imports by <project id>/<key id> with the provider's organization key", async () => {
  const created = await projectApiKeyType.create(fx.ctx(), args({ note: "ingest" }));
  const session = fx.newSession({ LANGFUSE_ORG_PUBLIC_KEY: orgKey.org_public_key, LANGFUSE_ORG_SECRET_KEY: orgKey.org_secret_key });
  const imported = await projectApiKeyType.importById!(fx.ctx("langfuse_project_api_key.k", session), `${projectId}/${created.id}`);
  expect(imported).toMatchObject({ id: created.id, project_id: projectId, note: "ingest" });
  const bad = await projectApiKeyType.importById!(fx.ctx("langfuse_project_api_key.k", session), "just-an-id").catch((e: unknown) => e);
  expect(bad).toBeInstanceOf(OrgformError);
  expect((bad as Error).message).toMatch(/must be <project id>\/<api key id>/);
});

it("never shows the organization secret in an error", async () => {
  const error = (await projectApiKeyType.create(fx.ctx(), args({ project_id: "proj_unknown" })).catch((e: unknown) => e)) as OrgformError;
  expect(error.code).toBe("API_NOT_FOUND");
  expect(error.message).toMatch(/404 to POST \/api\/public\/projects\/proj_unknown\/apiKeys: Project not found/);
  expect(error.message).not.toContain(orgKey.org_secret_key);
});
