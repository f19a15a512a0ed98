import { describe, expect, it } from "vitest";
import { CONTEXT, execute, functionsRunner, pick } from "./helpers.js";

const LAMBDA = "arn:aws:states:::lambda:invoke";

describe("history events as GetExecutionHistory returns them", () => {
  it("a Task state: ids, previousEventId and details", async () => {
    const runner = functionsRunner({ [LAMBDA]: (args) => ({ Payload: args }) });
    const r = await execute(
      {
        StartAt: "Chamar",
        States: {
          Chamar: {
            Type: "Task",
            Resource: LAMBDA,
            Parameters: { FunctionName: "contaBanco", "Payload.$": "$" },
            TimeoutSeconds: 30,
            End: true,
          },
        },
      },
      { a: 1 },
      runner,
    );
    expect(r.events.map(pick)).toEqual([
      [1, 0, "ExecutionStarted"],
      [2, 0, "TaskStateEntered"],
      [3, 2, "TaskScheduled"],
      [4, 3, "TaskStarted"],
      [5, 4, "TaskSucceeded"],
      [6, 5, "TaskStateExited"],
      [7, 6, "ExecutionSucceeded"],
    ]);
    expect(r.events[0].executionStartedEventDetails).toEqual({
      input: '{"a":1}',
      inputDetails: { truncated: false },
      roleArn: CONTEXT.roleArn,
    });
    expect(r.events[1].stateEnteredEventDetails).toEqual({
      name: "Chamar",
      input: '{"a":1}',
      inputDetails: { truncated: false },
    });
    expect(r.events[2].taskScheduledEventDetails).toEqual({
      resourceType: "lambda",
      resource: "invoke",
      region: "us-east-1",
      parameters: '{"FunctionName":"contaBanco","Payload":{"a":1}}',
      timeoutInSeconds: 30,
    });
    expect(r.events[3].taskStartedEventDetails).toEqual({
      resourceType: "lambda",
      resource: "invoke",
    });
    expect(r.events[4].taskSucceededEventDetails).toEqual({
      resourceType: "lambda",
      resource: "invoke",
      output: '{"Payload":{"FunctionName":"contaBanco","Payload":{"a":1}}}',
      outputDetails: { truncated: false },
    });
    expect(r.events[6].executionSucceededEventDetails).toEqual({
      output: r.outcome.output,
      outputDetails: { truncated: false },
    });
    expect(r.outcome.events).toBe(7);
    expect(r.events.every((e) => e.timestamp instanceof Date)).toBe(true);
  });

  it("aws-sdk integrations show the service in resourceType", async () => {
    const arn = "arn:aws:states:::aws-sdk:s3:createSession";
    const r = await execute(
      { StartAt: "S", States: { S: { Type: "Task", Resource: arn, End: true } } },
      {},
      functionsRunner({ [arn]: () => ({}) }),
    );
    expect(r.events[2].taskScheduledEventDetails).toMatchObject({
      resourceType: "aws-sdk:s3",
      resource: "createSession",
    });
  });

  it("a failing Task without Catch: TaskFailed then ExecutionFailed", async () => {
    const r = await execute(
      { StartAt: "T", States: { T: { Type: "Task", Resource: LAMBDA, End: true } } },
      {},
      functionsRunner({
        [LAMBDA]: () => {
          throw Object.assign(new Error("x"), { error: "ContaInvalida", cause: "conta inválida" });
        },
      }),
    );
    expect(r.events.map(pick)).toEqual([
      [1, 0, "ExecutionStarted"],
      [2, 0, "TaskStateEntered"],
      [3, 2, "TaskScheduled"],
      [4, 3, "TaskStarted"],
      [5, 4, "TaskFailed"],
      [6, 5, "ExecutionFailed"],
    ]);
    expect(r.events[4].taskFailedEventDetails).toEqual({
      resourceType: "lambda",
      resource: "invoke",
      error: "ContaInvalida",
      cause: "conta inválida",
    });
    expect(r.events[5].executionFailedEventDetails).toEqual({
      error: "ContaInvalida",
      cause: "conta inválida",
    });
    expect(r.outcome).toMatchObject({ status: "FAILED", error: "ContaInvalida" });
  });

  it("Parallel: branches chain from ParallelStateStarted", async () => {
    const r = await execute(
      {
        StartAt: "P",
        States: {
          P: {
            Type: "Parallel",
            Branches: [
              { StartAt: "A", States: { A: { Type: "Pass", Result: 1, End: true } } },
              { StartAt: "B", States: { B: { Type: "Pass", Result: 2, End: true } } },
            ],
            End: true,
          },
        },
      },
      {},
    );
    expect(r.output).toEqual([1, 2]);
    const byId = new Map(r.events.map((e) => [e.id, e]));
    expect(r.types.slice(0, 3)).toEqual([
      "ExecutionStarted",
      "ParallelStateEntered",
      "ParallelStateStarted",
    ]);
    const started = r.events[2].id;
    const entered = r.events.filter((e) => e.type === "PassStateEntered");
    expect(entered.map((e) => e.previousEventId)).toEqual([started, started]);
    for (const e of r.events.filter((e) => e.type === "PassStateExited")) {
      expect(byId.get(e.previousEventId)?.type).toBe("PassStateEntered");
    }
    expect(r.types.slice(-3)).toEqual([
      "ParallelStateSucceeded",
      "ParallelStateExited",
      "ExecutionSucceeded",
    ]);
    expect(r.events.length).toBe(10);
  });

  it("Map: MapStateStarted length, one MapIterationStarted/Succeeded per item", async () => {
    const r = await execute(
      {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            ItemProcessor: { StartAt: "D", States: { D: { Type: "Pass", End: true } } },
            End: true,
          },
        },
      },
      ["a", "b"],
    );
    expect(r.output).toEqual(["a", "b"]);
    const started = r.events.find((e) => e.type === "MapStateStarted")!;
    expect(started.mapStateStartedEventDetails).toEqual({ length: 2 });
    const its = r.events.filter((e) => e.type === "MapIterationStarted");
    expect(its.map((e) => e.mapIterationStartedEventDetails)).toEqual([
      { name: "M", index: 0 },
      { name: "M", index: 1 },
    ]);
    expect(its.every((e) => e.previousEventId === started.id)).toBe(true);
    const ok = r.events.filter((e) => e.type === "MapIterationSucceeded");
    expect(ok.map((e) => e.mapIterationSucceededEventDetails)).toEqual([
      { name: "M", index: 0 },
      { name: "M", index: 1 },
    ]);
    expect(r.types.filter((t) => t.startsWith("Pass"))).toEqual([
      "PassStateEntered",
      "PassStateEntered",
      "PassStateExited",
      "PassStateExited",
    ]);
    expect(r.types.slice(-3)).toEqual([
      "MapStateSucceeded",
      "MapStateExited",
      "ExecutionSucceeded",
    ]);
  });

  it("legacy Lambda function ARNs use LambdaFunction* events", async () => {
    const fn = "arn:aws:lambda:us-east-1:123456789012:function:contaBanco";
    const r = await execute(
      { StartAt: "L", States: { L: { Type: "Task", Resource: fn, End: true } } },
      { x: 1 },
      functionsRunner({ [fn]: (a) => a }),
    );
    expect(r.types).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "LambdaFunctionScheduled",
      "LambdaFunctionStarted",
      "LambdaFunctionSucceeded",
      "TaskStateExited",
      "ExecutionSucceeded",
    ]);
    expect(r.events[2].lambdaFunctionScheduledEventDetails).toEqual({
      resource: fn,
      input: '{"x":1}',
      inputDetails: { truncated: false },
    });
  });

  it("a States.Runtime failure is recorded with AWS's cause prefix", async () => {
    const r = await execute(
      { StartAt: "P", States: { P: { Type: "Pass", InputPath: "$.nada", End: true } } },
      { a: 1 },
    );
    expect(r.outcome.error).toBe("States.Runtime");
    expect(r.outcome.cause).toMatch(
      /^An error occurred while executing the state 'P' \(entered at the event id #2\)\. Invalid path '\$\.nada'/,
    );
    expect(r.types).toEqual(["ExecutionStarted", "PassStateEntered", "ExecutionFailed"]);
  });

  describe("Map numbering as recorded on AWS", () => {
    const mapState = (processor: object, extra: Record<string, unknown> = {}) => ({
      StartAt: "MapState",
      States: {
        MapState: {
          Type: "Map",
          MaxConcurrency: 1,
          ItemsPath: "$.arr",
          ItemProcessor: processor,
          End: true,
          ...extra,
        },
        ...(extra.Catch ? { FinalCaught: { Type: "Pass", End: true } } : {}),
      },
    });
    const handle = { StartAt: "HandleItem", States: { HandleItem: { Type: "Pass", End: true } } };
    const failing = {
      StartAt: "HandleItemFail",
      States: {
        HandleItemFail: {
          Type: "Fail",
          Error: "HandleItemFailError",
          Cause: "HandleItemFailCause",
        },
      },
    };

    it("iterations chain from the previous iteration's last state event", async () => {
      const r = await execute(mapState(handle), { arr: [1, "Hello"] });
      expect(r.events.map(pick)).toEqual([
        [1, 0, "ExecutionStarted"],
        [2, 0, "MapStateEntered"],
        [3, 2, "MapStateStarted"],
        [4, 3, "MapIterationStarted"],
        [5, 4, "PassStateEntered"],
        [6, 5, "PassStateExited"],
        [7, 6, "MapIterationSucceeded"],
        [8, 6, "MapIterationStarted"],
        [9, 8, "PassStateEntered"],
        [10, 9, "PassStateExited"],
        [11, 10, "MapIterationSucceeded"],
        [12, 11, "MapStateSucceeded"],
        [13, 11, "MapStateExited"],
        [14, 13, "ExecutionSucceeded"],
      ]);
    });

    it("a caught iteration failure: MapIterationFailed and MapStateFailed point at the failing state", async () => {
      const r = await execute(
        mapState(failing, { Catch: [{ ErrorEquals: ["States.ALL"], Next: "FinalCaught" }] }),
        { arr: [1] },
      );
      expect(r.events.map(pick)).toEqual([
        [1, 0, "ExecutionStarted"],
        [2, 0, "MapStateEntered"],
        [3, 2, "MapStateStarted"],
        [4, 3, "MapIterationStarted"],
        [5, 4, "FailStateEntered"],
        [6, 5, "MapIterationFailed"],
        [7, 5, "MapStateFailed"],
        [8, 7, "MapStateExited"],
        [9, 8, "PassStateEntered"],
        [10, 9, "PassStateExited"],
        [11, 10, "ExecutionSucceeded"],
      ]);
      expect(r.output).toEqual({ Error: "HandleItemFailError", Cause: "HandleItemFailCause" });
    });

    it("a retried Map starts again without MapStateFailed in between", async () => {
      const r = await execute(
        mapState(failing, { Retry: [{ ErrorEquals: ["States.ALL"], MaxAttempts: 2 }] }),
        { arr: [1] },
      );
      expect(r.events.map(pick)).toEqual([
        [1, 0, "ExecutionStarted"],
        [2, 0, "MapStateEntered"],
        [3, 2, "MapStateStarted"],
        [4, 3, "MapIterationStarted"],
        [5, 4, "FailStateEntered"],
        [6, 5, "MapIterationFailed"],
        [7, 5, "MapStateStarted"],
        [8, 7, "MapIterationStarted"],
        [9, 8, "FailStateEntered"],
        [10, 9, "MapIterationFailed"],
        [11, 9, "MapStateStarted"],
        [12, 11, "MapIterationStarted"],
        [13, 12, "FailStateEntered"],
        [14, 13, "MapIterationFailed"],
        [15, 13, "MapStateFailed"],
        [16, 15, "ExecutionFailed"],
      ]);
      expect(r.events[15].executionFailedEventDetails).toEqual({
        error: "HandleItemFailError",
        cause: "HandleItemFailCause",
      });
    });
  });

  it("ParallelStateExited points at the last branch event, like ParallelStateSucceeded", async () => {
    const r = await execute(
      {
        StartAt: "P",
        States: {
          P: {
            Type: "Parallel",
            Branches: [{ StartAt: "A", States: { A: { Type: "Pass", End: true } } }],
            End: true,
          },
        },
      },
      {},
    );
    expect(r.events.map(pick)).toEqual([
      [1, 0, "ExecutionStarted"],
      [2, 0, "ParallelStateEntered"],
      [3, 2, "ParallelStateStarted"],
      [4, 3, "PassStateEntered"],
      [5, 4, "PassStateExited"],
      [6, 5, "ParallelStateSucceeded"],
      [7, 5, "ParallelStateExited"],
      [8, 7, "ExecutionSucceeded"],
    ]);
  });

  it("a failing iteration aborts the others: <Type>StateAborted and MapIterationAborted point at it", async () => {
    const runner = functionsRunner({
      [LAMBDA]: (_a, req) =>
        new Promise((_, reject) =>
          req.signal.addEventListener("abort", () => reject(new Error("abortado"))),
        ),
    });
    const r = await execute(
      {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            ItemProcessor: {
              StartAt: "C",
              States: {
                C: {
                  Type: "Choice",
                  Choices: [{ Variable: "$", NumericEquals: 0, Next: "F" }],
                  Default: "T",
                },
                F: { Type: "Fail", Error: "Falhou" },
                T: { Type: "Task", Resource: LAMBDA, End: true },
              },
            },
            End: true,
          },
        },
      },
      [1, 0, 2],
      runner,
    );
    const failEntered = r.events.find((e) => e.type === "FailStateEntered")!;
    const byType = (t: string) => r.events.filter((e) => e.type === t);
    expect(
      byType("MapIterationFailed").map((e) => [
        e.previousEventId,
        e.mapIterationFailedEventDetails,
      ]),
    ).toEqual([[failEntered.id, { name: "M", index: 1 }]]);
    expect(byType("TaskStateAborted").map((e) => e.previousEventId)).toEqual([
      failEntered.id,
      failEntered.id,
    ]);
    expect(
      byType("MapIterationAborted")
        .map((e) => [
          e.previousEventId,
          (e.mapIterationAbortedEventDetails as { index: number }).index,
        ])
        .sort(),
    ).toEqual([
      [failEntered.id, 0],
      [failEntered.id, 2],
    ]);
    const mapFailed = byType("MapStateFailed")[0];
    expect(mapFailed.previousEventId).toBe(failEntered.id);
    expect(r.events.at(-1)).toMatchObject({
      type: "ExecutionFailed",
      previousEventId: mapFailed.id,
    });
    expect(r.outcome.error).toBe("Falhou");
    expect(runner.calls.every((c) => c.signal.aborted)).toBe(true);
  });
});
