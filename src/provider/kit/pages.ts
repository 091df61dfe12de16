/**
 * The list walks every provider's client shares (issue 17, item 2: the provider kit). An API
 * that says there is more but gives no cursor that moves has broken its own contract: the walk
 * fails, naming the call. Stopping there instead would hand refresh a partial list, and an
 * object on a page never read would look deleted (drift says so, plan recreates it).
 */
import { OrgformError } from "../../errors";

/** One page of a cursor-paged list (Anthropic's after_id/last_id, OpenAI's after/last_id). */
export interface CursorPage<T> {
  readonly items: readonly T[];
  readonly hasMore: boolean;
  /** The cursor for the next page; undefined where the API gave none. */
  readonly next: string | undefined;
}

/** Every item, page after page, until a page says there is no more. `call` names the request in errors. */
export async function walkCursor<T>(call: string, fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    if (!page.hasMore) return items;
    if (page.next === undefined || page.next === "" || seen.has(page.next)) {
      throw new OrgformError("API_RESPONSE_INVALID", `${call} said there are more items but gave no new cursor (after ${cursor ?? "the first page"}).`);
    }
    seen.add(page.next);
    cursor = page.next;
  }
}

/** One page of a numbered list (Langfuse's page/limit with meta.totalPages). */
export interface NumberedPage<T> {
  readonly items: readonly T[];
  readonly totalPages: number;
}

/** Every item of a list numbered from page 1, until the last page (or an empty one). */
export async function walkNumbered<T>(fetchPage: (page: number) => Promise<NumberedPage<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let number = 1; ; number++) {
    const page = await fetchPage(number);
    items.push(...page.items);
    if (number >= page.totalPages || page.items.length === 0) return items;
  }
}
