/**
 * Parses Terraform JSON string values: a template whose "${…}" parts hold HCL expressions. A
 * string that is exactly one "${expr}" evaluates to expr's value (not its text), as in Terraform.
 * A small recursive-descent parser over characters: templates nest inside string literals, so
 * one pass handles both. Escapes: "$${" is a literal "${", "%%{" a literal "%{".
 */
import { OrgformError } from "../../errors";
import type { Expr } from "./ast";

export function parseTemplate(source: string): Expr {
  // Most strings in a stack (names, notes, roles) hold no interpolation: no need to scan them.
  if (!source.includes("${") && !source.includes("%{")) return { kind: "literal", value: source };
  const parser = new Parser(source);
  const expr = parser.template(undefined);
  return expr;
}

/** Parses a bare expression (no surrounding "${ }"), e.g. from `--var` or tests. */
export function parseExpression(source: string): Expr {
  const parser = new Parser(source);
  const expr = parser.expression();
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail("unexpected text after the expression");
  return expr;
}

const BINARY_LEVELS: ReadonlyArray<readonly string[]> = [
  ["||"],
  ["&&"],
  ["==", "!="],
  ["<=", ">=", "<", ">"],
  ["+", "-"],
  ["*", "/", "%"],
];

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  fail(problem: string): never {
    throw new OrgformError(
      "EXPRESSION_INVALID",
      `cannot parse expression ${JSON.stringify(this.src)}: ${problem} at character ${this.pos + 1}.`,
    );
  }

  /** A template up to `terminator` (a quote inside an expression) or the end of the source. */
  template(terminator: string | undefined): Expr {
    const parts: Array<string | Expr> = [];
    let text = "";
    while (!this.atEnd()) {
      const ch = this.src[this.pos]!;
      if (terminator !== undefined && ch === terminator) break;
      if (this.src.startsWith("$${", this.pos)) {
        text += "${";
        this.pos += 3;
      } else if (this.src.startsWith("%%{", this.pos)) {
        text += "%{";
        this.pos += 3;
      } else if (this.src.startsWith("${", this.pos)) {
        if (text) parts.push(text);
        text = "";
        this.pos += 2;
        this.skipSpace();
        parts.push(this.expression());
        this.skipSpace();
        if (this.src[this.pos] !== "}") this.fail('expected "}" to close "${"');
        this.pos++;
      } else if (this.src.startsWith("%{", this.pos)) {
        this.fail("template directives (%{ … }) are not supported");
      } else if (terminator !== undefined && ch === "\\") {
        text += this.escape();
      } else {
        text += ch;
        this.pos++;
      }
    }
    if (text) parts.push(text);
    if (parts.length === 1 && typeof parts[0] !== "string" && terminator === undefined) return parts[0]!;
    if (parts.length === 0) return { kind: "literal", value: "" };
    if (parts.length === 1 && typeof parts[0] === "string") return { kind: "literal", value: parts[0] };
    return { kind: "template", parts };
  }

  private escape(): string {
    const next = this.src[this.pos + 1];
    this.pos += 2;
    switch (next) {
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "r":
        return "\r";
      case '"':
        return '"';
      case "\\":
        return "\\";
      case "u": {
        const hex = this.src.slice(this.pos, this.pos + 4);
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        return this.fail(`unknown escape "\\${next}"`);
    }
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.src[this.pos]!)) this.pos++;
  }

  private peek(token: string): boolean {
    this.skipSpace();
    return this.src.startsWith(token, this.pos);
  }

  private eat(token: string): boolean {
    if (this.peek(token)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }

  private expect(token: string): void {
    if (!this.eat(token)) this.fail(`expected "${token}"`);
  }

  expression(): Expr {
    const test = this.binary(0);
    if (this.peek("?")) {
      this.pos++;
      const then = this.expression();
      this.expect(":");
      const otherwise = this.expression();
      return { kind: "conditional", test, then, otherwise };
    }
    return test;
  }

  private binary(level: number): Expr {
    if (level >= BINARY_LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      this.skipSpace();
      const op = BINARY_LEVELS[level]!.find((candidate) => this.src.startsWith(candidate, this.pos) && !this.isLongerOperator(candidate));
      if (!op) return left;
      this.pos += op.length;
      const right = this.binary(level + 1);
      left = { kind: "binary", op, left, right };
    }
  }

  /** "<" must not match the start of "<=", "=" inside "==" is never a binary op on its own. */
  private isLongerOperator(op: string): boolean {
    const after = this.src[this.pos + op.length];
    return (op === "<" || op === ">") && after === "=";
  }

  private unary(): Expr {
    if (this.peek("!") && !this.peek("!=")) {
      this.pos++;
      return { kind: "unary", op: "!", operand: this.unary() };
    }
    if (this.peek("-") && !/[0-9]/.test(this.src[this.pos + 1] ?? "")) {
      this.pos++;
      return { kind: "unary", op: "-", operand: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(target: Expr): Expr {
    for (;;) {
      if (this.peek(".*")) {
        this.pos += 2;
        const rest: string[] = [];
        while (this.peek(".") && /[A-Za-z_]/.test(this.src[this.pos + 1] ?? "")) {
          this.pos++;
          rest.push(this.identifier());
        }
        target = { kind: "splat", target, rest };
      } else if (this.peek("[*]")) {
        this.pos += 3;
        target = { kind: "splat", target, rest: [] };
      } else if (this.peek(".")) {
        this.pos++;
        this.skipSpace();
        if (/[0-9]/.test(this.src[this.pos] ?? "")) {
          const digits = /^[0-9]+/.exec(this.src.slice(this.pos))![0];
          this.pos += digits.length;
          target = { kind: "index", target, key: { kind: "literal", value: Number(digits) } };
        } else {
          target = { kind: "attr", target, name: this.identifier() };
        }
      } else if (this.peek("[")) {
        this.pos++;
        const key = this.expression();
        this.expect("]");
        target = { kind: "index", target, key };
      } else {
        return target;
      }
    }
  }

  private identifier(): string {
    this.skipSpace();
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.src.slice(this.pos));
    if (!match) this.fail("expected a name");
    this.pos += match[0].length;
    return match[0];
  }

  private primary(): Expr {
    this.skipSpace();
    const ch = this.src[this.pos];
    if (ch === undefined) this.fail("the expression ends too early");
    if (ch === '"') {
      this.pos++;
      const expr = this.template('"');
      if (this.src[this.pos] !== '"') this.fail("unterminated string");
      this.pos++;
      return expr.kind === "template" || expr.kind === "literal" ? expr : { kind: "template", parts: [expr] };
    }
    if (ch === "(") {
      this.pos++;
      const inner = this.expression();
      this.expect(")");
      return inner;
    }
    if (ch === "[") return this.list();
    if (ch === "{") return this.object();
    const number = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.src.slice(this.pos));
    if (number) {
      this.pos += number[0].length;
      return { kind: "literal", value: Number(number[0]) };
    }
    const name = this.identifier();
    if (name === "true" || name === "false") return { kind: "literal", value: name === "true" };
    if (name === "null") return { kind: "literal", value: null };
    if (this.peek("(")) return this.call(name);
    return { kind: "variable", name };
  }

  private call(name: string): Expr {
    this.expect("(");
    const args: Expr[] = [];
    let expand = false;
    while (!this.peek(")")) {
      args.push(this.expression());
      if (this.eat("...")) expand = true;
      if (!this.eat(",")) break;
    }
    this.expect(")");
    return { kind: "call", name, args, expand };
  }

  private list(): Expr {
    this.expect("[");
    const items: Expr[] = [];
    while (!this.peek("]")) {
      items.push(this.expression());
      if (!this.eat(",")) break;
    }
    this.expect("]");
    return { kind: "list", items };
  }

  private object(): Expr {
    this.expect("{");
    const entries: Array<{ key: Expr; value: Expr }> = [];
    while (!this.peek("}")) {
      this.skipSpace();
      let key: Expr;
      const bare = /^[A-Za-z_][A-Za-z0-9_-]*\s*[=:]/.exec(this.src.slice(this.pos));
      if (bare) key = { kind: "literal", value: this.identifier() };
      else key = this.expression();
      if (!this.eat("=") && !this.eat(":")) this.fail('expected "=" or ":" in an object');
      entries.push({ key, value: this.expression() });
      if (!this.eat(",")) this.skipSpace();
    }
    this.expect("}");
    return { kind: "object", entries };
  }
}
