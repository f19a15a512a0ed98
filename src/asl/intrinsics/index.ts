import { StatesError, StatesErrors } from "../errors.js";
import { jsonText, queryCompiled } from "../jsonpath/evaluate.js";
import type { PathContext } from "../jsonpath/types.js";
import { IntrinsicError } from "./checks.js";
import { intrinsicFunctions } from "./functions.js";
import { type IntrinsicArg, IntrinsicSyntaxError, parseIntrinsic } from "./parse.js";

export { JavaRandom } from "./java-random.js";
export { IntrinsicSyntaxError, MAX_NESTING } from "./parse.js";

const INTRINSIC = /^\s*States\.[A-Za-z0-9]+\s*\(/;

/** Whether a ".$" value is an intrinsic call (`States.Name(…)`) rather than a path. */
export function isIntrinsic(expr: string): boolean {
  return typeof expr === "string" && INTRINSIC.test(expr) && expr.trimEnd().endsWith(")");
}

/**
 * Checks an intrinsic call at definition time (syntax, known function, argument count, nesting);
 * returns the problem, or null when the call is well formed.
 */
export function validateIntrinsic(expr: string): string | null {
  try {
    parseIntrinsic(expr);
    return null;
  } catch (error) {
    if (error instanceof IntrinsicSyntaxError) return error.message;
    throw error;
  }
}

/**
 * Evaluates an intrinsic call (parsed once, cached). Failures name the whole expression as AWS
 * does: `The function 'States.Format('{}', $.nope)' had the following error: …`.
 * - a path argument that matches nothing → `States.Runtime`, "The JsonPath argument for the
 *   field '$.nope' could not be found in the input '{…}'" (AWS, observed);
 * - a wrong argument (type, range, limits) or a malformed call → `States.IntrinsicFailure`.
 */
export function evaluateIntrinsic(expr: string, input: unknown, ctx: PathContext): unknown {
  try {
    return evaluateCall(parseIntrinsic(expr), input, ctx);
  } catch (error) {
    if (error instanceof MissingArgument) {
      throw new StatesError(
        StatesErrors.Runtime,
        `The function '${expr}' had the following error: The JsonPath argument for the field '${error.path}' could not be found in the input '${jsonText(input)}'`,
      );
    }
    if (error instanceof IntrinsicError) {
      throw new StatesError(
        StatesErrors.IntrinsicFailure,
        `The function '${expr}' had the following error: ${error.message}`,
      );
    }
    if (error instanceof IntrinsicSyntaxError) {
      throw new StatesError(StatesErrors.IntrinsicFailure, error.message);
    }
    throw error;
  }
}

class MissingArgument extends Error {
  constructor(readonly path: string) {
    super(path);
  }
}

function evaluateCall(
  call: { name: string; args: IntrinsicArg[] },
  input: unknown,
  ctx: PathContext,
): unknown {
  const values = call.args.map((arg) => evaluateArg(arg, input, ctx));
  return intrinsicFunctions[call.name](values, call.name, call.args);
}

function evaluateArg(arg: IntrinsicArg, input: unknown, ctx: PathContext): unknown {
  if (arg.kind === "literal") return arg.value;
  if (arg.kind === "call") return evaluateCall(arg, input, ctx);
  const result = queryCompiled(arg.compiled, input, ctx, true);
  if (result.found) return result.value;
  // A `$$.` argument is reported rewritten against the context object ('$$.a' → '$.a').
  throw new MissingArgument(arg.compiled.root === "context" ? arg.source.slice(1) : arg.source);
}
