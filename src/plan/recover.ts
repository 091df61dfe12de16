/**
 * Resolves create intents left in the journal by a run that died (or lost its connection) after
 * sending a create: each intent that state does not account for is looked up through the type's
 * list. A match is adopted into the prior state, so the plan does not create a duplicate; if the
 * type has secrets that only the create response carried, the adopted object is replaced instead
 * (its secret is lost for good, and a key nobody holds must not stay alive).
 */
import type { Attributes } from "../provider/contract";
import { Gone } from "../provider/contract";
import type { ResourceState, StateDocument } from "../state/document";
import type { JournalEntry } from "../state/journal";
import { markSensitive, sameValue } from "./arguments";
import type { EngineContext } from "./context";

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
    if (!type.list) continue;
    const key = `${intent.provider}\u0000${intent.type}\u0000${intent.scope}`;
    if (!listings.has(key)) listings.set(key, type.list.fetch(context.operation(intent.address, intent.provider), intent.scope));
    const objects = await listings.get(key)!;
    const known = new Set([...resources.values()].filter((r) => r.type === intent.type).map((r) => String(r.attributes.id)));
    const candidates = objects.filter(
      (object): object is Attributes => !(object instanceof Gone) && !known.has(String(object.id)) && matchesIntent(object, intent.match, intent.scope),
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
      attributes: markSensitive({ ...intent.match, ...found }, type.sensitive),
      dependencies: [...(context.graph.dependencies.get(intent.address) ?? [])].filter((a) => !a.startsWith("data.")),
    };
    resources.set(intent.address, recovered);
    const secretLost = type.sensitive.some((field) => found[field] === undefined || found[field] === null);
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
