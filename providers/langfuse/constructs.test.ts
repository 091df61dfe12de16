/**
 * The Langfuse constructs synthesize snake_case Terraform JSON whose credentials are references
 * to key resources (so the engine orders creates and deletes by them), and validate props.
 */
import { App, TerraformStack, Testing } from "cdktf";
import { ConstructPropsError } from "../construct-kit";
import {
  DataLangfuseMemberships,
  DataLangfuseOrganization,
  DataLangfuseProject,
  LangfuseLlmConnection,
  LangfuseOrganization,
  LangfuseOrganizationApiKey,
  LangfuseOrganizationMembership,
  LangfuseProject,
  LangfuseProjectApiKey,
  LangfuseProjectMembership,
  LangfuseProvider,
} from "./index";

type Json = Record<string, Record<string, Record<string, unknown>>>;

function synth(build: (stack: TerraformStack) => void): Json {
  const app = new App({ outdir: Testing.app().outdir });
  const stack = new TerraformStack(app, "test");
  build(stack);
  return JSON.parse(Testing.synth(stack)) as Json;
}

it("passes key references, never literal secrets, to every resource that needs them", () => {
  const json = synth((stack) => {
    new LangfuseProvider(stack, "langfuse", { baseUrl: "http://127.0.0.1:9999" });
    const org = new LangfuseOrganization(stack, "org", { name: "Acme Platform" });
    const orgKey = new LangfuseOrganizationApiKey(stack, "org_key", { organizationId: org.id });
    const web = new LangfuseProject(stack, "web", { orgApiKey: orgKey, name: "web", retentionDays: 30 });
    const webKey = new LangfuseProjectApiKey(stack, "web_key", { project: web, note: "ingest" });
    const jane = new LangfuseOrganizationMembership(stack, "jane", { orgApiKey: orgKey, email: "jane@example.com", role: "MEMBER" });
    new LangfuseProjectMembership(stack, "jane_web", { project: web, email: jane.email, role: "ADMIN" });
    new LangfuseLlmConnection(stack, "openai", { projectApiKey: webKey, providerName: "openai", adapter: "openai", secretKey: "${var.openai}" });
    new DataLangfuseOrganization(stack, "existing", { name: "Other" });
    const ui = new DataLangfuseProject(stack, "ui", { orgApiKey: orgKey, name: "made-in-ui" });
    new LangfuseProjectApiKey(stack, "ui_key", { project: ui });
    new DataLangfuseMemberships(stack, "members", { orgApiKey: orgKey, projectId: web.id });
  });
  const orgKey = { org_public_key: "${langfuse_organization_api_key.org_key.public_key}", org_secret_key: "${langfuse_organization_api_key.org_key.secret_key}" };
  expect(json.resource?.langfuse_project?.web).toEqual({ ...orgKey, name: "web", retention_days: 30 });
  expect(json.resource?.langfuse_project_api_key?.web_key).toEqual({ ...orgKey, project_id: "${langfuse_project.web.id}", note: "ingest" });
  expect(json.resource?.langfuse_project_api_key?.ui_key).toEqual({ ...orgKey, project_id: "${data.langfuse_project.ui.id}" });
  expect(json.resource?.langfuse_organization_membership?.jane).toEqual({ ...orgKey, email: "jane@example.com", role: "MEMBER" });
  expect(json.resource?.langfuse_project_membership?.jane_web).toEqual({
    ...orgKey,
    project_id: "${langfuse_project.web.id}",
    email: "${langfuse_organization_membership.jane.email}",
    role: "ADMIN",
  });
  expect(json.resource?.langfuse_llm_connection?.openai).toEqual({
    project_id: "${langfuse_project_api_key.web_key.project_id}",
    project_public_key: "${langfuse_project_api_key.web_key.public_key}",
    project_secret_key: "${langfuse_project_api_key.web_key.secret_key}",
    provider_name: "openai",
    adapter: "openai",
    secret_key: "${var.openai}",
  });
  expect(json.data?.langfuse_organization?.existing).toEqual({ name: "Other" });
  expect(json.data?.langfuse_memberships?.members).toEqual({ ...orgKey, project_id: "${langfuse_project.web.id}" });
});

it("leaves credentials out when the provider's organization key is to be used", () => {
  const json = synth((stack) => {
    new LangfuseProvider(stack, "langfuse", { orgPublicKey: "${var.pk}", orgSecretKey: "${var.sk}" });
    new LangfuseProject(stack, "web", { name: "web" });
  });
  expect(json.provider?.langfuse).toEqual([{ org_public_key: "${var.pk}", org_secret_key: "${var.sk}" }]);
  expect(json.resource?.langfuse_project?.web).toEqual({ name: "web" });
});

it.each([
  ["a short project name", (s: TerraformStack) => new LangfuseProject(s, "p", { name: "ab" }), /test\/p: property "name": must be at least 3 characters/],
  ["retention of two days", (s: TerraformStack) => new LangfuseProject(s, "p", { name: "web", retentionDays: 2 }), /property "retentionDays": must be 0 \(keep forever\) or at least 3 days/],
  ["an unknown role", (s: TerraformStack) => new LangfuseOrganizationMembership(s, "m", { email: "a@example.com", role: "GOD" as "ADMIN" }), /property "role": must be one of OWNER/],
  ["a bad email", (s: TerraformStack) => new LangfuseOrganizationMembership(s, "m", { email: "nope", role: "ADMIN" }), /property "email": must be an email address/],
  [
    "a Bedrock connection without config",
    (s: TerraformStack) => {
      const org = new LangfuseOrganization(s, "org", { name: "Acme" });
      const key = new LangfuseProjectApiKey(s, "k", { project: new LangfuseProject(s, "p", { name: "web", orgApiKey: new LangfuseOrganizationApiKey(s, "ok", { organizationId: org.id }) }) });
      return new LangfuseLlmConnection(s, "c", { projectApiKey: key, providerName: "bedrock", adapter: "bedrock", secretKey: "${var.aws}" });
    },
    /test\/c: property "config": the bedrock adapter requires config.region/,
  ],
])("refuses %s at synth time", (_case, build, message) => {
  expect(() => synth(build)).toThrow(ConstructPropsError);
  expect(() => synth(build)).toThrow(message);
});

it("an attribute read many times is one reference, synthesized the same everywhere", () => {
  let tokens: string[] = [];
  const json = synth((stack) => {
    new LangfuseProvider(stack, "langfuse", {});
    const org = new LangfuseOrganization(stack, "org", { name: "Acme Platform" });
    tokens = [org.id, org.id, org.id];
    tokens.forEach((organizationId, i) => new LangfuseOrganizationApiKey(stack, `key_${i}`, { organizationId }));
  });
  expect(new Set(tokens).size).toBe(1);
  const keys = json.resource!.langfuse_organization_api_key!;
  expect(Object.values(keys).map((key) => (key as Record<string, unknown>).organization_id)).toEqual(Array(3).fill("${langfuse_organization.org.id}"));
});
