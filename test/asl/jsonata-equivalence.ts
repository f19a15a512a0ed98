/**
 * What a JSONata `Output` template answers, next to what the `jsonata` library answers for the
 * same expression, input and variables: the value (as JSON text) or the full cause Step
 * Functions reports (the JSONata error code and message included, or "returned nothing").
 */
import fc from "fast-check";
import jsonata from "jsonata";
import { compileTemplate } from "../../src/asl/jsonata.js";

export interface Outcome {
  ok?: string;
  error?: string;
  cause?: string;
}

export interface Compared {
  ours: Outcome;
  reference: Outcome;
  /** True when our template answered without a Promise (the synchronous evaluator). */
  sync: boolean;
}

const FIELD = "Output";

function scopeOf(input: unknown, vars: Record<string, unknown>) {
  const context = { Execution: { Id: "arn:exec", StartTime: "2026-01-01T00:00:00Z" } };
  return { states: { input, context }, vars };
}

/** The cause AWS gives (dev guide, "Handling errors in JSONata"), from jsonata's own error. */
function referenceCause(text: string, err: unknown): string {
  if (err === undefined) {
    return `The JSONata expression '${text}' specified for the field '${FIELD}' returned nothing (undefined).`;
  }
  const e = err as { code?: string; message?: string };
  return `The JSONata expression '${text}' specified for the field '${FIELD}' threw an error during evaluation. ${e.code}: ${e.message}`;
}

export async function compare(
  text: string,
  input: unknown,
  vars: Record<string, unknown>,
): Promise<Compared> {
  const scope = scopeOf(input, vars);
  const template = compileTemplate(`{% ${text} %}`, FIELD);
  let sync = false;
  const ours = await Promise.resolve()
    .then(() => {
      const v = template.evaluate(scope);
      sync = !(v instanceof Promise);
      return v;
    })
    .then(
      (x): Outcome => ({ ok: JSON.stringify(x) }),
      (e): Outcome => {
        const err = e as { error?: string; causeText?: string };
        return { error: err.error, cause: err.causeText };
      },
    );
  const reference = await jsonata(text)
    .evaluate(input, { ...vars, states: scope.states })
    .then(
      (x): Outcome =>
        x === undefined
          ? { error: "States.QueryEvaluationError", cause: referenceCause(text, undefined) }
          : { ok: JSON.stringify(x) },
      (e): Outcome => ({ error: "States.QueryEvaluationError", cause: referenceCause(text, e) }),
    );
  return { ours, reference, sync };
}

/** JSON leaves that meet every operator's edge: numbers as text, -0, huge and tiny numbers. */
export const leaf = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1, 0.1, 1e21, 1e300, 5e-324, 123456789.12345679),
  fc.string({ maxLength: 3 }),
  fc.constantFrom("", "1", "a", "A", "10", "2"),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }),
);

/** Any JSON value of small depth: leaves, records, arrays of records, array-like records. */
export const value = fc.oneof(
  leaf,
  fc.record({ a: leaf, b: leaf }, { requiredKeys: [] }),
  fc.array(fc.record({ a: leaf }), { maxLength: 2 }),
  fc
    .array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 })
    .map((items) => ({ ...items, length: items.length })),
);
