import { readFileSync } from "node:fs";
import fc from "fast-check";
import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { expressionBody } from "../../src/asl/jsonata.js";
import { FALLBACK } from "../../src/asl/jsonata-operators.js";
import { compileSync } from "../../src/asl/jsonata-rich.js";
import { compare, value } from "./jsonata-equivalence.js";

const definition = JSON.parse(readFileSync("assets/state-machine.asl.json", "utf8"));
const updateArgs = definition.States.Paralelo.Branches[0].States["DynamoDB UpdateItem"].Arguments;
const lambdaArgs = definition.States["Lambda Invoke"].Arguments;
const workflowExpressions = [
  updateArgs.UpdateExpression,
  updateArgs.ExpressionAttributeNames,
  updateArgs.ExpressionAttributeValues,
  lambdaArgs.Payload,
].map((e: string) => expressionBody(e));

/** Records like the Lambda's output: an id and a few fields of any JSON type. */
const record = fc
  .tuple(
    fc.string({ minLength: 1, maxLength: 6 }),
    fc.dictionary(fc.constantFrom("banco", "conta", "valido", "n", "x", "1", "__proto__"), value, {
      maxKeys: 5,
    }),
  )
  .map(([id, rest]) => ({ id, ...rest }));

describe("law: the rich synchronous JSONata path answers exactly as jsonata", () => {
  it("on the workflow's own expressions, for records of any shape", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...workflowExpressions), record, async (text, input) => {
        const { ours, reference } = await compare(text, input, {});
        expect(ours).toEqual(reference);
      }),
      { numRuns: 400 },
    );
  });

  const expressions = [
    "$merge([$states.input, {'etapa': 'X', 'n': $states.input.a}])",
    "$merge($states.input.c)",
    "$merge($v)",
    "$keys($states.input)",
    "$keys($states.input)[$ != 'a']",
    "$keys($v)[$lookup($v, $) = 1]",
    "$join($map($keys($states.input), function($k, $i) { $k & $i }), ',')",
    "$map($v, function($x, $i) { {'k': $x, 'i': $i} })",
    "$map($states.input.a, function($x) { $x & '' })",
    "$lookup($states.input, 'a')",
    "$lookup($v, 'b')",
    "$type($states.input.a)",
    "$string($states.input.a)",
    "$string($v)",
    "$states.input.a & 1.5",
    "$states.input.a & $v",
    "{'x': $states.input.a, 'y': [$states.input.c, 1]}",
    "{$string($states.input.a): 1, 'k': $v}",
    "($x := $states.input.a; $x = null ? 'n' : $type($x))",
    "$v = $states.input.a",
    "$v != $states.input.c",
    "$join($v, '-')",
    "$keys($states.input)[$ = 'a'][$ != 'c']",
    "$type($v) = 'object' ? $keys($v) : 'no'",
    // Lexical scope: lambda parameters and `:=` shadow variables and functions, blocks nest.
    "($v := $states.input.a; $v)",
    "($x := $states.input.missing; $x = $v)",
    "($v := $states.input.missing; $v = $states.input.a)",
    "($a := $v; ($a := $states.input.a); $a)",
    "($y := $v; $v := $states.input.a; [$y, $v])",
    "($states := $v; $states.a)",
    "$map([1, 2], function($states, $i) { $states & $i & $v })",
    "$map($keys($states.input), function($v) { $v & $states.input.a })",
    "($keys := $v; $keys($states.input))",
    "($string := $states.input.a; $string & $v)",
    "($merge := $merge; $merge([$states.input]))",
  ];
  it("on other shapes it covers, against inputs and variables of any JSON type", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...expressions),
        value,
        value,
        value,
        fc.boolean(),
        async (text, a, c, v, shadow) => {
          // A workflow variable named like a function shadows it (jsonata then fails).
          const vars: Record<string, unknown> = shadow ? { v, keys: 1, merge: {} } : { v };
          const { ours, reference } = await compare(text, { a, c }, vars);
          expect(ours).toEqual(reference);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("answers the workflow's expressions itself (no jsonata evaluation) for a typical record", () => {
    const input = {
      id: "341-2545-02366-1",
      banco: "341",
      agencia: "2545",
      conta: "02366",
      valido: true,
      saldo: 12.5,
      titular: null,
    };
    const states = {
      input,
      context: { Execution: { Id: "arn:exec", StartTime: "2026-01-01T00:00:00Z" } },
    };
    const answers = workflowExpressions.map((text) => {
      const fast = compileSync(jsonata(text).ast() as unknown as Record<string, unknown>);
      return fast?.({ states, vars: {} });
    });
    for (const a of answers) expect(a).not.toBe(FALLBACK);
    expect(answers[0]).toBe("SET #a0 = :v0, #a1 = :v1, #a2 = :v2, #a3 = :v3, #a4 = :v4");
    expect(answers[1]).toMatchObject({ "#execucao": "execucao" });
    expect(answers[2]).toEqual({
      ":execucao": { S: "arn:exec" },
      ":v0": { S: "341" },
      ":v1": { S: "2545" },
      ":v2": { S: "02366" },
      ":v3": { BOOL: true },
      ":v4": { N: "12.5" },
    });
  });
});
