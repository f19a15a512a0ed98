import { StatesError, StatesErrors } from "../errors.js";
import { evaluateIntrinsic, isIntrinsic } from "../intrinsics/index.js";
import { jsonText, queryCompiled } from "./evaluate.js";
import { compilePath, PathSyntaxError } from "./parse.js";
import type { CompiledPath, PathContext } from "./types.js";

/** A compiled payload template: builds the payload for one input. */
type Builder = (input: unknown, ctx: PathContext, errorName: string) => unknown;

const compiledTemplates = new WeakMap<object, Builder>();

/**
 * Payload templates (Parameters, ResultSelector, ItemSelector, …): a key ending in ".$" takes a
 * path (`$.x`), a context path (`$$.x`), a variable (`$x`) or an intrinsic function call, and
 * loses its ".$"; other values are copied, nested objects and arrays are processed recursively.
 * A path that matches nothing fails with `errorName` (default `States.Runtime`) and AWS's cause:
 * `The JSONPath '$.x' specified for the field 'y.$' could not be found in the input '{…}'`.
 * The template is compiled once (cached by object identity) so repeated calls only evaluate.
 */
export function applyPayloadTemplate(
  template: unknown,
  input: unknown,
  ctx: PathContext,
  errorName: string = StatesErrors.Runtime,
): unknown {
  if (typeof template !== "object" || template === null) return template;
  let builder = compiledTemplates.get(template);
  if (builder === undefined) {
    builder = compileValue(template);
    compiledTemplates.set(template, builder);
  }
  return builder(input, ctx, errorName);
}

const constants = new WeakSet<Builder>();

function constant(value: unknown): Builder {
  const builder: Builder = () => value;
  constants.add(builder);
  return builder;
}

function compileValue(value: unknown): Builder {
  if (Array.isArray(value)) {
    const items = value.map(compileValue);
    if (items.every((b) => constants.has(b))) return constant(value);
    return (input, ctx, errorName) => items.map((b) => b(input, ctx, errorName));
  }
  if (typeof value === "object" && value !== null) {
    const entries: Array<[string, Builder]> = [];
    let dynamic = false;
    for (const [key, child] of Object.entries(value)) {
      if (key.endsWith(".$") && typeof child === "string") {
        entries.push([key.slice(0, -2), compileExpression(child, key)]);
        dynamic = true;
      } else {
        const builder = compileValue(child);
        if (!constants.has(builder)) dynamic = true;
        entries.push([key, builder]);
      }
    }
    if (!dynamic) return constant(value);
    return (input, ctx, errorName) => {
      const out: Record<string, unknown> = {};
      for (const [key, builder] of entries) out[key] = builder(input, ctx, errorName);
      return out;
    };
  }
  return constant(value);
}

function compileExpression(expression: string, field: string): Builder {
  if (isIntrinsic(expression)) {
    return (input, ctx) => evaluateIntrinsic(expression, input, ctx);
  }
  let compiled: CompiledPath;
  try {
    compiled = compilePath(expression);
  } catch (error) {
    if (!(error instanceof PathSyntaxError)) throw error;
    return (_input, _ctx, errorName) => {
      throw new StatesError(
        errorName,
        `The value for the field '${field}' must be a valid JSONPath or a valid intrinsic function call`,
      );
    };
  }
  if (compiled.root === "input" && compiled.segments.length === 0) return (input) => input;
  return (input, ctx, errorName) => {
    const result = queryCompiled(compiled, input, ctx, false);
    if (result.found) return result.value;
    const searched = compiled.root === "context" ? ctx.context : input;
    throw new StatesError(
      errorName,
      `The JSONPath '${expression}' specified for the field '${field}' could not be found in the input '${jsonText(searched)}'`,
    );
  };
}
