/**
 * cdktf constructs for what the Langfuse public API manages with an organization- or
 * project-scoped key pair: projects, project API keys, organization and project memberships, LLM
 * connections, and the data sources. Each takes its type's arguments schema (schemas-public.ts)
 * in camelCase, but for the credentials: they travel as references to key resources (so the
 * engine orders creates and deletes by them: a project is deleted before the organization key it
 * uses, and that key before its organization) or come from the provider; never from ids.
 */
import type { IResolvable } from "cdktf";
import type { Construct } from "constructs";
import type { SecretDeliveryProps } from "../construct-kit";
import { SpecDataSource, SpecKeyPairResource, SpecResource, type PropsWithout, type References } from "../spec-construct";
import type { LangfuseOrganizationApiKey } from "./constructs";
import {
  llmConnectionArguments,
  membershipsDataArguments,
  organizationDataArguments,
  organizationMembershipArguments,
  projectApiKeyArguments,
  projectArguments,
  projectDataArguments,
  projectMembershipArguments,
} from "./schemas-public";

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

type OrgKeyArguments = "org_public_key" | "org_secret_key";

function orgKeyAttributes(key: LangfuseOrganizationApiKey | undefined): Record<string, unknown> {
  return key ? { org_public_key: key.publicKey, org_secret_key: key.secretKey } : {};
}

const ORG_KEY: References<OrgKeyProps> = { props: ["orgApiKey"], fills: ["org_public_key", "org_secret_key"], arguments: (p) => orgKeyAttributes(p.orgApiKey) };
const PROJECT: References<ProjectProps> = {
  props: ["project"],
  fills: ["org_public_key", "org_secret_key", "project_id"],
  arguments: (p) => ({ ...orgKeyAttributes(p.project?.orgApiKey), project_id: p.project?.id }),
};

export type LangfuseProjectConfig = PropsWithout<typeof projectArguments, OrgKeyArguments> & OrgKeyProps;

/** A project (3–60 characters, unique in the organization), renamed in place. */
export class LangfuseProject extends SpecResource<typeof projectArguments, OrgKeyProps, OrgKeyArguments> implements LangfuseProjectRef {
  static readonly tfResourceType = "langfuse_project";
  readonly orgApiKey?: LangfuseOrganizationApiKey;
  constructor(scope: Construct, id: string, config: LangfuseProjectConfig) {
    super(scope, id, LangfuseProject.tfResourceType, config, projectArguments, ORG_KEY);
    this.orgApiKey = config.orgApiKey;
  }
  get name(): string {
    return this.getStringAttribute("name");
  }
}

export type LangfuseProjectApiKeyConfig = PropsWithout<typeof projectApiKeyArguments, OrgKeyArguments | "project_id"> & ProjectProps & SecretDeliveryProps;

/** A project key pair; a note change replaces it (the API cannot update keys). */
export class LangfuseProjectApiKey extends SpecKeyPairResource<typeof projectApiKeyArguments, ProjectProps, OrgKeyArguments | "project_id"> {
  static readonly tfResourceType = "langfuse_project_api_key";
  constructor(scope: Construct, id: string, config: LangfuseProjectApiKeyConfig) {
    super(scope, id, LangfuseProjectApiKey.tfResourceType, config, projectApiKeyArguments, PROJECT);
  }
  get projectId(): string {
    return this.getStringAttribute("project_id");
  }
}

export type LangfuseOrganizationMembershipConfig = PropsWithout<typeof organizationMembershipArguments, OrgKeyArguments> & OrgKeyProps;

/** Adopts the Langfuse user with this email into the organization; a new email replaces it. */
export class LangfuseOrganizationMembership extends SpecResource<typeof organizationMembershipArguments, OrgKeyProps, OrgKeyArguments> {
  static readonly tfResourceType = "langfuse_organization_membership";
  constructor(scope: Construct, id: string, config: LangfuseOrganizationMembershipConfig) {
    super(scope, id, LangfuseOrganizationMembership.tfResourceType, config, organizationMembershipArguments, ORG_KEY);
  }
  get userId(): string {
    return this.getStringAttribute("user_id");
  }
  /** Reference this from a LangfuseProjectMembership so the organization membership comes first. */
  get email(): string {
    return this.getStringAttribute("email");
  }
}

