/**
 * A command loads only the providers its stack and state name (issue 20 item 2): the CLI wires
 * the providers' manifest, and a provider's module loads when the engine first asks for it or
 * for one of its types. Observed from outside with node's own module log (NODE_DEBUG=module).
 */
import { runOrgform } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const NULL_STACK = `
import { App, TerraformStack } from "cdktf";
import { NullProvider, NullResource } from "${PROVIDERS}/null";
const app = new App();
const stack = new TerraformStack(app, "nulls");
new NullProvider(stack, "null");
new NullResource(stack, "only", { triggers: { n: "1" } });
app.synth();
`;

/** The built-in providers whose engine module (provider.ts, client.ts) the module log shows loaded. */
const providersLoaded = (moduleLog: string) =>
  ["anthropic", "langfuse", "openai", "projects", "null"].filter((name) => new RegExp(`providers/${name}/(provider|client)\\.(ts|js)`).test(moduleLog));

describe("providers a command loads", () => {
  let work: Workdir;
  beforeEach(() => {
    work = new Workdir("orgform-lazy-providers-");
    work.writeStack(NULL_STACK);
  });
  afterEach(() => work.remove());

  it("loads only the null provider for a stack of null_resources, through plan and apply", async () => {
    const plan = await runOrgform(["plan", "--no-color"], { cwd: work.dir, env: { NODE_DEBUG: "module" } });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("1 to add");
    expect(providersLoaded(plan.stderr)).toEqual(["null"]);

    const apply = await runOrgform(["apply", "--auto-approve", "--no-color"], { cwd: work.dir, env: { NODE_DEBUG: "module" } });
    expect(apply.code).toBe(0);
    expect(providersLoaded(apply.stderr)).toEqual(["null"]);
  }, 120_000);

  it("still names every known type when the stack uses one no provider serves", async () => {
    work.writeStack(`
import { App, TerraformStack, TerraformResource } from "cdktf";
const app = new App();
const stack = new TerraformStack(app, "unknown");
new TerraformResource(stack, "mystery", { terraformResourceType: "mystery_thing" });
app.synth();
`);
    const plan = await runOrgform(["plan", "--no-color"], { cwd: work.dir });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('orgform has no resource type "mystery_thing"');
    for (const type of ["anthropic_workspace", "langfuse_organization", "null_resource", "openai_project", "projects_project"]) expect(plan.stderr).toContain(type);
  }, 120_000);

  it("loads no provider for version", async () => {
    const version = await runOrgform(["version"], { cwd: work.dir, env: { NODE_DEBUG: "module" } });
    expect(version.code).toBe(0);
    expect(providersLoaded(version.stderr)).toEqual([]);
  }, 60_000);
});
