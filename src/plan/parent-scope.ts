/**
 * The parent an object is in, as its type names it: its list's scope or, for a type read with its
 * own credentials, its findCreated lookup's (undefined for a type with neither). Computed from
 * revealed values: String() of a sensitive parent id (from a sensitive variable) is its mask, a
 * parent that does not exist. Every scope reads top-level fields (the parent's id), so only those
 * are revealed, and the attributes are copied only when one of them is sensitive: refresh asks
 * this of every managed object (a deep reveal cost about 30 ms at 10,000 objects).
 */
import type { Attributes, ResourceType } from "../provider/contract";
import { Sensitive, revealDeep } from "../values/sensitive";

export function parentScope(type: ResourceType, attributes: Attributes): string | undefined {
  const revealed = revealTopLevel(attributes);
  return type.list ? type.list.scope(revealed) : type.findCreated?.scope(revealed);
}

function revealTopLevel(attributes: Attributes): Attributes {
  if (!Object.values(attributes).some((value) => value instanceof Sensitive)) return attributes;
  return Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, value instanceof Sensitive ? revealDeep(value) : value]));
}
