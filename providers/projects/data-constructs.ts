/**
 * cdktf constructs for the read-only `projects_*` data sources (re-exported by constructs.ts;
 * a separate file only to keep each under the size the house style asks for). Each takes its
 * type's arguments schema in camelCase as props (providers/spec-construct.ts).
 */
import type { IResolvable } from "cdktf";
import type { Construct } from "constructs";
import { SpecDataSource, type PropsOf } from "../spec-construct";
import { dailyMetricsArguments, projectsQueryArguments, tracesArguments } from "./schemas";

export type DataProjectsConfig = PropsOf<typeof projectsQueryArguments>;

/** The organization's projects, always read fresh (bypassing the API's 5-minute list cache). */
export class DataProjects extends SpecDataSource<typeof projectsQueryArguments> {
  static readonly tfResourceType = "projects_projects";
  constructor(scope: Construct, id: string, config: DataProjectsConfig = {}) {
    super(scope, id, DataProjects.tfResourceType, config, projectsQueryArguments);
  }
  get ids(): string[] {
    return this.getListAttribute("ids");
  }
  /** Objects with id, name, is_default, created_at, updated_at, members_count, tools_count, notebooks_count, has_wallet, role. */
  get projects(): IResolvable {
    return this.interpolationForAttribute("projects");
  }
}

export type DataProjectDailyMetricsConfig = PropsOf<typeof dailyMetricsArguments>;

/** Daily metrics from the Langfuse public API, read with the project's own key pair. */
export class DataProjectDailyMetrics extends SpecDataSource<typeof dailyMetricsArguments> {
  static readonly tfResourceType = "projects_daily_metrics";
  constructor(scope: Construct, id: string, config: DataProjectDailyMetricsConfig) {
    super(scope, id, DataProjectDailyMetrics.tfResourceType, config, dailyMetricsArguments);
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
}

export type DataProjectTracesConfig = PropsOf<typeof tracesArguments>;

/** Every matching trace (all pages) from the Langfuse public API. */
export class DataProjectTraces extends SpecDataSource<typeof tracesArguments> {
  static readonly tfResourceType = "projects_traces";
  constructor(scope: Construct, id: string, config: DataProjectTracesConfig) {
    super(scope, id, DataProjectTraces.tfResourceType, config, tracesArguments);
  }
  /** Objects with id, timestamp, name, user_id, session_id, release, version, tags, total_cost, latency. */
  get traces(): IResolvable {
    return this.interpolationForAttribute("traces");
  }
  /** The number of traces read (named so as not to clash with the `count` meta-argument). */
  get traceCount(): number {
    return this.getNumberAttribute("count");
  }
}
