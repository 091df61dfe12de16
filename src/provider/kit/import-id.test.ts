import { parseImportId } from "./import-id";

it("splits an id into its named parts, the last taking the rest", () => {
  expect(parseImportId("t", "proj_1/key_2", ["project id", "key id"])).toEqual(["proj_1", "key_2"]);
  expect(parseImportId("t", "proj_1/ada@example.com", ["project id", "email"])).toEqual(["proj_1", "ada@example.com"]);
  expect(parseImportId("t", "a/b/c", ["project id", "rest"])).toEqual(["a", "b/c"]);
});

it.each(["proj_1", "proj_1/", "/key_2", ""])("refuses %p naming the form it must have", (id) => {
  expect(() => parseImportId("openai_project_user", id, ["project id", "user id"])).toThrow(`openai_project_user: import id "${id}" must be <project id>/<user id>.`);
});
