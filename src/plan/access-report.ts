/**
 * The access review: who has access to what across every configured provider. Every type that
 * declares `access` (memberships, project users, invitations) is read through the same list
 * endpoints and shared reads as refresh and drift: the collections refresh reads, those inside
 * managed objects, the organization-wide ones of every configured provider, and those inside
 * every workspace or project found there (made by hand or not). Reads only.
 */
import { compareText } from "../values/compare";
import { isSensitive, revealDeep } from "../values/sensitive";
import type { StateDocument } from "../state/document";
import { Gone, type AccessFields, type Attributes, type OperationContext, type ResourceType } from "../provider/contract";
import type { EngineContext } from "./context";
import { collectionKey, refreshState, type Collection } from "./refresh";
import { collectionsRefreshSkipped, managedObjects } from "./drift";
import { withSharedReads } from "../http/shared-reads";

/** One grant: a person's role on the organization, a workspace or a project of one provider. */
export interface AccessEntry {
  readonly email: string;
  /** The provider configuration (`anthropic`, `anthropic.eu`). */
  readonly provider: string;
  readonly type: string;
  /** "organization", "workspace", "project". */
  readonly on: string;
  /** The workspace or project id; "" for the organization. */
  readonly target: string;
  readonly targetName: string | null;
  readonly role: string | null;
  /** Access state (denied/active) or an invitation's status, where the API gives one. */
  readonly state: string | null;
  readonly invitation: boolean;
  /** The stack manages this grant (its address), or null: made by hand. */
  readonly address: string | null;
  readonly stack: string;
}

export interface AccessFilter {
  readonly email?: string;
  readonly provider?: string;
}

/** Reads only; like a plan, each GET is sent once (src/http/shared-reads.ts). */
export function reportAccess(context: EngineContext, prevRun: StateDocument, filter: AccessFilter): Promise<AccessEntry[]> {
  return withSharedReads(() => reportAccessShared(context, prevRun, filter));
}

async function reportAccessShared(context: EngineContext, prevRun: StateDocument, filter: AccessFilter): Promise<AccessEntry[]> {
  const providers = [...context.config.providers.keys()].filter((key) => !filter.provider || key.split(".")[0] === filter.provider);
  if (providers.length === 0) return [];
  const refreshed = await refreshState(context, prevRun);
  const collections = [...refreshed.collections, ...(await collectionsRefreshSkipped(context, refreshed.state, refreshed.collections))];
  collections.push(...(await readEverywhere(context, providers, collections)));

  const managed = managedObjects(context, prevRun);
  const addresses = new Map<string, string>();
  for (const resource of prevRun.resources.values()) if (resource.mode === "managed") addresses.set(`${resource.type}\u0000${String(resource.attributes.id)}`, resource.address);
  const names = new Map<string, string>();
  const emails = new Map<string, string>();
  for (const collection of collections) {
    const fields = accessOf(context, collection.type);
    for (const object of collection.objects) {
      if (typeof object.name === "string" && object.id !== undefined) names.set(`${collection.provider}\u0000${String(object.id)}`, object.name);
      const email = fields?.email ? text(object[fields.email]) : null;
      const userId = fields?.userId ? text(object[fields.userId]) : null;
      if (email && userId) emails.set(`${collection.provider}\u0000${userId}`, email);
    }
  }

  const entries = new Map<string, AccessEntry>();
  const listed = new Set<string>();
  for (const collection of collections) {
    if (!providers.includes(collection.provider)) continue;
    const fields = accessOf(context, collection.type);
    if (!fields) continue;
    for (const object of collection.objects) {
      const userId = fields.userId ? text(object[fields.userId]) : null;
      const email = (fields.email ? text(object[fields.email]) : null) ?? (userId ? emails.get(`${collection.provider}\u0000${userId}`) : undefined) ?? userId;
      if (!email || (filter.email && email.toLowerCase() !== filter.email.toLowerCase())) continue;
      // An accepted invitation grants nothing more: its person is listed by their membership.
      if (fields.invitation && fields.state && /^accepted$/i.test(String(object[fields.state]))) continue;
      const target = fields.container ? (text(object[fields.container]) ?? collection.scope) : "";
      const id = String(object.id);
      const isManaged = managed.has(collection.type, collection.scope, id);
      const entry: AccessEntry = {
        email: email.toLowerCase(),
        provider: collection.provider,
        type: collection.type,
        on: fields.on,
        target,
        targetName: target ? (names.get(`${collection.provider}\u0000${target}`) ?? null) : null,
        role: text(object[fields.role]),
        state: fields.state ? text(object[fields.state]) : null,
        invitation: fields.invitation === true,
        address: isManaged ? (addresses.get(`${collection.type}\u0000${id}`) ?? null) : null,
        stack: context.config.stack,
      };
      entries.set(`${entry.provider}\u0000${entry.type}\u0000${target}\u0000${id}`, entry);
      listed.add(`${entry.provider}\u0000${entry.type}\u0000${id}`);
    }
  }
  // Managed grants whose type has no list (read one by one by refresh) come from refreshed state.
  for (const resource of refreshed.state.resources.values()) {
    const fields = resource.mode === "managed" ? accessOf(context, resource.type) : undefined;
    if (!fields || !providers.includes(resource.provider)) continue;
    const key = `${resource.provider}\u0000${resource.type}\u0000`;
    if (listed.has(`${key}${String(resource.attributes.id)}`)) continue;
    const email = (fields.email ? text(resource.attributes[fields.email]) : null)?.toLowerCase();
    if (!email || (filter.email && email !== filter.email.toLowerCase())) continue;
    const target = fields.container ? (text(resource.attributes[fields.container]) ?? "") : "";
    entries.set(`${key}${target}\u0000${String(resource.attributes.id)}`, {
      email,
      provider: resource.provider,
      type: resource.type,
      on: fields.on,
      target,
      targetName: target ? (names.get(`${resource.provider}\u0000${target}`) ?? null) : null,
      role: text(resource.attributes[fields.role]),
      state: fields.state ? text(resource.attributes[fields.state]) : null,
      invitation: fields.invitation === true,
      address: resource.address,
      stack: context.config.stack,
    });
  }
  return [...entries.values()].sort(compareEntries);
}

