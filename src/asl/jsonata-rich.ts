/**
 * The synchronous JSONata evaluator: it answers the expressions Step Functions workflows use most
 * — `$states.input.a.b`, variables, literals, operators between them (jsonata-operators.ts), a
 * few pure built-in functions (jsonata-builtins.ts, and $map with an inline lambda), object and
 * array constructors, blocks with `:=`, conditions and boolean predicates on a function's result
 * (the shapes the contabanco workflow uses to build DynamoDB requests) — without jsonata's
 * asynchronous evaluation. It answers only when the result is certain to equal jsonata's (read
 * from jsonata 2's evaluator: sequences of one item become the item, `&` and $string format
 * numbers with 15 significant digits, $merge/$keys/$lookup take own keys only, a group expression
 * evaluates keys and then values against the one context item); on anything else (arrays where
 * a sequence could flatten, undefined results, errors, shadowed function names) it returns
 * FALLBACK and jsonata evaluates the expression. Everything here is pure, so a fallback after
 * a partial evaluation changes nothing.
 */

import type { JsonataScope } from "./jsonata.js";
import { ARITY, asArray, builtin, flatten } from "./jsonata-builtins.js";
import { binaryOperator, FALLBACK, isPlainObject } from "./jsonata-operators.js";

/** A compiled expression: its value, or FALLBACK (or undefined) for jsonata to evaluate it. */
export type SyncEvaluator = (scope: JsonataScope) => unknown;

// biome-ignore lint/suspicious/noExplicitAny: jsonata AST nodes
type Node = Record<string, any>;

interface Env {
  /** The context item (`$`). */
  ctx: unknown;
  /** Lambda parameters and block bindings, innermost first (null-prototype chain). */
  locals: Record<string, unknown>;
}
/** A compiled node; no env at the top level (context `$states.input`, no locals). */
type R = (scope: JsonataScope, env?: Env) => unknown;
/** The names that lambda parameters and earlier `:=` of enclosing blocks bind (lexical scope). */
type Bound = ReadonlySet<string>;

/** The top level's locals: none (a null-prototype object nothing writes to). */
const ROOT_LOCALS: Record<string, unknown> = Object.create(null);
const NOTHING_BOUND: Bound = new Set();

/** The context item (`$`): the top level's is read here, so no Env is built per evaluation. */
function ctxOf(scope: JsonataScope, env?: Env): unknown {
  return env === undefined ? scope.states.input : env.ctx;
}

function localsOf(env?: Env): Record<string, unknown> {
  return env === undefined ? ROOT_LOCALS : env.locals;
}

function hasOnly(node: Node, keys: string[]): boolean {
  return Object.keys(node).every((k) => k === "position" || keys.includes(k));
}

function variable(name: string, bound: Bound): R {
  if (name === "") return ctxOf;
  // A bound name is always in env.locals when read (jsonata's frames keep even an undefined).
  if (bound.has(name)) return (_scope, env) => localsOf(env)[name];
  if (name === "states") return (scope) => scope.states;
  return (scope) => (Object.hasOwn(scope.vars, name) ? scope.vars[name] : FALLBACK);
}

function path(steps: Node[], bound: Bound): R | undefined {
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
  const root = variable(first.value, bound);
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
  const f = binaryOperator(op);
  if (f === undefined) return undefined;
  return (scope, env) => f(l(scope, env), r(scope, env));
}

/** `$map(array, function($v[, $i]) {...})`: the lambda runs in the context it was written in. */
function mapCall(args: Node[], bound: Bound): R | undefined {
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
  const arr = compile(arrNode, bound);
  const body = compile(fn.body, new Set([...bound, ...names]));
  if (!arr || !body) return undefined;
  return (scope, env) => {
    const a = arr(scope, env);
    if (a === FALLBACK || a === undefined) return FALLBACK;
    const out: unknown[] = [];
    const items = asArray(a);
    for (let i = 0; i < items.length; i++) {
      const locals: Record<string, unknown> = Object.create(localsOf(env));
      locals[names[0]] = items[i];
      if (names.length > 1) locals[names[1]] = i;
      const v = body(scope, { ctx: ctxOf(scope, env), locals });
      if (v === FALLBACK || Array.isArray(v) || typeof v === "function") return FALLBACK;
      if (v !== undefined) out.push(v);
    }
    return flatten(out);
  };
}

