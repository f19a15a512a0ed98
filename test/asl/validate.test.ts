import { describe, expect, it } from "vitest";
import { DefinitionError, StateMachine, validateDefinition } from "../../src/asl/index.js";

const codes = (d: unknown) => validateDefinition(d as object).map((x) => x.code);

describe("validateDefinition (ValidateStateMachineDefinition diagnostics)", () => {
  it("a valid definition has no diagnostics", () => {
    expect(
      validateDefinition({
        StartAt: "A",
        States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Succeed" } },
      }),
    ).toEqual([]);
  });

  it("any JSON value is a valid JSONata Output, as on AWS", () => {
    for (const Output of [true, "string literal", [], [null, 0, "x", { k: true }], 1.5, null]) {
      expect(
        validateDefinition({
          QueryLanguage: "JSONata",
          StartAt: "A",
          States: { A: { Type: "Pass", Output, End: true } },
        }),
      ).toEqual([]);
    }
  });

  it("invalid JSON and empty input", () => {
    expect(codes("{nope")).toEqual(["INVALID_JSON_DESCRIPTION"]);
    expect(codes("  ")).toEqual(["MISSING_DESCRIPTION"]);
  });

  it("a Next to an unknown state is MISSING_TRANSITION_TARGET with its location", () => {
    const d = validateDefinition({
      StartAt: "A",
      States: { A: { Type: "Pass", Next: "X" }, B: { Type: "Succeed" } },
    });
    expect(d).toContainEqual({
      severity: "ERROR",
      code: "MISSING_TRANSITION_TARGET",
      message: "Missing 'Next' target: X",
      location: "/States/A/Next",
    });
  });

  it("unreachable states and a missing terminal state", () => {
    const d = validateDefinition({
      StartAt: "A",
      States: { A: { Type: "Pass", End: true }, Solta: { Type: "Pass", End: true } },
    });
    expect(d.map((x) => [x.code, x.location])).toContainEqual([
      "SCHEMA_VALIDATION_FAILED",
      "/States/Solta",
    ]);
    expect(codes({ StartAt: "A", States: { A: { Type: "Pass", Next: "A" } } })).toContain(
      "MISSING_END_STATE",
    );
  });

  it("JSONPath-only fields in a JSONata state and vice versa", () => {
    const d = validateDefinition({
      QueryLanguage: "JSONata",
      StartAt: "A",
      States: { A: { Type: "Pass", InputPath: "$.x", End: true } },
    });
    expect(
      d.some((x) => x.code === "SCHEMA_VALIDATION_FAILED" && x.location === "/States/A/InputPath"),
    ).toBe(true);
    const e = validateDefinition({
      StartAt: "A",
      States: { A: { Type: "Pass", Output: "{% 1 %}", End: true } },
    });
    expect(e.some((x) => x.location === "/States/A/Output")).toBe(true);
  });

  it("States.ALL must be alone and last in Retry and Catch", () => {
    const task = (extra: object) => ({
      StartAt: "A",
      States: {
        A: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true, ...extra },
      },
    });
    const d = validateDefinition(
      task({ Retry: [{ ErrorEquals: ["States.ALL"] }, { ErrorEquals: ["X"] }] }),
    );
    expect(d.map((x) => x.location)).toContain("/States/A/Retry[0]/ErrorEquals");
    expect(
      validateDefinition(
        task({ Retry: [{ ErrorEquals: ["X"] }, { ErrorEquals: ["States.ALL"] }] }),
      ),
    ).toEqual([]);
  });

  it("HeartbeatSeconds must be smaller than TimeoutSeconds", () => {
    const d = validateDefinition({
      StartAt: "A",
      States: {
        A: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          TimeoutSeconds: 5,
          HeartbeatSeconds: 5,
          End: true,
        },
      },
    });
    expect(d.map((x) => x.location)).toContain("/States/A/HeartbeatSeconds");
  });

  it("schema errors carry the location of the offending field", () => {
    const d = validateDefinition({
      QueryLanguage: "JSONata",
      StartAt: "A",
      States: {
        A: { Type: "Choice", Choices: [{ Variable: "$.x", StringEquals: "a", Next: "B" }] },
        B: { Type: "Succeed" },
      },
    });
    expect(d.some((x) => x.location?.startsWith("/States/A/Choices/0"))).toBe(true);
  });

  it("an invalid JSONata expression is reported", () => {
    const d = validateDefinition({
      QueryLanguage: "JSONata",
      StartAt: "A",
      States: { A: { Type: "Pass", Output: "{% $states.input.( %}", End: true } },
    });
    expect(d.length).toBeGreaterThan(0);
    expect(d.every((x) => x.severity === "ERROR")).toBe(true);
  });

  it("does not modify the definition it checks", () => {
    const def = { StartAt: "A", States: { A: { Type: "Pass", End: true } } };
    const copy = structuredClone(def);
    validateDefinition(def);
    expect(def).toEqual(copy);
  });

  it("StateMachine.compile throws a DefinitionError with the diagnostics", () => {
    try {
      StateMachine.compile({ StartAt: "A", States: { A: { Type: "Pass", Next: "X" } } });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DefinitionError);
      expect((err as DefinitionError).diagnostics.map((d) => d.code)).toContain(
        "MISSING_TRANSITION_TARGET",
      );
    }
  });
});
