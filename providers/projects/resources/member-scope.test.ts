/**
 * Issue 16, item 6 (provider side): a member's id is the user id, the same in every project, so
 * a membership is (project, user). The members list is scoped by project: each scope reads only
 * its own project's members and `list.scope` of a member is its project id, so refresh, recovery
 * and drift, which key collections by scope, never take one project's member for another's.
 */
import { Gone, type Attributes } from "../../../src/provider/contract";
import { startFixture, type Fixture } from "../emulator/fixture";
import { memberType } from "./member";

let f: Fixture;
beforeEach(async () => {
  f = await startFixture();
});
afterEach(() => f.stop());

it("lists the same user once per project, each under its own project's scope", async () => {
  const one = f.emulator.seedProject({ name: "One", memberEmails: ["ada@example.com"] });
  const two = f.emulator.seedProject({ name: "Two", memberEmails: ["ada@example.com"] });
  const list = memberType.list!;
  expect(list.identity).toBeUndefined(); // matched by id (the user id) inside one scope
  const read = async (projectId: string) =>
    (await list.fetch(f.ctx(), projectId)).filter((object): object is Attributes => !(object instanceof Gone));
  const [inOne, inTwo] = [await read(one.id), await read(two.id)];
  expect(inOne).toHaveLength(1);
  expect(inTwo).toHaveLength(1);
  expect(inOne[0]!.id).toBe(inTwo[0]!.id);
  expect(list.scope(inOne[0]!)).toBe(one.id);
  expect(list.scope(inTwo[0]!)).toBe(two.id);
  expect(list.parent!.scopeOf({ id: two.id })).toBe(two.id);
});
