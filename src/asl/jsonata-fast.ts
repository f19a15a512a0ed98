/**
 * A synchronous fast path for the simplest JSONata expressions (`$states.input.a.b`,
 * `$x`, literals, arithmetic/comparison/logic between them). It answers only when the
 * result is certain to equal jsonata's; anything else (arrays on a path, non-number
 * arithmetic, functions, predicates…) returns FALLBACK and jsonata evaluates it.
 */
import type { JsonataScope } from "./jsonata.js";

export const FALLBACK = Symbol("fallback");
type Out = unknown | typeof FALLBACK;
export type Fast = (scope: JsonataScope) => Out;

// biome-ignore lint/suspicious/noExplicitAny: jsonata AST nodes
type Node = Record<string, any>;

const SIMPLE_STEP_KEYS = new Set(["type", "value", "position"]);

function isSimple(node: Node): boolean {
  return Object.keys(node).every((k) => SIMPLE_STEP_KEYS.has(k));
}

function variable(name: string): Fast {
  if (name === "states") return (scope) => scope.states;
  return (scope) => (Object.hasOwn(scope.vars, name) ? scope.vars[name] : FALLBACK);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function path(steps: Node[]): Fast | undefined {
  const first = steps[0];
  if (first?.type !== "variable" || !isSimple(first)) return undefined;
  const names: string[] = [];
  for (const s of steps.slice(1)) {
    if (s.type !== "name" || !isSimple(s) || typeof s.value !== "string") return undefined;
    names.push(s.value);
  }
  const root = variable(first.value);
  return (scope) => {
    let cur = root(scope);
    if (cur === FALLBACK) return FALLBACK;
    for (const n of names) {
      if (Array.isArray(cur)) return FALLBACK;
      if (!isPlainObject(cur)) return undefined;
      cur = Object.hasOwn(cur, n) ? cur[n] : undefined;
    }
    return Array.isArray(cur) || typeof cur === "function" ? FALLBACK : cur;
  };
}

function binary(op: string, l: Fast, r: Fast): Fast | undefined {
  const num =
    (f: (a: number, b: number) => number): Fast =>
    (scope) => {
      const a = l(scope);
      const b = r(scope);
      if (typeof a !== "number" || typeof b !== "number") return FALLBACK;
      const v = f(a, b);
      return Number.isFinite(v) ? v : FALLBACK;
    };
  const cmp =
    (f: (a: number | string, b: number | string) => boolean): Fast =>
    (scope) => {
      const a = l(scope);
      const b = r(scope);
      if (typeof a === "number" && typeof b === "number") return f(a, b);
      if (typeof a === "string" && typeof b === "string") return f(a, b);
      return FALLBACK;
    };
  const prim = (v: unknown) =>
    v === null || typeof v === "number" || typeof v === "string" || typeof v === "boolean";
  const eq =
    (negate: boolean): Fast =>
    (scope) => {
      const a = l(scope);
      const b = r(scope);
      if (!prim(a) || !prim(b)) return FALLBACK;
      return negate ? a !== b : a === b;
    };
  const logic =
    (and: boolean): Fast =>
    (scope) => {
      const a = l(scope);
      const b = r(scope);
      if (typeof a !== "boolean" || typeof b !== "boolean") return FALLBACK;
      return and ? a && b : a || b;
    };
  switch (op) {
    case "+":
      return num((a, b) => a + b);
    case "-":
      return num((a, b) => a - b);
    case "*":
      return num((a, b) => a * b);
    case "/":
      return num((a, b) => a / b);
    case "<":
      return cmp((a, b) => a < b);
    case "<=":
      return cmp((a, b) => a <= b);
    case ">":
      return cmp((a, b) => a > b);
    case ">=":
      return cmp((a, b) => a >= b);
    case "=":
      return eq(false);
    case "!=":
      return eq(true);
    case "and":
      return logic(true);
    case "or":
      return logic(false);
    case "&":
      return (scope) => {
        const a = l(scope);
        const b = r(scope);
        return typeof a === "string" && typeof b === "string" ? a + b : FALLBACK;
      };
    default:
      return undefined;
  }
}

/** A fast evaluator for this AST, or undefined when jsonata must always evaluate it. */
export function compileFast(node: Node): Fast | undefined {
  switch (node.type) {
    case "number":
    case "string":
    case "value": {
      if (!isSimple(node)) return undefined;
      const v = node.value;
      return () => v;
    }
    case "variable":
      return isSimple(node) && node.value !== "" ? variable(node.value) : undefined;
    case "path":
      return Array.isArray(node.steps) &&
        Object.keys(node).every((k) => k === "type" || k === "steps")
        ? path(node.steps)
        : undefined;
    case "binary": {
      const keys = Object.keys(node);
      if (!keys.every((k) => ["type", "value", "position", "lhs", "rhs"].includes(k)))
        return undefined;
      const l = compileFast(node.lhs);
      const r = compileFast(node.rhs);
      return l && r ? binary(node.value, l, r) : undefined;
    }
    default:
      return undefined;
  }
}
