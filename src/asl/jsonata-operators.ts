/**
 * JSONata's values and binary operators, as jsonata 2 evaluates them, for the synchronous
 * evaluator (jsonata-rich.ts): the one place that says what `+`, `<`, `=`, `and`, `&`… give.
 * Each operator answers only when its result is certain to equal jsonata's; wherever jsonata
 * would raise an error (T2001/T2002 non-number operands, T2009/T2010 mixed or non-comparable
 * types, D1001 a non-finite result), flatten a sequence or short-circuit on a non-boolean, it
 * returns FALLBACK and jsonata evaluates the whole expression, errors included. Operators that
 * are not here (`%`, `in`, `..`) are evaluated by jsonata.
 */

/** "Not certain: let jsonata evaluate the expression." */
export const FALLBACK = Symbol("fallback");

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** jsonata's $string (and `&`) for the values it can format without JSON: else FALLBACK. */
export function str(v: unknown): unknown {
  if (typeof v === "string") return v;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return FALLBACK;
    // jsonata formats numbers with 15 significant digits: 0.1 + 0.2 gives "0.3".
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  }
  if (typeof v === "boolean" || v === null) return String(v);
  return FALLBACK;
}

/**
 * jsonata's deep equality (its isDeepEqual): two arrays item by item, any other two objects by
 * their own property names, any order — so an array equals an object with its indices and
 * `length` as keys (`[1] = {"0": 1, "length": 1}` is true in jsonata).
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
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

/** `a op b` on evaluated operands: the value, or FALLBACK (always when an operand is FALLBACK). */
export type BinaryOperator = (a: unknown, b: unknown) => unknown;

// Each operator is one function (no wrapper around a shared helper): these run on every
// evaluation of a JSONata field.

/** Arithmetic on numbers only (jsonata: T2001/T2002 otherwise), finite (D1001 otherwise). */
function finite(v: number): unknown {
  return Number.isFinite(v) ? v : FALLBACK;
}

function numbers(a: unknown, b: unknown): boolean {
  return typeof a === "number" && typeof b === "number";
}

/** Order on two numbers or two strings (jsonata: T2009/T2010 otherwise; undefined: nothing). */
function comparable(a: unknown, b: unknown): boolean {
  return (
    (typeof a === "number" && typeof b === "number") ||
    (typeof a === "string" && typeof b === "string")
  );
}

/** Two operands that are neither undefined nor FALLBACK. */
function defined(a: unknown, b: unknown): boolean {
  return a !== undefined && b !== undefined && a !== FALLBACK && b !== FALLBACK;
}

/** `&`: both sides as $string gives them, undefined as "". */
const concat: BinaryOperator = (a, b) => {
  if (typeof a === "string" && typeof b === "string") return a + b;
  const x = a === undefined ? "" : str(a);
  const y = b === undefined ? "" : str(b);
  return x === FALLBACK || y === FALLBACK ? FALLBACK : (x as string) + (y as string);
};

type Num = number;
type Ord = number | string;

const OPERATORS: Readonly<Record<string, BinaryOperator>> = {
  "+": (a, b) => (numbers(a, b) ? finite((a as Num) + (b as Num)) : FALLBACK),
  "-": (a, b) => (numbers(a, b) ? finite((a as Num) - (b as Num)) : FALLBACK),
  "*": (a, b) => (numbers(a, b) ? finite((a as Num) * (b as Num)) : FALLBACK),
  "/": (a, b) => (numbers(a, b) ? finite((a as Num) / (b as Num)) : FALLBACK),
  "<": (a, b) => (comparable(a, b) ? (a as Ord) < (b as Ord) : FALLBACK),
  "<=": (a, b) => (comparable(a, b) ? (a as Ord) <= (b as Ord) : FALLBACK),
  ">": (a, b) => (comparable(a, b) ? (a as Ord) > (b as Ord) : FALLBACK),
  ">=": (a, b) => (comparable(a, b) ? (a as Ord) >= (b as Ord) : FALLBACK),
  // `=`/`!=`: deep equality, no coercion; an undefined operand makes both false.
  "=": (a, b) =>
    defined(a, b) ? deepEqual(a, b) : a === FALLBACK || b === FALLBACK ? FALLBACK : false,
  "!=": (a, b) =>
    defined(a, b) ? !deepEqual(a, b) : a === FALLBACK || b === FALLBACK ? FALLBACK : false,
  // Booleans only: jsonata casts other values and short-circuits, which it then does itself.
  and: (a, b) => (typeof a === "boolean" && typeof b === "boolean" ? a && b : FALLBACK),
  or: (a, b) => (typeof a === "boolean" && typeof b === "boolean" ? a || b : FALLBACK),
  "&": concat,
};

/** The operator's semantics, or undefined when jsonata must always evaluate it. */
export function binaryOperator(op: string): BinaryOperator | undefined {
  return Object.hasOwn(OPERATORS, op) ? OPERATORS[op] : undefined;
}
