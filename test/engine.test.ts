/**
 * The engine in-process: makePlan, applyPlan and refreshState called directly against the
 * Langfuse emulator over loopback, with a real local state backend. What is asserted is what a
 * user would see: the actions of the plan, the objects in the API, and what state records.
 */
import { refreshState } from "../src/plan/refresh";
import { isSensitive } from "../src/values/sensitive";
import { isUnknown } from "../src/values/unknown";
import { FAULT_EXEMPT_HEADER } from "../src/emulator/server";
import { types } from "node:util";
import { renderPlan } from "../src/cli/views/plan-text";
import { planToJson } from "../src/cli/views/plan-json";
import { planToMarkdown } from "../src/cli/views/plan-markdown";
import { PLAIN } from "../src/cli/views/color";
import { EngineWorld, actionsOf, stackJson, type StackJson } from "./support/engine";

const ORG = "langfuse_organization.acme";
const KEY = "langfuse_organization_api_key.ci";

function orgAndKey(metadata: Record<string, string> = { team: "ml" }, note = "ci"): StackJson {
  return stackJson({
    [ORG]: { name: "Acme", metadata },
    [KEY]: { organization_id: "${langfuse_organization.acme.id}", note },
  });
}

let world: EngineWorld;
beforeEach(async () => {
  world = await EngineWorld.start("langfuse");
});
afterEach(async () => {
  await world.stop();
});

/** The organizations the admin API lists now, as an admin in the console would see them. */
async function organizationsInApi(): Promise<Array<{ id: string; name: string; metadata: Record<string, unknown> }>> {
  const env = world.env;
  const response = await fetch(`${env.LANGFUSE_BASE_URL}/api/admin/organizations`, { headers: { authorization: `Bearer ${env.LANGFUSE_ADMIN_API_KEY}`, [FAULT_EXEMPT_HEADER]: "1" } });
  return ((await response.json()) as { organizations: Array<{ id: string; name: string; metadata: Record<string, unknown> }> }).organizations;
}

async function keysInApi(orgId: string): Promise<Array<{ id: string; note: string | null }>> {
  const env = world.env;
  const response = await fetch(`${env.LANGFUSE_BASE_URL}/api/admin/organizations/${orgId}/apiKeys`, { headers: { authorization: `Bearer ${env.LANGFUSE_ADMIN_API_KEY}`, [FAULT_EXEMPT_HEADER]: "1" } });
  return ((await response.json()) as { apiKeys: Array<{ id: string; note: string | null }> }).apiKeys;
}

