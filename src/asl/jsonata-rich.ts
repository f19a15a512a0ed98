/**
 * A second synchronous fast path, for expressions built from a few pure built-in functions
 * ($merge, $keys, $lookup, $join, $map with an inline lambda, $type, $string), object and
 * array constructors, blocks with `:=`, conditions and boolean predicates on a function's
 * result — the shapes the contabanco workflow uses to build DynamoDB requests. Like
 * jsonata-fast.ts it answers only when the result is certain to equal jsonata's (read from
 * jsonata 2's evaluator: sequences of one item become the item, `&` and $string format numbers
 * with 15 significant digits, $merge/$keys/$lookup take own keys only, a group expression
 * evaluates keys and then values against the one context item); on anything else (arrays where
 * a sequence could flatten, undefined results, errors, shadowed function names) it returns
 * FALLBACK and jsonata evaluates the expression. Everything here is pure, so a fallback after
 * a partial evaluation changes nothing.
 */

import type { JsonataScope } from "./jsonata.js";
import { FALLBACK, type Fast } from "./jsonata-fast.js";

// biome-ignore lint/suspicious/noExplicitAny: jsonata AST nodes
type Node = Record<string, any>;

interface Env {
  /** The context item (`$`). */
  ctx: unknown;
  /** Lambda parameters and block bindings, innermost first (null-prototype chain). */
  locals: Record<string, unknown>;
}
type R = (scope: JsonataScope, env: Env) => unknown;

const ROOT_LOCALS: Record<string, unknown> = Object.create(null);
const BUILTINS = new Set(["merge", "keys", "lookup", "join", "map", "type", "string"]);

function hasOnly(node: Node, keys: string[]): boolean {
  return Object.keys(node).every((k) => k === "position" || keys.includes(k));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** jsonata's $string (and `&`) for the values it can format without JSON: else FALLBACK. */
function str(v: unknown): unknown {
  if (typeof v === "string") return v;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return FALLBACK;
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  }
  if (typeof v === "boolean" || v === null) return String(v);
  return FALLBACK;
}

/** jsonata's deep equality (own keys, any order) for JSON values. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.getOwnPropertyNames(ao).sort();
  const bk = Object.getOwnPropertyNames(bo).sort();
  if (ak.length !== bk.length || ak.some((k, i) => k !== bk[i])) return false;
  return ak.every((k) => deepEqual(ao[k], bo[k]));
}

/** A function's result as jsonata hands it on: a sequence of one is its item; none → FALLBACK. */
function flatten(seq: unknown[]): unknown {
  if (seq.length === 0) return FALLBACK;
  return seq.length === 1 ? seq[0] : seq;
}

/** An `a`-typed argument: a single value stands for an array of one. */
function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

function variable(name: string): R {
  if (name === "") return (_scope, env) => env.ctx;
  return (scope, env) => {
    if (name in env.locals) return env.locals[name];
    if (name === "states") return scope.states;
    return Object.hasOwn(scope.vars, name) ? scope.vars[name] : FALLBACK;
  };
}

function path(steps: Node[]): R | undefined {
  const first = steps[0];
  if (first?.type !== "variable" || !hasOnly(first, ["type", "value"])) return undefined;
  if (typeof first.value !== "string" || first.value === "" || steps.length < 2) return undefined;
  const names: string[] = [];
  for (const s of steps.slice(1)) {
    if (s.type !== "name" || !hasOnly(s, ["type", "value"]) || typeof s.value !== "string") {
      return undefined;
    }
    names.push(s.value);
  }
  const root = variable(first.value);
  return (scope, env) => {
    let cur = root(scope, env);
    if (cur === FALLBACK) return FALLBACK;
    for (const n of names) {
      if (Array.isArray(cur)) return FALLBACK;
      if (!isPlainObject(cur)) return undefined;
      cur = Object.hasOwn(cur, n) ? cur[n] : undefined;
    }
    return Array.isArray(cur) || typeof cur === "function" ? FALLBACK : cur;
  };
}

