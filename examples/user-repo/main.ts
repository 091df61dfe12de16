// Acme's Langfuse organization and its CI key. `npm run plan` shows what would change, `npm run
// apply` makes it so; LANGFUSE_BASE_URL and LANGFUSE_ADMIN_API_KEY come from the environment.
import { Construct } from "constructs";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { LangfuseOrganization, LangfuseOrganizationApiKey, LangfuseProvider } from "orgform";

class Organizations extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LangfuseProvider(this, "langfuse");
    const org = new LangfuseOrganization(this, "acme", { name: "Acme AI Platform", metadata: { costCenter: "42" } });
    const ci = new LangfuseOrganizationApiKey(this, "ci", { organizationId: org.id, note: "CI pipelines" });
    new TerraformOutput(this, "organization_id", { value: org.id });
    new TerraformOutput(this, "ci_secret_key", { value: ci.secretKey, sensitive: true });
  }
}

const app = new App();
new Organizations(app, "organizations");
app.synth();
