import { describe, expect, it } from "vitest";
import { CONTEXT, execute, functionsRunner } from "./helpers.js";

const output = (expr: string, input: unknown = {}) =>
  execute(
    {
      QueryLanguage: "JSONata",
      StartAt: "P",
      States: { P: { Type: "Pass", Output: expr, End: true } },
    },
    input,
  );

describe("JSONata functions of Step Functions (values observed on AWS)", () => {
  it("$partition, $range, $hash, $random(seed), $parse, $uuid", async () => {
    expect((await output("{% $partition([1,2,3,4], 2) %}")).output).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect((await output("{% $range(0, 6, 2) %}")).output).toEqual([0, 2, 4, 6]);
    expect((await output('{% $hash("input", "SHA-1") %}')).output).toBe(
      "140f86aae51ab9e1cda9b4254fe98a74eb54c1a1",
    );
    expect((await output("{% $random(42) %}")).output).toBe(0.7275636800328681);
    expect((await output('{% $parse("{\\"a\\":1}").a %}')).output).toBe(1);
    const u = (await output("{% $uuid() %}")).output;
    expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const v = (await output("{% $random() %}")).output as number;
    expect(v >= 0 && v < 1).toBe(true);
  });

  it("an expression returning nothing is States.QueryEvaluationError with AWS's cause", async () => {
    const r = await output("{% $states.input.missing %}", { a: 1 });
    expect(r.outcome.status).toBe("FAILED");
    expect(r.outcome.error).toBe("States.QueryEvaluationError");
    const cause =
      "An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '$states.input.missing' specified for the field 'Output' returned nothing (undefined).";
    expect(r.outcome.cause).toBe(cause);
    expect(r.types).toEqual([
      "ExecutionStarted",
      "PassStateEntered",
      "EvaluationFailed",
      "ExecutionFailed",
    ]);
    expect(r.events[2].evaluationFailedEventDetails).toEqual({
      error: "States.QueryEvaluationError",
      cause,
      location: "Output",
      state: "P",
    });
  });

  it("an evaluation error names the JSONata error code", async () => {
    const r = await output("{% $range('0', 4, 1) %}");
    expect(r.outcome.error).toBe("States.QueryEvaluationError");
    expect(r.outcome.cause).toBe(
      "An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '$range('0', 4, 1)' specified for the field 'Output' threw an error during evaluation. T0410: Argument 1 of function \"range\" does not match function signature",
    );
  });
});

describe("ranges that jsonata itself never finishes", () => {
  // jsonata's `..` counts with item++, which stops moving past 2^53: [1e300..1e300] used to run
  // until the process ran out of memory. Same values and errors as jsonata everywhere else.
  it("`..` and $range end for any bounds, with jsonata's values, codes and limit", async () => {
    expect((await output("{% [1e300..1e300] %}")).output).toEqual([1e300]);
    expect((await output("{% [1..3, 7] %}")).output).toEqual([1, 2, 3, 7]);
    expect((await output("{% [5..5] %}")).output).toEqual([5]);
    expect((await output("{% [3..1] %}")).output).toEqual([]);
    expect((await output("{% $count([1..10000000]) %}")).output).toBe(10_000_000);
    expect((await output("{% $range(1e300, 1e300, 1) %}")).output).toBe(1e300);
    const evaluationError = async (expr: string) => {
      const r = await output(expr);
      expect(r.outcome.error).toBe("States.QueryEvaluationError");
      return r.outcome.cause?.split("during evaluation. ")[1];
    };
    expect(await evaluationError("{% [0..1e300] %}")).toBe(
      "D2014: The size of the sequence allocated by the range operator (..) must not exceed 1e7.  Attempted to allocate 1e+300.",
    );
    expect(await evaluationError("{% $range(0, 1e12, 1) %}")).toMatch(/^D2014: .*1000000000001\.$/);
    expect(await evaluationError("{% [1.5..3] %}")).toBe(
      "T2003: The left side of the range operator (..) must evaluate to an integer",
    );
    expect(await evaluationError("{% [1..'a'] %}")).toBe(
      "T2004: The right side of the range operator (..) must evaluate to an integer",
    );
  });
});

