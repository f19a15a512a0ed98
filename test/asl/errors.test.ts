import { describe, expect, it } from "vitest";
import { manualClock, StatesError } from "../../src/asl/index.js";
import { CONTEXT, execute, functionsRunner } from "./helpers.js";

const FN = "arn:aws:states:::lambda:invoke";

/** Fails with `error` the first `failures` times, then returns `{ ok: true }`. */
function flaky(failures: number, error = "Lambda.ServiceException") {
  let n = 0;
  return functionsRunner({
    [FN]: () => {
      if (n++ < failures) throw new StatesError(error, `falha ${n}`);
      return { ok: true };
    },
  });
}

const gaps = (events: { type: string; timestamp: Date }[]) => {
  const out: number[] = [];
  let failedAt: number | undefined;
  for (const e of events) {
    if (e.type === "TaskFailed") failedAt = e.timestamp.getTime();
    if (e.type === "TaskScheduled" && failedAt !== undefined) {
      out.push(e.timestamp.getTime() - failedAt);
      failedAt = undefined;
    }
  }
  return out;
};

describe("Retry (dev guide, Handling errors)", () => {
  const task = (retry: object[]) => ({
    StartAt: "T",
    States: { T: { Type: "Task", Resource: FN, Retry: retry, End: true } },
  });

  it("defaults: IntervalSeconds 1, BackoffRate 2, MaxAttempts 3", async () => {
    const runner = flaky(3);
    const r = await execute(task([{ ErrorEquals: ["States.ALL"] }]), {}, runner);
    expect(r.outcome.status).toBe("SUCCEEDED");
    expect(runner.calls.map((c) => c.attempt)).toEqual([0, 1, 2, 3]);
    expect(gaps(r.events)).toEqual([1000, 2000, 4000]);
    expect(r.types.filter((t) => t === "TaskStateEntered")).toHaveLength(1);
  });

  it("gives up after MaxAttempts with the last error", async () => {
    const runner = flaky(10);
    const r = await execute(
      task([{ ErrorEquals: ["Lambda.ServiceException"], MaxAttempts: 2 }]),
      {},
      runner,
    );
    expect(runner.calls).toHaveLength(3);
    expect(r.outcome).toMatchObject({
      status: "FAILED",
      error: "Lambda.ServiceException",
      cause: "falha 3",
    });
  });

  it("MaxAttempts 0 never retries; the first matching retrier decides", async () => {
    const runner = flaky(1);
    const r = await execute(
      task([
        { ErrorEquals: ["Lambda.ServiceException"], MaxAttempts: 0 },
        { ErrorEquals: ["States.ALL"], MaxAttempts: 5 },
      ]),
      {},
      runner,
    );
    expect(runner.calls).toHaveLength(1);
    expect(r.outcome.status).toBe("FAILED");
  });

  it("MaxDelaySeconds caps the backoff; FULL jitter stays within the cap", async () => {
    const r = await execute(
      task([
        {
          ErrorEquals: ["States.ALL"],
          IntervalSeconds: 2,
          BackoffRate: 3,
          MaxAttempts: 4,
          MaxDelaySeconds: 10,
        },
      ]),
      {},
      flaky(4),
    );
    expect(gaps(r.events)).toEqual([2000, 6000, 10000, 10000]);
    const j = await execute(
      task([
        { ErrorEquals: ["States.ALL"], IntervalSeconds: 1, MaxAttempts: 3, JitterStrategy: "FULL" },
      ]),
      {},
      flaky(3),
    );
    const g = gaps(j.events);
    expect(g).toHaveLength(3);
    [1000, 2000, 4000].forEach((max, i) => {
      expect(g[i]).toBeGreaterThanOrEqual(0);
      expect(g[i]).toBeLessThanOrEqual(max);
    });
  });

  it("States.TaskFailed matches task errors but not States.Timeout", async () => {
    // Virtual time passes only when something spends it: here, 5 s while the task runs.
    const clock = manualClock(Date.parse(CONTEXT.startTime));
    const runner = functionsRunner({
      [FN]: () => {
        queueMicrotask(() => void clock.advance(5_000));
        return new Promise(() => {});
      },
    });
    const r = await execute(
      {
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: FN,
            TimeoutSeconds: 5,
            Retry: [{ ErrorEquals: ["States.TaskFailed"] }],
            End: true,
          },
        },
      },
      {},
      runner,
      { clock },
    );
    expect(runner.calls).toHaveLength(1);
    expect(r.outcome).toMatchObject({ status: "FAILED", error: "States.Timeout" });
    expect(r.types).toContain("TaskTimedOut");
    expect(runner.calls[0].signal.aborted).toBe(true);
  });
});

describe("Catch", () => {
  it("JSONPath: ResultPath puts {Error, Cause} into the input (dev guide example)", async () => {
    const r = await execute(
      {
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: FN,
            Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error-info", Next: "Recuperar" }],
            End: true,
          },
          Recuperar: { Type: "Pass", End: true },
        },
      },
      { foo: "bar" },
      flaky(1, "CustomError"),
    );
    expect(r.output).toEqual({
      foo: "bar",
      "error-info": { Error: "CustomError", Cause: "falha 1" },
    });
    expect(r.types).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "TaskScheduled",
      "TaskStarted",
      "TaskFailed",
      "TaskStateExited",
      "PassStateEntered",
      "PassStateExited",
      "ExecutionSucceeded",
    ]);
  });

  it("JSONata: Output and Assign see $states.errorOutput", async () => {
    const r = await execute(
      {
        QueryLanguage: "JSONata",
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: FN,
            Catch: [
              {
                ErrorEquals: ["ContaInvalida"],
                Output: {
                  motivo: "{% $states.errorOutput.Cause %}",
                  entrada: "{% $states.input %}",
                },
                Assign: { erro: "{% $states.errorOutput.Error %}" },
                Next: "Falhar",
              },
            ],
            End: true,
          },
          Falhar: { Type: "Fail", Error: "{% $erro %}", Cause: "{% $states.input.motivo %}" },
        },
      },
      { conta: "1" },
      flaky(1, "ContaInvalida"),
    );
    expect(r.outcome).toMatchObject({ status: "FAILED", error: "ContaInvalida", cause: "falha 1" });
  });

  it("States.ALL does not catch States.Runtime", async () => {
    const r = await execute(
      {
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: FN,
            Parameters: { "x.$": "$.nada" },
            Catch: [{ ErrorEquals: ["States.ALL"], Next: "C" }],
            End: true,
          },
          C: { Type: "Succeed" },
        },
      },
      {},
      flaky(0),
    );
    expect(r.outcome.error).toBe("States.Runtime");
  });
});

describe("Fail", () => {
  it("ErrorPath and CausePath (intrinsic allowed)", async () => {
    const r = await execute(
      {
        StartAt: "F",
        States: {
          F: {
            Type: "Fail",
            ErrorPath: "$.e",
            CausePath: "States.Format('conta {} inválida', $.c)",
          },
        },
      },
      { e: "ContaInvalida", c: "123" },
    );
    expect(r.outcome).toMatchObject({ error: "ContaInvalida", cause: "conta 123 inválida" });
  });
});

describe("virtual clock", () => {
  it("a task doing real work is not timed out by virtual time it did not spend", async () => {
    const r = await execute(
      { StartAt: "T", States: { T: { Type: "Task", Resource: FN, TimeoutSeconds: 1, End: true } } },
      {},
      functionsRunner({ [FN]: () => new Promise((ok) => setTimeout(() => ok("pronto"), 20)) }),
    );
    expect(r.outcome).toMatchObject({ status: "SUCCEEDED", output: '"pronto"' });
  });
});
