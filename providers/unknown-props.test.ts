/** Issue 18, item 4: a misspelled prop is an error naming it and the closest known one, never silently dropped. */
import { App, TerraformStack, Testing } from "cdktf";
import { AnthropicWorkspace, DataAnthropicOrganization } from "./anthropic";
import { DataLangfuseMemberships, DataLangfuseOrganization, DataLangfuseProject, LangfuseOrganization, LangfuseOrganizationApiKey, LangfuseProvider } from "./langfuse";
import { OpenaiProjectRateLimit } from "./openai";

function stack(): TerraformStack {
  return new TerraformStack(new App({ outdir: Testing.app().outdir }), "platform");
}

// Props built as a user's JavaScript, a spread or a variable would: TypeScript does not see them.
const loose = (props: Record<string, unknown>) => props as never;

it.each([
  ["an optional prop", () => new LangfuseOrganization(stack(), "acme", loose({ name: "Acme", metdata: { team: "ml" } })), 'platform/acme: unknown property "metdata" on LangfuseOrganization; did you mean "metadata"?'],
  ["a required prop, not reported as missing", () => new LangfuseOrganization(stack(), "acme", loose({ nmae: "Acme" })), 'platform/acme: unknown property "nmae" on LangfuseOrganization; did you mean "name"?'],
  ["a camelCase prop of a snake_case schema", () => new OpenaiProjectRateLimit(stack(), "rl", loose({ projectId: "proj_1", model: "gpt-4o", maxRequestPer1Minute: 10 })), 'platform/rl: unknown property "maxRequestPer1Minute" on OpenaiProjectRateLimit; did you mean "maxRequestsPer1Minute"?'],
  ["a provider setting", () => new LangfuseProvider(stack(), "langfuse", loose({ baseURL: "http://localhost" })), 'platform/langfuse: unknown property "baseURL" on LangfuseProvider; did you mean "baseUrl"?'],
  ["a name like none known", () => new AnthropicWorkspace(stack(), "eng", loose({ name: "Eng", colour: "#ff0000" })), 'platform/eng: unknown property "colour" on AnthropicWorkspace. Known: name, displayColor, tags, workspaceGeo, allowedInferenceGeos, defaultInferenceGeo.'],
  ["a data source's prop", () => new DataLangfuseOrganization(stack(), "org", loose({ nmae: "Acme" })), 'platform/org: unknown property "nmae" on DataLangfuseOrganization; did you mean "name"?'],
  ["a data source's optional prop", () => new DataLangfuseMemberships(stack(), "people", loose({ projectID: "proj_1" })), 'platform/people: unknown property "projectID" on DataLangfuseMemberships; did you mean "projectId"?'],
  ["a project lookup's key reference", () => new DataLangfuseProject(stack(), "web", loose({ name: "web", orgKey: {} })), 'platform/web: unknown property "orgKey" on DataLangfuseProject'],
  ["a data source that takes no props", () => new DataAnthropicOrganization(stack(), "org", loose({ name: "Acme" })), 'platform/org: unknown property "name" on DataAnthropicOrganization'],
])("rejects a misspelling of %s", (_case, build, message) => {
  expect(build).toThrow(message);
});

it("accepts cdktf's meta-arguments and the engine's secret delivery props", () => {
  const s = stack();
  const org = new LangfuseOrganization(s, "acme", { name: "Acme", lifecycle: { preventDestroy: true } });
  expect(() => new LangfuseOrganizationApiKey(s, "ci", { organizationId: org.id, note: "ci", dependsOn: [org], rotation: "2026-11", secretSink: { kind: "file", path: "ci.key" } })).not.toThrow();
});
