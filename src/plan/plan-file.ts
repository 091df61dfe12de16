/**
 * Saved plans (`orgform plan -out=plan.bin`, then `orgform apply plan.bin`): the plan reviewed
 * in a pull request is exactly the plan applied. The file records the plan, the digest of the
 * cdk.tf.json it was made from, and the serial and lineage of the state it was made against;
 * apply refuses it when any of them no longer matches. Unknown and sensitive values are tagged
 * in the JSON; the file holds secrets, so it is written 0600 (and encrypted when state
 * encryption is on, by the caller).
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { OrgformError } from "../errors";
import { parseState, serializeState } from "../state/document";
import { Sensitive } from "../values/sensitive";
import { Unknown, unknown } from "../values/unknown";
import type { Plan } from "./types";

const FORMAT = "orgform-plan";
// 2: each change carries its changed keys (older files lack them, so they are refused).
const VERSION = 2;

const fileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  stack: z.string(),
  configDigest: z.string(),
  plan: z.record(z.string(), z.unknown()),
  priorState: z.string(),
});

export function configDigest(cdkTfJsonText: string): string {
  return `sha256:${createHash("sha256").update(cdkTfJsonText).digest("hex")}`;
}

export function encodePlan(plan: Plan, digest: string): string {
  const { priorState, dataResults, ...rest } = plan;
  const body = { ...rest, dataResults: [...dataResults] };
  return JSON.stringify({ format: FORMAT, version: VERSION, stack: plan.stack, configDigest: digest, plan: tag(body), priorState: serializeState(priorState) });
}

export function decodePlan(text: string, source: string): { plan: Plan; configDigest: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OrgformError("PLAN_INVALID", `${source} is not an orgform plan file (not JSON). Make one with \`orgform plan -out=${source}\`.`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw new OrgformError("PLAN_INVALID", `${source} is not an orgform plan file of version ${VERSION}. Make a new one with \`orgform plan -out=${source}\`.`);
  const body = untag(parsed.data.plan) as Omit<Plan, "priorState" | "dataResults"> & { dataResults: Array<[string, Record<string, unknown>]> };
  const plan: Plan = { ...body, dataResults: new Map(body.dataResults), priorState: parseState(parsed.data.priorState, `${source} (prior state)`) };
  return { plan, configDigest: parsed.data.configDigest };
}

function tag(value: unknown): unknown {
  if (value instanceof Unknown) return { $orgform: "unknown" };
  if (value instanceof Sensitive) return { $orgform: "sensitive", value: tag(value.reveal()) };
  if (Array.isArray(value)) return value.map(tag);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tag(v)]));
  return value;
}

function untag(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untag);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record.$orgform === "unknown") return unknown;
    if (record.$orgform === "sensitive") return new Sensitive(untag(record.value));
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, untag(v)]));
  }
  return value;
}
