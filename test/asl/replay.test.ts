import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "../../src/asl/index.js";
import { StatesError } from "../../src/asl/index.js";
import { execute, functionsRunner } from "./helpers.js";

const FN = "arn:aws:states:::lambda:invoke";

/** A runner whose every call is a counted side effect; it fails the first call of "Instavel". */
function countingRunner() {
  let unstableCalls = 0;
  return functionsRunner({
    [FN]: (args) => {
      const a = args as { op: string; v?: number };
      if (a.op === "Instavel" && unstableCalls++ === 0)
        throw new StatesError("Lambda.ServiceException", "instável");
      return { op: a.op, v: (a.v ?? 0) + 1 };
    },
  });
}

const SEQUENTIAL = {
  StartAt: "Primeiro",
  States: {
    Primeiro: {
      Type: "Task",
      Resource: FN,
      Parameters: { op: "Primeiro", "v.$": "$.v" },
      ResultPath: "$.primeiro",
      Next: "Esperar",
    },
    Esperar: { Type: "Wait", Seconds: 30, Next: "Instavel" },
    Instavel: {
      Type: "Task",
      Resource: FN,
      Parameters: { op: "Instavel", "v.$": "$.v" },
      Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 2 }],
      ResultPath: "$.instavel",
      Next: "Mapa",
    },
    Mapa: {
      Type: "Map",
      MaxConcurrency: 1,
      ItemsPath: "$.itens",
      ItemSelector: { "v.$": "$$.Map.Item.Value" },
      ItemProcessor: {
        StartAt: "Item",
        States: {
          Item: { Type: "Task", Resource: FN, Parameters: { op: "Item", "v.$": "$.v" }, End: true },
        },
      },
      ResultPath: "$.mapa",
      Next: "Fim",
    },
    Fim: {
      Type: "Pass",
      Parameters: {
        "total.$": "States.ArrayLength($.mapa)",
        "v.$": "$.instavel.v",
        "mapa.$": "$.mapa",
      },
      End: true,
    },
  },
};

const PARALLEL = {
  QueryLanguage: "JSONata",
  StartAt: "P",
  States: {
    P: {
      Type: "Parallel",
      Branches: ["A", "B", "C"].map((op) => ({
        StartAt: op,
        States: {
          [op]: { Type: "Task", Resource: FN, Arguments: { op, v: 1 }, Next: `${op}2` },
          [`${op}2`]: { Type: "Pass", Output: "{% $states.input.v %}", End: true },
        },
      })),
      Output: "{% $sum($states.result) %}",
      End: true,
    },
  },
};

const MAP = {
  QueryLanguage: "JSONata",
  StartAt: "M",
  States: {
    M: {
      Type: "Map",
      Items: "{% $states.input.itens %}",
      ItemProcessor: {
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: FN,
            Arguments: { op: "Item", v: "{% $states.input %}" },
            Next: "U",
          },
          U: {
            Type: "Pass",
            Output: { id: "{% $uuid() %}", v: "{% $states.input.v %}" },
            End: true,
          },
        },
      },
      Output: "{% $states.result %}",
      End: true,
    },
  },
};

const strip = (e: HistoryEvent) => {
  const { timestamp: _t, ...rest } = e;
  return rest;
};

/** Random values ($uuid) differ when their state re-runs; compare with them masked. */
const maskIds = (v: unknown) =>
  JSON.parse(JSON.stringify(v ?? null).replace(/[0-9a-f-]{36}/g, "<uuid>"));

