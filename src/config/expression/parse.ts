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
  // Most of the rest are one plain reference, "${type.name.attr}" as cdktf writes them.
  const reference = plainReference(source);
  if (reference) return reference;
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

/** "${a.b.c}" (names and numeric steps only, no spaces): the tree the full parser would build. */
const PLAIN_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_-]*(?:\.(?:[A-Za-z_][A-Za-z0-9_-]*|[0-9]+)|\[[0-9]+\])*\}$/;
const REFERENCE_STEP = /\.([A-Za-z_][A-Za-z0-9_-]*)|\.([0-9]+)|\[([0-9]+)\]/y;
const KEYWORDS = new Set(["true", "false", "null"]);

function plainReference(source: string): Expr | undefined {
  if (!PLAIN_REFERENCE.test(source)) return undefined;
  const rootEnd = source.search(/[.[}]/);
  const root = source.slice(2, rootEnd);
  if (KEYWORDS.has(root)) return undefined;
  let expr: Expr = { kind: "variable", name: root };
  REFERENCE_STEP.lastIndex = rootEnd;
  for (let step = REFERENCE_STEP.exec(source); step; step = REFERENCE_STEP.exec(source)) {
    if (step[1] !== undefined) expr = { kind: "attr", target: expr, name: step[1] };
    else expr = { kind: "index", target: expr, key: { kind: "literal", value: Number(step[2] ?? step[3]) } };
  }
  return expr;
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_-]*/y;
const NUMBER = /-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const DIGITS = /[0-9]+/y;
const BARE_OBJECT_KEY = /[A-Za-z_][A-Za-z0-9_-]*\s*[=:]/y;

/** The match of a sticky regex at `pos`, or undefined. */
function matchAt(regex: RegExp, source: string, pos: number): string | undefined {
  regex.lastIndex = pos;
  return regex.exec(source)?.[0];
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 11 || code === 12 || code === 0xa0 || code === 0xfeff || (code >= 0x2000 && code <= 0x200a) || code === 0x1680 || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
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
    while (this.pos < this.src.length && isSpace(this.src.charCodeAt(this.pos))) this.pos++;
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
          const digits = matchAt(DIGITS, this.src, this.pos)!;
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
    const name = matchAt(IDENTIFIER, this.src, this.pos);
    if (!name) this.fail("expected a name");
    this.pos += name.length;
    return name;
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
    const number = matchAt(NUMBER, this.src, this.pos);
    if (number) {
      this.pos += number.length;
      return { kind: "literal", value: Number(number) };
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
      const bare = matchAt(BARE_OBJECT_KEY, this.src, this.pos);
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