describe("plan and apply in-process", () => {
  it("creates what the stack declares, records it in state, and then plans no changes", async () => {
    const { plan, result } = await world.converge(orgAndKey());
    expect(actionsOf(plan)).toEqual({ [ORG]: "create", [KEY]: "create" });
    expect(isUnknown(plan.changes.find((c) => c.address === KEY)!.after!.organization_id)).toBe(true);
    expect(result).toMatchObject({ added: 2, changed: 0, destroyed: 0, failures: [] });

    const [org] = await organizationsInApi();
    expect(org).toMatchObject({ name: "Acme", metadata: { team: "ml" } });
    const state = await world.state();
    expect(state.resources.get(ORG)!.attributes.id).toBe(org!.id);
    expect(state.resources.get(KEY)!.attributes.organization_id).toBe(org!.id);
    expect(isSensitive(state.resources.get(KEY)!.attributes.secret_key)).toBe(true);

    const again = await world.plan(orgAndKey());
    expect(actionsOf(again)).toEqual({ [ORG]: "no-op", [KEY]: "no-op" });
  });

  it("updates in place, replaces on a force-new argument, and deletes what the stack drops", async () => {
    await world.converge(orgAndKey());
    const orgId = (await world.state()).resources.get(ORG)!.attributes.id;
    const firstKey = (await world.state()).resources.get(KEY)!.attributes.id;

    const update = await world.converge(orgAndKey({ team: "research" }));
    expect(actionsOf(update.plan)).toEqual({ [ORG]: "update", [KEY]: "no-op" });
    expect((await organizationsInApi())[0]).toMatchObject({ id: orgId, metadata: { team: "research" } });

    const replace = await world.converge(orgAndKey({ team: "research" }, "deploy"));
    expect(actionsOf(replace.plan)).toEqual({ [ORG]: "no-op", [KEY]: "replace (delete-first)" });
    expect(replace.plan.changes.find((c) => c.address === KEY)!.replacePaths).toEqual(["note"]);
    const keys = await keysInApi(String(orgId));
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ note: "deploy" });
    expect(keys[0]!.id).not.toBe(firstKey);

    const remove = await world.converge(stackJson({ [ORG]: { name: "Acme", metadata: { team: "research" } } }));
    expect(actionsOf(remove.plan)).toEqual({ [ORG]: "no-op", [KEY]: "delete" });
    expect(await keysInApi(String(orgId))).toEqual([]);
    expect([...(await world.state()).resources.keys()]).toEqual([ORG]);
  });

  it("plans only the targeted object and what it depends on", async () => {
    const stack = stackJson({
      [ORG]: { name: "Acme", metadata: {} },
      "langfuse_organization.other": { name: "Other", metadata: {} },
      [KEY]: { organization_id: "${langfuse_organization.acme.id}", note: "ci" },
    });
    const { plan } = await world.converge(stack, { targets: [KEY] });
    expect(actionsOf(plan)).toEqual({ [ORG]: "create", [KEY]: "create" });
    expect((await organizationsInApi()).map((org) => org.name)).toEqual(["Acme"]);

    const rest = await world.plan(stack);
    expect(actionsOf(rest)).toEqual({ [ORG]: "no-op", "langfuse_organization.other": "create", [KEY]: "no-op" });
  });
});

describe("what the plan holds", () => {
  it("names the attributes an update changes, and nothing else", async () => {
    await world.converge(orgAndKey());
    const plan = await world.plan(orgAndKey({ team: "research" }));
    const update = plan.changes.find((c) => c.address === ORG)!;
    // Issue 18 item 8: a computed attribute the update does not change keeps its prior value
    // (UseStateForUnknown), so a reviewer sees only the metadata key that changes.
    expect(update.changedKeys).toEqual(["metadata"]);
    expect(update.changedElements.metadata).toEqual(["team"]);
    expect(update.after!.project_ids).toEqual([]);
  });

  it("a data source read only at apply is plain data in the plan, and what refers to it is unknown", async () => {
    const stack = stackJson(
      { [ORG]: { name: "Acme", metadata: {} }, [KEY]: { organization_id: "${data.langfuse_organization.same.id}", note: "ci" } },
      { data: { langfuse_organization: { same: { name: "${langfuse_organization.acme.id}" } } } },
    );
    const plan = await world.plan(stack);
    const read = plan.changes.find((c) => c.address === "data.langfuse_organization.same")!;
    expect(read.action).toBe("read");
    expect(types.isProxy(read.after)).toBe(false);
    expect(Object.keys(read.after!)).toEqual(["name"]);
    expect(isUnknown(plan.changes.find((c) => c.address === KEY)!.after!.organization_id)).toBe(true);
  });

  it("a data source whose depends_on names what the apply makes is read at apply, as Terraform does, and then at plan", async () => {
    // The organization's name is known at plan, but the organization does not exist until the apply.
    const stack = stackJson({ [ORG]: { name: "Acme", metadata: {} } }, { data: { langfuse_organization: { same: { name: "Acme", depends_on: [ORG] } } } });
    const { plan, result } = await world.converge(stack);
    const read = plan.changes.find((c) => c.address === "data.langfuse_organization.same")!;
    expect({ action: read.action, reason: read.reason, after: read.after }).toEqual({ action: "read", reason: "read-because-dependency-pending", after: { name: "Acme" } });
    expect(result.failures).toEqual([]);

    const again = await world.plan(stack);
    expect(again.changes.map((c) => c.address)).toEqual([ORG]);
    expect(again.dataResults.get("data.langfuse_organization.same")).toMatchObject({ name: "Acme", id: (await organizationsInApi())[0]!.id });
  });

  it("a data source that only refers to an object being updated is read at plan: what takes an id from it is not replaced", async () => {
    const stack = (team: string) =>
      stackJson(
        { [ORG]: { name: "Acme", metadata: { team } }, [KEY]: { organization_id: "${data.langfuse_organization.same.id}", note: "ci" } },
        { data: { langfuse_organization: { same: { name: "${langfuse_organization.acme.name}" } } } },
      );
    await world.converge(stackJson({ [ORG]: { name: "Acme", metadata: { team: "ml" } } }));
    await world.converge(stack("ml"));
    const plan = await world.plan(stack("research"));
    expect(actionsOf(plan)).toEqual({ [ORG]: "update", [KEY]: "no-op" });
  });
});

