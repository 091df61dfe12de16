import { walkCursor, walkNumbered, type CursorPage } from "./pages";

const pages = <T>(answers: ReadonlyArray<CursorPage<T>>) => {
  const asked: Array<string | undefined> = [];
  return { asked, fetch: async (cursor: string | undefined) => (asked.push(cursor), answers[asked.length - 1]!) };
};

it("walks a cursor until a page says there is no more", async () => {
  const api = pages([
    { items: [1, 2], hasMore: true, next: "b" },
    { items: [3], hasMore: true, next: "c" },
    { items: [], hasMore: false, next: undefined },
  ]);
  await expect(walkCursor("GET /things", api.fetch)).resolves.toEqual([1, 2, 3]);
  expect(api.asked).toEqual([undefined, "b", "c"]);
});

it.each([
  ["no cursor", [{ items: [1], hasMore: true, next: undefined }]],
  ["a cursor that does not move", [{ items: [1], hasMore: true, next: "a" }, { items: [2], hasMore: true, next: "a" }]],
])("fails, naming the call, on more items with %s (a partial list would make objects look deleted)", async (_case, answers) => {
  await expect(walkCursor("Anthropic Admin API: GET /v1/organizations/users", pages(answers as Array<CursorPage<number>>).fetch)).rejects.toThrow(
    /^Anthropic Admin API: GET \/v1\/organizations\/users said there are more items but gave no new cursor/,
  );
});

it("walks numbered pages to the last one, or the first empty one", async () => {
  const asked: number[] = [];
  await expect(walkNumbered(async (page) => (asked.push(page), { items: page < 3 ? [page] : [], totalPages: 9 }))).resolves.toEqual([1, 2]);
  expect(asked).toEqual([1, 2, 3]);
  await expect(walkNumbered(async (page) => ({ items: [page], totalPages: 2 }))).resolves.toEqual([1, 2]);
});