function binary(op: string, l: R, r: R): R | undefined {
  const both =
    (f: (a: unknown, b: unknown) => unknown): R =>
    (scope, env) => {
      const a = l(scope, env);
      if (a === FALLBACK) return FALLBACK;
      const b = r(scope, env);
      return b === FALLBACK ? FALLBACK : f(a, b);
    };
  const num = (f: (a: number, b: number) => number) =>
    both((a, b) => {
      if (typeof a !== "number" || typeof b !== "number") return FALLBACK;
      const v = f(a, b);
      return Number.isFinite(v) ? v : FALLBACK;
    });
  const cmp = (f: (a: number | string, b: number | string) => boolean) =>
    both((a, b) =>
      (typeof a === "number" && typeof b === "number") ||
      (typeof a === "string" && typeof b === "string")
        ? f(a, b)
        : FALLBACK,
    );
  const logic = (and: boolean) =>
    both((a, b) => {
      if (typeof a !== "boolean" || typeof b !== "boolean") return FALLBACK;
      return and ? a && b : a || b;
    });
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
    case "!=":
      return both((a, b) => {
        if (a === undefined || b === undefined) return false;
        return deepEqual(a, b) === (op === "=");
      });
    case "and":
      return logic(true);
    case "or":
      return logic(false);
    case "&":
      return both((a, b) => {
        const x = a === undefined ? "" : str(a);
        const y = b === undefined ? "" : str(b);
        return x === FALLBACK || y === FALLBACK ? FALLBACK : (x as string) + (y as string);
      });
    default:
      return undefined;
  }
}

/** `$map(array, function($v[, $i]) {...})`: the lambda runs in the context it was written in. */
function mapCall(args: Node[]): R | undefined {
  const [arrNode, fn] = args;
  if (fn?.type !== "lambda" || !hasOnly(fn, ["type", "arguments", "body", "signature"])) {
    return undefined;
  }
  if (fn.signature !== undefined) return undefined;
  const params = fn.arguments as Node[];
  if (!Array.isArray(params) || params.length < 1 || params.length > 2) return undefined;
  if (!params.every((p) => p.type === "variable" && hasOnly(p, ["type", "value"]) && p.value)) {
    return undefined;
  }
  const names = params.map((p) => p.value as string);
  const arr = compile(arrNode);
  const body = compile(fn.body);
  if (!arr || !body) return undefined;
  return (scope, env) => {
    const a = arr(scope, env);
    if (a === FALLBACK || a === undefined) return FALLBACK;
    const out: unknown[] = [];
    const items = asArray(a);
    for (let i = 0; i < items.length; i++) {
      const locals: Record<string, unknown> = Object.create(env.locals);
      locals[names[0]] = items[i];
      if (names.length > 1) locals[names[1]] = i;
      const v = body(scope, { ctx: env.ctx, locals });
      if (v === FALLBACK || Array.isArray(v) || typeof v === "function") return FALLBACK;
      if (v !== undefined) out.push(v);
    }
    return flatten(out);
  };
}

function builtin(name: string, argv: unknown[]): unknown {
  switch (name) {
    case "merge": {
      const out: Record<string, unknown> = Object.create(null);
      for (const o of asArray(argv[0])) {
        if (!isPlainObject(o)) return FALLBACK;
        for (const k of Object.keys(o)) out[k] = o[k];
      }
      return out;
    }
    case "keys":
      return isPlainObject(argv[0]) ? Object.keys(argv[0]) : FALLBACK;
    case "lookup": {
      const [o, k] = argv;
      if (!isPlainObject(o) || typeof k !== "string" || !Object.hasOwn(o, k)) return FALLBACK;
      const v = o[k];
      return Array.isArray(v) || v === undefined ? FALLBACK : v;
    }
    case "join": {
      const items = asArray(argv[0]);
      const sep = argv.length > 1 ? argv[1] : "";
      if (typeof sep !== "string" || !items.every((s) => typeof s === "string")) return FALLBACK;
      return items.join(sep);
    }
    case "type": {
      const v = argv[0];
      if (v === null) return "null";
      if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") {
        return typeof v;
      }
      return FALLBACK;
    }
    case "string":
      return str(argv[0]);
    default:
      return FALLBACK;
  }
}

