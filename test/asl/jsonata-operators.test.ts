import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compare, leaf, value } from "./jsonata-equivalence.js";

// Operands of every kind an operator can meet: numbers, strings (some numeric), booleans, null,
// objects, arrays, sequences (a path through an array), undefined (missing field or variable),
// and results of constructors and functions.
const OPERANDS = [
  "$states.input.a",
  "$states.input.c",
  "$states.input.a.b",
  "$states.input.l.a",
  "$states.input.missing",
  "$v",
  "$v.a",
  "$nope",
  "$",
  "0",
  "1",
  "2.5",
  "1e300",
  "'x'",
  "''",
  "'1'",
  "true",
  "false",
  "null",
  "[1, 'a']",
  "{'k': 1}",
  "$string($states.input.a)",
  "$type($v)",
];
const OPERATORS = [
  "+",
  "-",
  "*",
  "/",
  "%",
  "<",
  "<=",
  ">",
  ">=",
  "=",
  "!=",
  "and",
  "or",
  "&",
  "in",
];

const operand = fc.constantFrom(...OPERANDS);
const operator = fc.constantFrom(...OPERATORS);
/** A parenthesised sub-expression (a block for jsonata) or an operand. */
const inner = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", maxDepth: 2 },
    operand,
    fc.tuple(tie("e"), operator, tie("e")).map(([l, op, r]) => `(${l} ${op} ${r})`),
  ),
})).e;
// Range bounds stay small: jsonata 2.2 counts `item++` from the lower bound, which never ends
// past 2^53 (`[1e300..1e300]` fills memory until the process dies).
const bound = fc.constantFrom("0", "1", "3", "-2", "2.5", "'1'", "null", "true", "$nope", "$$");
/** Top level: a bare binary expression, a range, a negation or a condition. */
const expression = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(inner, operator, inner).map(([l, op, r]) => `${l} ${op} ${r}`) },
  { weight: 1, arbitrary: fc.tuple(bound, bound).map(([l, r]) => `[${l}..${r}]`) },
  { weight: 1, arbitrary: inner.map((e) => `-${e}`) },
  { weight: 1, arbitrary: fc.tuple(inner, inner).map(([c, t]) => `${c} ? ${t} : 'não'`) },
);

