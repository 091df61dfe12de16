/**
 * The credentials an emulated API reads from a request, one function per scheme; each emulator
 * decides whom they name and how it refuses (its own status, message and error shape).
 */
import type { EmulatorRequest } from "../server";

/** A header's first value (node joins repeated headers but keeps arrays for a few). */
export function header(request: EmulatorRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The token of `Authorization: Bearer <token>`. */
export function bearerToken(request: EmulatorRequest): string | undefined {
  const authorization = header(request, "authorization");
  return authorization?.startsWith("Bearer ") ? authorization.slice("Bearer ".length) : undefined;
}

/** The pair of `Authorization: Basic base64(<public>:<secret>)` (Langfuse's key pairs). */
export function basicCredentials(request: EmulatorRequest): { readonly publicKey: string; readonly secretKey: string } | undefined {
  const authorization = header(request, "authorization");
  if (!authorization?.startsWith("Basic ")) return undefined;
  const decoded = Buffer.from(authorization.slice("Basic ".length), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { publicKey: decoded.slice(0, colon), secretKey: decoded.slice(colon + 1) };
}