/** By person, provider, organization before workspaces/projects, then the target's name: ids are random, names are what a reader scans. */
export function compareEntries(a: AccessEntry, b: AccessEntry): number {
  return (
    compareText(a.email, b.email) ||
    compareText(a.provider, b.provider) ||
    compareText(rank(a.on), rank(b.on)) ||
    compareText(a.targetName ?? a.target, b.targetName ?? b.target) ||
    compareText(a.target, b.target) ||
    compareText(a.type, b.type)
  );
}

function rank(on: string): string {
  return on === "organization" ? "0" : `1${on}`;
}

function accessOf(context: EngineContext, type: string): AccessFields | undefined {
  try {
    return context.registry.resourceType(type, type).type.access;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" && !isSensitive(value) ? value : null;
}

/**
 * The collections refresh and drift leave out: each configured provider's organization-wide
 * lists of access types and of the workspaces and projects that hold them, then the access
 * collections inside every workspace or project found, managed or not.
 */
async function readEverywhere(context: EngineContext, providers: readonly string[], read: readonly Collection[]): Promise<Collection[]> {
  const seen = new Set(read.map((collection) => collectionKey(collection.provider, collection.type, collection.scope)));
  const fetched: Collection[] = [];
  // One read per collection; `fetch` defaults to the type's list of the scope.
  const readOnce = async (
    provider: string,
    type: ResourceType,
    scope: string,
    fetch: (ctx: OperationContext<unknown>) => Promise<ReadonlyArray<Attributes | Gone>> = (ctx) => type.list!.fetch(ctx, scope),
  ): Promise<void> => {
    const key = collectionKey(provider, type.type, scope);
    if (seen.has(key)) return;
    seen.add(key);
    const objects = await fetch(context.operation(`provider.${provider}`, provider));
    fetched.push({ type: type.type, provider, scope, objects: objects.filter((o): o is Attributes => !(o instanceof Gone)) });
  };
  const holders = (type: string) => context.registry.collectionsIn(type).filter((inner) => inner.access && inner.list?.parent);
  await Promise.all(
    providers.flatMap((provider) => {
      const definition = context.registry.provider(provider.split(".")[0]!);
      const roots = (definition?.resources ?? []).filter((type) => type.list && !type.list.parent && (type.access || holders(type.type).length > 0));
      return roots.map((type) => readOnce(provider, type, ""));
    }),
  );
  const containers = [...read, ...fetched].filter((collection) => providers.includes(collection.provider) && holders(collection.type).length > 0);
  await Promise.all(
    containers.flatMap((collection) =>
      collection.objects.flatMap((container) => holders(collection.type).map((inner) => readOnce(collection.provider, inner, inner.list!.parent!.scopeOf(container)))),
    ),
  );
  // Types read with their parent's credentials (the Langfuse public API): inside every object of a
  // collection that was itself read with credentials (a project made by hand, seen through the
  // organization key that lists it).
  const lookupHolders = (type: string) => context.registry.collectionsIn(type).filter((inner) => inner.access && !inner.list && inner.findCreated?.parent);
  await Promise.all(
    read
      .filter((collection) => collection.args && providers.includes(collection.provider))
      .flatMap((collection) =>
        collection.objects.flatMap((container) =>
          lookupHolders(collection.type).map((inner) => {
            const lookup = inner.findCreated!;
            const args = lookup.parent!.argsOf({ ...collection.args, ...container });
            return readOnce(collection.provider, inner, lookup.scope(args), (ctx) => lookup.fetch(ctx, revealDeep(args) as Attributes));
          }),
        ),
      ),
  );
  return fetched;
}
