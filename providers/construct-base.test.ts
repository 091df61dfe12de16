/** The shared construct bases, through real constructs of several providers. */
import { App, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { AnthropicProvider, AnthropicWorkspace, DataAnthropicOrganization } from "./anthropic";
import { ConstructPropsError } from "./construct-kit";
import { DataLangfuseMemberships, LangfuseOrganizationMembership } from "./langfuse";
import { OpenaiProvider } from "./openai";
import { Project, ProjectApiKey } from "./projects";

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

function synth(build: (stack: TerraformStack) => void): Json {
  const stack = new TerraformStack(new App({ outdir: Testing.app().outdir }), "test");
  build(stack);
  return JSON.parse(Testing.synth(stack)) as Json;
}

it("lets meta-arguments through validation and synthesizes them beside the arguments", () => {
  const json = synth((stack) => {
    const anthropic = new AnthropicProvider(stack, "anthropic");
    const org = new DataAnthropicOrganization(stack, "org", { provider: anthropic });
    new AnthropicWorkspace(stack, "eng", { name: "Eng", provider: anthropic, dependsOn: [org], lifecycle: { preventDestroy: true } });
  });
  expect(json.resource?.anthropic_workspace?.eng).toMatchObject({
    name: "Eng",
    provider: "anthropic",
    depends_on: ["data.anthropic_organization.org"],
    lifecycle: { prevent_destroy: true },
  });
});

it.each([
  ["a resource", (s: TerraformStack) => new LangfuseOrganizationMembership(s, "m", { email: "a@example.com", role: "MEMBER" }).id, "${langfuse_organization_membership.m.id}"],
  ["a data source", (s: TerraformStack) => new DataLangfuseMemberships(s, "d").id, "${data.langfuse_memberships.d.id}"],
  ["a key pair's secret", (s: TerraformStack) => new ProjectApiKey(s, "k", { projectId: "p", label: "ci" }).secretKey, "${projects_api_key.k.secret_key}"],
  ["a project's public key", (s: TerraformStack) => new Project(s, "p", { name: "Chatbot" }).publicKey, "${projects_project.p.public_key}"],
])("gives %s its attribute references", (_case, reference, expected) => {
  const json = synth((stack) => new TerraformOutput(stack, "ref", { value: reference(stack) }));
  expect(json.output?.ref?.value).toBe(expected);
});

it("adds the common provider settings after the provider's own, leaving unset ones out", () => {
  const stack = new TerraformStack(new App({ outdir: Testing.app().outdir }), "test");
  new OpenaiProvider(stack, "openai", { rateLimit: { burst: 2 }, pageSize: 10, baseUrl: "http://127.0.0.1:1/v1" });
  // toTerraform, not Testing.synth: the latter sorts keys.
  const block = (stack.toTerraform() as { provider: { openai: Array<Record<string, unknown>> } }).provider.openai[0];
  expect(Object.keys(block ?? {})).toEqual(["base_url", "page_size", "rate_limit"]);
  expect(block?.rate_limit).toEqual({ burst: 2 });
});

it("checks the common provider settings with the provider's own", () => {
  expect(() => synth((stack) => new OpenaiProvider(stack, "openai", { rateLimit: { concurrency: 0 } }))).toThrow(ConstructPropsError);
  expect(() => synth((stack) => new OpenaiProvider(stack, "openai", { rateLimit: { concurrency: 0 } }))).toThrow(/test\/openai: property "rateLimit.concurrency"/);
});
