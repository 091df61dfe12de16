/**
 * Issue 19, item 5: orgform sends an API only what the user set. A server implementing the
 * seed's CreateWorkspaceRequest (name only) refuses anything else with "Extra inputs are not
 * permitted"; Anthropic workspace creates used to carry `tags: {}` and a default data_residency.
 * Every emulator in strict mode refuses fields its route does not document, and the demo stack
 * (stacks/main.ts) plans and applies against them, as `orgform demo` runs it.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { builtInEmulators } from "../providers/emulators";
import type { RunningEmulator } from "../src/emulator/definition";
import type { RequestEvent } from "../src/emulator/server";
import { REPO_ROOT, runOrgform } from "./support/cli";
import { StackRun } from "./support/stack-run";
import { PROVIDERS, Workdir } from "./support/workdir";

const SOURCE = `
import { App, TerraformStack } from "cdktf";
import { AnthropicProvider, AnthropicWorkspace } from "${PROVIDERS}/anthropic";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey, LangfuseProject, LangfuseProjectApiKey } from "${PROVIDERS}/langfuse";
import { OpenaiProvider, OpenaiAdminApiKey, OpenaiInvite, OpenaiProject } from "${PROVIDERS}/openai";
const app = new App();
const stack = new TerraformStack(app, "bodies");
new AnthropicProvider(stack, "anthropic");
new AnthropicWorkspace(stack, "plain", { name: "Plain" });
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: "Plain Org" });
const orgKey = new LangfuseOrganizationApiKey(stack, "key", { organizationId: org.id });
new LangfuseProjectApiKey(stack, "project_key", { project: new LangfuseProject(stack, "web", { orgApiKey: orgKey, name: "web" }) });
new OpenaiProvider(stack, "openai");
new OpenaiAdminApiKey(stack, "admin", { name: "plain" });
new OpenaiProject(stack, "project", { name: "Plain" });
new OpenaiInvite(stack, "invite", { email: "plain@example.com", role: "reader" });
app.synth();
`;

interface Started {
  readonly emulators: Map<string, RunningEmulator>;
  readonly env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

async function startStrictEmulators(): Promise<Started> {
  const emulators = new Map<string, RunningEmulator>();
  const env: NodeJS.ProcessEnv = {};
  for (const definition of builtInEmulators) {
    const emulator = definition.create();
    definition.seedDemo?.(emulator);
    emulator.server.strictBodies = true;
    Object.assign(env, definition.environment(emulator, await emulator.start()));
    emulators.set(definition.name, emulator);
  }
  return { emulators, env, stop: () => Promise.all([...emulators.values()].map((e) => e.stop())).then(() => undefined) };
}

describe("request bodies against strict emulators", () => {
  let started: Started;
  beforeAll(async () => {
    started = await startStrictEmulators();
  });
  afterAll(() => started.stop());

  it("a strict emulator refuses a field its route does not document, naming it", async () => {
    const anthropic = started.emulators.get("anthropic")!;
    const response = await fetch(`${started.env.ANTHROPIC_BASE_URL}/v1/organizations/workspaces`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": started.env.ANTHROPIC_ADMIN_API_KEY!, "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ name: "Extra", colour: "#000000" }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("colour: Extra inputs are not permitted");
    expect(anthropic.server.strictBodies).toBe(true);
  });

  it("creates send only the fields the stack set", async () => {
    const bodies = new Map<string, unknown>();
    const offs = [...started.emulators.values()].map((emulator) =>
      emulator.server.observe((event: RequestEvent) => {
        if (event.phase === "arrived" && event.method !== "GET") bodies.set(event.route, event.body);
      }),
    );
    const run = new StackRun("bodies", started.env, "orgform-bodies-");
    try {
      await run.synthOnce(SOURCE);
      const apply = await run.orgform(["apply", "--auto-approve"]);
      expect(apply.stderr).toBe("");
      expect(apply.code).toBe(0);
      expect(bodies.get("POST /v1/organizations/workspaces")).toEqual({ name: "Plain" });
      expect(bodies.get("POST /api/admin/organizations")).toEqual({ name: "Plain Org" });
      expect(bodies.get("POST /api/admin/organizations/:orgId/apiKeys")).toEqual({});
      expect(bodies.get("POST /v1/organization/admin_api_keys")).toEqual({ name: "plain" });
      expect(bodies.get("POST /v1/organization/projects")).toEqual({ name: "Plain" });
      expect(bodies.get("POST /v1/organization/invites")).toEqual({ email: "plain@example.com", role: "reader", projects: [] });
      expect(bodies.get("POST /api/public/projects")).toEqual({ name: "web", retention: 0 });
      expect(bodies.get("POST /api/public/projects/:projectId/apiKeys")).toEqual({});
      const plan = await run.orgform(["plan", "--detailed-exitcode"]);
      expect(plan.code).toBe(0);
    } finally {
      offs.forEach((off) => off());
      await run.orgform(["destroy", "--auto-approve"]);
      run.remove();
    }
  });
});

it("`orgform demo` plans and applies stacks/main.ts against emulators that refuse undocumented fields", async () => {
  const work = new Workdir("orgform-demo-strict-");
  try {
    work.writeStack(readFileSync(resolve(REPO_ROOT, "stacks/main.ts"), "utf8").replaceAll('"../providers/', `"${PROVIDERS}/`));
    const demo = await runOrgform(["demo"], { cwd: work.dir });
    expect(demo.stderr).toBe("");
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/Apply complete! Resources: 16 added/);
    expect(demo.stdout).toMatch(/No changes\./);
  } finally {
    work.remove();
  }
});

it("`orgform emulate <provider> --strict` refuses an undocumented field", async () => {
  let url = "";
  let answered: Promise<Response> | undefined;
  const result = await runOrgform(["emulate", "anthropic", "--strict"], {
    cwd: REPO_ROOT,
    onStdout: (text, child) => {
      const found = /listening on (http:\/\/\S+)/.exec(text);
      const key = /ANTHROPIC_ADMIN_API_KEY=(\S+)/.exec(text);
      if (!found || !key || answered) return;
      url = found[1]!;
      answered = fetch(`${url}/v1/organizations/workspaces`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": key[1]!, "anthropic-version": "2023-06-01" },
        body: JSON.stringify({ name: "Extra", tags: {}, owner: "me" }),
      });
      void answered.finally(() => child.kill("SIGTERM"));
    },
  });
  expect(url).not.toBe("");
  const response = await answered!;
  expect(response.status).toBe(400);
  expect(await response.text()).toContain("owner: Extra inputs are not permitted");
  expect(result.stderr).toBe("");
});
