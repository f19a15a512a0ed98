import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateIntrinsic } from "../../../src/asl/intrinsics/index.js";

const ctx = { context: {} };
const run = (expr: string, input: unknown) => evaluateIntrinsic(expr, input, ctx);
/** JSON values as they survive a JSON round trip (no -0). */
const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe("intrinsic function laws", () => {
  it("Base64Decode ∘ Base64Encode is the identity", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (s) => {
        const encoded = run("States.Base64Encode($.s)", { s });
        expect(run("States.Base64Decode($.e)", { e: encoded })).toBe(s);
      }),
    );
  });

  it("StringToJson ∘ JsonToString is the identity", () => {
    fc.assert(
      fc.property(json, (v) => {
        const text = run("States.JsonToString($.v)", { v });
        expect(run("States.StringToJson($.t)", { t: text })).toEqual(v);
      }),
    );
  });

  it("ArrayPartition concatenates back to the array, in chunks of the given size", () => {
    fc.assert(
      fc.property(fc.array(json, { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (a, n) => {
        const chunks = run("States.ArrayPartition($.a, $.n)", { a, n }) as unknown[][];
        expect(chunks.flat()).toEqual(a);
        expect(chunks.every((c, i) => c.length === n || i === chunks.length - 1)).toBe(true);
      }),
    );
  });

  it("ArrayRange steps from start toward end and never passes it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -200, max: 200 }),
        fc.integer({ min: -200, max: 200 }),
        fc.integer({ min: -20, max: 20 }).filter((s) => s !== 0),
        (start, end, step) => {
          const range = run("States.ArrayRange($.a, $.b, $.c)", { a: start, b: end, c: step });
          const items = range as number[];
          items.forEach((x, i) => {
            expect(x).toBe(start + i * step);
            expect(step > 0 ? x <= end : x >= end).toBe(true);
          });
          const next = start + items.length * step;
          expect(step > 0 ? next > end : next < end).toBe(true);
        },
      ),
    );
  });

  it("ArrayUnique is idempotent and keeps every distinct value", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom("a", "b")), {
          maxLength: 30,
        }),
        (a) => {
          const unique = run("States.ArrayUnique($.a)", { a }) as unknown[];
          expect(run("States.ArrayUnique($.u)", { u: unique })).toEqual(unique);
          expect(new Set(unique).size).toBe(unique.length);
          expect(new Set(a)).toEqual(new Set(unique));
        },
      ),
    );
  });

  it("ArrayContains agrees with ArrayGetItem", () => {
    fc.assert(
      fc.property(fc.array(json, { minLength: 1, maxLength: 20 }), fc.nat(), (a, i) => {
        const item = run("States.ArrayGetItem($.a, $.i)", { a, i: i % a.length });
        expect(run("States.ArrayContains($.a, $.x)", { a, x: item })).toBe(true);
      }),
    );
  });

  it("MathAdd adds integers; StringSplit then joining loses only the splitters", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: -1e6, max: 1e6 }),
        (a, b) => {
          expect(run("States.MathAdd($.a, $.b)", { a, b })).toBe(a + b);
        },
      ),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const parts = run("States.StringSplit($.s, ',;')", { s }) as string[];
        expect(parts.join("")).toBe(s.replace(/[,;]/g, ""));
        expect(parts.every((p) => p.length > 0)).toBe(true);
      }),
    );
  });

  it("MathRandom stays in [start, end) and a seed reproduces it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer(),
        (start, width, seed) => {
          const input = { s: start, e: start + width, seed };
          const n = run("States.MathRandom($.s, $.e, $.seed)", input) as number;
          expect(n >= start && n < start + width).toBe(true);
          expect(run("States.MathRandom($.s, $.e, $.seed)", input)).toBe(n);
        },
      ),
    );
  });
});
