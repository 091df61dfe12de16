/**
 * Drift detection for scheduled reports: refresh every managed object (batched list reads) and
 * report what changed or disappeared outside orgform, plus unmanaged objects: what exists in the
 * collections orgform manages (those of a type the stack declares, and every collection inside a
 * managed organization, workspace or project) but is in no stack.
 * Reads only: it never changes the live APIs or state.
 */
import { compareText } from "../values/compare";
import type { ResourceState, StateDocument } from "../state/document";
import { isSensitive, revealDeep } from "../values/sensitive";
import { parentScope } from "./parent-scope";
import type { EngineContext } from "./context";
import { collectionKey, refreshState, type Collection } from "./refresh";
import { Gone, type Attributes, type OperationContext, type ResourceType } from "../provider/contract";
import type { DriftEntry } from "./types";
import { withSharedReads } from "../http/shared-reads";

export interface UnmanagedObject {
  readonly type: string;
  readonly provider: string;
  /** The parent collection ("" for top-level objects). */
  readonly scope: string;
  readonly id: string;
  /** A human name: the object's name, email or note. */
  readonly label: string;
}

export interface DriftReport {
  readonly stack: string;
  readonly drift: readonly DriftEntry[];
  readonly unmanaged: readonly UnmanagedObject[];
  /** Managed objects checked. */
  readonly checked: number;
}

/** Reads only; like a plan, each GET is sent once (src/http/shared-reads.ts). */
export function detectDrift(context: EngineContext, prevRun: StateDocument, options: { unmanaged: boolean }): Promise<DriftReport> {
  return withSharedReads(() => detectDriftShared(context, prevRun, options));
}

async function detectDriftShared(context: EngineContext, prevRun: StateDocument, options: { unmanaged: boolean }): Promise<DriftReport> {
  const refreshed = await refreshState(context, prevRun);
  const unmanaged: UnmanagedObject[] = [];
  if (options.unmanaged) {
    const collections = [...refreshed.collections, ...(await collectionsRefreshSkipped(context, refreshed.state, refreshed.collections))];
    const managed = managedObjects(context, prevRun);
    for (const collection of collections) {
      // A membership is named by its person's email, where the type declares which field holds it.
      const emailField = context.resourceType(collection.type, collection.type).access?.email;
      for (const object of collection.objects) {
        // A list entry without an id of its own only matches state (an accepted invitation,
        // which is now a membership and reported as one): there is no object to name.
        if (object.id === undefined || object.id === null) continue;
        const id = String(object.id);
        if (managed.has(collection.type, collection.scope, id)) continue;
        unmanaged.push({ type: collection.type, provider: collection.provider, scope: collection.scope, id, label: labelOf(object, emailField) });
      }
    }
  }
  unmanaged.sort((a, b) => compareText(a.type, b.type) || compareText(a.scope, b.scope) || compareText(a.id, b.id));
  const checked = [...prevRun.resources.values()].filter((r) => r.mode === "managed").length;
  return { stack: context.config.stack, drift: refreshed.drift, unmanaged: dedupe(unmanaged, (type) => context.resourceType(type, type).list !== undefined), checked };
}

/**
 * What state accounts for, per collection: a managed object is managed in its own collection
 * only (a member is (project, user): the same user added by hand to another project is
 * unmanaged there). An object inside a managed parent that the parent's state names in one of
 * its computed attributes (say, the memberships an API makes along with a project, recorded at
 * create) is part of that parent, not something made by hand; so is what a managed object names
 * in a sibling collection of its parent (collections of one parent share its scope). Types without
 * a list are matched by id alone, as their collections are read by arguments, not attributes.
 */
