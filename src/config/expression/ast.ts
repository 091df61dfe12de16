/**
 * The syntax tree of the Terraform expression subset cdktf emits inside "${…}": references,
 * literals, templates, lists, objects, function calls, operators and conditionals.
 */
export type Expr =
  | { readonly kind: "literal"; readonly value: string | number | boolean | null }
  | { readonly kind: "template"; readonly parts: ReadonlyArray<string | Expr> }
  | { readonly kind: "variable"; readonly name: string }
  | { readonly kind: "attr"; readonly target: Expr; readonly name: string }
  | { readonly kind: "index"; readonly target: Expr; readonly key: Expr }
  | { readonly kind: "splat"; readonly target: Expr; readonly rest: ReadonlyArray<string> }
  | { readonly kind: "list"; readonly items: readonly Expr[] }
  | { readonly kind: "object"; readonly entries: ReadonlyArray<{ readonly key: Expr; readonly value: Expr }> }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Expr[]; readonly expand: boolean }
  | { readonly kind: "unary"; readonly op: "!" | "-"; readonly operand: Expr }
  | { readonly kind: "binary"; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "conditional"; readonly test: Expr; readonly then: Expr; readonly otherwise: Expr };

/** A static reference path such as ["langfuse_organization", "main", "id"], for the graph. */
export type Traversal = readonly string[];

/** Every static traversal in an expression: the things it references. */
export function traversals(expr: Expr, into: Traversal[] = []): Traversal[] {
  const path = staticPath(expr);
  if (path) {
    into.push(path);
    return into;
  }
  switch (expr.kind) {
    case "template":
      expr.parts.forEach((part) => typeof part !== "string" && traversals(part, into));
      break;
    case "attr":
      traversals(expr.target, into);
      break;
    case "index":
      traversals(expr.target, into);
      traversals(expr.key, into);
      break;
    case "splat":
      traversals(expr.target, into);
      break;
    case "list":
      expr.items.forEach((item) => traversals(item, into));
      break;
    case "object":
      expr.entries.forEach((entry) => (traversals(entry.key, into), traversals(entry.value, into)));
      break;
    case "call":
      expr.args.forEach((arg) => traversals(arg, into));
      break;
    case "unary":
      traversals(expr.operand, into);
      break;
    case "binary":
      traversals(expr.left, into);
      traversals(expr.right, into);
      break;
    case "conditional":
      traversals(expr.test, into);
      traversals(expr.then, into);
      traversals(expr.otherwise, into);
      break;
  }
  return into;
}

/** `a.b.c` or `a.b[0]` as a path of names (numeric indexes kept as text), or undefined. */
export function staticPath(expr: Expr): string[] | undefined {
  if (expr.kind === "variable") return [expr.name];
  if (expr.kind === "attr") {
    const base = staticPath(expr.target);
    return base ? [...base, expr.name] : undefined;
  }
  if (expr.kind === "index" && expr.key.kind === "literal" && expr.key.value !== null) {
    const base = staticPath(expr.target);
    return base ? [...base, String(expr.key.value)] : undefined;
  }
  return undefined;
}
