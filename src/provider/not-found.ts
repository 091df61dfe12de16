/**
 * 404 handling every provider shares: a read that gets 404 means the object is gone, a delete
 * that gets 404 has nothing left to do.
 */
import { OrgformError } from "../errors";

/** Whether an error is the API's 404 for the object (or its parent). */
export function isNotFound(error: unknown): boolean {
  return error instanceof OrgformError && error.code === "API_NOT_FOUND";
}

/** Runs a call and maps a 404 to `fallback`. */
export async function unlessNotFound<T, F>(call: () => Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await call();
  } catch (error) {
    if (isNotFound(error)) return fallback;
    throw error;
  }
}
