export { ProjectsProvider, Project, ProjectApiKey, ProjectLlmApiKey, ProjectMember, ProjectInvitation } from "./constructs";
export { DataProjects, DataProjectDailyMetrics, DataProjectTraces } from "./constructs";
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
} from "./constructs";
