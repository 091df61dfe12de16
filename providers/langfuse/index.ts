/**
 * cdktf constructs for Langfuse: what a stack imports. They synthesize to `langfuse_*` resources
 * in cdk.tf.json, which orgform (not Terraform) plans and applies. Props and attribute getters
 * are generated (constructs.generated.ts, constructs-public.generated.ts; `npm run
 * generate:constructs`) from the types' arguments and attributes schemas (spec.ts), in camelCase
 * with each field's description (providers/spec-construct.ts). What is written here is the public
 * API's credentials: they travel as references to key resources (so the engine orders creates and
 * deletes by them: a project is deleted before the organization key it uses, and that key before
 * its organization) or come from the provider; never from ids.
 */
import type { Construct } from "constructs";
import type { References } from "../spec-construct";
import type { LangfuseOrganizationApiKey } from "./constructs.generated";
import * as g from "./constructs-public.generated";
import * as s from "./spec";

export { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "./constructs.generated";
export type { LangfuseProviderConfig, LangfuseOrganizationConfig, LangfuseOrganizationApiKeyConfig } from "./constructs.generated";

export { DataLangfuseOrganization, type DataLangfuseOrganizationConfig } from "./constructs-public.generated";

/** Where a resource gets its organization key: a LangfuseOrganizationApiKey, else the provider's. */
export interface OrgKeyProps {
  readonly orgApiKey?: LangfuseOrganizationApiKey;
}

/** A project to attach things to: a managed LangfuseProject or a DataLangfuseProject. */
export interface LangfuseProjectRef {
  readonly id: string;
  readonly orgApiKey?: LangfuseOrganizationApiKey;
}

/** The project a resource belongs to; its organization key comes with it. */
interface ProjectProps {
  readonly project: LangfuseProjectRef;
}

function orgKeyAttributes(key: LangfuseOrganizationApiKey | undefined): Record<string, unknown> {
  return key ? { org_public_key: key.publicKey, org_secret_key: key.secretKey } : {};
}

const ORG_KEY: References<OrgKeyProps> = { props: ["orgApiKey"], fills: s.ORG_KEY_FILLS, arguments: (p) => orgKeyAttributes(p.orgApiKey) };
const PROJECT: References<ProjectProps> = {
  props: ["project"],
  fills: s.PROJECT_FILLS,
  arguments: (p) => ({ ...orgKeyAttributes(p.project?.orgApiKey), project_id: p.project?.id }),
};

export type LangfuseProjectConfig = g.LangfuseProjectProps & OrgKeyProps;

/** A project (3–60 characters, unique in the organization), renamed in place. */
export class LangfuseProject extends g.LangfuseProjectAttributes<OrgKeyProps> implements LangfuseProjectRef {
  readonly orgApiKey?: LangfuseOrganizationApiKey;
  constructor(scope: Construct, id: string, config: LangfuseProjectConfig) {
    super(scope, id, LangfuseProject.tfResourceType, config, s.projectArguments, ORG_KEY);
    this.orgApiKey = config.orgApiKey;
  }
}

export type LangfuseProjectApiKeyConfig = g.LangfuseProjectApiKeyProps & ProjectProps;

/** A project key pair; a note change replaces it (the API cannot update keys). */
export class LangfuseProjectApiKey extends g.LangfuseProjectApiKeyAttributes<ProjectProps> {
  constructor(scope: Construct, id: string, config: LangfuseProjectApiKeyConfig) {
    super(scope, id, LangfuseProjectApiKey.tfResourceType, config, s.projectApiKeyArguments, PROJECT);
  }
}

export type LangfuseOrganizationMembershipConfig = g.LangfuseOrganizationMembershipProps & OrgKeyProps;

/** Adopts the Langfuse user with this email into the organization; a new email replaces it. */
export class LangfuseOrganizationMembership extends g.LangfuseOrganizationMembershipAttributes<OrgKeyProps> {
  constructor(scope: Construct, id: string, config: LangfuseOrganizationMembershipConfig) {
    super(scope, id, LangfuseOrganizationMembership.tfResourceType, config, s.organizationMembershipArguments, ORG_KEY);
  }
}

export type LangfuseProjectMembershipConfig = g.LangfuseProjectMembershipProps & ProjectProps;

/** An organization member's role in one project: pass a LangfuseOrganizationMembership's `email`. */
export class LangfuseProjectMembership extends g.LangfuseProjectMembershipAttributes<ProjectProps> {
  constructor(scope: Construct, id: string, config: LangfuseProjectMembershipConfig) {
    super(scope, id, LangfuseProjectMembership.tfResourceType, config, s.projectMembershipArguments, PROJECT);
  }
}

/** The project key an LLM connection's routes authenticate with; its project owns the connection. */
interface ProjectKeyProps {
  readonly projectApiKey: LangfuseProjectApiKey;
}
const PROJECT_KEY: References<ProjectKeyProps> = {
  props: ["projectApiKey"],
  fills: s.PROJECT_KEY_FILLS,
  arguments: ({ projectApiKey: key }) => (key ? { project_id: key.projectId, project_public_key: key.publicKey, project_secret_key: key.secretKey } : {}),
};

export type LangfuseLlmConnectionConfig = g.LangfuseLlmConnectionProps & ProjectKeyProps;

/** An LLM connection of a project; `secretKey` and `extraHeaders` are write-only: pass sensitive variables. */
export class LangfuseLlmConnection extends g.LangfuseLlmConnectionAttributes<ProjectKeyProps> {
  constructor(scope: Construct, id: string, config: LangfuseLlmConnectionConfig) {
    super(scope, id, LangfuseLlmConnection.tfResourceType, config, s.llmConnectionArguments, PROJECT_KEY);
  }
}

// ── data sources ───────────────────────────────────────────────────────────
export type DataLangfuseProjectConfig = g.DataLangfuseProjectProps & OrgKeyProps;

/** A project found by name (e.g. made in the UI), usable wherever a LangfuseProject is. */
export class DataLangfuseProject extends g.DataLangfuseProjectAttributes<OrgKeyProps> implements LangfuseProjectRef {
  readonly orgApiKey?: LangfuseOrganizationApiKey;
  constructor(scope: Construct, id: string, config: DataLangfuseProjectConfig) {
    super(scope, id, DataLangfuseProject.tfResourceType, config, s.projectDataArguments, ORG_KEY);
    this.orgApiKey = config.orgApiKey;
  }
}

export type DataLangfuseMembershipsConfig = g.DataLangfuseMembershipsProps & OrgKeyProps;

/** Members of a project (`projectId`), or of the organization when absent, sorted by email. */
export class DataLangfuseMemberships extends g.DataLangfuseMembershipsAttributes<OrgKeyProps> {
  constructor(scope: Construct, id: string, config: DataLangfuseMembershipsConfig = {}) {
    super(scope, id, DataLangfuseMemberships.tfResourceType, config, s.membershipsDataArguments, ORG_KEY);
  }
}