describe("a secret the stack passes inside a value", () => {
  it("stays sensitive in state through create, refresh and update, and no plan view prints it", async () => {
    const SECRET = "tok-engine-nested-0042";
    const stack = (team: string) =>
      stackJson({ [ORG]: { name: "Acme", metadata: { team, token: "${var.tok}" } } }, { variable: { tok: { type: "string", sensitive: true, default: SECRET } } });
    await world.converge(stack("ml"));
    expect(isSensitive((await world.state()).resources.get(ORG)!.attributes.metadata)).toBe(true);

    const plan = await world.plan(stack("research"));
    expect(actionsOf(plan)).toEqual({ [ORG]: "update" });
    const shown = [renderPlan(plan, PLAIN), JSON.stringify(planToJson(plan)), planToMarkdown(plan, 60_000, "")].join("\n");
    expect(shown).not.toContain(SECRET);

    await world.converge(stack("research"));
    const state = await world.state();
    expect(isSensitive(state.resources.get(ORG)!.attributes.metadata)).toBe(true);
    const { state: refreshed } = await refreshState(world.context(stack("research")), state);
    expect(isSensitive(refreshed.resources.get(ORG)!.attributes.metadata)).toBe(true);
  });
});

describe("refresh in-process", () => {
  it("finds a change made outside orgform, and the plan undoes it", async () => {
    await world.converge(orgAndKey());
    const [org] = await organizationsInApi();
    const env = world.env;
    await fetch(`${env.LANGFUSE_BASE_URL}/api/admin/organizations/${org!.id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${env.LANGFUSE_ADMIN_API_KEY}`, "content-type": "application/json", [FAULT_EXEMPT_HEADER]: "1" },
      body: JSON.stringify({ name: "Acme Renamed", metadata: { team: "ml" } }),
    });

    const refreshed = await refreshState(world.context(orgAndKey()), await world.state());
    expect(refreshed.drift.map((entry) => [entry.address, entry.kind, entry.changedKeys])).toEqual([[ORG, "changed", ["name"]]]);
    expect(refreshed.state.resources.get(ORG)!.attributes.name).toBe("Acme Renamed");

    const plan = await world.plan(orgAndKey());
    expect(plan.drift.map((entry) => entry.address)).toEqual([ORG]);
    expect(actionsOf(plan)).toEqual({ [ORG]: "update", [KEY]: "no-op" });
  });

  it("finds an object deleted outside orgform and plans to create it again", async () => {
    await world.converge(stackJson({ [ORG]: { name: "Acme", metadata: {} } }));
    const [org] = await organizationsInApi();
    const env = world.env;
    await fetch(`${env.LANGFUSE_BASE_URL}/api/admin/organizations/${org!.id}`, { method: "DELETE", headers: { authorization: `Bearer ${env.LANGFUSE_ADMIN_API_KEY}`, [FAULT_EXEMPT_HEADER]: "1" } });

    const plan = await world.plan(stackJson({ [ORG]: { name: "Acme", metadata: {} } }));
    expect(plan.drift.map((entry) => [entry.address, entry.kind])).toEqual([[ORG, "deleted"]]);
    expect(actionsOf(plan)).toEqual({ [ORG]: "create" });
  });
});

