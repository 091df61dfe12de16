/**
 * A deposed object: one orgform made that state no longer points at from its address, because a
 * replacement took the address first (create-before-destroy, or a recovered create). It stays in
 * state under an address of its own that no stack declares, so the plan deletes it, and a failed
 * or interrupted delete leaves it there for the next plan: a replaced key is always revoked in
 * the end, never forgotten while alive.
 */
import type { ResourceState } from "../state/document";

const MARK = "_deposed_";

export function deposedCopy(resource: ResourceState): ResourceState {
  const id = String(resource.attributes.id ?? "unknown").replace(/[^A-Za-z0-9_-]/g, "_");
  const name = `${resource.name}${MARK}${id}`;
  return { ...resource, name, address: `${resource.type}.${name}`, tainted: undefined };
}

export function isDeposed(address: string): boolean {
  return address.includes(MARK);
}

/** Where deposedCopy puts the object with this id that was at `type.name`. */
export function deposedAddress(type: string, name: string, id: unknown): string {
  return deposedCopy({ address: "", mode: "managed", type, name, provider: "", attributes: { id }, dependencies: [] }).address;
}
