/**
 * JSONata support: `{% %}` templates compiled once per definition, the Step Functions
 * functions ($partition, $range, $hash, $random, $uuid, $parse) and AWS's
 * `States.QueryEvaluationError` causes.
 * Dev guide, "Transforming data with JSONata in Step Functions".
 */
import { createHash, randomUUID } from "node:crypto";
import jsonata from "jsonata";
import { StatesError, StatesErrors } from "./errors.js";
import { JavaRandom } from "./intrinsics/java-random.js";
import { FALLBACK } from "./jsonata-operators.js";
import { compileSync } from "./jsonata-rich.js";

type Expr = ReturnType<typeof jsonata>;

/** The `$states` reserved variable. */
export interface StatesBinding {
  input: unknown;
  result?: unknown;
  errorOutput?: unknown;
  context: unknown;
}

export interface JsonataScope {
  states: StatesBinding;
  vars: Record<string, unknown>;
}

/** Thrown while evaluating: carries the field so the state can name it in the cause. */
export class QueryEvaluationError extends StatesError {
  readonly location: string;
  constructor(location: string, cause: string) {
    super(StatesErrors.QueryEvaluationError, cause);
    this.location = location;
  }
}

export function isJsonataExpression(value: unknown): value is string {
  return typeof value === "string" && value.startsWith("{%") && value.endsWith("%}");
}

export function expressionBody(value: string): string {
  return value.slice(2, -2).trim();
}

function hashOf(data: unknown, algorithm: string): string {
  const names: Record<string, string> = {
    MD5: "md5",
    "SHA-1": "sha1",
    "SHA-256": "sha256",
    "SHA-384": "sha384",
    "SHA-512": "sha512",
  };
  const alg = names[algorithm];
  if (alg === undefined) {
    throw {
      code: "D3137",
      message: `The hashing algorithm ${algorithm} is not supported. Supported algorithms: MD5, SHA-1, SHA-256, SHA-384, SHA-512`,
    };
  }
  const text = typeof data === "string" ? data : JSON.stringify(data);
  return createHash(alg).update(text, "utf8").digest("hex");
}

/** The most values a range makes: jsonata's own limit for `..` (its error D2014). */
const MAX_RANGE = 1e7;

/**
 * `$range(start, end, step)`: AWS includes `end`; arguments are truncated to integers. Counted by
 * index, so bounds past 2^53 (where v + step === v) still end, and capped like jsonata's `..`.
 */
function range(start: number, end: number, step: number): number | number[] | undefined {
  const s = Math.trunc(start);
  const e = Math.trunc(end);
  const st = Math.trunc(step);
  if (st === 0 || (st > 0 && s > e) || (st < 0 && s < e)) return undefined;
  const out = countedRange(s, Math.floor((e - s) / st) + 1, st);
  return out.length === 1 ? out[0] : out;
}

/** `count` numbers from `from`, `step` apart, counted by index; at most MAX_RANGE (D2014). */
function countedRange(from: number, count: number, step: number): number[] {
  if (!(count <= MAX_RANGE)) throw { code: "D2014", value: count };
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = from + i * step;
  return out;
}

/**
 * jsonata's `..` counts with `item++`, which never passes a bound beyond 2^53: `[1e300..1e300]`
 * runs until the process runs out of memory. Every `..` node is turned in place into a call of
 * `$__range`, which is jsonata's range (same checks, codes and limit, in the same order) counted
 * by index instead.
 */
function guardRanges(node: unknown, seen = new Set<object>()): void {
  if (node === null || typeof node !== "object" || seen.has(node)) return;
  seen.add(node);
  const n = node as Record<string, unknown>;
  for (const value of Object.values(n)) {
    if (Array.isArray(value)) for (const item of value) guardRanges(item, seen);
    else guardRanges(value, seen);
  }
  if (n.type === "binary" && n.value === "..") {
    const { lhs, rhs, position } = n;
    delete n.lhs;
    delete n.rhs;
    Object.assign(n, {
      type: "function",
      value: "(",
      arguments: [lhs, rhs],
      procedure: { type: "variable", value: "__range", position },
    });
  }
}

/** jsonata's evaluateRangeExpression, counted by index. */
function rangeOperator(lhs: unknown, rhs: unknown): number[] | undefined {
  if (lhs !== undefined && !Number.isInteger(lhs)) throw { code: "T2003", value: lhs };
  if (rhs !== undefined && !Number.isInteger(rhs)) throw { code: "T2004", value: rhs };
  if (lhs === undefined || rhs === undefined) return undefined;
  const [from, to] = [lhs as number, rhs as number];
  if (from > to) return undefined;
  // A jsonata sequence (a singleton one is unwrapped, as the operator's result is).
  return Object.assign(countedRange(from, to - from + 1, 1), { sequence: true });
}

