/**
 * What the Projects API computes, typed and described (each resource type's `computed` names are
 * its schema's keys), and the constructs scripts/generate-constructs.ts writes from these and the
 * arguments schemas (spec.ts) into constructs.generated.ts. Beside spec.ts only to keep each
 * file under the size the house style asks for.
 */
import { z } from "zod";
import type { ConstructSpec } from "../spec-construct";
import * as s from "./spec";
import { sensitive, volatile } from "../../src/provider/kit/modifiers";

const id = z.string().describe("The object's id.");
const time = (what: string) => z.string().nullable().describe(`${what} (ISO 8601); null when the API has none.`);
const publicKey = z.string().describe("The key pair's public key.");
const secretKey = z.string().describe("Sensitive: the API returns it only when the object is made (state keeps it); reference it only from sensitive outputs.");

export const projectComputed = z.object({
  id,
  organization_id: z.string().describe("The organization the project belongs to."),
  is_default: z.boolean().describe("Whether this is the organization's default project."),
  public_key: publicKey,
  secret_key: sensitive(secretKey),
  created_at: time("When the project was made"),
  initial_member_ids: z.array(z.string()).describe("The members the API added when it made the project."),
});
export const apiKeyComputed = z.object({ id, public_key: publicKey, secret_key: sensitive(secretKey), created_at: time("When the key was made"), last_used_at: time("When the key was last used") });
export const llmApiKeyComputed = z.object({
  id,
  display_secret_key: z.string().describe("The provider's key as the API shows it (redacted)."),
  created_at: time("When the key was added"),
});
export const memberComputed = z.object({ id: z.string().describe("The user's id.") });
export const invitationComputed = z.object({
  id,
  status: z.string().describe('"pending", or "accepted" once the invitee joined.'),
  expires_at: volatile(time("When the invitation expires")),
  last_sent_at: volatile(time("When the invitation was last sent")),
});
export const projectsQueryComputed = z.object({
  ids: z.array(z.string()).describe("The projects' ids."),
  projects: z
    .array(z.record(z.string(), z.unknown()))
    .describe("Objects with id, name, is_default, created_at, updated_at, members_count, tools_count, notebooks_count, has_wallet, role."),
});
export const dailyMetricsComputed = z.object({
  days: z.array(z.record(z.string(), z.unknown())).describe("Objects with date, count_traces, count_observations, total_cost, usage."),
  total_traces: z.number().describe("Traces over all the days."),
  total_cost: z.number().describe("Cost over all the days."),
});
export const tracesComputed = z.object({
  traces: z.array(z.record(z.string(), z.unknown())).describe("Objects with id, timestamp, name, user_id, session_id, release, version, tags, total_cost, latency."),
  count: z.number().meta({ description: "The number of traces read (named so as not to clash with the `count` meta-argument).", getter: "traceCount" }),
});

export const constructSpecs: readonly ConstructSpec[] = [
  { construct: "ProjectsProvider", kind: "provider", type: "projects", arguments: s.providerConfig },
  { construct: "Project", kind: "resource", type: "projects_project", doc: "A project, with the key pair the API makes for it. Renamed in place.", arguments: s.projectArguments, attributes: projectComputed, secret: true },
  { construct: "ProjectApiKey", kind: "resource", type: "projects_api_key", doc: "A project key: its label is updated in place, a new expiry replaces it.", arguments: s.apiKeyArguments, attributes: apiKeyComputed, secret: true },
  {
    construct: "ProjectLlmApiKey",
    kind: "resource",
    type: "projects_llm_api_key",
    doc: "An LLM provider's key in a project; `secretKey` is sensitive and write-only (pass a sensitive variable, never a literal). Any change replaces the key: the API can only create and delete.",
    arguments: s.llmApiKeyArguments,
    attributes: llmApiKeyComputed,
  },
  {
    construct: "ProjectMember",
    kind: "resource",
    type: "projects_member",
    doc: 'A project member; its id is the user\'s id. The role changes in place, a new organization role replaces it; `access: "denied"` takes access away in place and "active" restores it.',
    arguments: s.memberArguments,
    attributes: memberComputed,
  },
  {
    construct: "ProjectInvitation",
    kind: "resource",
    type: "projects_invitation",
    doc: "Any change but resendOnApply replaces the invitation; an accepted one is left alone.",
    arguments: s.invitationArguments,
    attributes: invitationComputed,
  },
  { construct: "DataProjects", kind: "data", type: "projects_projects", doc: "The organization's projects, always read fresh (bypassing the API's 5-minute list cache).", arguments: s.projectsQueryArguments, attributes: projectsQueryComputed },
  {
    construct: "DataProjectDailyMetrics",
    kind: "data",
    type: "projects_daily_metrics",
    doc: "Daily metrics from the Langfuse public API, read with the project's own key pair.",
    arguments: s.dailyMetricsArguments,
    attributes: dailyMetricsComputed,
  },
  { construct: "DataProjectTraces", kind: "data", type: "projects_traces", doc: "Every matching trace (all pages) from the Langfuse public API.", arguments: s.tracesArguments, attributes: tracesComputed },
];
