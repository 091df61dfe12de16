/**
 * Refresh: reads every object in the prior state from the live APIs and returns the refreshed
 * state plus the drift (what changed outside orgform). Reads are batched: resources of one type
 * under one parent share a single paginated list walk, and all collections are read in
 * parallel; a per-object read is used only for types without a list ability.
 */
import { compareText } from "../values/compare";
import type { Attributes, ReadResult, ResourceType } from "../provider/contract";
import { Gone } from "../provider/contract";
import type { ResourceState, StateDocument } from "../state/document";
import type { EngineContext } from "./context";
import { parentScope } from "./parent-scope";
import { argumentNames, markSensitive, sameValue } from "./arguments";
import type { DriftEntry } from "./types";

export interface RefreshResult {
  readonly state: StateDocument;
  readonly drift: readonly DriftEntry[];
  /** Objects found archived/expired: gone for all purposes, with the reason. */
  readonly gone: ReadonlyMap<string, string>;
  /** Every collection read, with all its objects: drift reports find unmanaged objects here. */
  readonly collections: readonly Collection[];
}

export interface Collection {
  readonly type: string;
  readonly provider: string;
  readonly scope: string;
  readonly objects: readonly Attributes[];
  /**
   * For a collection read through a type's findCreated lookup: the arguments it was read with,
   * credentials included, so the collections its objects hold can be read the same way. Memory
   * only: never rendered or written.
   */
  readonly args?: Attributes;
}

/** The identity of a collection: one provider configuration's objects of one type in one scope. */
export function collectionKey(provider: string, type: string, scope: string): string {
  return `${provider}\u0000${type}\u0000${scope}`;
}

export async function refreshState(context: EngineContext, prior: StateDocument): Promise<RefreshResult> {
  const managed = [...prior.resources.values()].filter((resource) => resource.mode === "managed");
  const results = new Map<string, ReadResult>();
  const groups = new Map<string, { type: ResourceType; resources: ResourceState[]; scope: string }>();
  const singles: Array<{ type: ResourceType; resource: ResourceState }> = [];
  const collections: Collection[] = [];

  for (const resource of managed) {
    const type = context.resourceType(resource.address, resource.type);
    if (type.list) {
      const scope = parentScope(type, resource.attributes)!;
      const key = collectionKey(resource.provider, type.type, scope);
      const group = groups.get(key) ?? { type, resources: [], scope };
      group.resources.push(resource);
      groups.set(key, group);
    } else singles.push({ type, resource });
  }

  await Promise.all([
    ...[...groups.values()].map(async ({ type, resources, scope }) => {
      const first = resources[0]!;
      const ctx = context.operation(first.address, first.provider);
      const objects = await type.list!.fetch(ctx, scope);
      collections.push({ type: type.type, provider: first.provider, scope, objects: objects.filter((o): o is Attributes => !(o instanceof Gone)) });
      const identity = type.list!.identity ?? ((attributes: Attributes) => String(attributes.id));
      const byId = new Map<string, Attributes | Gone>();
      for (const object of objects) {
        if (object instanceof Gone) {
          if (object.identity !== undefined) byId.set(object.identity, object);
          continue;
        }
        byId.set(identity(object), object);
      }
      // A Gone without its identity is matched through a read of the single object.
      for (const resource of resources) {
        const found = byId.get(identity(resource.attributes));
        if (found) results.set(resource.address, found);
        else results.set(resource.address, await readGoneAware(type, context, resource, objects));
      }
    }),
    ...singles.map(async ({ type, resource }) => {
      results.set(resource.address, await type.read(context.operation(resource.address, resource.provider), resource.attributes));
    }),
  ]);

  const resources = new Map(prior.resources);
  const drift: DriftEntry[] = [];
  const gone = new Map<string, string>();
  for (const resource of managed) {
    const type = context.resourceType(resource.address, resource.type);
    const result = results.get(resource.address);
    const sensitiveKeys = type.sensitive;
    if (result === null || result === undefined) {
      resources.delete(resource.address);
      drift.push({ address: resource.address, kind: "deleted", before: resource.attributes, after: null, changedKeys: [], sensitiveKeys });
      continue;
    }
    if (result instanceof Gone) {
      resources.delete(resource.address);
      gone.set(resource.address, result.reason);
      drift.push({ address: resource.address, kind: "gone", before: resource.attributes, after: null, changedKeys: [], reasonText: result.reason, sensitiveKeys });
      continue;
    }
    const attributes = mergeRead(resource.attributes, result, sensitiveKeys);
    const argumentKeys = argumentNames(type);
    const changedKeys = argumentKeys.filter((key) => key in result && !(type.writeOnly ?? []).includes(key) && !sameValue(resource.attributes[key], attributes[key]));
    if (changedKeys.length > 0) {
      drift.push({ address: resource.address, kind: "changed", before: resource.attributes, after: attributes, changedKeys, sensitiveKeys });
    }
    resources.set(resource.address, { ...resource, attributes });
  }
  drift.sort((a, b) => compareText(a.address, b.address));
  return { state: { ...prior, resources }, drift, gone, collections };
}

async function readGoneAware(type: ResourceType, context: EngineContext, resource: ResourceState, listed: ReadonlyArray<Attributes | Gone>): Promise<ReadResult> {
  if (!listed.some((object) => object instanceof Gone && object.identity === undefined)) return null;
  return type.read(context.operation(resource.address, resource.provider), resource.attributes);
}

/** Attributes a read does not return (secrets shown once, write-only values) keep their prior value. */
export function mergeRead(prior: Attributes, read: Attributes, sensitiveKeys: readonly string[]): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...prior };
  for (const [key, value] of Object.entries(read)) {
    if (value === undefined) continue;
    if (value === null && sensitiveKeys.includes(key) && prior[key] !== undefined && prior[key] !== null) continue;
    merged[key] = value;
  }
  return markSensitive(merged, sensitiveKeys, prior);
}
