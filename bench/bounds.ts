/**
 * The floors the measurements are compared with. A batched refresh cannot beat reading the
 * largest collection's pages one after another (each page needs the previous page's cursor),
 * with every collection read in parallel: that is the lower bound. The HTTP client also caps
 * requests in flight per host, so a second, host-limited bound is given for context.
 */
import { limiterFor } from "../src/http/host-limiter";
import { DEFAULT_CONCURRENCY } from "../src/http/limits";
import type { EngineContext } from "../src/plan/context";
import { collectionKey } from "../src/plan/refresh";
import type { StateDocument } from "../src/state/document";
import type { EmulatorWorker } from "./emulators";
import { benchParts } from "./shape";

/** Items per list call by type: the largest page each provider asks for (each bench part says; Infinity: not paginated). */
const PAGE_SIZES: ReadonlyMap<string, number> = new Map(benchParts.flatMap(([, part]) => [part.parent, part.child].map((type) => [type.type, type.pageSize] as const)));
const DEFAULT_PAGE_SIZE = 100;

/** Objects a list also returns besides the stack's own, by type (an organization's default project, say). */
const ALSO_LISTED: ReadonlyMap<string, number> = new Map(benchParts.flatMap(([, part]) => [part.parent, part.child].map((type) => [type.type, type.alsoListed ?? 0] as const)));

export interface Collection {
  readonly provider: string;
  readonly type: string;
  readonly scope: string;
  readonly size: number;
  readonly pages: number;
}

/** The list collections a refresh of `state` walks, grouped exactly as the engine groups them. */
export function collections(context: EngineContext, state: StateDocument): Collection[] {
  const groups = new Map<string, { provider: string; type: string; scope: string; size: number }>();
  for (const resource of state.resources.values()) {
    if (resource.mode !== "managed") continue;
    const type = context.resourceType(resource.address, resource.type);
    if (!type.list) continue;
    const scope = type.list.scope(resource.attributes);
    const key = collectionKey(resource.provider, resource.type, scope);
    const group = groups.get(key) ?? { provider: resource.provider, type: resource.type, scope, size: 0 };
    group.size++;
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => ({
    ...group,
    pages: Math.max(1, Math.ceil((group.size + (ALSO_LISTED.get(group.type) ?? 0)) / (PAGE_SIZES.get(group.type) ?? DEFAULT_PAGE_SIZE))),
  }));
}

export interface LowerBounds {
  readonly collections: number;
  readonly largestCollection: number;
  readonly totalPages: number;
  readonly maxPages: number;
  /** maxPages × latency: pages in sequence per collection, collections in parallel. */
  readonly lowerBoundMs: number;
  /** Requests in flight allowed per host, by provider (each emulator is its own host). */
  readonly hostConcurrency: Readonly<Record<string, number>>;
  /** Also respecting the client's per-host cap on requests in flight. */
  readonly hostLimitedBoundMs: number;
}

export function lowerBounds(found: readonly Collection[], latencyMs: number, concurrency: Readonly<Record<string, number>>): LowerBounds {
  const maxPages = Math.max(0, ...found.map((c) => c.pages));
  const byProvider = new Map<string, number>();
  for (const c of found) byProvider.set(c.provider, (byProvider.get(c.provider) ?? 0) + c.pages);
  const hostRounds = Math.max(0, ...[...byProvider].map(([provider, pages]) => Math.ceil(pages / (concurrency[provider] ?? DEFAULT_CONCURRENCY))));
  return {
    collections: found.length,
    largestCollection: Math.max(0, ...found.map((c) => c.size)),
    totalPages: found.reduce((sum, c) => sum + c.pages, 0),
    maxPages,
    lowerBoundMs: maxPages * latencyMs,
    hostConcurrency: concurrency,
    hostLimitedBoundMs: Math.max(maxPages, hostRounds) * latencyMs,
  };
}

/** The per-host concurrency the HTTP clients use for each emulator (after a plan made them). */
export function hostConcurrency(emulators: EmulatorWorker): Record<string, number> {
  return Object.fromEntries(Object.entries(emulators.urls).map(([provider, url]) => [provider, limiterFor(new URL(url).origin, { concurrency: DEFAULT_CONCURRENCY }).limits.concurrency]));
}

/** Σ over dependency levels of ceil(level / parallelism) × latency. */
export function createsIdeal(levels: readonly number[], parallelism: number, latencyMs: number): number {
  return levels.reduce((sum, level) => sum + Math.ceil(level / parallelism) * latencyMs, 0);
}
