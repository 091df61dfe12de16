/**
 * cdktf constructs for the read-only `projects_*` data sources (re-exported by constructs.ts;
 * a separate file only to keep each under the size the house style asks for).
 */
import type { IResolvable, TerraformMetaArguments } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import { OrgformDataSource } from "../construct-base";
import { isoInstant, projectSort, role, type Role } from "./schemas";

/** Shared with the resources in constructs.ts, which import it from here (not the other way round). */
export const projectIdSchema = z.string().min(1, "must be a project id");
const pageSize = z.number().int().min(1).max(100).optional();

export interface DataProjectsConfig extends TerraformMetaArguments {
  /** Projects where the authenticated user has one of these roles. */
  readonly role?: Array<Role | Lowercase<Role>>;
  /** true: only projects with a wallet; false: only those without. */
  readonly hasWallet?: boolean;
  readonly hasTools?: boolean;
  readonly hasNotebooks?: boolean;
  readonly minMembers?: number;
  readonly maxMembers?: number;
  /** Case-insensitive substring. */
  readonly name?: string;
  /** name, created_at, updated_at, alphabetical, members_count, tools_count, notebooks_count, recent_activity; "-" prefix: descending. */
  readonly sort?: string;
  readonly createdAfter?: string;
  readonly createdBefore?: string;
}

const memberCount = z.number().int().min(0).optional();
const projectsFilterProps = z.object({
  role: z.array(role).optional(),
  hasWallet: z.boolean().optional(),
  hasTools: z.boolean().optional(),
  hasNotebooks: z.boolean().optional(),
  minMembers: memberCount,
  maxMembers: memberCount,
  name: z.string().optional(),
  sort: projectSort.optional(),
  createdAfter: isoInstant.optional(),
  createdBefore: isoInstant.optional(),
});

/** The organization's projects, always read fresh (bypassing the API's 5-minute list cache). */
export class DataProjects extends OrgformDataSource<DataProjectsConfig> {
  static readonly tfResourceType = "projects_projects";
  constructor(scope: Construct, id: string, config: DataProjectsConfig = {}) {
    super(scope, id, DataProjects.tfResourceType, config, projectsFilterProps);
  }
  get ids(): string[] {
    return this.getListAttribute("ids");
  }
  /** Objects with id, name, is_default, created_at, updated_at, members_count, tools_count, notebooks_count, has_wallet, role. */
  get projects(): IResolvable {
    return this.interpolationForAttribute("projects");
  }
  protected override terraformArguments(p: DataProjectsConfig): Record<string, unknown> {
    return {
      role: p.role,
      has_wallet: p.hasWallet,
      has_tools: p.hasTools,
      has_notebooks: p.hasNotebooks,
      min_members: p.minMembers,
      max_members: p.maxMembers,
      name: p.name,
      sort: p.sort,
      created_after: p.createdAfter,
      created_before: p.createdBefore,
    };
  }
}

export interface DataProjectDailyMetricsConfig extends TerraformMetaArguments {
  readonly projectId: string;
  /** ISO 8601. */
  readonly from?: string;
  readonly to?: string;
  readonly tags?: string[];
  /** Items per page while reading every page (1–100, default 50). */
  readonly pageSize?: number;
}

const dailyMetricsProps = z.object({ projectId: projectIdSchema, from: isoInstant.optional(), to: isoInstant.optional(), tags: z.array(z.string()).optional(), pageSize });

/** Daily metrics from the Langfuse public API, read with the project's own key pair. */
export class DataProjectDailyMetrics extends OrgformDataSource<DataProjectDailyMetricsConfig> {
  static readonly tfResourceType = "projects_daily_metrics";
  constructor(scope: Construct, id: string, config: DataProjectDailyMetricsConfig) {
    super(scope, id, DataProjectDailyMetrics.tfResourceType, config, dailyMetricsProps);
  }
  /** Objects with date, count_traces, count_observations, total_cost, usage. */
  get days(): IResolvable {
    return this.interpolationForAttribute("days");
  }
  get totalTraces(): number {
    return this.getNumberAttribute("total_traces");
  }
  get totalCost(): number {
    return this.getNumberAttribute("total_cost");
  }
  protected override terraformArguments(p: DataProjectDailyMetricsConfig): Record<string, unknown> {
    return { project_id: p.projectId, from: p.from, to: p.to, tags: p.tags, page_size: p.pageSize };
  }
}

export interface DataProjectTracesConfig extends TerraformMetaArguments {
  readonly projectId: string;
  readonly name?: string;
  readonly userId?: string;
  readonly sessionId?: string;
  readonly from?: string;
  readonly to?: string;
  /** e.g. "timestamp.desc". */
  readonly orderBy?: string;
  readonly tags?: string[];
  readonly pageSize?: number;
}

const optionalText = z.string().optional();
const tracesFilterProps = z.object({
  projectId: projectIdSchema,
  name: optionalText,
  userId: optionalText,
  sessionId: optionalText,
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  orderBy: optionalText,
  tags: z.array(z.string()).optional(),
  pageSize,
});

/** Every matching trace (all pages) from the Langfuse public API. */
export class DataProjectTraces extends OrgformDataSource<DataProjectTracesConfig> {
  static readonly tfResourceType = "projects_traces";
  constructor(scope: Construct, id: string, config: DataProjectTracesConfig) {
    super(scope, id, DataProjectTraces.tfResourceType, config, tracesFilterProps);
  }
  /** Objects with id, timestamp, name, user_id, session_id, release, version, tags, total_cost, latency. */
  get traces(): IResolvable {
    return this.interpolationForAttribute("traces");
  }
  /** The number of traces read (named so as not to clash with the `count` meta-argument). */
  get traceCount(): number {
    return this.getNumberAttribute("count");
  }
  protected override terraformArguments(p: DataProjectTracesConfig): Record<string, unknown> {
    return {
      project_id: p.projectId,
      name: p.name,
      user_id: p.userId,
      session_id: p.sessionId,
      from: p.from,
      to: p.to,
      order_by: p.orderBy,
      tags: p.tags,
      page_size: p.pageSize,
    };
  }
}
