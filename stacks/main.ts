/**
 * The example stack a new user copies: a Langfuse organization with two API keys, and a
 * null_resource that re-runs whenever the CI key is replaced. `npm run demo` applies it against
 * the local emulators; with real credentials in the environment it manages a real organization.
 */
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { LangfuseOrganization, LangfuseOrganizationApiKey, LangfuseProvider } from "../providers/langfuse";
import { NullProvider, NullResource } from "../providers/null";

const app = new App();
const stack = new TerraformStack(app, "orgform-demo");

// Base URL and admin key come from LANGFUSE_BASE_URL and LANGFUSE_ADMIN_API_KEY: never from code.
new LangfuseProvider(stack, "langfuse");
new NullProvider(stack, "null");

const org = new LangfuseOrganization(stack, "acme", {
  name: "Acme AI Platform",
  metadata: { costCenter: "platform-42", owner: "platform-team@acme.example" },
});

const ciKey = new LangfuseOrganizationApiKey(stack, "ci_key", { organizationId: org.id, note: "CI pipelines" });
new LangfuseOrganizationApiKey(stack, "analytics_key", { organizationId: org.id, note: "Analytics exports" });

// Re-runs (is replaced) whenever the CI key is: hang a notification or a rollout off it.
new NullResource(stack, "ci_key_rotated", { triggers: { key: ciKey.publicKey } });

new TerraformOutput(stack, "organization_id", { value: org.id });
new TerraformOutput(stack, "ci_public_key", { value: ciKey.publicKey });
new TerraformOutput(stack, "ci_secret_key", { value: ciKey.secretKey, sensitive: true });

app.synth();