function call(node: Node, bound: Bound): R | undefined {
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
  if (!Object.hasOwn(ARITY, name) || !Array.isArray(args)) return undefined;
  const [min, max] = ARITY[name];
  if (args.length < min || args.length > max) return undefined;
  // A local of that name shadows jsonata's function: jsonata evaluates what it then calls.
  if (bound.has(name)) return undefined;
  let run: R | undefined;
  if (name === "map") {
    run = mapCall(args, bound);
  } else {
    const compiled = args.map((a) => compile(a, bound));
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
  // The name must be jsonata's function: a workflow variable of that name shadows it.
  const shadowed = (scope: JsonataScope) => Object.hasOwn(scope.vars, name);
  const predicate = node.predicate as Node[] | undefined;
  if (predicate === undefined) {
    return (scope, env) => {
      if (shadowed(scope)) return FALLBACK;
      const v = inner(scope, env);
      return Array.isArray(v) && name === "keys" ? flatten(v) : v;
    };
  }
  // `$f(...)[pred]`: boolean filters over the function's result sequence, then flattening.
  if (!Array.isArray(predicate) || name !== "keys") return undefined;
  const filters: R[] = [];
  for (const p of predicate) {
    if (p.type !== "filter" || !hasOnly(p, ["type", "expr"])) return undefined;
    const f = compile(p.expr, bound);
    if (!f) return undefined;
    filters.push(f);
  }
  return (scope, env) => {
    if (shadowed(scope)) return FALLBACK;
    const first = inner(scope, env);
    if (!Array.isArray(first)) return FALLBACK;
    let seq: unknown[] = first;
    for (const f of filters) {
      const kept: unknown[] = [];
      for (const item of seq) {
        const keep = f(scope, { ctx: item, locals: localsOf(env) });
        if (typeof keep !== "boolean") return FALLBACK;
        if (keep) kept.push(item);
      }
      seq = kept;
    }
    return flatten(seq);
  };
}

/** `{ key: value, … }` against one context item (not an array: that groups). */
function objectConstructor(node: Node, bound: Bound): R | undefined {
  if (!hasOnly(node, ["type", "value", "lhs"]) || !Array.isArray(node.lhs)) return undefined;
  const pairs: [R, R][] = [];
  for (const pair of node.lhs as Node[][]) {
    if (!Array.isArray(pair) || pair.length !== 2) return undefined;
    const k = compile(pair[0], bound);
    const v = compile(pair[1], bound);
    if (!k || !v) return undefined;
    pairs.push([k, v]);
  }
  return (scope, env) => {
    const ctx = ctxOf(scope, env);
    if (ctx === undefined || Array.isArray(ctx)) return FALLBACK;
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
function arrayConstructor(node: Node, bound: Bound): R | undefined {
  if (!hasOnly(node, ["type", "value", "expressions"]) || !Array.isArray(node.expressions)) {
    return undefined;
  }
  const items = (node.expressions as Node[]).map((e) => compile(e, bound));
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

function block(node: Node, outer: Bound): R | undefined {
  if (!hasOnly(node, ["type", "expressions"]) || !Array.isArray(node.expressions)) {
    return undefined;
  }
  const steps: { bind?: string; run: R }[] = [];
  let bound = outer;
  for (const e of node.expressions as Node[]) {
    if (e.type === "bind") {
      const lhs = e.lhs as Node;
      if (!hasOnly(e, ["type", "value", "lhs", "rhs"]) || lhs?.type !== "variable") {
        return undefined;
      }
      if (!hasOnly(lhs, ["type", "value"]) || !lhs.value) return undefined;
      const run = compile(e.rhs, bound);
      if (!run) return undefined;
      steps.push({ bind: lhs.value, run });
      bound = new Set([...bound, lhs.value]);
    } else {
      const run = compile(e, bound);
      if (!run) return undefined;
      steps.push({ run });
    }
  }
  if (steps.length === 0) return undefined;
  return (scope, env) => {
    const inner: Env = { ctx: ctxOf(scope, env), locals: Object.create(localsOf(env)) };
    let v: unknown;
    for (const s of steps) {
      v = s.run(scope, inner);
      if (v === FALLBACK) return FALLBACK;
      if (s.bind !== undefined) inner.locals[s.bind] = v;
    }
    return v;
  };
}

function compile(node: Node | undefined, bound: Bound): R | undefined {
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
        ? variable(node.value, bound)
        : undefined;
    case "path":
      return hasOnly(node, ["type", "steps"]) && Array.isArray(node.steps)
        ? path(node.steps, bound)
        : undefined;
    case "binary": {
      if (!hasOnly(node, ["type", "value", "lhs", "rhs"])) return undefined;
      const l = compile(node.lhs, bound);
      const r = compile(node.rhs, bound);
      return l && r ? binary(node.value, l, r) : undefined;
    }
    case "function":
      return call(node, bound);
    case "unary":
      if (node.value === "{") return objectConstructor(node, bound);
      if (node.value === "[") return arrayConstructor(node, bound);
      return undefined;
    case "block":
      return block(node, bound);
    case "condition": {
      if (!hasOnly(node, ["type", "condition", "then", "else"])) return undefined;
      const c = compile(node.condition, bound);
      const t = compile(node.then, bound);
      const e = node.else === undefined ? () => undefined : compile(node.else, bound);
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
 * The synchronous evaluator of this AST (results as jsonata's evaluate would hand them on after
 * runExpr's JSON normalization), or undefined when the shape is not covered.
 */
export function compileSync(ast: Node): SyncEvaluator | undefined {
  const run = compile(ast, NOTHING_BOUND);
  if (!run) return undefined;
  // A variable or a path hands on a JSON value of the scope as it is (the scope's values are
  // never mutated), an operator a primitive: no copy. Built values are copied into plain JSON
  // as runExpr's copy would ($merge builds null-prototype objects, constructors share values).
  if (ast.type === "variable" || ast.type === "path" || ast.type === "binary") {
    return run;
  }
  return (scope) => {
    const v = run(scope);
    if (v === FALLBACK || v === undefined || typeof v === "function") return FALLBACK;
    return v !== null && typeof v === "object" ? JSON.parse(JSON.stringify(v)) : v;
  };
}
