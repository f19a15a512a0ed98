import { describe, expect, it } from "vitest";
import { manualClock, runExecution, StateMachine } from "../../src/asl/index.js";
import { CONTEXT, execute, functionsRunner } from "./helpers.js";

const FN = "arn:aws:states:::lambda:invoke";

describe("execution-level outcomes", () => {
  it("state machine TimeoutSeconds → TIMED_OUT with ExecutionTimedOut", async () => {
    const r = await execute(
      { TimeoutSeconds: 5, StartAt: "W", States: { W: { Type: "Wait", Seconds: 60, End: true } } },
      {},
    );
    expect(r.outcome).toMatchObject({ status: "TIMED_OUT", error: "States.Timeout" });
    expect(r.types.at(-1)).toBe("ExecutionTimedOut");
  });

  it("an abort signal (StopExecution) → ABORTED with the given error and cause", async () => {
    const ctrl = new AbortController();
    const runner = functionsRunner({
      [FN]: (_a, req) =>
        new Promise((_, reject) => {
          req.signal.addEventListener("abort", () => reject(new Error("cancelado")));
          ctrl.abort({ error: "Parado", cause: "pelo usuário" });
        }),
    });
    const r = await execute(
      { StartAt: "T", States: { T: { Type: "Task", Resource: FN, End: true } } },
      {},
      runner,
      { signal: ctrl.signal },
    );
    expect(r.outcome).toMatchObject({ status: "ABORTED", error: "Parado", cause: "pelo usuário" });
    expect(r.events.at(-1)?.executionAbortedEventDetails).toEqual({
      error: "Parado",
      cause: "pelo usuário",
    });
    expect(r.types).not.toContain("TaskFailed");
  });

  it("a stop ends the execution even when the runner ignores its abort signal", async () => {
    const ctrl = new AbortController();
    const runner = functionsRunner({
      [FN]: () => {
        queueMicrotask(() => ctrl.abort({ error: "Parado" }));
        return new Promise(() => {});
      },
    });
    const r = await execute(
      { StartAt: "T", States: { T: { Type: "Task", Resource: FN, End: true } } },
      {},
      runner,
      { signal: ctrl.signal },
    );
    expect(r.outcome).toMatchObject({ status: "ABORTED", error: "Parado" });
  });

  it("a JSONata state inside a JSONPath machine (per-state QueryLanguage)", async () => {
    const r = await execute(
      {
        StartAt: "A",
        States: {
          A: { Type: "Pass", Parameters: { "x.$": "$.v" }, Next: "B" },
          B: {
            Type: "Pass",
            QueryLanguage: "JSONata",
            Output: "{% $states.input.x * 2 %}",
            End: true,
          },
        },
      },
      { v: 21 },
    );
    expect(r.output).toBe(42);
  });

  it("onEvent promises are awaited before going on (persistence before side effects)", async () => {
    const order: string[] = [];
    const machine = StateMachine.compile({
      StartAt: "T",
      States: { T: { Type: "Task", Resource: FN, End: true } },
    });
    await runExecution(machine, {
      input: {},
      context: CONTEXT,
      clock: manualClock(),
      runner: {
        run: async () => {
          order.push("run");
          return 1;
        },
      },
      onEvent: async (e) => {
        await new Promise((r) => setTimeout(r, 1));
        order.push(e.type);
      },
    });
    expect(order.indexOf("TaskStarted")).toBeLessThan(order.indexOf("run"));
    expect(order.indexOf("TaskScheduled")).toBeLessThan(order.indexOf("run"));
  });

  it("a non-StatesError rejection from the runner is States.TaskFailed", async () => {
    const r = await execute(
      { StartAt: "T", States: { T: { Type: "Task", Resource: FN, End: true } } },
      {},
      functionsRunner({
        [FN]: () => {
          throw new TypeError("quebrou");
        },
      }),
    );
    expect(r.outcome).toMatchObject({
      status: "FAILED",
      error: "States.TaskFailed",
      cause: "quebrou",
    });
  });

  it(".waitForTaskToken: the token is in $$.Task.Token and the request, stable across replay", async () => {
    const arn = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
    const def = {
      StartAt: "T",
      States: {
        T: {
          Type: "Task",
          Resource: arn,
          Parameters: { QueueUrl: "q", "MessageBody.$": "$$.Task.Token" },
          End: true,
        },
      },
    };
    const runner = functionsRunner({ [arn]: (args) => ({ recebido: args }) });
    const r = await execute(def, {}, runner);
    const token = runner.calls[0].taskToken!;
    expect(token.length).toBeGreaterThan(10);
    expect(runner.calls[0].args).toEqual({ QueueUrl: "q", MessageBody: token });
    const cut = r.events.findIndex((e) => e.type === "TaskStarted") + 1;
    const again = functionsRunner({ [arn]: (args) => ({ recebido: args }) });
    await execute(def, {}, again, { replay: r.events.slice(0, cut) });
    expect(again.calls[0].taskToken).toBe(token);
  });
});
