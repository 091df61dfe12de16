/**
 * cdktf constructs for the read-only `projects_*` data sources (re-exported by constructs.ts;
 * a separate file only to keep each under the size the house style asks for).
 */
import { TerraformDataSource, type IResolvable, type TerraformMetaArguments } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import { compact, validateProps } from "../construct-kit";
import { isoInstant, projectSort, role, type Role } from "./schemas";

const GENERATOR = { providerName: "projects" };
const projectIdSchema = z.string().min(1, "must be a project id");
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

/** The organization's projects, always read fresh (bypassing the API's 5-minute list cache). */
export class DataProjects extends TerraformDataSource {
  static readonly tfResourceType = "projects_projects";
  private readonly props: DataProjectsConfig;
  constructor(scope: Construct, id: string, config: DataProjectsConfig = {}) {
    super(scope, id, { ...config, terraformResourceType: DataProjects.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    const count = z.number().int().min(0).optional();
    validateProps(
      scope,
      id,
      z.object({
        role: z.array(role).optional(),
        hasWallet: z.boolean().optional(),
        hasTools: z.boolean().optional(),
        hasNotebooks: z.boolean().optional(),
        minMembers: count,
        maxMembers: count,
        name: z.string().optional(),
        sort: projectSort.optional(),
        createdAfter: isoInstant.optional(),
        createdBefore: isoInstant.optional(),
      }),
      config,
    );
    this.props = config;
  }
  get ids(): string[] {
    return this.getListAttribute("ids");
  }
  /** Objects with id, name, is_default, created_at, updated_at, members_count, tools_count, notebooks_count, has_wallet, role. */
  get projects(): IResolvable {
    return this.interpolationForAttribute("projects");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    const p = this.props;
    return compact({
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
    });
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

/** Daily metrics from the Langfuse public API, read with the project's own key pair. */
export class DataProjectDailyMetrics extends TerraformDataSource {
  static readonly tfResourceType = "projects_daily_metrics";
  private readonly props: DataProjectDailyMetricsConfig;
  constructor(scope: Construct, id: string, config: DataProjectDailyMetricsConfig) {
    super(scope, id, { ...config, terraformResourceType: DataProjectDailyMetrics.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    validateProps(
      scope,
      id,
      z.object({ projectId: projectIdSchema, from: isoInstant.optional(), to: isoInstant.optional(), tags: z.array(z.string()).optional(), pageSize }),
      { projectId: config.projectId, from: config.from, to: config.to, tags: config.tags, pageSize: config.pageSize },
    );
    this.props = config;
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
  protected override synthesizeAttributes(): Record<string, unknown> {
    const p = this.props;
    return compact({ project_id: p.projectId, from: p.from, to: p.to, tags: p.tags, page_size: p.pageSize });
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

/** Every matching trace (all pages) from the Langfuse public API. */
export class DataProjectTraces extends TerraformDataSource {
  static readonly tfResourceType = "projects_traces";
  private readonly props: DataProjectTracesConfig;
  constructor(scope: Construct, id: string, config: DataProjectTracesConfig) {
    super(scope, id, { ...config, terraformResourceType: DataProjectTraces.tfResourceType, terraformGeneratorMetadata: GENERATOR });
    validateProps(
      scope,
      id,
      z.object({
        projectId: projectIdSchema,
        name: z.string().optional(),
        userId: z.string().optional(),
        sessionId: z.string().optional(),
        from: isoInstant.optional(),
        to: isoInstant.optional(),
        orderBy: z.string().optional(),
        tags: z.array(z.string()).optional(),
        pageSize,
      }),
      { projectId: config.projectId, name: config.name, userId: config.userId, sessionId: config.sessionId, from: config.from, to: config.to, orderBy: config.orderBy, tags: config.tags, pageSize: config.pageSize },
    );
    this.props = config;
  }
  /** Objects with id, timestamp, name, user_id, session_id, release, version, tags, total_cost, latency. */
  get traces(): IResolvable {
    return this.interpolationForAttribute("traces");
  }
  /** The number of traces read (named so as not to clash with the `count` meta-argument). */
  get traceCount(): number {
    return this.getNumberAttribute("count");
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    const p = this.props;
    return compact({
      project_id: p.projectId,
      name: p.name,
      user_id: p.userId,
      session_id: p.sessionId,
      from: p.from,
      to: p.to,
      order_by: p.orderBy,
      tags: p.tags,
      page_size: p.pageSize,
    });
  }
}
