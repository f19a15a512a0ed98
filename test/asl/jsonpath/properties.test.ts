import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyPayloadTemplate,
  applyResultPath,
  evaluatePath,
} from "../../../src/asl/jsonpath/index.js";

const ctx = { context: {} };
const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const object = fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 6 });
const quote = (key: string) => `$['${key.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}']`;

describe("JSONPath processing laws", () => {
  it("ResultPath $ returns the result, null the input", () => {
    fc.assert(
      fc.property(json, json, (input, result) => {
        expect(applyResultPath("$", input, result)).toBe(result);
        expect(applyResultPath(null, input, result)).toBe(input);
      }),
    );
  });

  it("ResultPath $.k then reading $.k gives the result back and keeps every other key", () => {
    fc.assert(
      fc.property(object, fc.string({ minLength: 1, maxLength: 8 }), json, (input, key, result) => {
        const before = JSON.stringify(input);
        const out = applyResultPath(quote(key), input, result) as Record<string, unknown>;
        expect(evaluatePath(quote(key), out, ctx)).toEqual(result);
        for (const k of Object.keys(input)) if (k !== key) expect(out[k]).toEqual(input[k]);
        expect(JSON.stringify(input)).toBe(before);
      }),
    );
  });

  it("a bracketed name reads the property, whatever its characters", () => {
    fc.assert(
      fc.property(object, (input) => {
        for (const key of Object.keys(input)) {
          expect(evaluatePath(quote(key), input, ctx)).toEqual(input[key]);
        }
      }),
    );
  });

  it("a template of paths copies what the paths select", () => {
    fc.assert(
      fc.property(object, (input) => {
        const template: Record<string, string> = {};
        Object.keys(input).forEach((key, i) => {
          template[`f${i}.$`] = quote(key);
        });
        const out = applyPayloadTemplate(template, input, ctx) as Record<string, unknown>;
        Object.keys(input).forEach((key, i) => {
          expect(out[`f${i}`]).toEqual(input[key]);
        });
      }),
    );
  });
});