export function managedObjects(context: EngineContext, prevRun: StateDocument): { has(type: string, scope: string, id: string): boolean } {
  const inScope = new Set<string>();
  const byType = new Set<string>();
  const key = (type: string, scope: string, id: string) => `${type}\u0000${scope}\u0000${id}`;
  for (const resource of prevRun.resources.values()) {
    if (resource.mode !== "managed") continue;
    const own = context.resourceType(resource.address, resource.type);
    if (own.list) inScope.add(key(resource.type, parentScope(own, resource.attributes)!, String(resource.attributes.id)));
    else byType.add(`${resource.type}\u0000${String(resource.attributes.id)}`);
    const named = own.computed.filter((name) => name !== "id").flatMap((name) => idsIn(resource.attributes[name]));
    if (named.length === 0) continue;
    for (const inner of context.registry.collectionsIn(resource.type)) {
      if (!inner.list?.parent) continue;
      const scope = inner.list.parent.scopeOf(resource.attributes);
      for (const id of named) inScope.add(key(inner.type, scope, id));
    }
    // A service account's first key, listed among the project's keys, is part of the account.
    const holder = own.list?.parent?.type;
    if (!holder || !own.list) continue;
    const ownScope = parentScope(own, resource.attributes)!;
    for (const sibling of context.registry.collectionsIn(holder)) {
      if (sibling.type !== resource.type) for (const id of named) inScope.add(key(sibling.type, ownScope, id));
    }
  }
  return { has: (type, scope, id) => inScope.has(key(type, scope, id)) || byType.has(`${type}\u0000${id}`) };
}

function idsIn(value: unknown): string[] {
  if (typeof value === "string" && value) return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string" && item.length > 0);
  return [];
}

/**
 * The collections refresh did not read: those inside each managed object where the stack manages
 * nothing (an organization's API keys when none is declared), and, for types whose reads need
 * their own credentials (no list: the Langfuse public API), the collections their managed objects
 * live in. A key minted there by hand is exactly what a drift report is for. Read in parallel,
 * bounded by each host's limiter.
 */
export async function collectionsRefreshSkipped(context: EngineContext, state: StateDocument, read: readonly Collection[]): Promise<Collection[]> {
  const seen = new Set(read.map((collection) => collectionKey(collection.provider, collection.type, collection.scope)));
  const reads: Array<Promise<Collection>> = [];
  // `fetch` gets the holder's operation context: the collection is read with its provider configuration.
  const readOnce = (holder: ResourceState, type: ResourceType, scope: string, fetch: (ctx: OperationContext<unknown>) => Promise<ReadonlyArray<Attributes | Gone>>, args?: Attributes) => {
    const key = collectionKey(holder.provider, type.type, scope);
    if (seen.has(key)) return;
    seen.add(key);
    const ctx = context.operation(holder.address, holder.provider);
    reads.push(fetch(ctx).then((objects) => ({ type: type.type, provider: holder.provider, scope, objects: objects.filter((o): o is Attributes => !(o instanceof Gone)), ...(args ? { args } : {}) })));
  };
  for (const resource of state.resources.values()) {
    if (resource.mode !== "managed") continue;
    const own = context.resourceType(resource.address, resource.type);
    const lookup = own.findCreated;
    if (lookup) readOnce(resource, own, parentScope(own, resource.attributes)!, (ctx) => lookup.fetch(ctx, revealDeep(resource.attributes) as Attributes), resource.attributes);
    for (const inner of context.registry.collectionsIn(resource.type)) {
      const list = inner.list;
      const innerLookup = inner.findCreated;
      if (list?.parent) {
        const scope = list.parent.scopeOf(resource.attributes);
        readOnce(resource, inner, scope, (ctx) => list.fetch(ctx, scope));
      } else if (innerLookup?.parent) {
        const args = innerLookup.parent.argsOf(resource.attributes);
        readOnce(resource, inner, innerLookup.scope(args), (ctx) => innerLookup.fetch(ctx, revealDeep(args) as Attributes), args);
      }
    }
  }
  return Promise.all(reads);
}

export function hasDrift(report: DriftReport): boolean {
  return report.drift.length > 0 || report.unmanaged.length > 0;
}

function labelOf(object: Readonly<Record<string, unknown>>, emailField?: string): string {
  for (const key of ["name", emailField ?? "email", "note", "label", "display_name"]) {
    const value = object[key];
    if (typeof value === "string" && value && !isSensitive(value)) return value;
  }
  return String(object.id);
}

/**
 * One line per object. A listed type's scope is its parent (a projects member's id is the
 * person's, the same in every project); a type read through its own credentials may be read in
 * two collections named differently (its own key, its organization's), so its id alone counts.
 */
function dedupe(objects: UnmanagedObject[], listed: (type: string) => boolean): UnmanagedObject[] {
  const seen = new Set<string>();
  return objects.filter((o) => {
    const key = listed(o.type) ? `${o.type}\u0000${o.scope}\u0000${o.id}` : `${o.type}\u0000${o.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
