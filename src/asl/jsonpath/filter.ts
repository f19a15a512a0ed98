import { deepEqual } from "./equal.js";
import { queryCompiled } from "./evaluate.js";
import { compilePath, PathSyntaxError, readQuoted } from "./parse.js";
import type { FilterTest } from "./types.js";

/**
 * Filter expressions `[?( … )]` as Jayway JsonPath evaluates them: `@` is the candidate node,
 * `$` the document; `&&`, `||`, `!`, parentheses; `==`, `!=`, `<`, `<=`, `>`, `>=`, `=~ /re/`
 * (whole-string match, like Java's `Matcher.matches`), `in`, `nin`, `subsetof`, `anyof`,
 * `noneof`, `size`, `empty`, `contains`. A comparison whose operand is missing is false.
 */
type Operand = (node: unknown, root: unknown) => unknown;

const MISSING = Symbol("missing");
const WORD_OPS = ["subsetof", "noneof", "anyof", "contains", "empty", "size", "nin", "in"];
const SYMBOL_OPS = ["==", "!=", "<=", ">=", "=~", "<", ">"];

export function parseFilter(expr: string, source: string): FilterTest {
  const parser = new FilterParser(expr, source);
  const test = parser.parseOr();
  parser.skip();
  if (!parser.atEnd()) parser.fail(`Unexpected '${expr.slice(parser.pos)}' in filter`);
  return test;
}

class FilterParser {
  pos = 0;

  constructor(
    private readonly text: string,
    private readonly source: string,
  ) {}

  fail(message: string): never {
    throw new PathSyntaxError(this.source, message);
  }

  skip(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  private eat(token: string): boolean {
    this.skip();
    if (this.text.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }

  parseOr(): FilterTest {
    let left = this.parseAnd();
    while (this.eat("||")) {
      const a = left;
      const b = this.parseAnd();
      left = (n, r) => a(n, r) || b(n, r);
    }
    return left;
  }

  private parseAnd(): FilterTest {
    let left = this.parseUnary();
    while (this.eat("&&")) {
      const a = left;
      const b = this.parseUnary();
      left = (n, r) => a(n, r) && b(n, r);
    }
    return left;
  }

  private parseUnary(): FilterTest {
    this.skip();
    if (this.text[this.pos] === "!" && this.text[this.pos + 1] !== "=") {
      this.pos++;
      const inner = this.parseUnary();
      return (n, r) => !inner(n, r);
    }
    if (this.text[this.pos] === "(") {
      this.pos++;
      const inner = this.parseOr();
      if (!this.eat(")")) this.fail("Missing ')' in filter");
      return inner;
    }
    return this.parseRelation();
  }

  private parseRelation(): FilterTest {
    const left = this.parseOperand();
    this.skip();
    const op = this.readOperator();
    if (op === null) return (n, r) => left(n, r) !== MISSING;
    const right = this.parseOperand();
    return (n, r) => {
      const a = left(n, r);
      const b = right(n, r);
      if (a === MISSING || b === MISSING) return false;
      return compare(op, a, b);
    };
  }

  private readOperator(): string | null {
    for (const op of SYMBOL_OPS) {
      if (this.text.startsWith(op, this.pos)) {
        this.pos += op.length;
        return op;
      }
    }
    for (const op of WORD_OPS) {
      if (this.text.startsWith(op, this.pos) && !/[A-Za-z]/.test(this.text[this.pos + op.length])) {
        this.pos += op.length;
        return op;
      }
    }
    return null;
  }

  private parseOperand(): Operand {
    this.skip();
    const ch = this.text[this.pos];
    if (ch === "@" || ch === "$") return this.parsePathOperand();
    if (ch === "'" || ch === '"') {
      const [value, next] = readQuoted(this.text, this.pos, this.source);
      this.pos = next;
      return () => value;
    }
    if (ch === "/") return this.parseRegex();
    if (ch === "[" || ch === "{") return this.parseJsonLiteral();
    const match = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.pos));
    if (match === null) this.fail(`Unexpected '${this.text.slice(this.pos)}' in filter`);
    this.pos += match[0].length;
    const value = JSON.parse(match[0]) as unknown;
    return () => value;
  }

