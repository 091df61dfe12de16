/**
 * A value not known until apply: an attribute the API computes (an id, a secret) of an object
 * that does not exist yet. The plan shows it as "(known after apply)"; apply re-evaluates the
 * expression once the object it depends on exists.
 */
export const UNKNOWN_TEXT = "(known after apply)";

export class Unknown {
  static readonly instance = new Unknown();
  private constructor() {}
  toString(): string {
    return UNKNOWN_TEXT;
  }
  toJSON(): string {
    return UNKNOWN_TEXT;
  }
}

export const unknown = Unknown.instance;

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

export function containsUnknown(value: unknown): boolean {
  if (value instanceof Unknown) return true;
  // A secret not known yet is Sensitive(Unknown): look inside (duck-typed to avoid an import cycle).
  if (value !== null && typeof value === "object" && typeof (value as { reveal?: unknown }).reveal === "function") {
    return containsUnknown((value as { reveal(): unknown }).reveal());
  }
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).some(containsUnknown);
  }
  return false;
}

/**
 * Marks an object of which only some attributes are known: a data source read only at apply has
 * known arguments, while what the read returns is unknown. Reading any attribute it does not
 * list gives `unknown`. A symbol key, so Object.keys, JSON and the views never see it.
 */
export const OTHER_ATTRIBUTES_UNKNOWN = Symbol("orgform.otherAttributesUnknown");

export function withOtherAttributesUnknown(known: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { ...known, [OTHER_ATTRIBUTES_UNKNOWN]: true };
}

export function otherAttributesUnknown(value: object): boolean {
  return (value as { [OTHER_ATTRIBUTES_UNKNOWN]?: boolean })[OTHER_ATTRIBUTES_UNKNOWN] === true;
}
