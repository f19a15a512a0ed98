import { describe, expect, it } from "vitest";
import { StatesError } from "../../../src/asl/errors.js";
import {
  applyInputPath,
  applyOutputPath,
  applyPayloadTemplate,
  applyResultPath,
} from "../../../src/asl/jsonpath/index.js";

const ctx = {
  context: {
    Execution: { Id: "arn:aws:states:us-east-1:123456789012:execution:demo:exec-1", Input: {} },
    State: { Name: "Pick", EnteredTime: "2026-11-24T09:00:00.000Z", RetryCount: 0 },
  },
};

function failure(fn: () => unknown): StatesError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error("expected a StatesError");
}

describe("InputPath (Developer Guide, Processing input and output)", () => {
  const input = {
    comment: "Example for InputPath.",
    dataset1: { val1: 1, val2: 2, val3: 3 },
    dataset2: { val1: "a", val2: "b", val3: "c" },
  };

  it("selects a portion of the input", () => {
    expect(applyInputPath("$.dataset2", input, ctx)).toEqual({ val1: "a", val2: "b", val3: "c" });
  });

  it("defaults to $ and turns null into {}", () => {
    expect(applyInputPath(undefined, input, ctx)).toBe(input);
    expect(applyInputPath("$", input, ctx)).toBe(input);
    expect(applyInputPath(null, input, ctx)).toEqual({});
  });

  it("fails with States.Runtime when nothing matches", () => {
    const error = failure(() => applyInputPath("$.dataset3", input, ctx));
    expect(error.error).toBe("States.Runtime");
    expect(error.causeText).toBe("Invalid path '$.dataset3' : No results for path: $['dataset3']");
  });
});

describe("Parameters (Developer Guide examples)", () => {
  const input = {
    comment: "Example for Parameters.",
    product: {
      details: { color: "blue", size: "small", material: "cotton" },
      availability: "in stock",
      sku: "2317",
      cost: "$23",
    },
  };

  it("selects what the state cares about, keeping static values", () => {
    const parameters = {
      comment: "Selecting what I care about.",
      MyDetails: {
        "size.$": "$.product.details.size",
        "exists.$": "$.product.availability",
        StaticValue: "foo",
      },
    };
    expect(applyPayloadTemplate(parameters, input, ctx)).toEqual({
      comment: "Selecting what I care about.",
      MyDetails: { size: "small", exists: "in stock", StaticValue: "foo" },
    });
  });

  it("reads the context object, variables and intrinsic functions", () => {
    const template = {
      "execId.$": "$$.Execution.Id",
      "state.$": "$$.State.Name",
      "banco.$": "$banco",
      "msg.$": "States.Format('Produto {} custa {}', $.product.sku, $.product.cost)",
      list: [{ "c.$": "$.product.details.color" }, "static"],
    };
    const vars = { ...ctx, variables: { banco: "341" } };
    expect(applyPayloadTemplate(template, input, vars)).toEqual({
      execId: ctx.context.Execution.Id,
      state: "Pick",
      banco: "341",
      msg: "Produto 2317 custa $23",
      list: [{ c: "blue" }, "static"],
    });
  });

  it("ASL spec: Parameters with an index and a slice", () => {
    const template = { flagged: true, parts: { "first.$": "$.vals[0]", "last3.$": "$.vals[3:]" } };
    const raw = { flagged: 7, vals: [0, 10, 20, 30, 40, 50] };
    expect(applyPayloadTemplate(template, raw, ctx)).toEqual({
      flagged: true,
      parts: { first: 0, last3: [30, 40, 50] },
    });
  });

  it("resolves an index past the end to null, as AWS does", () => {
    expect(applyPayloadTemplate({ "v.$": "$.items[5]" }, { items: [1, 2] }, ctx)).toEqual({
      v: null,
    });
  });

  it("fails with AWS's cause when a path matches nothing", () => {
    const error = failure(() => applyPayloadTemplate({ "JobName.$": "$.JobName" }, {}, ctx));
    expect(error.error).toBe("States.Runtime");
    expect(error.causeText).toBe(
      "The JSONPath '$.JobName' specified for the field 'JobName.$' could not be found in the input '{}'",
    );
    const custom = failure(() =>
      applyPayloadTemplate({ a: { "y.$": "$.x" } }, { z: 1 }, ctx, "States.ParameterPathFailure"),
    );
    expect(custom.error).toBe("States.ParameterPathFailure");
    expect(custom.causeText).toBe(
      `The JSONPath '$.x' specified for the field 'y.$' could not be found in the input '{"z":1}'`,
    );
  });

  it("leaves a template without paths untouched and does not mutate the input", () => {
    const template = { a: 1, b: { c: [1, 2] } };
    expect(applyPayloadTemplate(template, {}, ctx)).toEqual(template);
    const frozen = Object.freeze({ a: Object.freeze({ b: 1 }) });
    expect(applyPayloadTemplate({ "x.$": "$.a" }, frozen, ctx)).toEqual({ x: { b: 1 } });
  });
});