  private parsePathOperand(): Operand {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === "'" || ch === '"') {
        this.pos = readQuoted(this.text, this.pos, this.source)[1];
        continue;
      }
      if (ch === "[") depth++;
      else if (ch === "]") depth--;
      else if (depth === 0 && /[\s)=!<>&|]/.test(ch)) break;
      this.pos++;
    }
    const text = this.text.slice(start, this.pos);
    const relative = text.startsWith("@");
    const compiled = compilePath(relative ? `$${text.slice(1)}` : text);
    return (node, root) => {
      const result = queryCompiled(compiled, relative ? node : root, undefined, false);
      return result.found ? result.value : MISSING;
    };
  }

  private parseRegex(): Operand {
    const end = this.text.indexOf("/", this.pos + 1);
    if (end === -1) this.fail("Unterminated regular expression");
    const body = this.text.slice(this.pos + 1, end);
    this.pos = end + 1;
    const flags = /^[a-z]*/.exec(this.text.slice(this.pos))![0];
    this.pos += flags.length;
    const regex = new RegExp(`^(?:${body})$`, flags.replace(/[^imsu]/g, ""));
    return () => regex;
  }

  private parseJsonLiteral(): Operand {
    const open = this.text[this.pos];
    const close = open === "[" ? "]" : "}";
    let depth = 0;
    let i = this.pos;
    for (; i < this.text.length; i++) {
      const ch = this.text[i];
      if (ch === "'" || ch === '"') {
        i = readQuoted(this.text, i, this.source)[1] - 1;
      } else if (ch === open) depth++;
      else if (ch === close && --depth === 0) break;
    }
    const raw = this.text
      .slice(this.pos, i + 1)
      .replace(/'((?:[^'\\]|\\.)*)'/g, (_m, s: string) =>
        JSON.stringify(s.replace(/\\(.)/g, "$1")),
      );
    this.pos = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      this.fail(`Invalid literal ${raw} in filter`);
    }
    return () => value;
  }
}

function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case "==":
      return deepEqual(a, b);
    case "!=":
      return !deepEqual(a, b);
    case "<":
    case "<=":
    case ">":
    case ">=":
      return ordered(op, a, b);
    case "=~":
      return b instanceof RegExp && typeof a === "string" && b.test(a);
    case "in":
      return Array.isArray(b) && b.some((x) => deepEqual(a, x));
    case "nin":
      return Array.isArray(b) && !b.some((x) => deepEqual(a, x));
    case "subsetof":
      return Array.isArray(a) && Array.isArray(b) && a.every((x) => b.some((y) => deepEqual(x, y)));
    case "anyof":
      return Array.isArray(a) && Array.isArray(b) && a.some((x) => b.some((y) => deepEqual(x, y)));
    case "noneof":
      return Array.isArray(a) && Array.isArray(b) && !a.some((x) => b.some((y) => deepEqual(x, y)));
    case "size":
      return (Array.isArray(a) || typeof a === "string") && a.length === b;
    case "empty":
      return (Array.isArray(a) || typeof a === "string") && (a.length === 0) === b;
    case "contains":
      if (typeof a === "string") return typeof b === "string" && a.includes(b);
      return Array.isArray(a) && a.some((x) => deepEqual(x, b));
    default:
      return false;
  }
}

function ordered(op: string, a: unknown, b: unknown): boolean {
  const comparable =
    (typeof a === "number" && typeof b === "number") ||
    (typeof a === "string" && typeof b === "string");
  if (!comparable) return false;
  const x = a as number | string;
  const y = b as number | string;
  if (op === "<") return x < y;
  if (op === "<=") return x <= y;
  if (op === ">") return x > y;
  return x >= y;
}
