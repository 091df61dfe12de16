/**
 * Resolves create intents left in the journal by a run that died (or lost its connection) after
 * sending a create: each intent that state does not account for is looked up through the type's
 * list (or, for a type whose reads need the object's own credentials, its findCreated lookup).
 * A match is adopted into the prior state, so the plan does not create a duplicate; if the
 * type has secrets that only the create response carried, the adopted object is replaced instead
 * (its secret is lost for good, and a key nobody holds must not stay alive).
 */
import { evaluate } from "../config/expression";
import { Gone, type Attributes, type ResourceType } from "../provider/contract";
import type { ResourceState, StateDocument } from "../state/document";
import type { JournalEntry } from "../state/journal";
import { revealDeep } from "../values/sensitive";
import { containsUnknown } from "../values/unknown";
import { markSensitive, normalizeArguments, sameValue } from "./arguments";
import { ValuesScope, type EngineContext } from "./context";
import { collectionKey } from "./refresh";
import { splitSecretMeta } from "./secret-meta";

export interface Recovery {
  readonly state: StateDocument;
  /** address → what happened, for the plan's text. */
  readonly adopted: ReadonlyMap<string, string>;
  /** Addresses adopted without their secret: the plan replaces them. */
  readonly replace: readonly string[];
}

export async function recoverInterruptedCreates(context: EngineContext, state: StateDocument, journal: readonly JournalEntry[]): Promise<Recovery> {
  const resources = new Map(state.resources);
  const adopted = new Map<string, string>();
  const replace: string[] = [];
  const listings = new Map<string, Promise<ReadonlyArray<Attributes | Gone>>>();
  for (const intent of journal) {
    if (resources.has(intent.address) || !context.config.resources.has(intent.address)) continue;
    const type = context.resourceType(intent.address, intent.type);
    const where = await objectsWhereMade(context, type, intent, resources, listings);
    if (!where) continue;
    const { objects, args } = where;
    const known = new Set([...resources.values()].filter((r) => r.type === intent.type).map((r) => String(r.attributes.id)));
    const candidates = objects.filter(
      (object): object is Attributes =>
        !(object instanceof Gone) && !known.has(String(object.id)) && !madeBefore(object, intent.at) && matchesIntent(object, intent.match, intent.scope),
    );
    const found = candidates[candidates.length - 1];
    if (!found) continue;
    const resource = context.config.resources.get(intent.address)!;
    const recovered: ResourceState = {
      address: intent.address,
      mode: "managed",
      type: intent.type,
      name: resource.name,
      provider: intent.provider,
      attributes: markSensitive({ ...intent.match, ...args, ...found }, type.sensitive),
      dependencies: [...(context.graph.dependencies.get(intent.address) ?? [])].filter((a) => !a.startsWith("data.")),
    };
    resources.set(intent.address, recovered);
    const secretLost = type.sensitive.some((field) => recovered.attributes[field] === undefined || recovered.attributes[field] === null);
    if (secretLost) {
      replace.push(intent.address);
      adopted.set(intent.address, `created by an interrupted run (id ${String(found.id)}) whose secret was never recorded: it will be deleted and created again`);
    } else {
      adopted.set(intent.address, `created by an interrupted run (id ${String(found.id)}): adopted, not created again`);
    }
  }
  return { state: { ...state, resources }, adopted, replace };
}

/**
 * What is now where the intent's create would have put its object: the type's list of the
 * scope (one read per scope), or, for a type whose reads need the object's own credentials, its
 * lookup called with the resource's arguments evaluated against what state holds now (returned
 * too: the credentials among them belong in the adopted state). Undefined when the type has
 * neither, or its arguments cannot be known yet (what they reference is gone).
 */
async function objectsWhereMade(
  context: EngineContext,
  type: ResourceType,
  intent: JournalEntry,
  resources: ReadonlyMap<string, ResourceState>,
  listings: Map<string, Promise<ReadonlyArray<Attributes | Gone>>>,
): Promise<{ objects: ReadonlyArray<Attributes | Gone>; args?: Attributes } | undefined> {
  const ctx = context.operation(intent.address, intent.provider);
  if (type.list) {
    const key = collectionKey(intent.provider, intent.type, intent.scope);
    if (!listings.has(key)) listings.set(key, type.list.fetch(ctx, intent.scope));
    return { objects: await listings.get(key)! };
  }
  if (!type.findCreated) return undefined;
  const args = currentArguments(context, type, intent.address, resources);
  if (!args || type.findCreated.scope(args) !== intent.scope) return undefined;
  const objects = await type.findCreated.fetch(ctx, revealDeep(args) as Attributes);
  // Write-only arguments are never kept in state (apply drops them the same way).
  const kept = Object.fromEntries(Object.entries(args).filter(([key]) => !(type.writeOnly ?? []).includes(key)));
  return { objects, args: kept };
}

function currentArguments(context: EngineContext, type: ResourceType, address: string, resources: ReadonlyMap<string, ResourceState>): Attributes | undefined {
  const resource = context.config.resources.get(address)!;
  const values = new Map([...resources.values()].filter((r) => r.mode === "managed").map((r) => [r.address, r.attributes]));
  try {
    const body = evaluate(resource.body, new ValuesScope(context, values, new Map()), address);
    const meta = splitSecretMeta(type, body, context.providerSecretSink(resource.provider), address);
    const args = normalizeArguments(type, meta.body, address, resource.constructPath);
    return containsUnknown(args) ? undefined : args;
  } catch {
    // A reference that cannot be resolved before the plan (a data source, a removed parent):
    // the intent stays unresolved and the plan creates the object as it would have.
    return undefined;
  }
}

/** Clock skew allowed between this machine (the intent's time) and an API's created_at. */
const CLOCK_SKEW_MS = 10 * 60 * 1000;

/**
 * An object the API says was made well before the intent cannot be the one it announced (an
 * object someone else made earlier with the same arguments must never be adopted, let alone
 * replaced). created_at is ISO text or Unix seconds; objects without it are not judged.
 */
function madeBefore(object: Attributes, at: string): boolean {
  const created = object.created_at;
  const createdMs = typeof created === "string" ? Date.parse(created) : typeof created === "number" ? (created < 1e12 ? created * 1000 : created) : NaN;
  const intentMs = Date.parse(at);
  return Number.isFinite(createdMs) && Number.isFinite(intentMs) && createdMs < intentMs - CLOCK_SKEW_MS;
}

/**
 * Whether a listed object is the one an intent announced. The intent holds every non-secret
 * argument, but some never come back from the API (a local trigger such as the projects
 * invitation's `resend_on_apply`, an input the API only accepts): comparing those would never
 * match, so the next apply would POST again and meet a duplicate or a 409 on every run. So
 * arguments the listed object lacks are skipped, provided one compared argument besides the
 * parent (scope) id is left: skipping must not make an object someone else made in the same
 * parent look like ours. Every argument compared must be equal.
 */
function matchesIntent(object: Attributes, match: Readonly<Record<string, unknown>>, scope: string): boolean {
  const entries = Object.entries(match);
  const comparable = entries.filter(([field]) => object[field] !== undefined);
  if (comparable.length < entries.length && !comparable.some(([, value]) => value !== scope)) return false;
  return comparable.every(([field, value]) => sameValue(object[field], value));
}