const ARITY: Record<string, [number, number]> = {
  merge: [1, 1],
  keys: [1, 1],
  lookup: [2, 2],
  join: [1, 2],
  map: [2, 2],
  type: [1, 1],
  string: [1, 1],
};

function call(node: Node): R | undefined {
  if (
    node.value !== "(" ||
    !hasOnly(node, ["type", "value", "name", "arguments", "procedure", "predicate"])
  ) {
    return undefined;
  }
  const proc = node.procedure as Node;
  if (proc?.type !== "variable" || !hasOnly(proc, ["type", "value"])) return undefined;
  const name = proc.value as string;
  const args = node.arguments as Node[];
  if (!BUILTINS.has(name) || !Array.isArray(args)) return undefined;
  const [min, max] = ARITY[name];
  if (args.length < min || args.length > max) return undefined;
  let run: R | undefined;
  if (name === "map") {
    run = mapCall(args);
  } else {
    const compiled = args.map(compile);
    if (compiled.some((c) => c === undefined)) return undefined;
    const argFns = compiled as R[];
    run = (scope, env) => {
      const argv: unknown[] = [];
      for (const a of argFns) {
        const v = a(scope, env);
        if (v === FALLBACK || v === undefined) return FALLBACK;
        argv.push(v);
      }
      return builtin(name, argv);
    };
  }
  if (!run) return undefined;
  const inner = run;
  // The name must be jsonata's function: a workflow variable or a local of that name shadows it.
  const shadowed = (scope: JsonataScope, env: Env) =>
    name in env.locals || Object.hasOwn(scope.vars, name);
  const predicate = node.predicate as Node[] | undefined;
  if (predicate === undefined) {
    return (scope, env) => {
      if (shadowed(scope, env)) return FALLBACK;
      const v = inner(scope, env);
      return Array.isArray(v) && name === "keys" ? flatten(v) : v;
    };
  }
  // `$f(...)[pred]`: boolean filters over the function's result sequence, then flattening.
  if (!Array.isArray(predicate) || name !== "keys") return undefined;
  const filters: R[] = [];
  for (const p of predicate) {
    if (p.type !== "filter" || !hasOnly(p, ["type", "expr"])) return undefined;
    const f = compile(p.expr);
    if (!f) return undefined;
    filters.push(f);
  }
  return (scope, env) => {
    if (shadowed(scope, env)) return FALLBACK;
    const first = inner(scope, env);
    if (!Array.isArray(first)) return FALLBACK;
    let seq: unknown[] = first;
    for (const f of filters) {
      const kept: unknown[] = [];
      for (const item of seq) {
        const keep = f(scope, { ctx: item, locals: env.locals });
        if (typeof keep !== "boolean") return FALLBACK;
        if (keep) kept.push(item);
      }
      seq = kept;
    }
    return flatten(seq);
  };
}

/** `{ key: value, … }` against one context item (not an array: that groups). */
function objectConstructor(node: Node): R | undefined {
  if (!hasOnly(node, ["type", "value", "lhs"]) || !Array.isArray(node.lhs)) return undefined;
  const pairs: [R, R][] = [];
  for (const pair of node.lhs as Node[][]) {
    if (!Array.isArray(pair) || pair.length !== 2) return undefined;
    const k = compile(pair[0]);
    const v = compile(pair[1]);
    if (!k || !v) return undefined;
    pairs.push([k, v]);
  }
  return (scope, env) => {
    if (env.ctx === undefined || Array.isArray(env.ctx)) return FALLBACK;
    const keys: string[] = [];
    for (const [k] of pairs) {
      const key = k(scope, env);
      if (typeof key !== "string" || key === "__proto__" || keys.includes(key)) return FALLBACK;
      keys.push(key);
    }
    const out: Record<string, unknown> = {};
    for (let i = 0; i < pairs.length; i++) {
      const v = pairs[i][1](scope, env);
      if (v === FALLBACK || v === undefined) return FALLBACK;
      out[keys[i]] = v;
    }
    return out;
  };
}

