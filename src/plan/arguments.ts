/**
 * Turns an evaluated resource body into the arguments a resource type accepts: each argument is
 * checked with the type's zod schema (defaults filled in), values known only after apply are left
 * as they are and checked again at apply, and secrets stay wrapped. A bad value is one error
 * naming the address, the argument, what was expected and what was received (masked if secret).
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { OrgformError } from "../errors";
import { Sensitive, containsSensitive, revealDeep } from "../values/sensitive";
import { Delivered } from "../values/delivered";
import { containsUnknown, isUnknown } from "../values/unknown";
import type { Attributes } from "../provider/contract";

interface TypeLike {
  readonly arguments: z.ZodType<Record<string, unknown>>;
  readonly sensitive?: readonly string[];
}

export function normalizeArguments(type: TypeLike, body: unknown, address: string, constructPath?: string): Record<string, unknown> {
  const where = constructPath ? `${address} (construct ${constructPath})` : address;
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new OrgformError("ARGUMENT_INVALID", `${where}: the resource body must be an object.`);
  }
  const input = body as Record<string, unknown>;
  const schema = type.arguments;
  if (!(schema instanceof z.ZodObject)) return parseWhole(schema, input, where);
  const fields = fieldsOf(schema);
  for (const key of Object.keys(input)) {
    if (!fields.has(key)) {
      throw new OrgformError("ARGUMENT_INVALID", `${where}: unsupported argument "${key}". Arguments: ${[...fields.keys()].join(", ")}.`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, fieldSchema] of fields) {
    const value = input[key];
    if (containsUnknown(value)) {
      out[key] = value;
      continue;
    }
    const sensitive = containsSensitive(value) || (type.sensitive ?? []).includes(key);
    const parsed = fieldSchema.safeParse(revealDeep(value === null ? undefined : value));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = [key, ...issue.path.map(String)].join(".");
      const received = value === undefined || value === null ? "nothing" : sensitive ? "(sensitive value)" : JSON.stringify(revealDeep(value));
      throw new OrgformError("ARGUMENT_INVALID", `${where}: argument "${field}": ${issue.message} (received ${received}).`, { address, field });
    }
    if (parsed.data === undefined) continue;
    out[key] = sensitive ? new Sensitive(parsed.data) : parsed.data;
  }
  return out;
}

const fieldsByObject = new WeakMap<z.ZodObject, ReadonlyMap<string, z.ZodType>>();

/** An object schema's fields, read once per schema: every resource of a type asks again. */
function fieldsOf(schema: z.ZodObject): ReadonlyMap<string, z.ZodType> {
  let fields = fieldsByObject.get(schema);
  if (!fields) {
    fields = new Map(Object.entries(schema.shape as Record<string, z.ZodType>));
    fieldsByObject.set(schema, fields);
  }
  return fields;
}

const namesByObject = new WeakMap<z.ZodObject, readonly string[]>();

/** The argument names of a type (its schema's fields), or none when it is not an object schema. */
export function argumentNames(type: { arguments: unknown }): readonly string[] {
  const schema = type.arguments;
  if (!(schema instanceof z.ZodObject)) return [];
  let names = namesByObject.get(schema);
  if (!names) {
    names = [...fieldsOf(schema).keys()];
    namesByObject.set(schema, names);
  }
  return names;
}

function parseWhole(schema: z.ZodType<Record<string, unknown>>, input: Record<string, unknown>, where: string): Record<string, unknown> {
  if (containsUnknown(input)) return input;
  const parsed = schema.safeParse(revealDeep(input));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OrgformError("ARGUMENT_INVALID", `${where}: argument "${issue.path.join(".")}": ${issue.message}.`);
  }
  return parsed.data;
}

/**
 * Deep equality of attribute values, comparing secrets by their real values: the same answer as
 * comparing `stableJson(revealDeep(…))` texts (a property test holds it to that), without
 * building the texts. Plan and refresh call it for every argument of every resource.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  const left = asJsonValue(a);
  const right = asJsonValue(b);
  if (left === right) return true;
  if (left === null || right === null || typeof left !== "object" || typeof right !== "object") return false;
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    for (let i = 0; i < left.length; i++) if (!sameValue(left[i], right[i])) return false;
    return true;
  }
  const leftKeys = Object.keys(left);
  if (leftKeys.length !== Object.keys(right).length) return false;
  for (const key of leftKeys) {
    if (!Object.prototype.hasOwnProperty.call(right, key)) return false;
    if (!sameValue((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** What a value is as JSON for comparison: secrets revealed, a delivery as its text, nothing as null. */
function asJsonValue(value: unknown): unknown {
  while (value instanceof Sensitive) value = value.reveal();
  if (value instanceof Delivered) return `(delivered to ${value.sink})`;
  if (value === undefined || (typeof value === "number" && !Number.isFinite(value))) return null;
  return value;
}

export function stableJson(value: unknown): string {
  // Where a delivered secret went is what can change; its fingerprint is not known everywhere.
  if (value instanceof Delivered) return JSON.stringify(`(delivered to ${value.sink})`);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The fingerprint kept in state for a write-only argument instead of its value. */
export function fingerprint(value: unknown): string {
  return `sha256:${createHash("sha256").update(stableJson(revealDeep(value))).digest("hex")}`;
}

/**
 * Wraps the attributes a type declares sensitive and, given `heldSecrets` (the arguments the stack
 * passed, or the attributes state held), each attribute whose value there held a secret: the API
 * hands such a value back in plain, and a secret the user marked stays one after create, update
 * and refresh, at whatever depth it was passed (a token inside a metadata map makes the whole map
 * sensitive, as the plan already showed it).
 */
export function markSensitive(attributes: Attributes, sensitiveKeys: readonly string[], heldSecrets?: Attributes): Record<string, unknown> {
  const out: Record<string, unknown> = { ...attributes };
  const keys = heldSecrets ? Object.keys(out).filter((key) => sensitiveKeys.includes(key) || containsSensitive(heldSecrets[key])) : sensitiveKeys;
  for (const key of keys) {
    const value = out[key];
    if (value !== null && value !== undefined && !(value instanceof Sensitive) && !(value instanceof Delivered) && !isUnknown(value)) out[key] = new Sensitive(value);
  }
  return out;
}
