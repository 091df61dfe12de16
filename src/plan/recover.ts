/**
 * Resolves the create journal (state/journal.ts) of runs that died or lost their connection
 * mid-create. The rules, in the order they are applied to each intent:
 *
 * - An intent of another state lineage is never acted on (it belongs to another state).
 * - `refused`: the API made nothing; settled.
 * - `made`: the journal holds the object as state would record it, secrets included: adopted
 *   unless state already records it (a copy state still points at moves aside, "deposed", and
 *   the plan deletes it: both objects are provably orgform's).
 * - No outcome, or `unknown`: the object may or may not exist. Objects in the intent's parent
 *   that match its arguments, are in no state entry, and were created inside the request's own
 *   window (intent written → answer or deadline), or whose creation time the API does not give,
 *   are candidates. Exactly one is adopted when no secret is needed or the API hands its secrets
 *   out again (readSecrets). Timing alone is no proof of who made an object (a colleague can make
 *   a look-alike in the same moment), so a candidate whose secret only the lost answer carried is
 *   never adopted and never deleted, and neither are several candidates: the plan reports their
 *   ids and what to do, and creates the object anew.
 *
 * Every intent resolved here is listed in `settled`: apply retires it once the state recording
 * the resolution is written.
 */
import { Gone, type Attributes, type ResourceType } from "../provider/contract";
import { parseState, type ResourceState, type StateDocument } from "../state/document";
import { journalRecords, type CreateIntent, type CreateOutcome, type JournalEntry } from "../state/journal";
import { revealDeep } from "../values/sensitive";
import { markSensitive, sameValue } from "./arguments";
import type { EngineContext } from "./context";
import { collectionKey } from "./refresh";
import { mintedSecrets } from "./secret-meta";
import { clockSkewMs, currentArguments, insideWindow } from "./recover-window";
import { deposedCopy } from "./deposed";
import { parentScope } from "./parent-scope";

export interface Recovery {
  readonly state: StateDocument;
  /** address → what happened, for the plan's warnings. */
  readonly adopted: ReadonlyMap<string, string>;
  /** Notes on intents that were not acted on (ambiguous, another lineage). */
  readonly notes: readonly string[];
  /** Intent ids this plan resolved: retired once the resulting state is written. */
  readonly settled: readonly string[];
}

type Listings = Map<string, Promise<ReadonlyArray<Attributes | Gone>>>;

export async function recoverInterruptedCreates(context: EngineContext, state: StateDocument, journal: readonly JournalEntry[]): Promise<Recovery> {
  const resources = new Map(state.resources);
  const adopted = new Map<string, string>();
  const notes: string[] = [];
  const settled: string[] = [];
  const listings: Listings = new Map();
  const records = journalRecords(journal);
  const foreign = records.filter((record) => record.intent.lineage !== state.lineage);
  if (foreign.length > 0) {
    notes.push(`the create journal holds ${foreign.length} record(s) of another state (lineage ${foreign[0]!.intent.lineage}): they are not acted on.`);
  }
  for (const { intent, outcome } of records) {
    if (intent.lineage !== state.lineage) continue;
    const type = context.resourceType(intent.address, intent.type);
    if (outcome?.result === "refused") {
      settled.push(intent.intent);
    } else if (outcome?.result === "made") {
      const note = await adoptMade(context, type, intent, outcome, resources, listings);
      if (note) adopted.set(intent.address, note);
      settled.push(intent.intent);
    } else {
      const result = await resolveUnknown(context, type, intent, outcome, resources, listings);
      if (result.adopted) adopted.set(intent.address, result.adopted);
      if (result.note) notes.push(result.note);
      if (result.settled) settled.push(intent.intent);
    }
  }
  return { state: { ...state, resources }, adopted, notes, settled };
}

/** A create the journal says was made: state gets it unless state already records it. */
async function adoptMade(
  context: EngineContext,
  type: ResourceType,
  intent: CreateIntent,
  outcome: CreateOutcome,
  resources: Map<string, ResourceState>,
  listings: Listings,
): Promise<string | undefined> {
  if (!outcome.state) return undefined;
  const made = parseState(outcome.state, "the create journal").resources.get(intent.address);
  if (!made) return undefined;
  // Already in state (at this address, or moved): identity is per parent, as ids need not be
  // unique across parents (a projects member's id is the person's, the same in every project).
  const current = resources.get(intent.address);
  if (current && sameObject(type, current.attributes, made.attributes)) return undefined;
  if (heldByState(type, intent, resources)(made.attributes)) return undefined;
  if (type.list) {
    const listed = await listing(context, type, intent, listings);
    if (!listed.some((object) => !(object instanceof Gone) && identityOf(type, object) === identityOf(type, made.attributes))) return undefined;
  }
  if (current) resources.set(...deposed(current));
  resources.set(intent.address, { ...made, dependencies: dependenciesOf(context, intent.address, made) });
  return `created by an interrupted run (id ${outcome.id}), recorded in its journal: adopted${mintedSecrets(type).length > 0 ? " with its secrets" : ""}, not created again`;
}