async function checkEveryCut(definition: object, input: unknown, ordered: boolean) {
  const full = await execute(definition, input, countingRunner());
  const tasks = full.events.filter(
    (e) => e.type === "TaskSucceeded" || e.type === "TaskFailed",
  ).length;
  expect(full.outcome).toMatchObject({ status: "SUCCEEDED" });
  for (let cut = 1; cut < full.events.length; cut++) {
    const prefix = full.events.slice(0, cut);
    const runner = countingRunner();
    // A task whose outcome is recorded is not run again; "Instavel" already failed once.
    const recordedOutcomes = prefix.filter(
      (e) => e.type === "TaskSucceeded" || e.type === "TaskFailed",
    );
    if (
      recordedOutcomes.some(
        (e) => (e.taskFailedEventDetails as { error?: string } | undefined)?.error,
      )
    ) {
      await runner
        .run({
          resource: FN,
          args: { op: "Instavel" },
          stateName: "x",
          signal: new AbortController().signal,
          attempt: 0,
        })
        .catch(() => {});
      runner.calls.length = 0;
    }
    const again = await execute(definition, input, runner, { replay: prefix });
    expect(maskIds(again.output), `cut ${cut}`).toEqual(maskIds(full.output));
    expect(again.events[0]?.id, `cut ${cut}: new events continue the numbering`).toBe(cut + 1);
    const all = [...prefix, ...again.events];
    expect(all.length, `cut ${cut}`).toBe(full.events.length);
    expect(again.outcome.events).toBe(full.events.length);
    if (ordered) expect(all.map(strip), `cut ${cut}`).toEqual(full.events.map(strip));
    else {
      const key = (e: HistoryEvent) =>
        JSON.stringify(
          maskIds([e.type, e.stateEnteredEventDetails ?? e.stateExitedEventDetails ?? null]),
        );
      expect(all.map(key).sort(), `cut ${cut}`).toEqual(full.events.map(key).sort());
    }
    expect(runner.calls.length + recordedOutcomes.length, `cut ${cut}: each task runs once`).toBe(
      tasks,
    );
  }
}

describe("replay (durability after a crash)", () => {
  it("sequential machine: same events, same output, tasks run exactly once, at every cut", async () => {
    await checkEveryCut(SEQUENTIAL, { v: 1, itens: [10, 20] }, true);
  });

  it("Parallel branches line up by their place in the event tree", async () => {
    await checkEveryCut(PARALLEL, {}, false);
  });

  it("concurrent Map iterations replay to the same history", async () => {
    await checkEveryCut(MAP, { itens: [1, 2, 3] }, false);
  });

  it("a state whose exit is recorded keeps its recorded output ($uuid is not drawn again)", async () => {
    const full = await execute(MAP, { itens: [1, 2] }, countingRunner());
    const lastExit = full.events.findLastIndex((e) => e.type === "PassStateExited");
    const again = await execute(MAP, { itens: [1, 2] }, countingRunner(), {
      replay: full.events.slice(0, lastExit + 1),
    });
    expect(again.output).toEqual(full.output);
  });

  it("a Wait in progress resumes for the remaining time only", async () => {
    const full = await execute(SEQUENTIAL, { v: 1, itens: [] }, countingRunner());
    const enteredAt = full.events.findIndex((e) => e.type === "WaitStateEntered");
    const entered = full.events[enteredAt];
    const prefix = full.events.slice(0, enteredAt + 1);
    const { manualClock } = await import("../../src/asl/index.js");
    const clock = manualClock(entered.timestamp.getTime() + 20_000);
    const again = await execute(SEQUENTIAL, { v: 1, itens: [] }, countingRunner(), {
      replay: prefix,
      clock,
    });
    const exited = again.events.find((e) => e.type === "WaitStateExited")!;
    expect(exited.timestamp.getTime() - entered.timestamp.getTime()).toBe(30_000);
  });

  it("a complete history replays to the same outcome without running anything", async () => {
    const full = await execute(SEQUENTIAL, { v: 1, itens: [1] }, countingRunner());
    const runner = countingRunner();
    const again = await execute(SEQUENTIAL, { v: 1, itens: [1] }, runner, { replay: full.events });
    expect(again.events).toEqual([]);
    expect(runner.calls).toHaveLength(0);
    expect(again.outcome).toEqual(full.outcome);
  });
});
