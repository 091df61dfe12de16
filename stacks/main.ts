/**
 * The example stack a new user copies: one team's AI platform, across every admin API orgform
 * manages. `npm run demo` applies it against the local emulators; with real credentials in the
 * environment (see README.md) the same stack manages real organizations. Credentials always come
 * from the environment, never from code.
 */
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { AnthropicApiKey, AnthropicInvite, AnthropicOrganizationMember, AnthropicProvider, AnthropicWorkspace, AnthropicWorkspaceMember, DataAnthropicUser } from "../providers/anthropic";
import { LangfuseOrganization, LangfuseOrganizationApiKey, LangfuseProvider } from "../providers/langfuse";
import { NullProvider, NullResource } from "../providers/null";
import { OpenaiAdminApiKey, OpenaiProject, OpenaiProvider } from "../providers/openai";
import { Project, ProjectApiKey, ProjectInvitation, ProjectMember, ProjectsProvider } from "../providers/projects";

const app = new App();
const stack = new TerraformStack(app, "orgform-demo");

// ── Langfuse: the observability organization and its keys ─────────────────
new LangfuseProvider(stack, "langfuse"); // LANGFUSE_BASE_URL, LANGFUSE_ADMIN_API_KEY
const org = new LangfuseOrganization(stack, "acme", {
  name: "Acme AI Platform",
  metadata: { costCenter: "platform-42", owner: "platform-team@acme.example" },
});
const ciKey = new LangfuseOrganizationApiKey(stack, "ci_key", { organizationId: org.id, note: "CI pipelines" });
new LangfuseOrganizationApiKey(stack, "analytics_key", { organizationId: org.id, note: "Analytics exports" });

// ── Anthropic: workspaces and who may use them ────────────────────────────
new AnthropicProvider(stack, "anthropic"); // ANTHROPIC_ADMIN_API_KEY
const research = new AnthropicWorkspace(stack, "research", { name: "Research", displayColor: "#6C5BB9", tags: { team: "research" } });
new AnthropicWorkspace(stack, "production", { name: "Production", workspaceGeo: "us", allowedInferenceGeos: ["us"], defaultInferenceGeo: "us" });
const ada = new DataAnthropicUser(stack, "ada", { email: "ada@example.com" });
new AnthropicWorkspaceMember(stack, "ada_in_research", { workspaceId: research.id, userId: ada.id, workspaceRole: "workspace_developer" });
new AnthropicOrganizationMember(stack, "grace", { email: "grace@example.com", role: "developer" });
new AnthropicInvite(stack, "new_hire", { email: "new.hire@example.com", role: "user" });
// Keys are made in the Console (the Admin API cannot create them); orgform adopts one by id.
new AnthropicApiKey(stack, "ci_console_key", { apiKeyId: "apikey_01DEMO0000CiKey00000000", name: "CI (managed by orgform)" });

// ── OpenAI: an admin key for automation and a project ─────────────────────
new OpenaiProvider(stack, "openai"); // OPENAI_ADMIN_KEY
new OpenaiAdminApiKey(stack, "automation", { name: "orgform automation" });
new OpenaiProject(stack, "assistants", { name: "Assistants" });

// ── Projects API: a project, its key, a member and an invitation ──────────
new ProjectsProvider(stack, "projects"); // ORGANIZATIONS_API_BASE_URL, _KEY, _TOKEN, _ORGANIZATION_ID
const project = new Project(stack, "support_bot", { name: "Support Bot" });
new ProjectApiKey(stack, "support_bot_key", { projectId: project.id, label: "production" });
new ProjectMember(stack, "support_lead", { projectId: project.id, email: "lead@acme.example", role: "ADMIN", organizationRole: "ADMIN" });
new ProjectInvitation(stack, "support_agent", { projectId: project.id, email: "agent@acme.example", role: "MEMBER", organizationRole: "MEMBER" });

new NullProvider(stack, "null");
// Re-runs (is replaced) whenever the CI key is: hang a notification or a rollout off it.
new NullResource(stack, "ci_key_rotated", { triggers: { key: ciKey.publicKey } });

new TerraformOutput(stack, "langfuse_organization_id", { value: org.id });
new TerraformOutput(stack, "research_workspace_id", { value: research.id });
new TerraformOutput(stack, "ci_secret_key", { value: ciKey.secretKey, sensitive: true });

app.synth();