/** `[a, b, …]` whose items are single values (arrays would be spliced in). */
function arrayConstructor(node: Node): R | undefined {
  if (!hasOnly(node, ["type", "value", "expressions"]) || !Array.isArray(node.expressions)) {
    return undefined;
  }
  const items = (node.expressions as Node[]).map(compile);
  if (items.some((i) => i === undefined)) return undefined;
  const fns = items as R[];
  return (scope, env) => {
    const out: unknown[] = [];
    for (const f of fns) {
      const v = f(scope, env);
      if (v === FALLBACK || v === undefined || Array.isArray(v)) return FALLBACK;
      out.push(v);
    }
    return out;
  };
}

function block(node: Node): R | undefined {
  if (!hasOnly(node, ["type", "expressions"]) || !Array.isArray(node.expressions)) {
    return undefined;
  }
  const steps: { bind?: string; run: R }[] = [];
  for (const e of node.expressions as Node[]) {
    if (e.type === "bind") {
      const lhs = e.lhs as Node;
      if (!hasOnly(e, ["type", "value", "lhs", "rhs"]) || lhs?.type !== "variable") {
        return undefined;
      }
      if (!hasOnly(lhs, ["type", "value"]) || !lhs.value) return undefined;
      const run = compile(e.rhs);
      if (!run) return undefined;
      steps.push({ bind: lhs.value, run });
    } else {
      const run = compile(e);
      if (!run) return undefined;
      steps.push({ run });
    }
  }
  if (steps.length === 0) return undefined;
  return (scope, env) => {
    const inner: Env = { ctx: env.ctx, locals: Object.create(env.locals) };
    let v: unknown;
    for (const s of steps) {
      v = s.run(scope, inner);
      if (v === FALLBACK) return FALLBACK;
      if (s.bind !== undefined) inner.locals[s.bind] = v;
    }
    return v;
  };
}

function compile(node: Node | undefined): R | undefined {
  if (!node || typeof node !== "object") return undefined;
  switch (node.type) {
    case "string":
    case "number":
    case "value": {
      if (!hasOnly(node, ["type", "value"])) return undefined;
      const v = node.value;
      return () => v;
    }
    case "variable":
      return hasOnly(node, ["type", "value"]) && typeof node.value === "string"
        ? variable(node.value)
        : undefined;
    case "path":
      return hasOnly(node, ["type", "steps"]) && Array.isArray(node.steps)
        ? path(node.steps)
        : undefined;
    case "binary": {
      if (!hasOnly(node, ["type", "value", "lhs", "rhs"])) return undefined;
      const l = compile(node.lhs);
      const r = compile(node.rhs);
      return l && r ? binary(node.value, l, r) : undefined;
    }
    case "function":
      return call(node);
    case "unary":
      if (node.value === "{") return objectConstructor(node);
      if (node.value === "[") return arrayConstructor(node);
      return undefined;
    case "block":
      return block(node);
    case "condition": {
      if (!hasOnly(node, ["type", "condition", "then", "else"])) return undefined;
      const c = compile(node.condition);
      const t = compile(node.then);
      const e = node.else === undefined ? () => undefined : compile(node.else);
      if (!c || !t || !e) return undefined;
      return (scope, env) => {
        const cond = c(scope, env);
        if (typeof cond !== "boolean") return FALLBACK;
        return cond ? t(scope, env) : e(scope, env);
      };
    }
    default:
      return undefined;
  }
}

/**
 * A fast evaluator for this AST (results as jsonata's evaluate would hand them on after
 * runExpr's JSON normalization), or undefined when the shape is not covered.
 */
export function compileRich(ast: Node): Fast | undefined {
  const run = compile(ast);
  if (!run) return undefined;
  return (scope) => {
    const v = run(scope, { ctx: scope.states.input, locals: ROOT_LOCALS });
    if (v === FALLBACK || v === undefined || typeof v === "function") return FALLBACK;
    return v !== null && typeof v === "object" ? JSON.parse(JSON.stringify(v)) : v;
  };
}
