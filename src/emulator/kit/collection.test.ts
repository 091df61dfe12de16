import { Collection } from "./collection";

describe("Collection", () => {
  const people = new Collection<{ id: string; name: string }>();
  people.add({ id: "b", name: "Bea" });
  people.add({ id: "a", name: "Al" });
  const missing = (id: string) => ({ status: 404, body: { error: `no ${id}` } });

  it("lists in insertion order, filtered or whole", () => {
    expect(people.list().map((p) => p.id)).toEqual(["b", "a"]);
    expect(people.list((p) => p.name.startsWith("A"))).toEqual([{ id: "a", name: "Al" }]);
  });

  it.each([
    ["a", { status: 200, body: "Al" }],
    ["zz", { status: 404, body: { error: "no zz" } }],
    [undefined, { status: 404, body: { error: "no " } }],
  ])("answers the object %s names, or the API's 404", (id, expected) => {
    expect(people.found(id, missing, (p) => ({ status: 200, body: p.name }))).toEqual(expected);
  });

  it("is a Map by id, for tests that change objects behind the API's back", () => {
    people.delete("b");
    expect([...people.keys()]).toEqual(["a"]);
  });
});