interface UnknownResolution {
  readonly adopted?: string;
  readonly note?: string;
  readonly settled: boolean;
}

async function resolveUnknown(
  context: EngineContext,
  type: ResourceType,
  intent: CreateIntent,
  outcome: CreateOutcome | undefined,
  resources: Map<string, ResourceState>,
  listings: Listings,
): Promise<UnknownResolution> {
  const where = await objectsWhereMade(context, type, intent, resources, listings);
  if (!where || where === "elsewhere") {
    // Where the object would be cannot be read now (its parent is gone, its credentials unknown):
    // wait while the resource may still be able to (its arguments are not known yet), not once
    // they name another parent (the credentials to look in the old one are gone with it).
    if (!where && context.config.resources.has(intent.address)) return { settled: false };
    return { settled: true, note: `${intent.address}: an interrupted run may have created a ${intent.type} in ${intent.scope || "the organization"}, and orgform cannot look there any more; check for it by hand.` };
  }
  const held = heldByState(type, intent, resources);
  const end = outcome?.at ?? intent.deadline;
  const matching = where.objects.filter(
    // An entry without an id (an accepted invitation in a projects list) is no object orgform could manage.
    (object): object is Attributes =>
      !(object instanceof Gone) && object.id !== undefined && object.id !== null && !held(object) && matchesIntent(object, intent.match, intent.scope),
  );
  const undated = matching.filter((object) => insideWindow(object, intent.at, end) === undefined);
  const inWindow = matching.filter((object) => insideWindow(object, intent.at, end) === true);
  const candidates = [...inWindow, ...undated];
  // Nothing there yet. A request whose answer never came (a killed run) may still be committed
  // by a slow server until its deadline: keep the intent until then, so an object that lands
  // later is still found (a member would otherwise meet a 409 on every later apply).
  if (candidates.length === 0) return { settled: Date.now() > Date.parse(outcome?.at ?? intent.deadline) + clockSkewMs() };
  const single = candidates.length === 1 ? candidates[0]! : undefined;
  const ids = candidates.map((object) => String(object.id)).join(", ");
  if (!single) {
    return {
      settled: true,
      note:
        `${intent.address}: an interrupted run may have created it, but ${candidates.length} objects match it (id ${ids}), so orgform adopts none and deletes none. ` +
        `If one of them is orgform's, run \`orgform state rm ${intent.address}\` (if it is in state) and \`orgform import ${intent.address} <id>\`.`,
    };
  }
  const secretsNeeded = mintedSecrets(type).length > 0;
  const secrets = secretsNeeded && type.readSecrets ? await type.readSecrets(context.operation(intent.address, intent.provider), revealDeep({ ...where.args, ...single }) as Attributes) : {};
  const attributes = markSensitive({ ...intent.match, ...where.args, ...single, ...secrets }, type.sensitive);
  if (secretsNeeded && mintedSecrets(type).some((field) => attributes[field] === undefined || attributes[field] === null)) {
    // Only the lost answer carried the secret. The object may be this run's, or a look-alike a
    // colleague made meanwhile: timing cannot tell them apart, so it is neither kept nor deleted.
    return {
      settled: true,
      note:
        `${intent.address}: an interrupted run may have created it (id ${ids}), but its secret was never recorded and a look-alike made meanwhile by someone else would look the same, so orgform deletes none and creates a new one. ` +
        `If ${ids} is orgform's, nobody holds its secret: revoke it in the API (\`orgform drift\` lists it as unmanaged).`,
    };
  }
  const current = resources.get(intent.address);
  const replaced = current && type.forceNew.some((field) => field in intent.match && !sameValue(revealDeep(current.attributes[field]), intent.match[field]));
  if (current && replaced) {
    // State holds the object a create-first replacement replaces (its arguments are not the
    // intent's): the candidate is that replacement. The old one moves aside (deposed), as for a
    // `made` record, and the plan deletes it; state proves it orgform's.
    resources.set(...deposed(current));
  } else if (current) {
    // State already holds an object at this address (made since, or the one a replacement was
    // to replace): this one may have landed late, or be a colleague's. Never swapped in.
    return {
      settled: true,
      note:
        `${intent.address}: an interrupted run may have created another one (id ${ids}) besides the one state holds, so orgform adopts none and deletes none. ` +
        `If ${ids} is orgform's and not wanted, delete it in the API (\`orgform drift\` lists it as unmanaged).`,
    };
  }
  resources.set(intent.address, { address: intent.address, mode: "managed", type: intent.type, name: nameOf(intent.address), provider: intent.provider, attributes, dependencies: dependenciesOf(context, intent.address) });
  const how = secretsNeeded ? "adopted with its secrets read again, not created again" : "adopted, not created again";
  return { settled: true, adopted: `created by an interrupted run (id ${ids}): ${how}` };
}

