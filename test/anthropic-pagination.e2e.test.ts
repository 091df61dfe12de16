/**
 * Refresh reads whole collections page by page: with a page size of 1 over 50 workspaces the
 * plan is exactly the one a page size of 1000 gives, only at the cost of more list calls.
 */
import { AnthropicEmulator } from "../providers/anthropic/emulator";
import { runOrgform } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const stack = (renamed: number) => `
import { App, TerraformStack } from "cdktf";
import { AnthropicProvider, AnthropicWorkspace } from "${PROVIDERS}/anthropic";
const app = new App();
const stack = new TerraformStack(app, "paged");
new AnthropicProvider(stack, "anthropic");
for (let i = 0; i < 50; i++) new AnthropicWorkspace(stack, \`ws_\${i}\`, { name: i < ${renamed} ? \`Team \${i} (renamed)\` : \`Team \${i}\` });
app.synth();
`;

it("plans the same with page size 1 and page size 1000 over 50 workspaces", async () => {
  const emulator = new AnthropicEmulator({ adminApiKey: "sk-ant-admin01-paging-secret", organizationName: "Acme" });
  const work = new Workdir();
  try {
    const env = { ANTHROPIC_BASE_URL: await emulator.start(), ANTHROPIC_ADMIN_API_KEY: emulator.adminApiKey };
    work.writeStack(stack(0));
    expect((await runOrgform(["apply", "--auto-approve"], { cwd: work.dir, env })).code).toBe(0);
    work.writeStack(stack(5));
    const plans: unknown[] = [];
    const lists: number[] = [];
    for (const pageSize of ["1", "1000"]) {
      const before = emulator.server.requestCount("GET", "/v1/organizations/workspaces");
      const plan = await runOrgform(["plan", "--json"], { cwd: work.dir, env: { ...env, ORGFORM_ANTHROPIC_PAGE_SIZE: pageSize } });
      expect(plan.code).toBe(0);
      plans.push(JSON.parse(plan.stdout).resource_changes);
      lists.push(emulator.server.requestCount("GET", "/v1/organizations/workspaces") - before);
    }
    expect(plans[0]).toEqual(plans[1]);
    expect((plans[0] as Array<{ change: { actions: string[] } }>).filter((c) => c.change.actions[0] === "update")).toHaveLength(5);
    expect(lists[0]).toBeGreaterThanOrEqual(50);
    expect(lists[1]).toBe(1);
  } finally {
    await emulator.stop();
    work.remove();
  }
});
