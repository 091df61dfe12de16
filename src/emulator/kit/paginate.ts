/**
 * The list paging styles the emulated admin APIs use, as pure functions over a list already
 * filtered and ordered by the emulator: each reads its API's query parameters and answers one
 * page in that API's shape, or a problem (the parameter and what is wrong with it) that the
 * emulator answers in its own error format. JSON:API lists (seed 001) are not paged.
 */

/** A query parameter a paginator refuses: the emulator answers it as a 400 in its own error shape. */
export interface PageProblem {
  readonly param: string;
  readonly message: string;
}

/** A page, or the problem with the query that asked for it. */
export type Paged<P> = { readonly page: P; readonly problem?: undefined } | { readonly page?: undefined; readonly problem: PageProblem };

export interface Limits {
  /** The page size when the query names none. */
  readonly defaultLimit: number;
  readonly maxLimit: number;
}

const problem = (param: string, message: string): { problem: PageProblem } => ({ problem: { param, message } });

/** Anthropic's page: `data` plus the cursors of its first and last item. */
export interface CursorPage<T> {
  readonly data: T[];
  readonly has_more: boolean;
  readonly first_id: string | null;
  readonly last_id: string | null;
}

/**
 * Cursor paging on a sortable key (Anthropic: `limit`, `after_id`, `before_id`). Items are sorted
 * by `key`; after_id answers the `limit` items right after the cursor, before_id the `limit` right
 * before it, and has_more says whether more remain in the direction of travel. The cursor is
 * compared, not looked up, so a cursor whose object was deleted meanwhile still works.
 */
export function cursorPage<T>(items: readonly T[], key: (item: T) => string, query: URLSearchParams, limits: Limits = { defaultLimit: 20, maxLimit: 1000 }): Paged<CursorPage<T>> {
  const rawLimit = query.get("limit");
  const limit = rawLimit === null ? limits.defaultLimit : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > limits.maxLimit) {
    return problem("limit", `limit: Input should be an integer between 1 and ${limits.maxLimit} (received ${JSON.stringify(rawLimit)})`);
  }
  const afterId = query.get("after_id");
  const beforeId = query.get("before_id");
  if (afterId && beforeId) return problem("before_id", "Cannot specify both after_id and before_id");
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  let data: T[];
  let hasMore: boolean;
  if (beforeId) {
    const before = sorted.filter((item) => key(item) < beforeId);
    data = before.slice(Math.max(0, before.length - limit));
    hasMore = before.length > limit;
  } else {
    const after = afterId ? sorted.filter((item) => key(item) > afterId) : sorted;
    data = after.slice(0, limit);
    hasMore = after.length > limit;
  }
  const first = data[0];
  const last = data[data.length - 1];
  return { page: { data, has_more: hasMore, first_id: first === undefined ? null : key(first), last_id: last === undefined ? null : key(last) } };
}

/** OpenAI's list object. */
export interface AfterPage<T> {
  readonly object: "list";
  readonly data: T[];
  readonly first_id: string | null;
  readonly last_id: string | null;
  readonly has_more: boolean;
}

/**
 * Paging after an object's id (OpenAI: `after`, `limit`, `order` asc|desc) over items in creation
 * order. An `after` id that is not in the list is refused.
 */
export function afterPage<T extends { readonly id: string }>(items: readonly T[], query: URLSearchParams, limits: Limits = { defaultLimit: 20, maxLimit: 100 }): Paged<AfterPage<T>> {
  const limitText = query.get("limit");
  const limit = limitText === null ? limits.defaultLimit : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > limits.maxLimit) {
    return problem("limit", `Invalid 'limit': integer below minimum value or above maximum value (1 to ${limits.maxLimit}), got ${limitText}.`);
  }
  const order = query.get("order") ?? "asc";
  if (order !== "asc" && order !== "desc") return problem("order", "Invalid 'order': expected 'asc' or 'desc'.");
  const ordered = order === "asc" ? [...items] : [...items].reverse();
  const after = query.get("after");
  let start = 0;
  if (after) {
    const index = ordered.findIndex((item) => item.id === after);
    if (index < 0) return problem("after", `Invalid 'after': no object with id '${after}' in this list.`);
    start = index + 1;
  }
  const data = ordered.slice(start, start + limit);
  return { page: { object: "list", data, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null, has_more: start + limit < ordered.length } };
}

/** Langfuse's page: `data` plus `meta`. */
export interface NumberedPage<T> {
  readonly data: T[];
  readonly meta: { readonly page: number; readonly limit: number; readonly totalItems: number; readonly totalPages: number };
}

/** Numbered pages (Langfuse's public API: `page` from 1, `limit`). */
export function numberedPage<T>(items: readonly T[], query: URLSearchParams, limits: Limits = { defaultLimit: 50, maxLimit: 100 }): Paged<NumberedPage<T>> {
  const page = Number(query.get("page") ?? 1);
  const limit = Number(query.get("limit") ?? limits.defaultLimit);
  if (!Number.isInteger(page) || page < 1) return problem("page", "page must be an integer >= 1");
  if (!Number.isInteger(limit) || limit < 1 || limit > limits.maxLimit) return problem("limit", `limit must be between 1 and ${limits.maxLimit}`);
  const start = (page - 1) * limit;
  return { page: { data: items.slice(start, start + limit), meta: { page, limit, totalItems: items.length, totalPages: Math.ceil(items.length / limit) } } };
}

/** A SCIM list response without its `schemas` (RFC 7644 §3.4.2). */
export interface ScimPage<T> {
  readonly totalResults: number;
  readonly startIndex: number;
  readonly itemsPerPage: number;
  readonly Resources: T[];
}

/**
 * SCIM paging (`startIndex` from 1, `count`). RFC 7644 says to read a bad or missing value as
 * the default rather than refuse it, so this style has no problems.
 */
export function scimPage<T>(items: readonly T[], query: URLSearchParams, defaultCount = 100): ScimPage<T> {
  const startIndex = Math.max(1, Number(query.get("startIndex") ?? 1) || 1);
  const count = Math.max(1, Number(query.get("count") ?? defaultCount) || defaultCount);
  const Resources = items.slice(startIndex - 1, startIndex - 1 + count);
  return { totalResults: items.length, startIndex, itemsPerPage: Resources.length, Resources };
}
