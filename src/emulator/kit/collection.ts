/**
 * A typed collection of an emulated API's objects: a Map by id (so tests can read, add and remove
 * objects behind the API's back as before) in insertion order, the order lists answer in, with
 * the two things every route needs of it: the objects a filter keeps, and the object a path
 * names or the API's own 404.
 */
import type { EmulatorResponse } from "../server";

export class Collection<T extends { readonly id: string }> extends Map<string, T> {
  add(item: T): T {
    this.set(item.id, item);
    return item;
  }

  /** The objects `keep` keeps (all without it), in insertion order. */
  list(keep?: (item: T) => boolean): T[] {
    const all = [...this.values()];
    return keep ? all.filter(keep) : all;
  }

  /** `then` of the object `id` names, or `missing(id)`: the API's 404 in its own words and format. */
  found(id: string | undefined, missing: (id: string) => EmulatorResponse, then: (item: T) => EmulatorResponse): EmulatorResponse {
    const item = this.get(id ?? "");
    return item ? then(item) : missing(id ?? "");
  }
}
