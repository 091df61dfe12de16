import { afterPage, cursorPage, numberedPage, scimPage } from "./paginate";

const q = (text: string) => new URLSearchParams(text);
const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `id_${String(i + 1).padStart(2, "0")}` }));
const ITEMS = ids(5);
const byId = (item: { id: string }) => item.id;

describe("cursorPage (after_id / before_id)", () => {
  it.each([
    ["", ["id_01", "id_02", "id_03", "id_04", "id_05"], false],
    ["limit=2", ["id_01", "id_02"], true],
    ["limit=2&after_id=id_02", ["id_03", "id_04"], true],
    ["limit=2&after_id=id_03", ["id_04", "id_05"], false],
    ["limit=2&before_id=id_05", ["id_03", "id_04"], true],
    ["limit=2&before_id=id_03", ["id_01", "id_02"], false],
    // A cursor whose object is gone still pages: it is compared, not looked up.
    ["limit=2&after_id=id_025", ["id_03", "id_04"], true],
    ["after_id=id_05", [], false],
  ])("%s answers %j (has_more %s)", (query, expected, hasMore) => {
    const { page } = cursorPage([...ITEMS].reverse(), byId, q(query));
    expect(page?.data.map(byId)).toEqual(expected);
    expect(page?.has_more).toBe(hasMore);
    expect(page?.first_id).toBe(expected[0] ?? null);
    expect(page?.last_id).toBe(expected[expected.length - 1] ?? null);
  });

  it.each([
    ["limit=0", "limit", 'limit: Input should be an integer between 1 and 1000 (received "0")'],
    ["limit=1001", "limit", 'limit: Input should be an integer between 1 and 1000 (received "1001")'],
    ["limit=x", "limit", 'limit: Input should be an integer between 1 and 1000 (received "x")'],
    ["after_id=a&before_id=b", "before_id", "Cannot specify both after_id and before_id"],
  ])("%s is refused", (query, param, message) => {
    expect(cursorPage(ITEMS, byId, q(query)).problem).toEqual({ param, message });
  });
});

describe("afterPage (after / limit / order)", () => {
  it.each([
    ["", ["id_01", "id_02", "id_03", "id_04", "id_05"], false],
    ["limit=2", ["id_01", "id_02"], true],
    ["limit=2&after=id_02", ["id_03", "id_04"], true],
    ["limit=2&after=id_03", ["id_04", "id_05"], false],
    ["limit=2&order=desc", ["id_05", "id_04"], true],
    ["limit=2&order=desc&after=id_02", ["id_01"], false],
  ])("%s answers %j (has_more %s)", (query, expected, hasMore) => {
    const { page } = afterPage(ITEMS, q(query));
    expect(page).toEqual({ object: "list", data: expected.map((id) => ({ id })), first_id: expected[0] ?? null, last_id: expected[expected.length - 1] ?? null, has_more: hasMore });
  });

  it("takes the route's default page size", () => {
    expect(afterPage(ids(150), q(""), { defaultLimit: 100, maxLimit: 100 }).page?.data).toHaveLength(100);
  });

  it.each([
    ["limit=0", "limit", "Invalid 'limit': integer below minimum value or above maximum value (1 to 100), got 0."],
    ["limit=101", "limit", "Invalid 'limit': integer below minimum value or above maximum value (1 to 100), got 101."],
    ["order=up", "order", "Invalid 'order': expected 'asc' or 'desc'."],
    ["after=id_99", "after", "Invalid 'after': no object with id 'id_99' in this list."],
  ])("%s is refused", (query, param, message) => {
    expect(afterPage(ITEMS, q(query)).problem).toEqual({ param, message });
  });
});

describe("numberedPage (page / limit)", () => {
  it.each([
    ["", ["id_01", "id_02", "id_03", "id_04", "id_05"], { page: 1, limit: 50, totalItems: 5, totalPages: 1 }],
    ["limit=2", ["id_01", "id_02"], { page: 1, limit: 2, totalItems: 5, totalPages: 3 }],
    ["limit=2&page=3", ["id_05"], { page: 3, limit: 2, totalItems: 5, totalPages: 3 }],
    ["limit=2&page=4", [], { page: 4, limit: 2, totalItems: 5, totalPages: 3 }],
  ])("%s answers %j", (query, expected, meta) => {
    expect(numberedPage(ITEMS, q(query)).page).toEqual({ data: expected.map((id) => ({ id })), meta });
  });

  it.each([
    ["page=0", "page", "page must be an integer >= 1"],
    ["page=1.5", "page", "page must be an integer >= 1"],
    ["limit=0", "limit", "limit must be between 1 and 100"],
    ["limit=101", "limit", "limit must be between 1 and 100"],
  ])("%s is refused", (query, param, message) => {
    expect(numberedPage(ITEMS, q(query)).problem).toEqual({ param, message });
  });
});

describe("scimPage (startIndex / count)", () => {
  it.each([
    ["", ["id_01", "id_02", "id_03", "id_04", "id_05"], 1],
    ["count=2", ["id_01", "id_02"], 1],
    ["startIndex=4&count=2", ["id_04", "id_05"], 4],
    // RFC 7644: bad values are read as the defaults, not refused.
    ["startIndex=0&count=x", ["id_01", "id_02", "id_03", "id_04", "id_05"], 1],
  ])("%s answers %j", (query, expected, startIndex) => {
    expect(scimPage(ITEMS, q(query))).toEqual({ totalResults: 5, startIndex, itemsPerPage: expected.length, Resources: expected.map((id) => ({ id })) });
  });
});