export type LangfuseProjectMembershipConfig = PropsWithout<typeof projectMembershipArguments, OrgKeyArguments | "project_id"> & ProjectProps;

/** An organization member's role in one project: pass a LangfuseOrganizationMembership's `email`. */
export class LangfuseProjectMembership extends SpecResource<typeof projectMembershipArguments, ProjectProps, OrgKeyArguments | "project_id"> {
  static readonly tfResourceType = "langfuse_project_membership";
  constructor(scope: Construct, id: string, config: LangfuseProjectMembershipConfig) {
    super(scope, id, LangfuseProjectMembership.tfResourceType, config, projectMembershipArguments, PROJECT);
  }
  get userId(): string {
    return this.getStringAttribute("user_id");
  }
}

/** The project key an LLM connection's routes authenticate with; its project owns the connection. */
interface ProjectKeyProps {
  readonly projectApiKey: LangfuseProjectApiKey;
}
type ProjectKeyArguments = "project_id" | "project_public_key" | "project_secret_key";
const PROJECT_KEY: References<ProjectKeyProps> = {
  props: ["projectApiKey"],
  fills: ["project_id", "project_public_key", "project_secret_key"],
  arguments: ({ projectApiKey: key }) => (key ? { project_id: key.projectId, project_public_key: key.publicKey, project_secret_key: key.secretKey } : {}),
};

export type LangfuseLlmConnectionConfig = PropsWithout<typeof llmConnectionArguments, ProjectKeyArguments> & ProjectKeyProps;

/** An LLM connection of a project; `secretKey` and `extraHeaders` are write-only: pass sensitive variables. */
export class LangfuseLlmConnection extends SpecResource<typeof llmConnectionArguments, ProjectKeyProps, ProjectKeyArguments> {
  static readonly tfResourceType = "langfuse_llm_connection";
  constructor(scope: Construct, id: string, config: LangfuseLlmConnectionConfig) {
    super(scope, id, LangfuseLlmConnection.tfResourceType, config, llmConnectionArguments, PROJECT_KEY);
  }
}

// ── data sources ───────────────────────────────────────────────────────────
export class DataLangfuseOrganization extends SpecDataSource<typeof organizationDataArguments> {
  static readonly tfResourceType = "langfuse_organization";
  constructor(scope: Construct, id: string, config: PropsWithout<typeof organizationDataArguments, never>) {
    super(scope, id, DataLangfuseOrganization.tfResourceType, config, organizationDataArguments);
  }
}

export type DataLangfuseProjectConfig = PropsWithout<typeof projectDataArguments, OrgKeyArguments> & OrgKeyProps;

/** A project found by name (e.g. made in the UI), usable wherever a LangfuseProject is. */
export class DataLangfuseProject extends SpecDataSource<typeof projectDataArguments, OrgKeyProps, OrgKeyArguments> implements LangfuseProjectRef {
  static readonly tfResourceType = "langfuse_project";
  readonly orgApiKey?: LangfuseOrganizationApiKey;
  constructor(scope: Construct, id: string, config: DataLangfuseProjectConfig) {
    super(scope, id, DataLangfuseProject.tfResourceType, config, projectDataArguments, ORG_KEY);
    this.orgApiKey = config.orgApiKey;
  }
}

export type DataLangfuseMembershipsConfig = PropsWithout<typeof membershipsDataArguments, OrgKeyArguments> & OrgKeyProps;

/** Members of a project (`projectId`), or of the organization when absent, sorted by email. */
export class DataLangfuseMemberships extends SpecDataSource<typeof membershipsDataArguments, OrgKeyProps, OrgKeyArguments> {
  static readonly tfResourceType = "langfuse_memberships";
  constructor(scope: Construct, id: string, config: DataLangfuseMembershipsConfig = {}) {
    super(scope, id, DataLangfuseMemberships.tfResourceType, config, membershipsDataArguments, ORG_KEY);
  }
  get emails(): string[] {
    return this.getListAttribute("emails");
  }
  /** Objects with user_id, email, name, role. */
  get memberships(): IResolvable {
    return this.interpolationForAttribute("memberships");
  }
}
