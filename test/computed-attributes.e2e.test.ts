/**
 * Issue 17: a type's computed attributes are typed fields (its attributes schema, from which its
 * `computed` names and its construct's getters derive). After the demo stack (stacks/main.ts, all
 * four admin APIs) is applied against the emulators, every computed attribute in state has the
 * type its schema declares, so a getter's return type (string, number, list, or a resolvable for
 * booleans and objects) says what the attribute holds.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { CODEGEN_SOURCES } from "../providers/construct-codegen";
import { builtInEmulators } from "../providers/emulators";
import type { RunningEmulator } from "../src/emulator/definition";
import { REPO_ROOT } from "./support/cli";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

const attributesByType = new Map<string, z.ZodObject>();
for (const source of CODEGEN_SOURCES) for (const spec of source.specs) if (spec.kind === "resource" && spec.attributes) attributesByType.set(spec.type, spec.attributes);

// Objects of types the demo does not make, beside its own (`stack`, `ciKey` are the demo's).
const MORE = `
const lfProject = new more.LangfuseProject(stack, "more_project", { name: "More Project", orgApiKey: ciKey });
const lfKey = new more.LangfuseProjectApiKey(stack, "more_project_key", { project: lfProject, note: "more" });
new more.LangfuseOrganizationMembership(stack, "more_org_member", { email: "ana@example.com", role: "MEMBER", orgApiKey: ciKey });
new more.LangfuseLlmConnection(stack, "more_llm", { projectApiKey: lfKey, providerName: "openai", adapter: "openai", secretKey: "sk-more" });
const oaProject = new more.OpenaiProject(stack, "more_oa_project", { name: "More" });
new more.OpenaiProjectServiceAccount(stack, "more_oa_bot", { projectId: oaProject.id, name: "bot" });
new more.OpenaiInvite(stack, "more_oa_invite", { email: "new@example.com", role: "reader" });
app.synth();
`;

const emulators: RunningEmulator[] = [];
let demo: StackRun | undefined;

afterAll(async () => {
  await Promise.all(emulators.map((emulator) => emulator.stop()));
  demo?.remove();
});

it("every computed attribute of the demo stack's objects has the type its attributes schema declares", async () => {
  const env: NodeJS.ProcessEnv = {};
  for (const definition of builtInEmulators) {
    const emulator = definition.create();
    definition.seedDemo?.(emulator);
    Object.assign(env, definition.environment(emulator, await emulator.start()));
    emulators.push(emulator);
  }
  demo = new StackRun("orgform-demo", env, "orgform-computed-attributes-");
  const source = readFileSync(resolve(REPO_ROOT, "stacks/main.ts"), "utf8").replaceAll('"../providers/', `"${PROVIDERS}/`);
  await demo.synthOnce(`import * as more from "${PROVIDERS}";\n${source.replace("app.synth();", MORE)}`);
  expect((await demo.orgform(["apply", "--auto-approve"])).code).toBe(0);

  const checked = new Set<string>();
  const problems: string[] = [];
  for (const resource of demo.state().values()) {
    const type = resource.address.split(".")[0]!;
    const schema = attributesByType.get(type);
    if (!schema) continue;
    checked.add(type);
    const computed = Object.fromEntries(Object.keys(schema.shape).map((name) => [name, resource.attributes[name]]));
    const parsed = schema.safeParse(computed);
    if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => `${resource.address}.${issue.path.join(".")}: ${issue.message} (${JSON.stringify(computed[String(issue.path[0])])})`));
  }
  expect(problems).toEqual([]);
  // 19 of the 25 resource types; the check is worth little if it reaches fewer.
  expect(checked.size).toBeGreaterThanOrEqual(19);
}, 240_000);
