import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { execute } from "./helpers.js";
import { compare, leaf } from "./jsonata-equivalence.js";

const jsonPathMachine = {
  StartAt: "T",
  States: {
    T: {
      Type: "Pass",
      Parameters: {
        "a.$": "$.x",
        "b.$": "$.y.z",
        c: "literal",
        "n.$": "States.ArrayLength($.arr)",
        "first.$": "States.ArrayGetItem($.arr, 0)",
        "ctx.$": "$$.Execution.Name",
      },
      ResultPath: "$.out",
      OutputPath: "$.out",
      End: true,
    },
  },
};

const jsonataMachine = {
  QueryLanguage: "JSONata",
  StartAt: "T",
  States: {
    T: {
      Type: "Pass",
      Output: {
        a: "{% $states.input.x %}",
        b: "{% $states.input.y.z %}",
        c: "literal",
        n: "{% $count($states.input.arr) %}",
        first: "{% $states.input.arr[0] %}",
        ctx: "{% $states.context.Execution.Name %}",
      },
      End: true,
    },
  },
};

// Scalars and objects: JSONata flattens arrays met along a path, JSONPath does not,
// so array-valued fields are outside the law.
const scalar = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(scalar, fc.dictionary(fc.string({ minLength: 1 }), scalar, { maxKeys: 4 }));

describe("law: a JSONPath Parameters transform and the equivalent JSONata Output agree", () => {
  it("on random inputs", async () => {
    await fc.assert(
      fc.asyncProperty(
        value,
        value,
        fc.array(scalar, { minLength: 1, maxLength: 5 }),
        async (x, z, arr) => {
          const input = { x, y: { z }, arr };
          const [p, j] = await Promise.all([
            execute(jsonPathMachine, input),
            execute(jsonataMachine, input),
          ]);
          expect(p.outcome.status).toBe("SUCCEEDED");
          expect(j.outcome.status).toBe("SUCCEEDED");
          expect(j.output).toEqual(p.output);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("law: the synchronous JSONata fast path answers exactly as jsonata", () => {
  const expressions = [
    "$states.input.a",
    "$states.input.a.b",
    "$states.input.a + $states.input.c",
    "$states.input.a - 1",
    "$states.input.a * 2",
    "$states.input.a / $states.input.c",
    "$states.input.a < $states.input.c",
    "$states.input.a >= 3",
    "$states.input.a = $states.input.c",
    "$states.input.a != 'x'",
    "$states.input.a & $states.input.c",
    "$states.input.a and $states.input.c",
    "$states.input.a or true",
    "$v",
    "$v.a",
  ];
  const value = fc.oneof(leaf, fc.record({ a: leaf, b: leaf }, { requiredKeys: [] }));
  it("on random inputs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...expressions),
        value,
        value,
        value,
        async (text, a, c, v) => {
          const { ours, reference } = await compare(text, { a, c }, { v });
          expect(ours).toEqual(reference);
        },
      ),
      { numRuns: 400 },
    );
  });
});
