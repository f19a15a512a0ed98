import { compilePath, PathSyntaxError } from "../jsonpath/parse.js";
import type { CompiledPath } from "../jsonpath/types.js";

/**
 * Intrinsic function calls (AWS Developer Guide, "Intrinsic functions for JSONPath states"):
 * `States.Name(arg, …)` where an argument is a string literal in single quotes (escapes `\'`,
 * `\{`, `\}`, `\\`; any other backslash is an error), a number, `true`, `false`, `null`, a path
 * (`$.x`, `$$.x`, `$var`) or another call. At most 10 calls may be nested in one field.
 */
export type IntrinsicArg =
  | { kind: "literal"; value: unknown; raw?: string }
  | { kind: "path"; source: string; compiled: CompiledPath }
  | IntrinsicCall;

export interface IntrinsicCall {
  kind: "call";
  name: string;
  args: IntrinsicArg[];
}

export class IntrinsicSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IntrinsicSyntaxError";
  }
}

export const MAX_NESTING = 10;

/** How many arguments each function takes: [minimum, maximum]. */
export const ARITY: Readonly<Record<string, readonly [number, number]>> = {
  "States.Format": [1, Number.POSITIVE_INFINITY],
  "States.StringToJson": [1, 1],
  "States.JsonToString": [1, 1],
  "States.Array": [0, Number.POSITIVE_INFINITY],
  "States.ArrayPartition": [2, 2],
  "States.ArrayContains": [2, 2],
  "States.ArrayRange": [3, 3],
  "States.ArrayGetItem": [2, 2],
  "States.ArrayLength": [1, 1],
  "States.ArrayUnique": [1, 1],
  "States.Base64Encode": [1, 1],
  "States.Base64Decode": [1, 1],
  "States.Hash": [2, 2],
  "States.JsonMerge": [3, 3],
  "States.MathRandom": [2, 3],
  "States.MathAdd": [2, 2],
  "States.StringSplit": [2, 2],
  "States.UUID": [0, 0],
};

const cache = new Map<string, IntrinsicCall>();

/** Parses an intrinsic call once; throws IntrinsicSyntaxError when it is malformed. */
export function parseIntrinsic(expression: string): IntrinsicCall {
  let call = cache.get(expression);
  if (call === undefined) {
    const parser = new Parser(expression);
    call = parser.parseTop();
    if (cache.size >= 10_000) cache.clear();
    cache.set(expression, call);
  }
  return call;
}

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseTop(): IntrinsicCall {
    this.skip();
    const call = this.parseCall(1);
    this.skip();
    if (this.pos < this.text.length) {
      this.fail(`unexpected '${this.text.slice(this.pos)}' after the closing parenthesis`);
    }
    return call;
  }

  private fail(message: string): never {
    throw new IntrinsicSyntaxError(`Invalid intrinsic function call '${this.text}': ${message}`);
  }

  private skip(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private parseCall(depth: number): IntrinsicCall {
    if (depth > MAX_NESTING) this.fail(`more than ${MAX_NESTING} nested intrinsic functions`);
    const match = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.pos));
    if (match === null) this.fail(`expected a States.* function at position ${this.pos}`);
    const name = match[0];
    const arity = ARITY[name];
    if (arity === undefined) this.fail(`unknown function ${name}`);
    this.pos += name.length;
    this.skip();
    if (this.text[this.pos] !== "(") this.fail(`expected '(' after ${name}`);
    this.pos++;
    const args: IntrinsicArg[] = [];
    this.skip();
    if (this.text[this.pos] === ")") {
      this.pos++;
    } else {
      for (;;) {
        args.push(this.parseArg(depth));
        this.skip();
        const ch = this.text[this.pos];
        this.pos++;
        if (ch === ")") break;
        if (ch !== ",") this.fail(`expected ',' or ')' in the arguments of ${name}`);
      }
    }
    if (args.length < arity[0] || args.length > arity[1]) {
      const expected = arity[0] === arity[1] ? `${arity[0]}` : `${arity[0]} or more`;
      const wanted = arity[1] === arity[0] + 1 ? `${arity[0]} or ${arity[1]}` : expected;
      this.fail(`${name} takes ${wanted} argument(s), got ${args.length}`);
    }
    return { kind: "call", name, args };
  }

  private parseArg(depth: number): IntrinsicArg {
    this.skip();
    const ch = this.text[this.pos];
    if (ch === "'") return this.parseString();
    if (ch === "$") return this.parsePath();
    if (this.text.startsWith("States.", this.pos)) return this.parseCall(depth + 1);
    const rest = this.text.slice(this.pos);
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (number !== null) {
      this.pos += number[0].length;
      return { kind: "literal", value: Number(number[0]) };
    }
    const keyword = /^(true|false|null)(?![A-Za-z0-9_])/.exec(rest);
    if (keyword !== null) {
      this.pos += keyword[0].length;
      return { kind: "literal", value: JSON.parse(keyword[0]) };
    }
    this.fail(`unexpected '${rest}'`);
  }

  private parseString(): IntrinsicArg {
    const start = ++this.pos;
    let value = "";
    while (this.pos < this.text.length && this.text[this.pos] !== "'") {
      const ch = this.text[this.pos];
      if (ch === "\\") {
        const escaped = this.text[this.pos + 1];
        if (escaped !== "'" && escaped !== "{" && escaped !== "}" && escaped !== "\\") {
          this.fail(`open escape '\\' in a string literal`);
        }
        value += escaped;
        this.pos += 2;
      } else {
        value += ch;
        this.pos++;
      }
    }
    if (this.pos >= this.text.length) this.fail("unterminated string literal");
    const raw = this.text.slice(start, this.pos);
    this.pos++;
    return { kind: "literal", value, raw };
  }

  private parsePath(): IntrinsicArg {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === "'" || ch === '"') {
        const close = this.text.indexOf(ch, this.pos + 1);
        if (close === -1) this.fail("unterminated quoted name in a path");
        this.pos = close + 1;
        continue;
      }
      if (ch === "[" || ch === "(") depth++;
      else if (ch === "]" || (ch === ")" && depth > 0)) depth--;
      else if (depth === 0 && (ch === "," || ch === ")")) break;
      this.pos++;
    }
    const source = this.text.slice(start, this.pos).trim();
    try {
      return { kind: "path", source, compiled: compilePath(source) };
    } catch (error) {
      if (error instanceof PathSyntaxError) this.fail(`invalid path '${source}': ${error.message}`);
      throw error;
    }
  }
}
