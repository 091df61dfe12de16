import { withSharedReads } from "../../../src/http/shared-reads";
/**
 * `langfuse_project` against the emulator over loopback: create, rename and change retention and
 * metadata in place (the id stays), delete; reads share one organization listing; credentials
 * come from the resource or the provider, never from ids.
 */
import { OrgformError } from "../../../src/errors";
import { Sensitive } from "../../../src/values/sensitive";
import { projectType } from "./project";
import { startLangfuse, type LangfuseFixture } from "../emulator/fixture";

let fx: LangfuseFixture;
let org: Awaited<ReturnType<LangfuseFixture["organization"]>>;
beforeEach(async () => {
  fx = await startLangfuse();
  org = await fx.organization();
});
afterEach(() => fx.stop());

const args = (input: Record<string, unknown>) => projectType.arguments.parse({ ...org.key, ...input });

it("declares id computed and not volatile, so in-place changes keep it known", () => {
  expect(projectType.computed).toContain("id");
  expect(projectType.volatile ?? []).not.toContain("id");
  expect(projectType.forceNew).toEqual([]);
  expect(projectType.sensitive).toEqual(["org_secret_key"]);
});

it("creates, renames and updates in place, then deletes", async () => {
  const created = await projectType.create(fx.ctx(), args({ name: "web", retention_days: 30, metadata: { team: "web" } }));
  expect(created).toEqual({ id: expect.stringMatching(/^proj_/), name: "web", metadata: { team: "web" }, retention_days: 30 });
  const stored = fx.emulator.store.findProject(String(created.id))!;
  expect(stored.org.id).toBe(org.id);
  expect(stored.project.retentionDays).toBe(30);

  const prior = { ...args({ name: "web", retention_days: 30, metadata: { team: "web" } }), ...created };
  const updated = await projectType.update!(fx.ctx(), prior, args({ name: "web-renamed", retention_days: 0, metadata: { team: "platform" } }));
  expect(updated).toMatchObject({ id: created.id, name: "web-renamed", retention_days: 0, metadata: { team: "platform" } });
  expect(fx.emulator.store.findProject(String(created.id))!.project).toMatchObject({ name: "web-renamed", retentionDays: 0, metadata: { team: "platform" } });

  const read = await projectType.read(fx.ctx(), { ...prior, ...updated });
  // The organization listing has no retention: reads leave it (and the credentials) to state.
  expect(read).toEqual({ id: created.id, name: "web-renamed", metadata: { team: "platform" } });

  await projectType.delete(fx.ctx(), prior);
  expect(fx.emulator.store.findProject(String(created.id))).toBeUndefined();
  expect(await projectType.read(fx.ctx(), prior)).toBeNull();
  await projectType.delete(fx.ctx(), prior); // already gone: no error
});

it("makes no API call when only the organization key changed", async () => {
  const created = await projectType.create(fx.ctx(), args({ name: "web" }));
  const rotated = fx.emulator.organizationKeyPair(org.id);
  const before = fx.emulator.server.totalRequests();
  const result = await projectType.update!(fx.ctx(), { ...args({ name: "web" }), ...created }, args({ name: "web", org_public_key: rotated.publicKey, org_secret_key: rotated.secretKey }));
  expect(result).toEqual({ id: created.id });
  expect(fx.emulator.server.totalRequests()).toBe(before);
});

it("refreshes many projects with one organization listing (reads shared as within a plan)", async () => {
  const made = await Promise.all(["alpha", "bravo", "charlie", "delta"].map((name) => projectType.create(fx.ctx(), args({ name }))));
  const session = fx.newSession();
  const before = fx.emulator.server.requestCount("GET", "/api/public/organizations/projects");
  // Refresh reads prior state, whose secrets are wrapped.
  const reads = await withSharedReads(() =>
    Promise.all(made.map((p) => projectType.read(fx.ctx("langfuse_project.p", session), { ...p, ...org.key, org_secret_key: new Sensitive(org.key.org_secret_key) }))),
  );
  expect(reads.map((r) => (r && "name" in r ? r.name : null))).toEqual(["alpha", "bravo", "charlie", "delta"]);
  expect(fx.emulator.server.requestCount("GET", "/api/public/organizations/projects") - before).toBe(1);
});

it("uses the provider's organization key when the resource names none, and imports by id with it", async () => {
  const session = fx.newSession({ LANGFUSE_ORG_PUBLIC_KEY: org.key.org_public_key, LANGFUSE_ORG_SECRET_KEY: org.key.org_secret_key });
  const created = await projectType.create(fx.ctx("langfuse_project.p", session), projectType.arguments.parse({ name: "from-provider" }));
  expect(fx.emulator.store.findProject(String(created.id))!.org.id).toBe(org.id);
  expect(await projectType.importById!(fx.ctx("langfuse_project.p", session), String(created.id))).toEqual({ id: created.id, name: "from-provider", metadata: {} });
  expect(await projectType.importById!(fx.ctx("langfuse_project.p", session), "proj_nope")).toBeNull();
});

describe("errors name the fix and never the secret", () => {
  it.each([
    ["no organization key anywhere", {}, /langfuse_project\.p: no organization key\. Pass orgApiKey/],
    ["half a key pair", { org_public_key: "pk-lf-x" }, /set both org_public_key and org_secret_key/],
  ])("%s", async (_case, input, message) => {
    const error = await projectType.create(fx.ctx("langfuse_project.p"), projectType.arguments.parse({ name: "web", ...input })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrgformError);
    expect((error as Error).message).toMatch(message);
  });

  it.each([
    ["a duplicate name", async () => projectType.create(fx.ctx(), args({ name: "web" })), /already has a project named "web"\. To manage it, run: orgform import langfuse_test\.it proj_/],
    ["a deleted organization key", async () => {
      fx.emulator.store.keys.clear();
      return projectType.create(fx.ctx(), args({ name: "other" }));
    }, /refused the credentials \(401\).*organization-scoped key pair/],
  ])("%s", async (_case, run, message) => {
    await projectType.create(fx.ctx(), args({ name: "web" }));
    const error = (await run().catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(OrgformError);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(org.key.org_secret_key);
  });

  it.each([
    ["a name of two characters", { name: "ab" }, /at least 3 characters/],
    ["retention of one day", { name: "web", retention_days: 1 }, /0 \(keep forever\) or at least 3 days/],
    ["HTML in the name", { name: "<b>web</b>" }, /must not contain HTML/],
  ])("refuses %s in the arguments", (_case, input, message) => {
    const result = projectType.arguments.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join(" ")).toMatch(message);
  });
});
