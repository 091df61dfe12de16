/**
 * The first end-to-end slice, as a user runs it: a cdktf stack → orgform plan/apply (a real
 * child process) → the Langfuse emulator (real HTTP on loopback) → a state file.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { runOrgform, type CliResult } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

interface StackShape {
  orgName?: string;
  ciNote?: string;
  withAnalyticsKey?: boolean;
  extra?: string;
}

function stackSource(shape: StackShape = {}): string {
  const { orgName = "Acme Platform", ciNote = "CI pipelines", withAnalyticsKey = true, extra = "" } = shape;
  return `
import { App, TerraformStack, TerraformOutput, Fn } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
import { NullProvider, NullResource } from "${PROVIDERS}/null";
const app = new App();
const stack = new TerraformStack(app, "e2e");
new LangfuseProvider(stack, "langfuse");
new NullProvider(stack, "null");
const org = new LangfuseOrganization(stack, "org", { name: ${JSON.stringify(orgName)}, metadata: { team: "platform" } });
const ci = new LangfuseOrganizationApiKey(stack, "ci", { organizationId: org.id, note: ${JSON.stringify(ciNote)} });
${withAnalyticsKey ? `new LangfuseOrganizationApiKey(stack, "analytics", { organizationId: org.id, note: "analytics" });` : ""}
new NullResource(stack, "after_keys", { triggers: { org: org.id }, dependsOn: [ci] });
new TerraformOutput(stack, "org_id", { value: org.id });
new TerraformOutput(stack, "ci_secret", { value: ci.secretKey, sensitive: true });
${extra}
app.synth();
`;
}

describe("Langfuse end to end: stack → plan → apply → state", () => {
  let emulator: LangfuseEmulator;
  let work: Workdir;
  let env: NodeJS.ProcessEnv;
  const orgform = (args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> =>
    runOrgform(args, { cwd: work.dir, env: { ...env, ...extraEnv } });
  const statePath = () => work.path("terraform.e2e.tfstate");
  const readState = () => JSON.parse(readFileSync(statePath(), "utf8")) as { serial: number; resources: Array<{ type: string; name: string; instances: Array<{ attributes: Record<string, unknown>; sensitive_attributes: unknown[] }> }> };
  const allSecrets = () => [...emulator.store.keys.values()].map((key) => key.secretKey);

  beforeEach(async () => {
    emulator = new LangfuseEmulator({ adminApiKey: "test-admin-key-123456" });
    const url = await emulator.start();
    env = { LANGFUSE_BASE_URL: url, LANGFUSE_ADMIN_API_KEY: "test-admin-key-123456" };
    work = new Workdir();
  });

  afterEach(async () => {
    await emulator.stop();
    work.remove();
  });

  it("creates an organization, two keys and a null_resource, then plans no changes", async () => {
    work.writeStack(stackSource());
    const plan = await orgform(["plan", "--detailed-exitcode"]);
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toContain("Plan: 4 to add, 0 to change, 0 to destroy.");
    expect(plan.stdout).toContain('+ resource "langfuse_organization" "org"');
    expect(plan.code).toBe(2);
    expect(emulator.store.organizations.size).toBe(0);

    const apply = await orgform(["apply", "--auto-approve"]);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/langfuse_organization\.org: Creation complete after [\d.]+s \[id=org_/);
    expect(apply.stdout).toContain("Apply complete! Resources: 4 added, 0 changed, 0 destroyed.");
    expect(emulator.store.organizations.size).toBe(1);
    expect(emulator.store.keys.size).toBe(2);
    const [org] = [...emulator.store.organizations.values()];
    expect(org!.name).toBe("Acme Platform");
    expect(org!.metadata).toEqual({ team: "platform" });

    const again = await orgform(["plan", "--detailed-exitcode"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("No changes.");
  });

  it("renames the organization in place and replaces a key whose note changed", async () => {
    work.writeStack(stackSource());
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    const orgId = [...emulator.store.organizations.keys()][0];
    const oldCi = [...emulator.store.keys.values()].find((key) => key.note === "CI pipelines")!;

    work.writeStack(stackSource({ orgName: "Acme Renamed", ciNote: "CI pipelines v2" }));
    const plan = await orgform(["plan"]);
    expect(plan.stdout).toContain("# langfuse_organization.org will be updated in-place");
    expect(plan.stdout).toMatch(/~ name\s+= "Acme Platform" -> "Acme Renamed"/);
    expect(plan.stdout).toContain("# langfuse_organization_api_key.ci must be replaced");
    expect(plan.stdout).toMatch(/~ note\s+= "CI pipelines" -> "CI pipelines v2" # forces replacement/);
    // The null_resource's trigger is the org id, which an in-place rename keeps.
    expect(plan.stdout).not.toContain("null_resource.after_keys must be replaced");
    expect(plan.stdout).toContain("Plan: 1 to add, 1 to change, 1 to destroy.");

    const apply = await orgform(["apply", "--auto-approve"]);
    expect(apply.code).toBe(0);
    expect([...emulator.store.organizations.keys()]).toEqual([orgId]);
    expect(emulator.store.organizations.get(orgId!)!.name).toBe("Acme Renamed");
    expect(emulator.store.keys.has(oldCi.id)).toBe(false);
    expect([...emulator.store.keys.values()].map((key) => key.note).sort()).toEqual(["CI pipelines v2", "analytics"]);
    expect((await orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("deletes a key removed from the stack, and destroy removes everything in reverse order", async () => {
    work.writeStack(stackSource());
    expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
    work.writeStack(stackSource({ withAnalyticsKey: false }));
    const apply = await orgform(["apply", "--auto-approve"]);
    expect(apply.stdout).toContain("# langfuse_organization_api_key.analytics will be destroyed");
    expect(apply.stdout).toContain("Apply complete! Resources: 0 added, 0 changed, 1 destroyed.");
    expect([...emulator.store.keys.values()].map((key) => key.note)).toEqual(["CI pipelines"]);

    const destroy = await orgform(["destroy", "--auto-approve"]);
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toContain("Destroy complete! Resources: 3 destroyed.");
    const order = destroy.stdout.split("\n").filter((line) => line.includes("Destruction complete")).map((line) => line.split(":")[0]);
    expect(order.indexOf("langfuse_organization.org")).toBe(2);
    expect(order.indexOf("null_resource.after_keys")).toBeLessThan(order.indexOf("langfuse_organization_api_key.ci"));
    expect(emulator.store.organizations.size).toBe(0);
    expect(emulator.store.keys.size).toBe(0);
    expect(readState().resources).toEqual([]);
  });

  it("keeps the secret key in state as sensitive and out of every output", async () => {
    work.writeStack(stackSource());
    const outputs: CliResult[] = [];
    outputs.push(await orgform(["apply", "--auto-approve"]));
    const secrets = allSecrets();
    expect(secrets).toHaveLength(2);
    const state = readState();
    const ci = state.resources.find((r) => r.name === "ci")!.instances[0]!;
    expect(secrets).toContain(ci.attributes.secret_key);
    expect(ci.sensitive_attributes).toEqual([[{ type: "get_attr", value: "secret_key" }]]);
    outputs.push(await orgform(["plan"]));
    outputs.push(await orgform(["plan", "--json"]));
    outputs.push(await orgform(["output"]));
    outputs.push(await orgform(["output", "--json"]));
    outputs.push(await orgform(["output", "ci_secret"]));
    outputs.push(await orgform(["state", "show", "langfuse_organization_api_key.ci"]));
    outputs.push(await orgform(["state", "show", "langfuse_organization_api_key.ci", "--json"]));
    work.writeStack(stackSource({ ciNote: "rotated" }));
    outputs.push(await orgform(["apply", "--auto-approve"]));
    outputs.push(await orgform(["destroy", "--auto-approve"]));
    const everything = outputs.map((o) => o.stdout + o.stderr).join("\n");
    for (const secret of [...secrets, ...allSecrets(), "test-admin-key-123456"]) expect(everything).not.toContain(secret);
    expect(outputs[3]!.stdout).toContain("ci_secret = <sensitive>");
  });

  it("refuses a second apply while the first holds the lock", async () => {
    work.writeStack(stackSource());
    // The first run's creates are held until the second run has ended: the first holds the lock
    // all along, however long the second takes (no latency to guess).
    const release = emulator.server.hold((method) => method === "POST");
    let second: Promise<CliResult> | undefined;
    const firstResult = await runOrgform(["apply", "--auto-approve", "--parallelism", "1"], {
      cwd: work.dir,
      env: { ...env, ORGFORM_HTTP_TIMEOUT_MS: "600000" },
      onStdout: (text) => {
        if (second !== undefined || !text.includes("Creating...")) return;
        second = orgform(["apply", "--auto-approve"]);
        void second.finally(release);
      },
    });
    const secondResult = await second!;
    expect(firstResult.code).toBe(0);
    expect(secondResult.code).toBe(1);
    expect(secondResult.stderr).toMatch(/Error: the state .* is locked: OperationTypeApply by .* lock ID [0-9a-f-]+/);
    expect(secondResult.stderr).toContain("orgform force-unlock");
    expect(emulator.store.organizations.size).toBe(1);
    expect(emulator.store.keys.size).toBe(2);
  });

  describe("bad input gives one clear error and changes nothing", () => {
    it.each([
      ["an invalid construct prop", stackSource({ orgName: "ab" }), /Error: e2e\/org: property "name": must be at least 3 characters \(received "ab"\)/],
      ["an unknown function", stackSource({ extra: `new TerraformOutput(stack, "bad", { value: "\${nosuchfn(1)}" });` }), /Error: output\.bad: orgform does not support the function "nosuchfn"/],
      [
        "a reference cycle",
        stackSource({
          extra: `const a = new NullResource(stack, "a", { triggers: { b: "\${null_resource.b.id}" } });
new NullResource(stack, "b", { triggers: { a: a.id } });`,
        }),
        /Error: the stack has a dependency cycle: null_resource\.(a|b) → null_resource\.(a|b) → null_resource\.(a|b)/,
      ],
    ])("%s", async (_name, source, message) => {
      work.writeStack(source);
      const result = await orgform(["apply", "--auto-approve"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(emulator.server.totalRequests()).toBe(0);
      expect(existsSync(statePath())).toBe(false);
    });

    it("a corrupted state file", async () => {
      work.writeStack(stackSource());
      expect((await orgform(["apply", "--auto-approve"])).code).toBe(0);
      const text = readFileSync(statePath(), "utf8");
      writeFileSync(statePath(), text.slice(0, text.length / 2));
      const before = emulator.server.totalRequests();
      const result = await orgform(["apply", "--auto-approve"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/Error: .*terraform\.e2e\.tfstate is not valid JSON .* Restore it from .*\.backup/);
      expect(emulator.server.totalRequests()).toBe(before);
      expect(readFileSync(statePath(), "utf8")).toBe(text.slice(0, text.length / 2));
    });
  });
});