describe("the create journal at the engine level", () => {
  it("records an intent and a made outcome around each create, and a successful apply leaves no journal", async () => {
    await world.converge(stackJson({ [ORG]: { name: "Acme", metadata: {} } }));
    const [org] = await organizationsInApi();
    expect(world.backend.appended.map((entry) => (entry.kind === "create-intent" ? `intent ${entry.address}` : `${entry.result} ${entry.id}`))).toEqual([`intent ${ORG}`, `made ${org!.id}`]);
    expect(await world.backend.readJournal()).toEqual([]);
  });

  it("records an unknown outcome when the answer is lost, and the next plan adopts the object instead of creating a second", async () => {
    const stack = stackJson({ [ORG]: { name: "Acme", metadata: {} } });
    const plan = await world.plan(stack);
    world.emulator.server.setFaults({ status500AfterCommitRate: 1, methods: ["POST"] });
    const result = await world.apply(stack, plan);
    world.emulator.server.setFaults({});
    expect(result.failures.map((failure) => failure.address)).toEqual([ORG]);
    expect(world.backend.appended.map((entry) => (entry.kind === "create-intent" ? "intent" : entry.result))).toEqual(["intent", "unknown"]);
    expect((await world.backend.readJournal()).length).toBe(2);

    const next = await world.plan(stack);
    expect(next.recovered).toEqual([ORG]);
    expect(actionsOf(next)).toEqual({ [ORG]: "no-op" });
    await world.apply(stack, next);
    expect(await organizationsInApi()).toHaveLength(1);
    expect((await world.state()).resources.get(ORG)!.attributes.id).toBe((await organizationsInApi())[0]!.id);
    expect(await world.backend.readJournal()).toEqual([]);
  });
});

describe("refresh through lists", () => {
  // An object archived out of band: the list shows it as Gone with its identity, so refresh
  // matches it to its state entry from the list and reads nothing more.
  it.each([
    {
      what: "an archived Anthropic workspace",
      provider: "anthropic",
      type: "anthropic_workspace",
      archive: (env: NodeJS.ProcessEnv, id: string) =>
        fetch(`${env.ANTHROPIC_BASE_URL}/v1/organizations/workspaces/${id}/archive`, {
          method: "POST",
          headers: { "x-api-key": String(env.ANTHROPIC_ADMIN_API_KEY), "anthropic-version": "2023-06-01", [FAULT_EXEMPT_HEADER]: "1" },
        }),
      list: "GET /v1/organizations/workspaces",
    },
    {
      what: "an archived OpenAI project",
      provider: "openai",
      type: "openai_project",
      archive: (env: NodeJS.ProcessEnv, id: string) =>
        fetch(`${env.OPENAI_BASE_URL}/organization/projects/${id}/archive`, { method: "POST", headers: { authorization: `Bearer ${String(env.OPENAI_ADMIN_KEY)}`, [FAULT_EXEMPT_HEADER]: "1" } }),
      list: "GET /v1/organization/projects",
    },
  ])("matches $what to its state entry from the list, without reading it again", async ({ provider, type, archive, list }) => {
    await world.stop();
    world = await EngineWorld.start(provider);
    const stack = stackJson({ [`${type}.ml`]: { name: "ML" }, [`${type}.ops`]: { name: "Ops" } });
    await world.converge(stack);
    const id = String((await world.state()).resources.get(`${type}.ml`)!.attributes.id);
    expect((await archive(world.env, id)).status).toBe(200);
    const counters = (world.emulator as unknown as { server: { counters: Map<string, number> } }).server.counters;
    const before = new Map(counters);

    const refreshed = await refreshState(world.context(stack), await world.state());
    expect(refreshed.drift.map((entry) => [entry.address, entry.kind])).toEqual([[`${type}.ml`, "gone"]]);
    // The collection's list, and no GET of the archived object.
    const reads = [...counters].filter(([route, count]) => route.startsWith("GET ") && count !== (before.get(route) ?? 0)).map(([route]) => route);
    expect(reads).toEqual([list]);
  });
});
