/**
 * Derives a route's BodyShape from the zod schema its emulator already parses the body with, so
 * the fields an emulator accepts are written once: strict mode refuses everything else.
 */
import { z } from "zod";
import type { BodyShape } from "./server";

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
    current = current.unwrap() as z.ZodType;
  }
  if (current instanceof z.ZodPipe) return unwrap(current.in as z.ZodType);
  return current;
}

/** The object fields of `schema`, nested objects included; records and other values are leaves. */
export function bodyShapeOf(schema: z.ZodType): BodyShape {
  const object = unwrap(schema);
  if (!(object instanceof z.ZodObject)) return {};
  const shape: Record<string, true | BodyShape> = {};
  for (const [field, value] of Object.entries(object.shape as Record<string, z.ZodType>)) {
    const inner = unwrap(value);
    shape[field] = inner instanceof z.ZodObject ? bodyShapeOf(inner) : true;
  }
  return shape;
}
