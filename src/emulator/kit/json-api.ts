/**
 * JSON:API (jsonapi.org) as an emulated API speaks it: `{ data }` documents, error objects
 * `{ errors: [{ status, title, detail }] }`, and request documents `{ data: { type, id?,
 * attributes } }` whose wrong type or id is a 409 and whose invalid attributes are a 422 with one
 * error object per problem.
 */
import { STATUS_CODES } from "node:http";
import { z } from "zod";
import type { EmulatorResponse } from "../server";

export function jsonApiError(status: number, title: string, detail?: string): EmulatorResponse {
  return { status, body: { errors: [{ status: String(status), title, ...(detail === undefined ? {} : { detail }) }] } };
}

/** The error body for a status the server answers by itself (faults, unknown routes, bad JSON): its reason phrase as the title. */
export function jsonApiErrorBody(status: number, detail: string): unknown {
  return jsonApiError(status, STATUS_CODES[status] ?? "Error", detail).body;
}

export const jsonApiData = (data: unknown, status = 200): EmulatorResponse => ({ status, body: { data } });

export const noContent: EmulatorResponse = { status: 204 };

const requestDocument = z.object({ data: z.object({ type: z.string(), id: z.string().optional(), attributes: z.unknown().optional() }) });

/**
 * Parses `{ data: { type, id?, attributes } }` against the resource type, the id in the path
 * (updates) and the attributes' schema.
 */
export function parseJsonApiDocument<A extends z.ZodType>(
  body: unknown,
  type: string,
  attributes: A,
  expectedId?: string,
): { ok: true; attributes: z.infer<A>; id?: string } | { ok: false; response: EmulatorResponse } {
  const outer = requestDocument.safeParse(body);
  if (!outer.success) return { ok: false, response: jsonApiError(400, "Bad Request", 'body must be { "data": { "type", "attributes" } }') };
  const { data } = outer.data;
  if (data.type !== type) return { ok: false, response: jsonApiError(409, "Conflict", `data.type must be "${type}"`) };
  if (expectedId !== undefined && data.id !== expectedId) {
    return { ok: false, response: jsonApiError(409, "Conflict", `data.id must match the id in the path (${expectedId})`) };
  }
  const parsed = attributes.safeParse(data.attributes ?? {});
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      status: "422",
      title: "Invalid attribute",
      detail: `${issue.path.join(".") || "attributes"}: ${issue.message}`,
      source: { pointer: `/data/attributes/${issue.path.join("/")}` },
    }));
    return { ok: false, response: { status: 422, body: { errors } } };
  }
  return { ok: true, attributes: parsed.data, id: data.id };
}