function partition(values: unknown[], size: number): unknown[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw { code: "D3138", message: "The chunk size must be a positive integer" };
  }
  const out: unknown[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

function register(expr: Expr): void {
  guardRanges(expr.ast());
  expr.registerFunction("__range", rangeOperator);
  expr.registerFunction("partition", partition, "<an:a>");
  expr.registerFunction("range", range, "<nnn:x>");
  expr.registerFunction("hash", hashOf, "<xs:s>");
  expr.registerFunction(
    "random",
    (seed?: number) => (seed === undefined ? Math.random() : new JavaRandom(seed).nextDouble()),
    "<n?:n>",
  );
  expr.registerFunction("uuid", () => randomUUID(), "<:s>");
  expr.registerFunction(
    "parse",
    (text: string) => {
      try {
        return JSON.parse(text);
      } catch (err) {
        throw { code: "D3140", message: `Invalid JSON: ${(err as Error).message}` };
      }
    },
    "<s:x>",
  );
}

const cache = new Map<string, Expr>();

/** Compiles (once, cached by text) the body of a `{% %}` expression; throws on syntax errors. */
export function compileExpression(body: string): Expr {
  let expr = cache.get(body);
  if (expr === undefined) {
    expr = jsonata(body);
    register(expr);
    cache.set(body, expr);
  }
  return expr;
}

/** A JSONata syntax error message, or undefined when the expression parses. */
export function jsonataSyntaxError(value: string): string | undefined {
  try {
    compileExpression(expressionBody(value));
    return undefined;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return `${e.code ?? ""}: ${e.message ?? String(err)}`;
  }
}

/** A compiled field value: constants (and what jsonata-rich.ts answers) evaluate synchronously. */
export interface Template {
  readonly constant: boolean;
  evaluate(scope: JsonataScope): unknown | Promise<unknown>;
  readonly value?: unknown;
}

function bindingsOf(scope: JsonataScope): Record<string, unknown> {
  const b: Record<string, unknown> = { ...scope.vars };
  b.states = scope.states;
  return b;
}

async function runExpr(
  expr: Expr,
  text: string,
  field: string,
  scope: JsonataScope,
): Promise<unknown> {
  let out: unknown;
  try {
    out = await expr.evaluate(scope.states.input, bindingsOf(scope));
  } catch (err) {
    const e = err as { code?: string; message?: string };
    throw new QueryEvaluationError(
      field,
      `The JSONata expression '${text}' specified for the field '${field}' threw an error during evaluation. ${e.code}: ${e.message}`,
    );
  }
  // jsonata marks sequences with extra array properties: hand back plain JSON values.
  if (out !== null && typeof out === "object") out = JSON.parse(JSON.stringify(out));
  if (out === undefined) {
    throw new QueryEvaluationError(
      field,
      `The JSONata expression '${text}' specified for the field '${field}' returned nothing (undefined).`,
    );
  }
  return out;
}

/** Compiles a JSONata-state field (string, object or array with `{% %}` leaves). */
export function compileTemplate(template: unknown, field: string): Template {
  if (isJsonataExpression(template)) {
    const text = expressionBody(template);
    const expr = compileExpression(text);
    const ast = expr.ast() as unknown as Record<string, unknown>;
    const sync = compileSync(ast);
    if (sync === undefined) {
      return { constant: false, evaluate: (scope) => runExpr(expr, text, field, scope) };
    }
    return {
      constant: false,
      evaluate: (scope) => {
        const v = sync(scope);
        if (v === FALLBACK || v === undefined) return runExpr(expr, text, field, scope);
        return v;
      },
    };
  }
  if (Array.isArray(template)) {
    const parts = template.map((t, i) => compileTemplate(t, `${field}[${i}]`));
    if (parts.every((p) => p.constant)) return constantTemplate(template);
    return {
      constant: false,
      evaluate: async (scope) => {
        const out: unknown[] = [];
        for (const p of parts) out.push(p.constant ? p.value : await p.evaluate(scope));
        return out;
      },
    };
  }
  if (template !== null && typeof template === "object") {
    // AWS names a nested field by its path: 'Arguments/Input/pushLocation', 'Output/a[0]'.
    const entries = Object.entries(template).map(
      ([k, v]) => [k, compileTemplate(v, `${field}/${k}`)] as const,
    );
    if (entries.every(([, p]) => p.constant)) return constantTemplate(template);
    return {
      constant: false,
      evaluate: async (scope) => {
        const out: Record<string, unknown> = {};
        for (const [k, p] of entries) out[k] = p.constant ? p.value : await p.evaluate(scope);
        return out;
      },
    };
  }
  return constantTemplate(template);
}

function constantTemplate(value: unknown): Template {
  return { constant: true, value, evaluate: () => value };
}

/** Evaluates a template without awaiting when it is constant. */
export function evalTemplate(t: Template, scope: JsonataScope): unknown | Promise<unknown> {
  return t.constant ? t.value : t.evaluate(scope);
}
