import { describe, expect, it } from "vitest";
import { StatesError } from "../../../src/asl/errors.js";
import {
  evaluateIntrinsic,
  isIntrinsic,
  validateIntrinsic,
} from "../../../src/asl/intrinsics/index.js";
import { applyPayloadTemplate } from "../../../src/asl/jsonpath/index.js";

const ctx = { context: { Execution: { Id: "exec-1" }, State: { Name: "Pick" } } };
const run = (expr: string, input: unknown = {}) => evaluateIntrinsic(expr, input, ctx);

function failure(fn: () => unknown): StatesError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error("expected a StatesError");
}

const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];

describe("Developer Guide examples", () => {
  it("States.Format", () => {
    const input = { name: "Arnav", template: "Hello, my name is {}." };
    expect(run("States.Format('Hello, my name is {}.', $.name)", input)).toBe(
      "Hello, my name is Arnav.",
    );
    expect(run("States.Format($.template, $.name)", input)).toBe("Hello, my name is Arnav.");
    // In the definition JSON this is written 'Welcome to {} {}\\'s playlist.'
    expect(
      run("States.Format('Welcome to {} {}\\'s playlist.', $.firstName, $.lastName)", {
        firstName: "John",
        lastName: "Doe",
      }),
    ).toBe("Welcome to John Doe's playlist.");
  });

  it("ASL spec (Appendix B) payload template examples", () => {
    const input = { name: "Foo", zebra: "stripe" };
    expect(
      applyPayloadTemplate(
        { "foo.$": "States.Format('Your name is {}, we are in the year {}', $.name, 2020)" },
        input,
        ctx,
      ),
    ).toEqual({ foo: "Your name is Foo, we are in the year 2020" });
    expect(
      applyPayloadTemplate(
        { "foo.$": "States.StringToJson($.someString)" },
        { someString: '{"number": 20}', zebra: "stripe" },
        ctx,
      ),
    ).toEqual({ foo: { number: 20 } });
    expect(
      applyPayloadTemplate(
        { "foo.$": "States.JsonToString($.someJson)" },
        { someJson: { name: "Foo", year: 2020 }, zebra: "stripe" },
        ctx,
      ),
    ).toEqual({ foo: '{"name":"Foo","year":2020}' });
    expect(
      applyPayloadTemplate(
        { "foo.$": "States.Array('Foo', 2020, $.someJson, null)" },
        { someJson: { random: "abcdefg" }, zebra: "stripe" },
        ctx,
      ),
    ).toEqual({ foo: ["Foo", 2020, { random: "abcdefg" }, null] });
  });

  it("States.StringToJson and States.JsonToString", () => {
    expect(
      run("States.StringToJson($.escapedJsonString)", { escapedJsonString: '{"foo": "bar"}' }),
    ).toEqual({ foo: "bar" });
    expect(run("States.JsonToString($.unescapedJson)", { unescapedJson: { foo: "bar" } })).toBe(
      '{"foo":"bar"}',
    );
  });

  it("States.Array", () => {
    expect(
      applyPayloadTemplate({ "BuildId.$": "States.Array($.Id)" }, { Id: 123456 }, ctx),
    ).toEqual({ BuildId: [123456] });
    expect(run("States.Array('Foo', 2020, $.x, null, true)", { x: { a: 1 } })).toEqual([
      "Foo",
      2020,
      { a: 1 },
      null,
      true,
    ]);
    expect(run("States.Array()")).toEqual([]);
  });

  it("array intrinsics", () => {
    expect(run("States.ArrayPartition($.inputArray,4)", { inputArray: nine })).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9],
    ]);
    expect(
      run("States.ArrayContains($.inputArray, $.lookingFor)", { inputArray: nine, lookingFor: 5 }),
    ).toBe(true);
    expect(run("States.ArrayContains($.a, $.b)", { a: [{ x: [1] }], b: { x: [1] } })).toBe(true);
    expect(run("States.ArrayRange(1, 9, 2)")).toEqual([1, 3, 5, 7, 9]);
    expect(run("States.ArrayRange(10, 0, -5)")).toEqual([10, 5, 0]);
    expect(run("States.ArrayGetItem($.inputArray, $.index)", { inputArray: nine, index: 5 })).toBe(
      6,
    );
    expect(run("States.ArrayLength($.inputArray)", { inputArray: nine })).toBe(9);
    expect(
      run("States.ArrayUnique($.inputArray)", { inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] }),
    ).toEqual([1, 2, 3, 4]);
    expect(
      run("States.ArrayUnique($.a)", { a: [{ a: 1, b: 2 }, { b: 2, a: 1 }, [null], [null]] }),
    ).toEqual([{ a: 1, b: 2 }, [null]]);
  });

  it("encoding, hashing and JSON merge", () => {
    expect(run("States.Base64Decode($.b)", { b: "RGF0YSB0\r\nbyBlbmNvZGU" })).toBe(
      "Data to encode",
    );
    expect(run("States.Base64Encode($.input)", { input: "Data to encode" })).toBe(
      "RGF0YSB0byBlbmNvZGU=",
    );
    expect(run("States.Base64Decode($.base64)", { base64: "RGF0YSB0byBlbmNvZGU=" })).toBe(
      "Data to encode",
    );
    expect(
      run("States.Hash($.Data, $.Algorithm)", { Data: "input data", Algorithm: "SHA-1" }),
    ).toBe("aaff4a450a104cd177d28d18d74485e8cae074b7");
    expect(run("States.Hash('input', 'SHA-1')")).toBe("140f86aae51ab9e1cda9b4254fe98a74eb54c1a1");
    expect(run("States.Hash('input data', 'MD5')")).toBe("812f45842bc6d66ee14572ce20db8e86");
    expect(
      run("States.JsonMerge($.json1, $.json2, false)", {
        json1: { a: { a1: 1, a2: 2 }, b: 2 },
        json2: { a: { a3: 1, a4: 2 }, c: 3 },
      }),
    ).toEqual({ a: { a3: 1, a4: 2 }, b: 2, c: 3 });
  });

  it("math, string and UUID", () => {
    expect(run("States.MathAdd($.value1, $.step)", { value1: 111, step: -1 })).toBe(110);
    const random = run("States.MathRandom($.start, $.end)", { start: 1, end: 999 }) as number;
    expect(Number.isInteger(random) && random >= 1 && random < 999).toBe(true);
    expect(
      run("States.StringSplit($.inputString, $.splitter)", {
        inputString: "1,2,3,4,5",
        splitter: ",",
      }),
    ).toEqual(["1", "2", "3", "4", "5"]);
    expect(run("States.StringSplit('This.is+a,test=string', '.+,=')")).toEqual([
      "This",
      "is",
      "a",
      "test",
      "string",
    ]);
    expect(run("States.UUID()")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("nine nested intrinsics in one field", () => {
    const part = (i: number) =>
      `States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), ${i})`;
    const expr = `States.Format('{}.{}.{}', ${part(0)}, ${part(1)}, ${part(2)})`;
    const input = {
      ImageRecipe: {
        Arn: "arn:aws:imagebuilder:us-east-1:111122223333:image-recipe/myrecipe/1.0.0",
      },
    };
    expect(run(expr, input)).toBe("1.0.0");
  });
});

describe("arguments and literals", () => {
  it("unescapes literals and keeps escaped braces out of Format placeholders", () => {
    expect(run("States.Format('\\{}{}\\\\', 'x')")).toBe("{}x\\");
    expect(run("States.Array('a\\'b', -1.5, 2e3)")).toEqual(["a'b", -1.5, 2000]);
  });

  it("formats values the way the JVM writes them", () => {
    const input = { n: 1.5, b: false, z: null, arr: [1, "a", [2]], obj: { k: 1, s: "v" } };
    expect(run("States.Format('{} {} {} {} {}', $.n, $.b, $.z, $.arr, $.obj)", input)).toBe(
      "1.5 false null [1, a, [2]] {k=1, s=v}",
    );
  });

  it("reads $$ and variables", () => {
    const vars = { ...ctx, variables: { nome: "Ana" } };
    expect(evaluateIntrinsic("States.Format('{}:{}', $$.State.Name, $nome)", {}, vars)).toBe(
      "Pick:Ana",
    );
  });

  it("rounds non-integers like Java's Math.round", () => {
    const add = (a: number, b: number) => run("States.MathAdd($.a, $.b)", { a, b });
    expect(add(1.49, 1.5)).toBe(3);
    expect(add(0.5, 0)).toBe(1);
    expect(add(2.5, 0)).toBe(3);
    expect(add(-1.5, 0)).toBe(-1);
    expect(add(-2.5, 0)).toBe(-2);
    expect(Object.is(add(-0.5, 0), 0)).toBe(true);
    expect(run("States.ArrayPartition($.a, 1.6)", { a: [1, 2, 3] })).toEqual([[1, 2], [3]]);
  });

  it("reproduces MathRandom with a seed", () => {
    const a = run("States.MathRandom(0, 1000, 42)");
    expect(run("States.MathRandom(0, 1000, 42)")).toBe(a);
    expect(run("States.MathRandom(0, 1000, 42.2)")).toBe(a);
  });

  it("treats a wildcard that matches nothing as an empty array", () => {
    expect(run("States.ArrayLength($.items[*].nope)", { items: [1, 2] })).toBe(0);
  });
});

describe("errors", () => {
  it("a path argument that matches nothing is States.Runtime with AWS's cause", () => {
    const input = { other: 1 };
    const error = failure(() => run("States.Format('{}', $.nope)", input));
    expect(error.error).toBe("States.Runtime");
    expect(error.causeText).toBe(
      "The function 'States.Format('{}', $.nope)' had the following error: The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'",
    );
    expect(
      failure(() => run("States.Format('{}', States.Format('{}', $.nope))", input)).causeText,
    ).toContain("The function 'States.Format('{}', States.Format('{}', $.nope))' had");
    expect(failure(() => run("States.Format('{}', $$.Nope.Deep)", input)).causeText).toBe(
      "The function 'States.Format('{}', $$.Nope.Deep)' had the following error: The JsonPath argument for the field '$.Nope.Deep' could not be found in the input '{\"other\":1}'",
    );
    expect(failure(() => run("States.Format('{}', $.items[5])", { items: [1, 2] })).error).toBe(
      "States.Runtime",
    );
    expect(failure(() => run("States.Format('{}', $.other[0])", input)).error).toBe(
      "States.Runtime",
    );
  });

  it("null is a value, not a miss", () => {
    expect(run("States.Format('{}', $.nul)", { nul: null })).toBe("null");
  });

  it("wrong arguments are States.IntrinsicFailure", () => {
    const cases: Array<[string, unknown]> = [
      ["States.ArrayLength($.a)", { a: 5 }],
      ["States.ArrayPartition($.a, 0)", { a: [1] }],
      ["States.ArrayPartition($.a, -1)", { a: [1] }],
      ["States.ArrayRange(1, 2, 0)", {}],
      ["States.ArrayRange(0, 1000, 1)", {}],
      ["States.ArrayGetItem($.a, 3)", { a: [1, 2, 3] }],
      ["States.ArrayGetItem($.a, 'x')", { a: [1] }],
      ["States.StringToJson($.s)", { s: "{nope" }],
      ["States.StringToJson($.s)", { s: 1 }],
      ["States.Base64Encode($.s)", { s: "x".repeat(10_001) }],
      ["States.Base64Decode($.s)", { s: "not base64!" }],
      ["States.Base64Decode($.s)", { s: "A".repeat(10_004) }],
      ["States.Hash($.s, 'SHA-2')", { s: "x" }],
      ["States.Hash($.s, 'sha-1')", { s: "x" }],
      ["States.Hash($.s, 'MD5')", { s: "x".repeat(10_001) }],
      ["States.JsonMerge($.a, $.b, true)", { a: {}, b: {} }],
      ["States.JsonMerge($.a, $.b, false)", { a: [], b: {} }],
      ["States.MathAdd($.a, 1)", { a: "1" }],
      ["States.MathAdd($.a, 1)", { a: 2147483648 }],
      ["States.MathRandom(5, 5)", {}],
      ["States.StringSplit($.a, ',')", { a: 1 }],
      ["States.Format('{} {}', 1)", {}],
      ["States.Format('{}', 1, 2)", {}],
      ["States.Format($.t, 1)", { t: 5 }],
    ];
    for (const [expr, input] of cases) {
      const error = failure(() => run(expr, input));
      expect(error.error, expr).toBe("States.IntrinsicFailure");
      expect(error.causeText, expr).toMatch(/^The function '.*' had the following error: .+/);
    }
    expect(failure(() => run("States.ArrayRange(0, 1000, 1)")).causeText).toContain("1000");
  });

  it("ArrayRange may build exactly 1000 items", () => {
    expect(run("States.ArrayRange(1, 1000, 1)")).toHaveLength(1000);
  });

  it("malformed calls are refused by validateIntrinsic and fail at run time", () => {
    const bad = [
      "States.Nope(1)",
      "States.ArrayLength()",
      "States.UUID(1)",
      "States.Format('{}', 'a\\nb')",
      "States.Format('unterminated)",
      "States.Array(1 2)",
      "States.MathRandom(1)",
      `${"States.Array(".repeat(11)}${")".repeat(11)}`,
    ];
    for (const expr of bad) {
      expect(validateIntrinsic(expr), expr).not.toBeNull();
      expect(failure(() => run(expr)).error, expr).toBe("States.IntrinsicFailure");
    }
    expect(validateIntrinsic(`${"States.Array(".repeat(10)}${")".repeat(10)}`)).toBeNull();
  });

  it("isIntrinsic tells calls from paths", () => {
    expect(isIntrinsic("States.Format('x')")).toBe(true);
    expect(isIntrinsic(" States.UUID() ")).toBe(true);
    expect(isIntrinsic("$.States")).toBe(false);
    expect(isIntrinsic("States.Format")).toBe(false);
  });
});
