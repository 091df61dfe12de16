/**
 * cdktf constructs for the Projects API. They synthesize to `projects_*` resources and data
 * sources in cdk.tf.json, which orgform (not Terraform) plans and applies. Every one is generated
 * (constructs.generated.ts, `npm run generate:constructs`) from its type's arguments schema
 * (spec.ts) and attributes schema (spec-computed.ts): props in camelCase with each field's
 * description, checked when the construct is made by that same schema, the seed's role rule
 * included (providers/spec-construct.ts).
 */

export { ProjectsProvider, Project, ProjectApiKey, ProjectLlmApiKey, ProjectMember, ProjectInvitation } from "./constructs.generated";
export { DataProjects, DataProjectDailyMetrics, DataProjectTraces } from "./constructs.generated";
export type {
  ProjectsProviderConfig,
  ProjectConfig,
  ProjectApiKeyConfig,
  ProjectLlmApiKeyConfig,
  ProjectMemberConfig,
  ProjectInvitationConfig,
  DataProjectsConfig,
  DataProjectDailyMetricsConfig,
  DataProjectTracesConfig,
} from "./constructs.generated";
