/**
 * Issue 18, item 5: errors are one line, as the README promises: a mistyped command or option
 * (not the error plus 30 lines of help), a stack whose own code throws (with the file and line of
 * the throw, whether orgform loads the stack or cdktf.json's app command runs it), and a
 * misspelled construct prop.
 */
import { runOrgform } from "./support/cli";
import { PROVIDERS, Workdir } from "./support/workdir";

const TEAMS_MODULE = `export function teams(): string[] {
  const raw = process.env.TEAMS;
  if (!raw) throw new Error("TEAMS is not set");
  return raw.split(",");
}
`;

const THROWING_STACK = `import { App, TerraformStack } from "cdktf";
import { teams } from "./teams";
const app = new App();
new TerraformStack(app, "platform");
teams();
app.synth();
`;

describe("one-line errors", () => {
  let work: Workdir;

  beforeAll(() => {
    work = new Workdir();
    work.write("teams.ts", TEAMS_MODULE);
  });

  afterAll(() => work.remove());

  const orgform = (args: string[]) => runOrgform(args, { cwd: work.dir, env: { TEAMS: "" } });

  it.each([
    [["plna"], "Error: unknown command 'plna'. Did you mean plan? Run `orgform --help` for usage."],
    [["plan", "--bogus"], "Error: unknown option '--bogus'. Run `orgform --help` for usage."],
    [["plan", "--parallelism"], "Error: option '--parallelism <n>' argument missing. Run `orgform --help` for usage."],
  ])("orgform %j: one line, no help", async (args, line) => {
    const result = await orgform(args);
    expect({ code: result.code, stderr: result.stderr, stdout: result.stdout }).toEqual({ code: 1, stderr: `${line}\n`, stdout: "" });
  });

  it.each([
    ["loaded by orgform", "npx tsx main.ts", /^Error: \S+main\.ts failed to synthesize: TEAMS is not set \(thrown at teams\.ts:3\)\n$/],
    ["run by the app command", "node -r tsx/cjs main.ts", /^Error: the cdktf app `node -r tsx\/cjs main\.ts` failed: Error: TEAMS is not set \(thrown at teams\.ts:3\)\n$/],
  ])("a stack that throws, %s: one line with the file and line of the throw", async (_how, app, expected) => {
    work.write("cdktf.json", JSON.stringify({ language: "typescript", app }));
    work.writeStack(THROWING_STACK);
    const result = await orgform(["plan"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(expected);
  });

  it("a misspelled prop: one line naming it and the closest known one", async () => {
    work.write("cdktf.json", JSON.stringify({ language: "typescript", app: "npx tsx main.ts" }));
    work.writeStack(`import { App, TerraformStack } from "cdktf";
import { LangfuseOrganization, LangfuseProvider } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "platform");
new LangfuseProvider(stack, "langfuse");
const props = { name: "Acme", metdata: { team: "ml" } }; // a variable: TypeScript checks no excess props here
new LangfuseOrganization(stack, "acme", props);
app.synth();
`);
    const result = await orgform(["plan"]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 1,
      stderr: 'Error: platform/acme: unknown property "metdata" on LangfuseOrganization; did you mean "metadata"? Fix the stack and run again.\n',
    });
  });
});
