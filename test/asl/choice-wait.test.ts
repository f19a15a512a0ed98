import { describe, expect, it } from "vitest";
import { manualClock } from "../../src/asl/index.js";
import { CONTEXT, execute } from "./helpers.js";

/** Runs a one-rule Choice and tells which branch was taken. */
async function decide(rule: object, input: unknown): Promise<string> {
  const r = await execute(
    {
      StartAt: "C",
      States: {
        C: { Type: "Choice", Choices: [{ ...rule, Next: "Sim" }], Default: "Nao" },
        Sim: { Type: "Pass", Result: "sim", End: true },
        Nao: { Type: "Pass", Result: "nao", End: true },
      },
    },
    input,
  );
  if (r.outcome.status !== "SUCCEEDED") throw new Error(`${r.outcome.error}: ${r.outcome.cause}`);
  return r.output as string;
}

describe("Choice comparison operators (ASL spec, Choice Rules)", () => {
  const input = {
    s: "banco",
    n: 10,
    b: true,
    t: "2026-01-01T00:00:00Z",
    t2: "2026-06-01T00:00:00.5Z",
    nulo: null,
    other: 10,
    arq: "log-2026.txt",
  };
  const cases: [object, string][] = [
    [{ Variable: "$.s", StringEquals: "banco" }, "sim"],
    [{ Variable: "$.s", StringLessThan: "c" }, "sim"],
    [{ Variable: "$.s", StringGreaterThan: "c" }, "nao"],
    [{ Variable: "$.s", StringLessThanEquals: "banco" }, "sim"],
    [{ Variable: "$.s", StringGreaterThanEquals: "banco" }, "sim"],
    [{ Variable: "$.arq", StringMatches: "log-*.txt" }, "sim"],
    [{ Variable: "$.arq", StringMatches: "log-\\*.txt" }, "nao"],
    [{ Variable: "$.n", NumericEquals: 10 }, "sim"],
    [{ Variable: "$.n", NumericLessThan: 10 }, "nao"],
    [{ Variable: "$.n", NumericGreaterThan: 9.5 }, "sim"],
    [{ Variable: "$.n", NumericLessThanEquals: 10 }, "sim"],
    [{ Variable: "$.n", NumericGreaterThanEquals: 11 }, "nao"],
    [{ Variable: "$.n", NumericEqualsPath: "$.other" }, "sim"],
    [{ Variable: "$.s", NumericEquals: 10 }, "nao"],
    [{ Variable: "$.b", BooleanEquals: true }, "sim"],
    [{ Variable: "$.b", BooleanEqualsPath: "$.b" }, "sim"],
    [{ Variable: "$.t", TimestampLessThan: "2026-01-02T00:00:00Z" }, "sim"],
    [{ Variable: "$.t", TimestampEquals: "2026-01-01T00:00:00Z" }, "sim"],
    [{ Variable: "$.t", TimestampGreaterThanPath: "$.t2" }, "nao"],
    [{ Variable: "$.t2", TimestampGreaterThanEquals: "2026-06-01T00:00:00Z" }, "sim"],
    [{ Variable: "$.t", TimestampLessThanEquals: "2025-01-01T00:00:00Z" }, "nao"],
    [{ Variable: "$.nulo", IsNull: true }, "sim"],
    [{ Variable: "$.nada", IsPresent: false }, "sim"],
    [{ Variable: "$.s", IsPresent: true }, "sim"],
    [{ Variable: "$.n", IsNumeric: true }, "sim"],
    [{ Variable: "$.s", IsString: true }, "sim"],
    [{ Variable: "$.b", IsBoolean: false }, "nao"],
    [{ Variable: "$.t", IsTimestamp: true }, "sim"],
    [{ Variable: "$.s", IsTimestamp: true }, "nao"],
    [
      {
        And: [
          { Variable: "$.n", NumericGreaterThan: 1 },
          { Variable: "$.s", StringEquals: "banco" },
        ],
      },
      "sim",
    ],
    [
      {
        Or: [
          { Variable: "$.n", NumericLessThan: 1 },
          { Variable: "$.s", StringEquals: "x" },
        ],
      },
      "nao",
    ],
    [{ Not: { Variable: "$.s", StringEquals: "x" } }, "sim"],
  ];
  it.each(cases)("%j → %s", async (rule, expected) => {
    expect(await decide(rule, input)).toBe(expected);
  });

  it("no match and no Default: States.NoChoiceMatched", async () => {
    const r = await execute(
      {
        StartAt: "C",
        States: {
          C: { Type: "Choice", Choices: [{ Variable: "$.n", NumericEquals: 1, Next: "X" }] },
          X: { Type: "Succeed" },
        },
      },
      { n: 2 },
    );
    expect(r.outcome.error).toBe("States.NoChoiceMatched");
    expect(r.types).toEqual(["ExecutionStarted", "ChoiceStateEntered", "ExecutionFailed"]);
  });

  it("a Variable path that does not exist is States.Runtime", async () => {
    const r = await execute(
      {
        StartAt: "C",
        States: {
          C: {
            Type: "Choice",
            Choices: [{ Variable: "$.nada", NumericEquals: 1, Next: "X" }],
            Default: "X",
          },
          X: { Type: "Succeed" },
        },
      },
      {},
    );
    expect(r.outcome.error).toBe("States.Runtime");
  });
});

describe("Wait (virtual clock: no real time passes)", () => {
  const waitFor = async (state: object, input: unknown, ql = "JSONPath") => {
    const clock = manualClock(Date.parse(CONTEXT.startTime));
    const r = await execute(
      { QueryLanguage: ql, StartAt: "W", States: { W: { Type: "Wait", ...state, End: true } } },
      input,
      undefined,
      { clock },
    );
    const entered = r.events.find((e) => e.type === "WaitStateEntered")!.timestamp.getTime();
    const exited = r.events.find((e) => e.type === "WaitStateExited")!.timestamp.getTime();
    return { waited: exited - entered, r };
  };
  it("Seconds, SecondsPath, Timestamp, TimestampPath", async () => {
    expect((await waitFor({ Seconds: 10 }, {})).waited).toBe(10_000);
    expect((await waitFor({ SecondsPath: "$.s" }, { s: 3 })).waited).toBe(3_000);
    expect((await waitFor({ Timestamp: "2026-01-01T00:01:00Z" }, {})).waited).toBe(60_000);
    expect((await waitFor({ TimestampPath: "$.t" }, { t: "2026-01-01T00:00:05Z" })).waited).toBe(
      5_000,
    );
    expect((await waitFor({ Timestamp: "2025-01-01T00:00:00Z" }, {})).waited).toBe(0);
  });
  it("JSONata Seconds and output", async () => {
    const { waited, r } = await waitFor(
      { Seconds: "{% $states.input.d * 2 %}", Output: "{% $states.input.d %}" },
      { d: 4 },
      "JSONata",
    );
    expect(waited).toBe(8_000);
    expect(r.output).toBe(4);
  });
  it("a negative or non-integer SecondsPath is States.Runtime", async () => {
    const clock = manualClock();
    const r = await execute(
      { StartAt: "W", States: { W: { Type: "Wait", SecondsPath: "$.s", End: true } } },
      { s: -1 },
      undefined,
      { clock },
    );
    expect(r.outcome.error).toBe("States.Runtime");
  });
});
