import { describe, expect, it } from "vitest";
import { execute, functionsRunner } from "./helpers.js";

const FN = "arn:aws:states:::lambda:invoke";

describe("JSONPath input and output processing (dev guide examples)", () => {
  it("InputPath, ResultPath and OutputPath (the 'lambdaresult' example)", async () => {
    const runner = functionsRunner({ [FN]: (args) => `Hello, ${(args as { who: string }).who}!` });
    const r = await execute(
      {
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: FN,
            InputPath: "$.lambda",
            ResultPath: "$.data.lambdaresult",
            OutputPath: "$.data",
            End: true,
          },
        },
      },
      {
        comment: "An input comment.",
        data: { val1: 23, val2: 17 },
        extra: "foo",
        lambda: { who: "AWS Step Functions" },
      },
      runner,
    );
    expect(r.output).toEqual({ val1: 23, val2: 17, lambdaresult: "Hello, AWS Step Functions!" });
  });

  it("ResultSelector keeps part of the result; ResultPath null keeps the input", async () => {
    const runner = functionsRunner({
      [FN]: () => ({
        resourceType: "elasticmapreduce",
        ClusterId: "AKIAIOSFODNN7EXAMPLE",
        Status: "OK",
      }),
    });
    const def = (extra: object) => ({
      StartAt: "T",
      States: { T: { Type: "Task", Resource: FN, End: true, ...extra } },
    });
    const sel = await execute(
      def({
        ResultSelector: { "ClusterId.$": "$.ClusterId", "ResourceType.$": "$.resourceType" },
        ResultPath: "$.EMROutput",
      }),
      { in: 1 },
      runner,
    );
    expect(sel.output).toEqual({
      in: 1,
      EMROutput: { ClusterId: "AKIAIOSFODNN7EXAMPLE", ResourceType: "elasticmapreduce" },
    });
    const keep = await execute(def({ ResultPath: null }), { in: 1 }, runner);
    expect(keep.output).toEqual({ in: 1 });
  });

  it("Parameters with paths, the context object and intrinsics", async () => {
    const r = await execute(
      {
        StartAt: "P",
        States: {
          P: {
            Type: "Pass",
            Parameters: {
              "nome.$": "$.titular",
              "execucao.$": "$$.Execution.Name",
              "estado.$": "$$.State.Name",
              "soma.$": "States.MathAdd($.n, 1)",
              fixo: "x",
            },
            End: true,
          },
        },
      },
      { titular: "Ana", n: 1 },
    );
    expect(r.output).toEqual({ nome: "Ana", execucao: "exec-1", estado: "P", soma: 2, fixo: "x" });
  });

  it("Pass Result with ResultPath", async () => {
    const r = await execute(
      {
        StartAt: "P",
        States: {
          P: {
            Type: "Pass",
            Result: { x: 0.381018, y: 622.2269926397355 },
            ResultPath: "$.coords",
            End: true,
          },
        },
      },
      { georefOf: "Home" },
    );
    expect(r.output).toEqual({ georefOf: "Home", coords: { x: 0.381018, y: 622.2269926397355 } });
  });

  it("JSONPath Task Assign reads the raw result, before ResultSelector", async () => {
    const FNR = "arn:aws:states:::lambda:invoke";
    const r = await execute(
      {
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: FNR,
            ResultSelector: { "so.$": "$.Payload.a" },
            Assign: { "bruto.$": "$.Payload" },
            Next: "P",
          },
          P: { Type: "Pass", Parameters: { "bruto.$": "$bruto", "saida.$": "$" }, End: true },
        },
      },
      {},
      functionsRunner({ [FNR]: () => ({ Payload: { a: 1, b: 2 } }) }),
    );
    expect(r.output).toEqual({ bruto: { a: 1, b: 2 }, saida: { so: 1 } });
  });

  it("Assign in JSONPath states and $var references", async () => {
    const r = await execute(
      {
        StartAt: "A",
        States: {
          A: { Type: "Pass", Assign: { "total.$": "$.n", rotulo: "fixo" }, Next: "B" },
          B: { Type: "Pass", Parameters: { "t.$": "$total", "r.$": "$rotulo" }, End: true },
        },
      },
      { n: 5 },
    );
    expect(r.output).toEqual({ t: 5, r: "fixo" });
  });
});

