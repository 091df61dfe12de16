/**
 * orgform synthesizes in-process without cdktf's per-token stack traces (issue 20 item 4): the
 * cdk.tf.json it writes must be byte-for-byte what cdktf's own run of the app writes (a child
 * process, traces captured), and the traces must really be skipped in-process.
 */
import { readFileSync } from "node:fs";
import { runOrgform } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

// References, interpolation, Fn calls, lazy values and outputs: every kind of token cdktf makes.
const STACK = `
import { App, Fn, Lazy, TerraformOutput, TerraformStack, TerraformVariable, Tokenization } from "cdktf";
import { writeFileSync } from "node:fs";
import { LangfuseOrganization, LangfuseOrganizationApiKey, LangfuseProvider } from "${PROVIDERS}/langfuse";
import { NullProvider, NullResource } from "${PROVIDERS}/null";
const app = new App();
const stack = new TerraformStack(app, "traces");
new LangfuseProvider(stack, "langfuse");
new NullProvider(stack, "null");
const team = new TerraformVariable(stack, "team", { type: "string", default: "ml" });
const org = new LangfuseOrganization(stack, "acme", { name: "Acme AI", metadata: { team: team.stringValue } });
const key = new LangfuseOrganizationApiKey(stack, "ci", { organizationId: org.id, note: Fn.upper(\`ci for \${org.name}\`) });
new NullResource(stack, "marker", { triggers: { org: org.id, later: Lazy.stringValue({ produce: () => "lazy" }) }, dependsOn: [key] });
new TerraformOutput(stack, "secret", { value: key.secretKey, sensitive: true });
// How many stack frames cdktf recorded for a reference token, for the test to read.
writeFileSync(process.env.TRACE_PROBE!, String(Tokenization.reverseString(org.id).firstToken!.creationStack.length));
app.synth();
`;

describe("in-process synth without token stack traces", () => {
  let work: Workdir;
  beforeEach(() => {
    work = new Workdir("orgform-traces-");
    work.writeStack(STACK);
  });
  afterEach(() => work.remove());

  it("writes the same cdk.tf.json as cdktf's own run of the app, with no traces captured", async () => {
    const probe = work.path("frames.txt");
    // A command orgform cannot load in-process runs as a child process, exactly as cdktf runs it.
    const child = await runOrgform(["synth", "--app", "node --require tsx/cjs main.ts"], { cwd: work.dir, env: { TRACE_PROBE: probe } });
    expect(child.stderr).toBe("");
    expect(child.code).toBe(0);
    const childJson = readFileSync(work.path("cdktf.out/stacks/traces/cdk.tf.json"), "utf8");
    expect(Number(readFileSync(probe, "utf8"))).toBeGreaterThan(0);

    const inProcess = await runOrgform(["synth"], { cwd: work.dir, env: { TRACE_PROBE: probe } });
    expect(inProcess.stderr).toBe("");
    expect(inProcess.code).toBe(0);
    expect(readFileSync(work.path("cdktf.out/stacks/traces/cdk.tf.json"), "utf8")).toBe(childJson);
    expect(Number(readFileSync(probe, "utf8"))).toBe(0);
  }, 120_000);
});
