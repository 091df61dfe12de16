/**
 * A zod schema for "a JSON object, whatever its keys": the attributes of a state instance, the
 * body of a resource block. `z.record(z.string(), z.unknown())` visits and copies every key of
 * every such object, which was a third of reading a 1,000-resource state; this checks the shape
 * and keeps the object as JSON.parse made it.
 */
import { z } from "zod";

export const plainObject = z.custom<Record<string, unknown>>((value) => value !== null && typeof value === "object" && !Array.isArray(value), {
  message: "expected an object",
});
