/**
 * Read-only data sources: `projects_projects` (the project list with every filter and sort the
 * API offers), and the analytics ones served by the Langfuse public API with the project's own
 * key pair: `projects_daily_metrics` and `projects_traces`, each reading every page.
 */
import type { DataSourceType, OperationContext } from "../../../src/provider/contract";
import type { HttpClient } from "../../../src/http/client";
import type { z } from "zod";
import { OrgformError } from "../../../src/errors";
import { FRESH, ROUTES, type ProjectsSession } from "../client";
import { projectKeys } from "./project";
import {
  dailyMetricsArguments,
  dailyMetricsPage,
  pageMeta,
  projectList,
  projectsQueryArguments,
  tracesArguments,
  tracesPage,
} from "../spec";

type Query = Readonly<Record<string, string | number | boolean | undefined>>;

/** A runaway guard: a server that keeps reporting more pages cannot loop forever. */
const MAX_PAGES = 1000;

/**
 * Reads pages 1…totalPages of a Langfuse list (`{ data, meta: { page, limit, totalItems,
 * totalPages } }`) and returns every item in order.
 */
export async function readAllPages<T>(
  client: HttpClient,
  path: string,
  query: Query,
  limit: number,
  schema: z.ZodType<{ data: T[]; meta: z.infer<typeof pageMeta> }>,
): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data, meta } = await client.request({ method: "GET", path, query: { ...query, page, limit }, schema });
    items.push(...data);
    if (data.length === 0 || page >= meta.totalPages) return items;
  }
  throw new OrgformError("API_ERROR", `Langfuse public API: ${path} reported more than ${MAX_PAGES} pages; narrow the data source's filters.`);
}

/** A Langfuse client for a project, with the key pair read from the Projects API. */
async function analyticsClient(session: ProjectsSession, projectId: string): Promise<HttpClient> {
  const keys = await projectKeys(session, session.organizationId, projectId);
  return session.langfuse(keys.publicKey, keys.secretKey);
}

function parseArguments<T>(address: string, schema: z.ZodType<T>, args: unknown): T {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new OrgformError("ARGUMENT_INVALID", `${address}: ${issue.path.join(".") || "arguments"}: ${issue.message}.`, { address });
}

export const projectsDataSource: DataSourceType<ProjectsSession> = {
  type: "projects_projects",
  arguments: projectsQueryArguments,

  async read({ session, address }: OperationContext<ProjectsSession>, rawArgs) {
    const args = parseArguments(address, projectsQueryArguments, rawArgs);
    const { data } = await session.http.request({
      method: "GET",
      path: ROUTES.projects(session.organizationId),
      query: {
        role: args.role?.join(","),
        hasWallet: args.has_wallet,
        hasTools: args.has_tools,
        hasNotebooks: args.has_notebooks,
        minMembers: args.min_members,
        maxMembers: args.max_members,
        name: args.name,
        sort: args.sort,
        createdAfter: args.created_after,
        createdBefore: args.created_before,
        ...FRESH,
      },
      schema: projectList,
    });
    const projects = data.map(({ id, attributes }) => ({
      id,
      name: attributes.name,
      is_default: attributes.isDefault,
      created_at: attributes.createdAt,
      updated_at: attributes.updatedAt ?? null,
      members_count: attributes.membersCount ?? null,
      tools_count: attributes.toolsCount ?? null,
      notebooks_count: attributes.notebooksCount ?? null,
      has_wallet: attributes.hasWallet ?? null,
      role: attributes.role ?? null,
    }));
    return { ...rawArgs, id: session.organizationId, ids: projects.map((project) => project.id), projects };
  },
};

export const dailyMetricsDataSource: DataSourceType<ProjectsSession> = {
  type: "projects_daily_metrics",
  arguments: dailyMetricsArguments,

  async read({ session, address }, rawArgs) {
    const args = parseArguments(address, dailyMetricsArguments, rawArgs);
    const client = await analyticsClient(session, args.project_id);
    const query = {
      fromTimestamp: args.from,
      toTimestamp: args.to,
      // The seed: "comma-separated tags".
      tags: args.tags.length > 0 ? args.tags.join(",") : undefined,
    };
    const metrics = await readAllPages(client, ROUTES.dailyMetrics(), query, args.page_size, dailyMetricsPage);
    const days = metrics.map((day) => ({
      date: day.date,
      count_traces: day.countTraces,
      count_observations: day.countObservations,
      total_cost: day.totalCost,
      usage: day.usage.map((usage) => ({
        model: usage.model,
        input_usage: usage.inputUsage,
        output_usage: usage.outputUsage,
        total_usage: usage.totalUsage,
      })),
    }));
    return {
      ...rawArgs,
      id: args.project_id,
      days,
      total_traces: days.reduce((sum, day) => sum + day.count_traces, 0),
      total_cost: days.reduce((sum, day) => sum + day.total_cost, 0),
    };
  },
};

export const tracesDataSource: DataSourceType<ProjectsSession> = {
  type: "projects_traces",
  arguments: tracesArguments,

  async read({ session, address }, rawArgs) {
    const args = parseArguments(address, tracesArguments, rawArgs);
    const client = await analyticsClient(session, args.project_id);
    // Langfuse takes one `tags` parameter per tag; the client's query sets one value per key,
    // so the repeated ones ride in the path (the client appends the rest after them).
    const tags = args.tags.map((tag) => `tags=${encodeURIComponent(tag)}`).join("&");
    const path = tags ? `${ROUTES.traces()}?${tags}` : ROUTES.traces();
    const query = {
      name: args.name,
      userId: args.user_id,
      sessionId: args.session_id,
      fromTimestamp: args.from,
      toTimestamp: args.to,
      orderBy: args.order_by,
    };
    const found = await readAllPages(client, path, query, args.page_size, tracesPage);
    const traces = found.map((trace) => ({
      id: trace.id,
      timestamp: trace.timestamp,
      name: trace.name,
      user_id: trace.userId,
      session_id: trace.sessionId,
      release: trace.release ?? null,
      version: trace.version ?? null,
      tags: trace.tags,
      total_cost: trace.totalCost ?? null,
      latency: trace.latency ?? null,
    }));
    return { ...rawArgs, id: args.project_id, count: traces.length, traces };
  },
};

export const dataSources = [projectsDataSource, dailyMetricsDataSource, tracesDataSource] as const;
