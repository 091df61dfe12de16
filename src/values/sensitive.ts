/**
 * Values of a sensitive kind. A secret is wrapped from the moment it arrives (a create response,
 * a sensitive variable, a reference to a sensitive attribute) and stays wrapped through
 * evaluation, planning and rendering. Every way JavaScript turns a value into text (String(),
 * template literals, JSON.stringify, util.inspect, console.log) yields the mask, so a view, log or
 * error message cannot print one by accident. Only `reveal` (used by apply to call providers and
 * by the state writer) gets the real value.
 */
import { inspect } from "node:util";
import { registerSecret } from "../errors";

export const SENSITIVE_MASK = "(sensitive value)";

export class Sensitive {
  readonly #value: unknown;
  constructor(value: unknown) {
    this.#value = value instanceof Sensitive ? value.#value : value;
    registerStrings(this.#value);
  }
  /** The real value. Call only where it must leave orgform: a provider call or a state write. */
  reveal(): unknown {
    return this.#value;
  }
  toString(): string {
    return SENSITIVE_MASK;
  }
  toJSON(): string {
    return SENSITIVE_MASK;
  }
  [inspect.custom](): string {
    return SENSITIVE_MASK;
  }
  [Symbol.toPrimitive](): string {
    return SENSITIVE_MASK;
  }
}

export function isSensitive(value: unknown): value is Sensitive {
  return value instanceof Sensitive;
}

/** Whether a value is or contains a sensitive value anywhere inside. */
export function containsSensitive(value: unknown): boolean {
  if (value instanceof Sensitive) return true;
  if (Array.isArray(value)) return value.some(containsSensitive);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsSensitive);
  return false;
}

/** Deeply replaces every sensitive wrapper with its real value. */
export function revealDeep(value: unknown): unknown {
  if (value instanceof Sensitive) return revealDeep(value.reveal());
  if (Array.isArray(value)) return value.map(revealDeep);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealDeep(v)]));
  }
  return value;
}

/** Collects every plain string inside sensitive values: the redaction list for error text. */
export function secretStrings(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (value instanceof Sensitive) {
    collectStrings(value.reveal(), into);
  } else if (Array.isArray(value)) {
    value.forEach((v) => secretStrings(v, into));
  } else if (value !== null && typeof value === "object") {
    Object.values(value).forEach((v) => secretStrings(v, into));
  }
  return into;
}

function registerStrings(value: unknown): void {
  if (typeof value === "string") registerSecret(value);
  else if (Array.isArray(value)) value.forEach(registerStrings);
  else if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) Object.values(value).forEach(registerStrings);
}

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === "string" && value.length >= 4) into.add(value);
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, into));
  else if (value !== null && typeof value === "object") Object.values(value).forEach((v) => collectStrings(v, into));
}
