/**
 * Two questions recovery asks of an object it finds where an interrupted create would have put
 * one: was it made inside that request's own window, and what are the resource's arguments now
 * (a type whose reads need the object's own credentials is looked up with them).
 */
import { evaluate } from "../config/expression";
import type { Attributes, ResourceType } from "../provider/contract";
import type { ResourceState } from "../state/document";
import { containsUnknown } from "../values/unknown";
import { normalizeArguments } from "./arguments";
import { ValuesScope, type EngineContext } from "./context";
import { splitSecretMeta } from "./secret-meta";

/**
 * Clock difference allowed between this machine (the intent's times) and an API's created_at.
 * Wider windows make more look-alikes ambiguous (never deleted, but not adopted either); an API
 * whose clock is further off than this is seen as having made nothing, and orgform creates the
 * object again. ORGFORM_CLOCK_SKEW_MS overrides it.
 */
export function clockSkewMs(): number {
  const raw = Number(process.env.ORGFORM_CLOCK_SKEW_MS);
  return Number.isFinite(raw) && raw >= 0 ? raw : 1000;
}

/**
 * Whether the object was created inside [from, to] (ISO times of this machine), or undefined
 * when the API gives no creation time. created_at is ISO text or Unix seconds (a whole second:
 * the object was made somewhere in that second).
 */
export function insideWindow(object: Attributes, from: string, to: string): boolean | undefined {
  const created = object.created_at ?? object.createdAt;
  let start: number;
  let resolution = 0;
  if (typeof created === "number") {
    const seconds = created < 1e12;
    start = seconds ? created * 1000 : created;
    resolution = seconds && Number.isInteger(created) ? 1000 : 0;
  } else if (typeof created === "string") {
    start = Date.parse(created);
    if (!/\.\d/.test(created)) resolution = 1000;
  } else return undefined;
  if (!Number.isFinite(start)) return undefined;
  const skew = clockSkewMs();
  return start <= Date.parse(to) + skew && start + resolution >= Date.parse(from) - skew;
}

/**
 * The resource's arguments evaluated against what state holds now, secrets included, or
 * undefined when they cannot be known yet (what they reference is gone or unknown).
 */
export function currentArguments(context: EngineContext, type: ResourceType, address: string, resources: ReadonlyMap<string, ResourceState>): Attributes | undefined {
  const resource = context.config.resources.get(address)!;
  const values = new Map([...resources.values()].filter((r) => r.mode === "managed").map((r) => [r.address, r.attributes]));
  try {
    const body = evaluate(resource.body, new ValuesScope(context, values, new Map()), address);
    const meta = splitSecretMeta(type, body, context.providerSecretSink(resource.provider), address);
    const args = normalizeArguments(type, meta.body, address, resource.constructPath);
    return containsUnknown(args) ? undefined : args;
  } catch {
    // A reference that cannot be resolved before the plan (a data source, a removed parent).
    return undefined;
  }
}