/**
 * What is now where the intent's create would have put its object: the type's list of the
 * scope (one read per scope), or, for a type whose reads need the object's own credentials, its
 * findCreated lookup called with the resource's arguments evaluated against what state holds now
 * (returned too: the credentials among them belong in the adopted state). "elsewhere" when those
 * arguments now name another parent than the intent's.
 */
async function objectsWhereMade(
  context: EngineContext,
  type: ResourceType,
  intent: CreateIntent,
  resources: ReadonlyMap<string, ResourceState>,
  listings: Listings,
): Promise<{ objects: ReadonlyArray<Attributes | Gone>; args?: Attributes } | "elsewhere" | undefined> {
  if (type.list) return { objects: await listing(context, type, intent, listings) };
  if (!type.findCreated || !context.config.resources.has(intent.address)) return undefined;
  const args = currentArguments(context, type, intent.address, resources);
  if (!args) return undefined;
  if (parentScope(type, args) !== intent.scope) return "elsewhere";
  const objects = await type.findCreated.fetch(context.operation(intent.address, intent.provider), revealDeep(args) as Attributes);
  // Write-only arguments are never kept in state (apply drops them the same way).
  const kept = Object.fromEntries(Object.entries(args).filter(([key]) => !(type.writeOnly ?? []).includes(key)));
  return { objects, args: kept };
}

function listing(context: EngineContext, type: ResourceType, intent: CreateIntent, listings: Listings): Promise<ReadonlyArray<Attributes | Gone>> {
  const key = collectionKey(intent.provider, intent.type, intent.scope);
  if (!listings.has(key)) listings.set(key, type.list!.fetch(context.operation(intent.address, intent.provider), intent.scope));
  return listings.get(key)!;
}

/**
 * Whether state already holds an object: one of the intent's type with the same identity in the
 * same parent (identity is per parent: a projects member is (project, user)). The parent is the
 * intent's, or the one the object itself names: an intent made without an optional parent
 * argument records "" (the provider's default, a projects project's organization), while state
 * and the API's list name it ("org_…"), and orgform's own object must never pass for a stranger's
 * (it was reported as "another one besides the one state holds", with advice to delete it).
 */
function heldByState(type: ResourceType, intent: CreateIntent, resources: ReadonlyMap<string, ResourceState>): (object: Attributes) => boolean {
  const held = [...resources.values()]
    .filter((r) => r.mode === "managed" && r.type === intent.type && r.provider === intent.provider)
    .map((r) => ({ scope: parentScope(type, r.attributes), identity: identityOf(type, r.attributes) }));
  return (object) => {
    const identity = identityOf(type, object);
    const ownScope = parentScope(type, object);
    return held.some((r) => r.identity === identity && (r.scope === intent.scope || r.scope === ownScope));
  };
}

/**
 * Whether two records are one object: the same identity in the same parent (a projects member's
 * id is the person's, the same in every project). A record without its parent ("", the
 * provider's default) is taken to be in the other's.
 */
function sameObject(type: ResourceType, a: Attributes, b: Attributes): boolean {
  if (identityOf(type, a) !== identityOf(type, b)) return false;
  const [left, right] = [parentScope(type, a) ?? "", parentScope(type, b) ?? ""];
  return left === right || left === "" || right === "";
}

function identityOf(type: ResourceType, attributes: Attributes): string {
  return type.list?.identity ? type.list.identity(revealDeep(attributes) as Attributes) : String(revealDeep(attributes.id));
}

function deposed(resource: ResourceState): [string, ResourceState] {
  const copy = deposedCopy(resource);
  return [copy.address, copy];
}

function nameOf(address: string): string {
  return address.slice(address.indexOf(".") + 1);
}

function dependenciesOf(context: EngineContext, address: string, made?: ResourceState): string[] {
  const declared = context.graph.dependencies.get(address);
  if (!declared) return [...(made?.dependencies ?? [])];
  return [...declared].filter((a) => !a.startsWith("data."));
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
