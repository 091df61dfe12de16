/**
 * Evaluates an expression against a scope. Two kinds of value flow through it untouched:
 * `Unknown` (a value known only after apply: any function or operator given one yields one) and
 * `Sensitive` (a secret: anything computed from one is wrapped again, so sensitivity cannot be
 * lost by transforming a value).
 */
import { OrgformError } from "../../errors";
import { Sensitive, containsSensitive, revealDeep } from "../../values/sensitive";
import { containsUnknown, isUnknown, otherAttributesUnknown, unknown } from "../../values/unknown";
import type { Expr } from "./ast";
import { FUNCTIONS, describe } from "./functions";

export interface Scope {
  /**
   * The object behind a root name: `var`, `local`, `data`, or a resource type
   * (`langfuse_organization` → { main: attributes }). Undefined when the name means nothing.
   */
  root(name: string): unknown;
}

/** `where` names the place for errors: "langfuse_organization.main: argument name". */
export function evaluate(expr: Expr, scope: Scope, where: string): unknown {
  return new Evaluator(scope, where).eval(expr);
}

class Evaluator {
  constructor(
    private readonly scope: Scope,
    private readonly where: string,
  ) {}

  private fail(code: "UNDEFINED_REFERENCE" | "UNKNOWN_FUNCTION" | "EXPRESSION_INVALID", problem: string): never {
    throw new OrgformError(code, `${this.where}: ${problem}`);
  }

  eval(expr: Expr): unknown {
    switch (expr.kind) {
      case "literal":
        return expr.value;
      case "template":
        return this.template(expr.parts);
      case "variable": {
        const value = this.scope.root(expr.name);
        if (value === undefined) this.fail("UNDEFINED_REFERENCE", `"${expr.name}" refers to nothing: no resource type, var, local or data by that name.`);
        return value;
      }
      case "attr":
        return this.getAttr(this.eval(expr.target), expr.name, expr);
      case "index":
        return this.index(this.eval(expr.target), this.eval(expr.key));
      case "splat":
        return this.splat(this.eval(expr.target), expr.rest);
      case "list":
        return expr.items.map((item) => this.eval(item));
      case "object":
        return Object.fromEntries(expr.entries.map((entry) => [String(this.eval(entry.key)), this.eval(entry.value)]));
      case "call":
        return this.call(expr.name, expr.args.map((arg) => this.eval(arg)), expr.expand);
      case "unary":
        return lift([this.eval(expr.operand)], ([v]) => (expr.op === "!" ? !v : -(v as number)));
      case "binary":
        return lift([this.eval(expr.left), this.eval(expr.right)], ([l, r]) => binary(expr.op, l, r));
      case "conditional": {
        const test = this.eval(expr.test);
        if (isUnknown(test)) return unknown;
        const chosen = (test instanceof Sensitive ? test.reveal() : test) ? expr.then : expr.otherwise;
        return this.eval(chosen);
      }
    }
  }

  private template(parts: ReadonlyArray<string | Expr>): unknown {
    const values = parts.map((part) => (typeof part === "string" ? part : this.eval(part)));
    return lift(values, (plain) =>
      plain
        .map((v) => {
          if (v === null) this.fail("EXPRESSION_INVALID", "a null value cannot be used inside a string template.");
          return typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
        })
        .join(""),
    );
  }

  private getAttr(target: unknown, name: string, expr: Expr): unknown {
    if (isUnknown(target)) return unknown;
    if (target instanceof Sensitive) return new Sensitive(this.getAttr(target.reveal(), name, expr));
    if (target === null || typeof target !== "object" || Array.isArray(target)) {
      this.fail("EXPRESSION_INVALID", `cannot read attribute "${name}" of ${describe(target)}.`);
    }
    if (!(name in target)) {
      if (otherAttributesUnknown(target)) return unknown;
      const path = pathText(expr);
      this.fail("UNDEFINED_REFERENCE", `reference "${path}" refers to nothing: no "${name}" there.`);
    }
    return (target as Record<string, unknown>)[name];
  }

  private index(target: unknown, key: unknown): unknown {
    if (isUnknown(target) || isUnknown(key)) return unknown;
    if (target instanceof Sensitive) return new Sensitive(this.index(target.reveal(), key));
    if (Array.isArray(target)) {
      const i = Number(key);
      if (!Number.isInteger(i) || i < 0 || i >= target.length) this.fail("EXPRESSION_INVALID", `index ${JSON.stringify(key)} is outside a list of ${target.length}.`);
      return target[i];
    }
    if (target !== null && typeof target === "object") {
      const k = String(key);
      if (!(k in target) && otherAttributesUnknown(target)) return unknown;
      if (!(k in target)) this.fail("UNDEFINED_REFERENCE", `the key ${JSON.stringify(k)} is not in the map.`);
      return (target as Record<string, unknown>)[k];
    }
    this.fail("EXPRESSION_INVALID", `cannot index ${describe(target)}.`);
  }

  private splat(target: unknown, rest: readonly string[]): unknown {
    if (isUnknown(target)) return unknown;
    const items = Array.isArray(target) ? target : target === null ? [] : [target];
    return items.map((item) => rest.reduce((value, name) => this.getAttr(value, name, { kind: "variable", name }), item));
  }

  private call(name: string, args: unknown[], expand: boolean): unknown {
    const fn = FUNCTIONS[name];
    if (!fn) {
      this.fail("UNKNOWN_FUNCTION", `orgform does not support the function "${name}". Supported: ${Object.keys(FUNCTIONS).sort().join(", ")}.`);
    }
    if (expand) {
      const last = args.pop();
      if (isUnknown(last)) return unknown;
      args.push(...(Array.isArray(last) ? last : []));
    }
    return lift(args, (plain) => {
      try {
        return fn(...plain);
      } catch (error) {
        return this.fail("EXPRESSION_INVALID", `function ${name}: ${(error as Error).message}.`);
      }
    });
  }
}

/** Applies `compute` to plain values, propagating Unknown and Sensitive. */
function lift(values: unknown[], compute: (plain: unknown[]) => unknown): unknown {
  if (values.some(containsUnknown)) return unknown;
  const sensitive = values.some(containsSensitive);
  const result = compute(sensitive ? values.map(revealDeep) : values);
  return sensitive ? new Sensitive(result) : result;
}

function binary(op: string, l: unknown, r: unknown): unknown {
  switch (op) {
    case "+":
      return Number(l) + Number(r);
    case "-":
      return Number(l) - Number(r);
    case "*":
      return Number(l) * Number(r);
    case "/":
      return Number(l) / Number(r);
    case "%":
      return Number(l) % Number(r);
    case "==":
      return JSON.stringify(l) === JSON.stringify(r);
    case "!=":
      return JSON.stringify(l) !== JSON.stringify(r);
    case "<":
      return Number(l) < Number(r);
    case ">":
      return Number(l) > Number(r);
    case "<=":
      return Number(l) <= Number(r);
    case ">=":
      return Number(l) >= Number(r);
    case "&&":
      return Boolean(l) && Boolean(r);
    case "||":
      return Boolean(l) || Boolean(r);
    default:
      throw new Error(`unknown operator ${op}`);
  }
}

function pathText(expr: Expr): string {
  if (expr.kind === "variable") return expr.name;
  if (expr.kind === "attr") return `${pathText(expr.target)}.${expr.name}`;
  if (expr.kind === "index") return `${pathText(expr.target)}[…]`;
  return "…";
}
