import { z } from "zod";
import { dataDeclarationsOf, declarationsOf, forceNew, sensitive, volatile, writeOnly } from "./modifiers";

describe("declarationsOf", () => {
  it("derives each list from the fields' modifiers, looking through optional, nullable and default", () => {
    const args = z.object({
      name: z.string(),
      parent_id: forceNew(z.string()),
      note: forceNew(z.string().nullable().default(null)),
      token: writeOnly(z.string()).optional(),
      org_secret: sensitive(z.string()).nullable(),
    });
    const computed = z.object({ id: z.string(), secret_key: sensitive(z.string()), updated_at: volatile(z.string()) });
    expect(declarationsOf(args, computed)).toEqual({
      arguments: args,
      computed: ["id", "secret_key", "updated_at"],
      forceNew: ["parent_id", "note"],
      sensitive: ["token", "org_secret", "secret_key"],
      writeOnly: ["token"],
      volatile: ["updated_at"],
    });
  });

  it("marks a copy: a schema shared by two types is forceNew only where a field says so", () => {
    const role = z.enum(["admin", "member"]).describe("The role.");
    const invite = z.object({ role: forceNew(role) });
    const member = z.object({ role });
    expect(declarationsOf(invite, z.object({})).forceNew).toEqual(["role"]);
    expect(declarationsOf(member, z.object({})).forceNew).toEqual([]);
  });

  it("keeps the field's description and validation", () => {
    const field = forceNew(z.string().min(3).describe("At least three characters."));
    expect(field.description).toBe("At least three characters.");
    expect(field.safeParse("ab").success).toBe(false);
    expect(z.toJSONSchema(z.object({ field })).properties?.field).toMatchObject({ description: "At least three characters." });
  });

  it("finds a mark under a transform, and through zod methods applied after it", () => {
    const args = z.object({ a: forceNew(z.string()).transform((value) => value.trim()), b: forceNew(z.string()).min(1) });
    expect(declarationsOf(args, z.object({})).forceNew).toEqual(["a", "b"]);
  });

  it("combines modifiers on one field", () => {
    const args = z.object({ secret_key: forceNew(writeOnly(z.string())) });
    expect(declarationsOf(args, z.object({ id: z.string() }))).toMatchObject({ forceNew: ["secret_key"], sensitive: ["secret_key"], writeOnly: ["secret_key"] });
  });

  it("gives a data source its secret arguments", () => {
    const args = z.object({ name: z.string(), org_secret_key: sensitive(z.string()).optional() });
    expect(dataDeclarationsOf(args)).toEqual({ arguments: args, sensitive: ["org_secret_key"] });
    expect(dataDeclarationsOf(z.object({ name: z.string() }))).toEqual({ arguments: expect.any(z.ZodObject) });
    expect(dataDeclarationsOf(z.object({ name: z.string() }), z.object({ token: sensitive(z.string()) })).sensitive).toEqual(["token"]);
  });
});
