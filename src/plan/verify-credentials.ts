/**
 * Credentials are checked at plan time: without it a new stack's plan (empty state, nothing to
 * refresh) passes with a wrong key, a missing env var or an unreachable URL, and only the
 * pipeline's apply fails. Each provider configuration the stack uses makes the one read its
 * provider declares, unless the refresh reads objects through it anyway: that read proves the
 * same credentials, so a plan of an applied stack sends no request more than before.
 */
import { compareText } from "../values/compare";
import type { StateDocument } from "../state/document";
import type { EngineContext } from "./context";

export async function verifyCredentials(context: EngineContext, refreshing: StateDocument): Promise<void> {
  const readByRefresh = new Set([...refreshing.resources.values()].filter((resource) => resource.mode === "managed").map((resource) => resource.provider));
  const used = new Map<string, { address: string; types: Set<string> }>();
  for (const resource of context.config.resources.values()) {
    if (readByRefresh.has(resource.provider)) continue;
    const entry = used.get(resource.provider) ?? { address: resource.address, types: new Set<string>() };
    entry.types.add(resource.type);
    used.set(resource.provider, entry);
  }
  const keys = [...used.keys()].sort(compareText);
  const outcomes = await Promise.allSettled(
    keys.map(async (key) => {
      const definition = context.registry.provider(key.split(".")[0]!);
      if (!definition?.verifyCredentials) return;
      const { address, types } = used.get(key)!;
      await definition.verifyCredentials(context.operation(address, key).session, types);
    }),
  );
  // The first provider in name order speaks, whatever answered first: the same input, the same error.
  for (const outcome of outcomes) if (outcome.status === "rejected") throw outcome.reason;
}