describe("JSONata states (dev guide, Transforming data with JSONata)", () => {
  it("Output may be any JSON value (AWS-recorded: literal strings, booleans, arrays)", async () => {
    const lit = async (Output: unknown) =>
      (
        await execute(
          {
            QueryLanguage: "JSONata",
            StartAt: "P",
            States: { P: { Type: "Pass", Output, End: true } },
          },
          { input_value: "x" },
        )
      ).outcome.output;
    expect(await lit(true)).toBe("true");
    expect(await lit("string literal")).toBe('"string literal"');
    expect(await lit([])).toBe("[]");
    expect(await lit([null, 0, 0.1, true, "$nosuchvar", "{% $states.input %}"])).toBe(
      '[null,0,0.1,true,"$nosuchvar",{"input_value":"x"}]',
    );
  });

  it("sequence results become plain JSON arrays for the next states", async () => {
    const r = await execute(
      {
        StartAt: "A",
        States: {
          A: {
            Type: "Pass",
            QueryLanguage: "JSONata",
            Output: "{% $states.input.a.b %}",
            Next: "B",
          },
          B: { Type: "Pass", Parameters: { "k.$": "States.JsonToString($)" }, End: true },
        },
      },
      { a: [{ b: 1 }, { b: 2 }] },
    );
    expect(r.output).toEqual({ k: "[1,2]" });
  });

  it("a nested field is named by its path, as AWS reports it", async () => {
    const r = await execute(
      {
        QueryLanguage: "JSONata",
        StartAt: "Run S3 Data Push",
        States: {
          "Run S3 Data Push": {
            Type: "Pass",
            Output: { Input: { pushLocation: "{% $states.input.pushLocation %}" } },
            End: true,
          },
        },
      },
      {},
    );
    expect(r.outcome.cause).toBe(
      "An error occurred while executing the state 'Run S3 Data Push' (entered at the event id #2). The JSONata expression '$states.input.pushLocation' specified for the field 'Output/Input/pushLocation' returned nothing (undefined).",
    );
  });

  it("Arguments: the conversion example gives the documented result", async () => {
    const runner = functionsRunner({ "arn:aws:states:::lambda:invoke": (args) => args });
    const r = await execute(
      {
        QueryLanguage: "JSONata",
        StartAt: "Nome",
        States: {
          Nome: { Type: "Pass", Assign: { customerName: "María" }, Next: "T" },
          T: {
            Type: "Task",
            Resource: "arn:aws:states:::lambda:invoke",
            Arguments: {
              static: "Hello",
              title: "{% $states.input.title %}",
              name: "{% $customerName %}",
              "not-evaluated": "$customerName",
            },
            End: true,
          },
        },
      },
      { title: "Doctor" },
      runner,
    );
    expect(r.output).toEqual({
      static: "Hello",
      title: "Doctor",
      name: "María",
      "not-evaluated": "$customerName",
    });
  });

  it("Output sees $states.result; the default Task output is the result", async () => {
    const runner = functionsRunner({
      "arn:aws:states:::lambda:invoke": () => ({ Payload: { n: 2 } }),
    });
    const def = (extra: object) => ({
      QueryLanguage: "JSONata",
      StartAt: "T",
      States: {
        T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true, ...extra },
      },
    });
    expect((await execute(def({}), { a: 1 }, runner)).output).toEqual({ Payload: { n: 2 } });
    const r = await execute(
      def({ Output: "{% $states.result.Payload.n + $states.input.a %}" }),
      { a: 1 },
      runner,
    );
    expect(r.output).toBe(3);
  });

  it("$states.context is shaped as AWS shows it", async () => {
    const r = await output("{% $states.context %}", { k: "v" });
    expect(JSON.stringify(r.output)).toBe(
      JSON.stringify({
        Execution: {
          Id: CONTEXT.executionArn,
          Input: { k: "v" },
          StartTime: CONTEXT.startTime,
          Name: "exec-1",
          RoleArn: CONTEXT.roleArn,
          RedriveCount: 0,
        },
        StateMachine: { Id: CONTEXT.stateMachineArn, Name: "Maquina" },
        State: { Name: "P", EnteredTime: "2026-01-01T00:00:00.000Z" },
      }),
    );
  });

  it("$states.context carries the execution, state and state machine", async () => {
    const r = await output(
      "{% [$states.context.Execution.Name, $states.context.State.Name, $states.context.StateMachine.Name, $states.context.Execution.Input.k] %}",
      { k: "v" },
    );
    expect(r.output).toEqual(["exec-1", "P", "Maquina", "v"]);
  });

  it("Assign and Output see the variables as they were when the state was entered", async () => {
    const r = await execute(
      {
        QueryLanguage: "JSONata",
        StartAt: "A",
        States: {
          A: { Type: "Pass", Assign: { x: 1 }, Next: "B" },
          B: {
            Type: "Pass",
            Assign: { x: "{% $x + 1 %}", y: "{% $x %}" },
            Output: { x: "{% $x %}" },
            Next: "C",
          },
          C: { Type: "Pass", Output: { x: "{% $x %}", y: "{% $y %}" }, End: true },
        },
      },
      {},
    );
    expect(r.output).toEqual({ x: 2, y: 1 });
    const exitedB = r.events.find(
      (e) =>
        e.type === "PassStateExited" &&
        (e.stateExitedEventDetails as { name: string }).name === "B",
    );
    expect(exitedB?.stateExitedEventDetails).toEqual({
      name: "B",
      output: '{"x":1}',
      outputDetails: { truncated: false },
      assignedVariables: { x: "2", y: "1" },
      assignedVariablesDetails: { truncated: false },
    });
  });

  it("Choice Condition picks the first true rule, else Default", async () => {
    const def = {
      QueryLanguage: "JSONata",
      StartAt: "C",
      States: {
        C: {
          Type: "Choice",
          Choices: [
            { Condition: "{% $states.input.n > 10 %}", Next: "Big", Output: { size: "big" } },
            { Condition: "{% $states.input.n > 5 %}", Next: "Mid" },
          ],
          Default: "Small",
        },
        Big: { Type: "Succeed" },
        Mid: { Type: "Pass", Output: "{% 'mid' %}", End: true },
        Small: { Type: "Pass", Output: "{% 'small' %}", End: true },
      },
    };
    expect((await execute(def, { n: 11 })).output).toEqual({ size: "big" });
    expect((await execute(def, { n: 6 })).output).toBe("mid");
    expect((await execute(def, { n: 1 })).output).toBe("small");
  });

  it("Choice: the state's Output/Assign apply to Default only; a matched rule uses its own", async () => {
    const def = {
      QueryLanguage: "JSONata",
      StartAt: "ChoiceState",
      States: {
        ChoiceState: {
          Type: "Choice",
          Choices: [
            {
              Condition: "{% $states.input.condition %}",
              Next: "ConditionTrue",
              Output: "Condition Output block",
            },
          ],
          Default: "DefaultState",
          Output: "Default Output block",
          Assign: { padrao: true },
        },
        ConditionTrue: {
          Type: "Pass",
          Output: "{% [$states.input, $exists($padrao)] %}",
          End: true,
        },
        DefaultState: { Type: "Pass", Output: "{% [$states.input, $padrao] %}", End: true },
      },
    };
    expect((await execute(def, { condition: true })).output).toEqual([
      "Condition Output block",
      false,
    ]);
    expect((await execute(def, { condition: false })).output).toEqual([
      "Default Output block",
      true,
    ]);
  });

  it("Fail with JSONata Error and Cause", async () => {
    const r = await execute(
      {
        QueryLanguage: "JSONata",
        StartAt: "F",
        States: {
          F: {
            Type: "Fail",
            Error: "{% 'Erro' & $states.input.c %}",
            Cause: "{% $string($states.input) %}",
          },
        },
      },
      { c: "X" },
    );
    expect(r.outcome).toMatchObject({ status: "FAILED", error: "ErroX", cause: '{"c":"X"}' });
    expect(r.types).toEqual(["ExecutionStarted", "FailStateEntered", "ExecutionFailed"]);
  });
});