describe("ResultSelector (Developer Guide example)", () => {
  it("builds the effective result from the task result", () => {
    const result = {
      resourceType: "elasticmapreduce",
      resource: "createCluster.sync",
      output: {
        SdkHttpMetadata: { HttpHeaders: { "Content-Length": "1112" }, HttpStatusCode: 200 },
        SdkResponseMetadata: { RequestId: "1234-5678-9012" },
        ClusterId: "AKIAIOSFODNN7EXAMPLE",
      },
    };
    const selector = { "ClusterId.$": "$.output.ClusterId", "ResourceType.$": "$.resourceType" };
    expect(applyPayloadTemplate(selector, result, ctx)).toEqual({
      ClusterId: "AKIAIOSFODNN7EXAMPLE",
      ResourceType: "elasticmapreduce",
    });
  });
});

describe("ResultPath (Developer Guide examples)", () => {
  const input = {
    comment: "This is a test of the input and output of a Task state.",
    details: "Default example",
    who: "AWS Step Functions",
  };
  const result = "Hello, AWS Step Functions!";

  it("$ replaces the input with the result", () => {
    expect(applyResultPath("$", input, result)).toBe(result);
    expect(applyResultPath(undefined, input, result)).toBe(result);
  });

  it("null discards the result", () => {
    expect(applyResultPath(null, input, result)).toBe(input);
  });

  it("$.taskresult adds the result to the input", () => {
    expect(applyResultPath("$.taskresult", input, result)).toEqual({
      ...input,
      taskresult: result,
    });
    expect(input).not.toHaveProperty("taskresult");
  });

  it("writes into a nested object and creates missing ones (ASL spec)", () => {
    const raw = { master: { detail: [1, 2, 3] } };
    expect(applyResultPath("$.master.detail", raw, 6)).toEqual({ master: { detail: 6 } });
    expect(applyResultPath("$.master.result.sum", raw, 6)).toEqual({
      master: { detail: [1, 2, 3], result: { sum: 6 } },
    });
    expect(raw).toEqual({ master: { detail: [1, 2, 3] } });
  });

  it("fails with States.ResultPathMatchFailure when the input is not an object", () => {
    const text = '{"min_size":10000}';
    const error = failure(() => applyResultPath("$.partitioned", text, { x: 1 }));
    expect(error.error).toBe("States.ResultPathMatchFailure");
    expect(error.causeText).toBe(
      'Unable to apply ReferencePath $.partitioned to input "{\\"min_size\\":10000}"',
    );
    expect(failure(() => applyResultPath("$.a.b", { a: 1 }, 2)).error).toBe(
      "States.ResultPathMatchFailure",
    );
  });
});

describe("OutputPath (Developer Guide example)", () => {
  it("InputPath, ResultPath and OutputPath together", () => {
    const input = {
      comment: "An input comment.",
      data: { val1: 23, val2: 17 },
      extra: "foo",
      lambda: { who: "AWS Step Functions" },
    };
    const effective = applyInputPath("$.lambda", input, ctx);
    expect(effective).toEqual({ who: "AWS Step Functions" });
    const result = `Hello, ${(effective as { who: string }).who}!`;
    const withResult = applyResultPath("$.data.lambdaresult", input, result);
    expect(applyOutputPath("$.data", withResult, ctx)).toEqual({
      val1: 23,
      val2: 17,
      lambdaresult: "Hello, AWS Step Functions!",
    });
  });

  it("defaults to $, null gives {}, a miss fails", () => {
    expect(applyOutputPath(undefined, { a: 1 }, ctx)).toEqual({ a: 1 });
    expect(applyOutputPath(null, { a: 1 }, ctx)).toEqual({});
    expect(failure(() => applyOutputPath("$.b", { a: 1 }, ctx)).causeText).toBe(
      "Invalid path '$.b' : No results for path: $['b']",
    );
  });
});

describe("context object and variables (Developer Guide examples)", () => {
  it("ItemSelector reads $$.Map.Item.Index and $$.Map.Item.Value", () => {
    const selector = {
      "ContextIndex.$": "$$.Map.Item.Index",
      "ContextValue.$": "$$.Map.Item.Value",
    };
    const item = { who: "bob" };
    const mapCtx = { context: { ...ctx.context, Map: { Item: { Index: 2, Value: item } } } };
    expect(applyPayloadTemplate(selector, {}, mapCtx)).toEqual({
      ContextIndex: 2,
      ContextValue: item,
    });
    const error = failure(() => applyPayloadTemplate({ "v.$": "$$.Map.Item.Value" }, {}, ctx));
    expect(error.causeText).toBe(
      `The JSONPath '$$.Map.Item.Value' specified for the field 'v.$' could not be found in the input '${JSON.stringify(ctx.context)}'`,
    );
  });

  it("Assign in a JSONPath state, then a later state reads $variable", () => {
    const assigned = applyPayloadTemplate(
      { "productName.$": "$.product.name", count: 1 },
      { product: { name: "Conta Corrente" } },
      ctx,
    ) as Record<string, unknown>;
    expect(assigned).toEqual({ productName: "Conta Corrente", count: 1 });
    const later = { ...ctx, variables: assigned };
    expect(applyPayloadTemplate({ "name.$": "$productName" }, {}, later)).toEqual({
      name: "Conta Corrente",
    });
    expect(failure(() => applyPayloadTemplate({ "x.$": "$missing" }, {}, later)).error).toBe(
      "States.Runtime",
    );
  });
});