describe("Parallel and Map", () => {
  it("Parallel output is the array of branch outputs; a failing branch fails the state", async () => {
    const def = (b2: object) => ({
      StartAt: "P",
      States: {
        P: {
          Type: "Parallel",
          Branches: [
            {
              StartAt: "A",
              States: { A: { Type: "Pass", Parameters: { "v.$": "$.x" }, End: true } },
            },
            { StartAt: "B", States: { B: b2 } },
          ],
          ResultPath: "$.resultados",
          Catch: [{ ErrorEquals: ["Ruim"], ResultPath: "$.erro", Next: "Fim" }],
          End: true,
        },
        Fim: { Type: "Pass", End: true },
      },
    });
    const ok = await execute(def({ Type: "Pass", Result: "b", End: true }), { x: 1 });
    expect(ok.output).toEqual({ x: 1, resultados: [{ v: 1 }, "b"] });
    const bad = await execute(def({ Type: "Fail", Error: "Ruim", Cause: "ramo" }), { x: 1 });
    expect(bad.output).toEqual({ x: 1, erro: { Error: "Ruim", Cause: "ramo" } });
    expect(bad.types).toContain("ParallelStateFailed");
  });

  it("Map with ItemsPath, ItemSelector and $$.Map.Item (dev guide shipping example)", async () => {
    const r = await execute(
      {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            ItemsPath: "$.detail.shipped",
            ItemSelector: {
              "parcel.$": "$$.Map.Item.Value",
              "courier.$": "$.detail.delivery-partner",
              "index.$": "$$.Map.Item.Index",
            },
            MaxConcurrency: 1,
            ItemProcessor: {
              StartAt: "V",
              States: {
                V: {
                  Type: "Pass",
                  Parameters: { "p.$": "$.parcel.prod", "c.$": "$.courier", "i.$": "$.index" },
                  End: true,
                },
              },
            },
            ResultPath: "$.detail.shipped",
            End: true,
          },
        },
      },
      {
        "ship-date": "2016-03-14T01:59:00Z",
        detail: {
          "delivery-partner": "UQS",
          shipped: [
            { prod: "R31", "dest-code": 9511, quantity: 1344 },
            { prod: "S39", "dest-code": 9511, quantity: 40 },
          ],
        },
      },
    );
    expect(r.output).toEqual({
      "ship-date": "2016-03-14T01:59:00Z",
      detail: {
        "delivery-partner": "UQS",
        shipped: [
          { p: "R31", c: "UQS", i: 0 },
          { p: "S39", c: "UQS", i: 1 },
        ],
      },
    });
  });

  it("JSONata Map: Items, ItemSelector with $states.context.Map.Item", async () => {
    const r = await execute(
      {
        QueryLanguage: "JSONata",
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            Items: "{% $states.input.nums %}",
            ItemSelector: {
              v: "{% $states.context.Map.Item.Value * 10 %}",
              i: "{% $states.context.Map.Item.Index %}",
            },
            ItemProcessor: {
              StartAt: "S",
              States: {
                S: { Type: "Pass", Output: "{% $states.input.v + $states.input.i %}", End: true },
              },
            },
            Output: "{% $sum($states.result) %}",
            End: true,
          },
        },
      },
      { nums: [1, 2, 3] },
    );
    expect(r.output).toBe(10 + 20 + 30 + 0 + 1 + 2);
  });

  it("tolerated failures: under the threshold the Map succeeds, over it fails", async () => {
    const def = (tolerated: number) => ({
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          ToleratedFailureCount: tolerated,
          ItemProcessor: {
            StartAt: "C",
            States: {
              C: {
                Type: "Choice",
                Choices: [{ Variable: "$", NumericGreaterThan: 1, Next: "F" }],
                Default: "OK",
              },
              F: { Type: "Fail", Error: "Grande" },
              OK: { Type: "Succeed" },
            },
          },
          End: true,
        },
      },
    });
    const ok = await execute(def(1), [1, 2]);
    expect(ok.outcome.status).toBe("SUCCEEDED");
    expect(ok.types).toContain("MapIterationFailed");
    const bad = await execute(def(0), [1, 2, 3]);
    expect(bad.outcome).toMatchObject({
      status: "FAILED",
      error: "States.ExceedToleratedFailureThreshold",
    });
  });

  it("branch variables: outer ones are readable, inner assignments do not leak out", async () => {
    const r = await execute(
      {
        QueryLanguage: "JSONata",
        StartAt: "A",
        States: {
          A: { Type: "Pass", Assign: { fora: "externo", x: 1 }, Next: "P" },
          P: {
            Type: "Parallel",
            Branches: [
              {
                StartAt: "B1",
                States: {
                  B1: { Type: "Pass", Assign: { x: 99 }, Next: "B2" },
                  B2: { Type: "Pass", Output: "{% $fora & '-' & $string($x) %}", End: true },
                },
              },
            ],
            Next: "D",
          },
          D: { Type: "Pass", Output: "{% [$states.input[0], $x] %}", End: true },
        },
      },
      {},
    );
    expect(r.output).toEqual(["externo-99", 1]);
  });

  it("a retried Parallel starts again from the failing branch's last event", async () => {
    let n = 0;
    const FNX = "arn:aws:states:::lambda:invoke";
    const runner = functionsRunner({
      [FNX]: () => {
        if (n++ === 0) throw Object.assign(new Error("x"), { error: "Instavel", cause: "uma vez" });
        return "ok";
      },
    });
    const r = await execute(
      {
        StartAt: "P",
        States: {
          P: {
            Type: "Parallel",
            Branches: [{ StartAt: "T", States: { T: { Type: "Task", Resource: FNX, End: true } } }],
            Retry: [{ ErrorEquals: ["Instavel"] }],
            End: true,
          },
        },
      },
      {},
      runner,
    );
    expect(r.output).toEqual(["ok"]);
    const failed = r.events.find((e) => e.type === "TaskFailed")!;
    const starts = r.events.filter((e) => e.type === "ParallelStateStarted");
    expect(starts).toHaveLength(2);
    expect(starts[1].previousEventId).toBe(failed.id);
    expect(r.types).not.toContain("ParallelStateFailed");
  });

  it("Choice rules with Assign (JSONPath)", async () => {
    const r = await execute(
      {
        StartAt: "C",
        States: {
          C: {
            Type: "Choice",
            Choices: [
              { Variable: "$.n", NumericGreaterThan: 1, Assign: { "grande.$": "$.n" }, Next: "F" },
            ],
            Default: "F",
          },
          F: { Type: "Pass", Parameters: { "g.$": "$grande" }, End: true },
        },
      },
      { n: 7 },
    );
    expect(r.output).toEqual({ g: 7 });
  });
});
