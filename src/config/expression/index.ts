export { parseTemplate, parseExpression } from "./parse";
export { evaluate, type Scope } from "./evaluate";
export { traversals, staticPath, type Expr, type Traversal } from "./ast";
