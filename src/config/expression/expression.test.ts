import { OrgformError } from "../../errors";
import { Sensitive } from "../../values/sensitive";
import { isUnknown, unknown } from "../../values/unknown";
import { evaluate, parseTemplate, traversals, type Scope } from "./index";

const scope: Scope = {
  root: (name) =>
    ({
      var: { env: "prod", names: ["a", "b"], token: new Sensitive("sk-secret") },
      local: { team: "eng" },
      langfuse_organization: { main: { id: "org_1", name: "Acme", metadata: { tier: "gold" } }, next: { id: unknown, name: "New" } },
      data: { anthropic_user: { alice: { id: "user_1", email: "alice@example.com" } } },
    })[name],
};

const run = (source: string): unknown => evaluate(parseTemplate(source), scope, "test");

describe("expressions", () => {
  it.each([
    ["plain text", "plain text"],
    ["${var.env}", "prod"],
    ["org-${var.env}-${local.team}", "org-prod-eng"],
    ["${langfuse_organization.main.id}", "org_1"],
    ["${langfuse_organization.main.metadata.tier}", "gold"],
    ['${langfuse_organization.main.metadata["tier"]}', "gold"],
    ["${upper(var.env)}", "PROD"],
    ['${join(",", var.names)}', "a,b"],
    ['${join("-", ["x", "${var.env}"])}', "x-prod"],
    ['${format("%s-%03d", "a", 7)}', "a-007"],
    ['${lookup({a = 1, b = 2}, "b", 0)}', 2],
    ['${lookup({a = 1}, "z", "none")}', "none"],
    ["${concat([1], [2, 3])}", [1, 2, 3]],
    ['${merge({a = 1}, {b = 2})}', { a: 1, b: 2 }],
    ['${jsonencode({a = [1, "x"]})}', '{"a":[1,"x"]}'],
    ["${tostring(42)}", "42"],
    ["${length(var.names)}", 2],
    ["${var.names[1]}", "b"],
    ["${1 + 2 * 3}", 7],
    ['${var.env == "prod" ? "big" : "small"}', "big"],
    ["$${not.a.reference}", "${not.a.reference}"],
    ["${data.anthropic_user.alice.email}", "alice@example.com"],
  ])("%s", (source, expected) => {
    expect(run(source)).toEqual(expected);
  });

  it("propagates unknown values through functions and templates", () => {
    expect(isUnknown(run("${langfuse_organization.next.id}"))).toBe(true);
    expect(isUnknown(run("key-${langfuse_organization.next.id}"))).toBe(true);
    expect(isUnknown(run("${upper(langfuse_organization.next.id)}"))).toBe(true);
  });

  it("keeps derived values sensitive and never prints them", () => {
    const value = run("Bearer ${var.token}");
    expect(value).toBeInstanceOf(Sensitive);
    expect((value as Sensitive).reveal()).toBe("Bearer sk-secret");
    expect(String(value)).not.toContain("sk-secret");
    expect(JSON.stringify({ value })).not.toContain("sk-secret");
  });

  it.each([
    ["${nosuchfn(1)}", "UNKNOWN_FUNCTION", /nosuchfn/],
    ["${missing_type.x.id}", "UNDEFINED_REFERENCE", /missing_type/],
    ["${langfuse_organization.main.nope}", "UNDEFINED_REFERENCE", /nope/],
    ["${upper(", "EXPRESSION_INVALID", /cannot parse/],
  ])("%s is a clear error", (source, code, message) => {
    let caught: unknown;
    try {
      run(source);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OrgformError);
    expect((caught as OrgformError).code).toBe(code);
    expect((caught as OrgformError).message).toMatch(message);
  });

  it("lists the references an expression makes", () => {
    const refs = traversals(parseTemplate('${join(",", [langfuse_organization.main.id, var.env, data.anthropic_user.alice.id])}'));
    expect(refs).toEqual([
      ["langfuse_organization", "main", "id"],
      ["var", "env"],
      ["data", "anthropic_user", "alice", "id"],
    ]);
  });
});