describe("law: every binary operator answers as jsonata (value, or error code and message)", () => {
  it("on random expressions over inputs and variables of any JSON type", async () => {
    await fc.assert(
      fc.asyncProperty(
        expression,
        value,
        value,
        fc.array(fc.record({ a: leaf }), { maxLength: 3 }),
        value,
        async (text, a, c, l, v) => {
          const { ours, reference } = await compare(text, { a, c, l }, { v });
          expect(ours).toEqual(reference);
        },
      ),
      { numRuns: 3000 },
    );
  });

  // Well-typed expressions (numbers with arithmetic, strings with `&`, comparisons, logic), so
  // that most answers are values: the synchronous evaluator's ground. Inputs stray from the types
  // now and then (a string, null, an array, a missing field) to reach its edges.
  const num = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: "small", maxDepth: 3 },
      fc.constantFrom("$states.input.n", "$states.input.m", "$v.n", "0", "1", "2.5", "3"),
      fc
        .tuple(tie("e"), fc.constantFrom("+", "-", "*", "/", "%"), tie("e"))
        .map(([l, op, r]) => `(${l} ${op} ${r})`),
    ),
  })).e;
  const str = fc.oneof(
    fc.constantFrom("$states.input.s", "$states.input.t", "$v.s", "'a'", "''"),
    fc
      .tuple(fc.constantFrom("$states.input.s", "'x'"), fc.oneof(num, operand))
      .map(([l, r]) => `(${l} & ${r})`),
  );
  const test = fc.oneof(
    fc.tuple(num, fc.constantFrom("<", "<=", ">", ">=", "=", "!="), num).map((t) => t.join(" ")),
    fc.tuple(str, fc.constantFrom("<", "<=", ">", ">=", "=", "!="), str).map((t) => t.join(" ")),
    fc.tuple(operand, fc.constantFrom("=", "!="), operand).map((t) => t.join(" ")),
  );
  const typed = fc.oneof(
    num,
    str,
    test,
    fc.tuple(test, fc.constantFrom("and", "or"), test).map(([l, op, r]) => `(${l}) ${op} (${r})`),
    fc.tuple(test, num, str).map(([c, t, e]) => `${c} ? ${t} : ${e}`),
  );
  const number = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.oneof(
        fc.integer({ min: -9, max: 9 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
      ),
    },
    { weight: 1, arbitrary: leaf },
  );
  const text = fc.oneof(
    { weight: 8, arbitrary: fc.string({ maxLength: 3 }) },
    { weight: 1, arbitrary: leaf },
  );
  it("on well-typed expressions over numbers and strings", async () => {
    await fc.assert(
      fc.asyncProperty(
        typed,
        fc.record({ n: number, m: number, s: text, t: text }, { requiredKeys: ["n", "s"] }),
        fc.record({ n: number, s: text }),
        async (expr, input, v) => {
          const { ours, reference } = await compare(expr, input, { v });
          expect(ours).toEqual(reference);
        },
      ),
      { numRuns: 2000 },
    );
  });

  // Each row: an expression, an input, and what jsonata answers (read from jsonata 2.2's
  // evaluator and checked against it by compare): the edges of each operator's semantics.
  const cases: [string, unknown][] = [
    ["$states.input.a + $states.input.c", { a: 1, c: "1" }], // T2002: strings are not numbers
    ["$states.input.a - $states.input.c", { a: "1", c: 1 }], // T2001
    ["$states.input.a * $states.input.c", { a: [1], c: 2 }], // a singleton array is a number
    ["$states.input.a / $states.input.c", { a: 1, c: 0 }], // D1001: Infinity
    ["$states.input.a * $states.input.c", { a: 1e300, c: 1e300 }], // D1001: overflow
    ["$states.input.a + $states.input.missing", { a: 1 }], // undefined operand: nothing
    ["$states.input.a < $states.input.c", { a: 1, c: "a" }], // T2009: mixed types
    ["$states.input.a < $states.input.c", { a: true, c: 1 }], // T2010: not comparable
    ["$states.input.a >= $states.input.c", { a: "b", c: "a" }], // strings compare
    ["$states.input.a <= $states.input.missing", { a: 1 }], // undefined: nothing
    ["$states.input.a = $states.input.c", { a: { x: [1] }, c: { x: [1] } }], // deep equality
    ["$states.input.a = $states.input.c", { a: 1, c: "1" }], // no coercion
    ["$states.input.a = [1]", { a: { 0: 1, length: 1 } }], // jsonata: array-like object equal
    ["[] != $states.input.a", { a: { length: 0 } }],
    ["$states.input.a != $states.input.missing", { a: 1 }], // undefined: false
    ["$states.input.a & $states.input.c", { a: 0.1 + 0.2, c: true }], // 15 significant digits
    ["$states.input.a & $states.input.c", { a: { k: [1, null] }, c: null }], // JSON text
    ["$states.input.a & $states.input.missing", { a: 1e21 }],
    ["$states.input.a and $states.input.c", { a: "", c: true }], // truthiness
    ["$states.input.a or $states.input.c", { a: [], c: 0 }],
    ["$states.input.a in $states.input.c", { a: 2, c: [1, 2] }],
    ["[$states.input.a..$states.input.c]", { a: 1, c: 3 }],
    ["[$states.input.a..$states.input.c]", { a: 1.5, c: 3 }], // T2003
  ];
  it.each(cases)("%s with %j", async (text, input) => {
    const { ours, reference } = await compare(text, input, {});
    expect(ours).toEqual(reference);
  });
});

describe("the synchronous evaluator answers the common shapes itself", () => {
  // Each shape must be answered without jsonata's (asynchronous) evaluation: the speed of
  // JSONata states rests on it.
  const covered: [string, unknown, Record<string, unknown>][] = [
    ["$states.input.i + 1", { i: 7 }, {}],
    ["$states.input.i - $states.input.j * 2 / 4", { i: 7, j: 3 }, {}],
    ["$states.input.i < 5001", { i: 7 }, {}],
    ["$states.input.s >= 'b'", { s: "c" }, {}],
    ["$states.input.i = $states.input.j and $v != 'x' or false", { i: 1, j: 1 }, { v: "y" }],
    ["$states.input.a = $states.input.b", { a: { k: [1] }, b: { k: [1] } }, {}],
    ["$states.input.a & '-' & $states.input.n", { a: "x", n: 1.5 }, {}],
    ["$states.input", { i: 1 }, {}],
    ["$v.a.b", {}, { v: { a: { b: null } } }],
    ["$merge([$states.input, {'x': $states.input.i * 2}])", { i: 1 }, {}],
    ["($x := $states.input.i; $x > 0 ? 'pos' : 'neg')", { i: 1 }, {}],
  ];
  it.each(covered)("%s", async (text, input, vars) => {
    const { ours, reference, sync } = await compare(text, input, vars);
    expect(ours).toEqual(reference);
    expect(ours.ok).toBeDefined();
    expect(sync).toBe(true);
  });
});
