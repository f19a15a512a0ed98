import { StatesError, StatesErrors } from "../errors.js";
import { isPlainObject } from "./equal.js";
import { queryCompiled } from "./evaluate.js";
import { compilePath, PathSyntaxError } from "./parse.js";
import type { CompiledPath, PathContext, PathResult, Segment } from "./types.js";

export { deepEqual } from "./equal.js";
export { applyPayloadTemplate } from "./template.js";
export type { PathContext, PathResult } from "./types.js";

/**
 * Evaluates `path` ("$", "$.a.b[0]", "$$.Execution.Id", "$['a b']", "$.a[*].b", "$..x",
 * "$.a[?(@.x > 1)]", "$var.field") against the input, the context object or a variable.
 * A path that matches nothing throws `States.Runtime` with the cause AWS writes for InputPath
 * and OutputPath: `Invalid path '$.x' : No results for path: $['x']`.
 */
export function evaluatePath(path: string, input: unknown, ctx: PathContext): unknown {
  if (path === "$") return input;
  const result = queryPath(path, input, ctx);
  if (!result.found) {
    throw new StatesError(StatesErrors.Runtime, `Invalid path '${path}' : ${result.message}`);
  }
  return result.value;
}

/**
 * Like `evaluatePath` but reports a miss instead of throwing (for Choice `IsPresent`, ItemsPath,
 * or callers that word their own error). A path that does not parse is a miss too.
 */
export function queryPath(path: string, input: unknown, ctx: PathContext): PathResult {
  let compiled: CompiledPath;
  try {
    compiled = compilePath(path);
  } catch (error) {
    if (error instanceof PathSyntaxError) return { found: false, message: error.message };
    throw error;
  }
  return queryCompiled(compiled, input, ctx, false);
}

/**
 * A reference path identifies a single node: only `.name`, `['name']` and `[index]` steps
 * (ASL spec, "Reference Paths") from `$`, `$$` or a variable.
 */
export function isReferencePath(path: string): boolean {
  if (typeof path !== "string") return false;
  try {
    return compilePath(path).definite;
  } catch {
    return false;
  }
}

/** InputPath: omitted means "$" (the whole input); null means an empty object. */
export function applyInputPath(
  inputPath: string | null | undefined,
  input: unknown,
  ctx: PathContext,
): unknown {
  if (inputPath === undefined || inputPath === "$") return input;
  if (inputPath === null) return {};
  return evaluatePath(inputPath, input, ctx);
}

/** OutputPath: omitted means "$"; null means an empty object. */
export function applyOutputPath(
  outputPath: string | null | undefined,
  data: unknown,
  ctx: PathContext,
): unknown {
  if (outputPath === undefined || outputPath === "$") return data;
  if (outputPath === null) return {};
  return evaluatePath(outputPath, data, ctx);
}

const FAIL = Symbol("fail");

/**
 * ResultPath: omitted or "$" means the result replaces the input; null discards the result and
 * keeps the input; "$.a.b" writes the result there in a copy of the input, creating missing
 * objects on the way. When it cannot (the input or a step on the way is not an object, an index
 * is out of range) AWS fails with `States.ResultPathMatchFailure` and
 * `Unable to apply ReferencePath $.a to input "text"`.
 * The input is never mutated; only the objects on the path are copied.
 */
export function applyResultPath(
  resultPath: string | null | undefined,
  input: unknown,
  result: unknown,
): unknown {
  if (resultPath === undefined || resultPath === "$") return result;
  if (resultPath === null) return input;
  let compiled: CompiledPath | undefined;
  try {
    compiled = compilePath(resultPath);
  } catch {
    compiled = undefined;
  }
  const output =
    compiled !== undefined && compiled.root === "input" && compiled.definite
      ? setIn(input, compiled.segments, 0, result)
      : FAIL;
  if (output === FAIL) {
    throw new StatesError(
      StatesErrors.ResultPathMatchFailure,
      `Unable to apply ReferencePath ${resultPath} to input ${JSON.stringify(input) ?? "null"}`,
    );
  }
  return output;
}

function setIn(node: unknown, segments: readonly Segment[], i: number, value: unknown): unknown {
  if (i === segments.length) return value;
  const seg = segments[i];
  const more = i + 1 < segments.length;
  if (seg.kind === "prop") {
    if (!isPlainObject(node)) return FAIL;
    let child = Object.hasOwn(node, seg.name) ? node[seg.name] : undefined;
    if (child === undefined && more) child = {};
    const updated = setIn(child, segments, i + 1, value);
    if (updated === FAIL) return FAIL;
    return { ...node, [seg.name]: updated };
  }
  if (seg.kind === "index") {
    if (!Array.isArray(node)) return FAIL;
    const idx = seg.index < 0 ? node.length + seg.index : seg.index;
    if (idx < 0 || idx >= node.length) return FAIL;
    const updated = setIn(node[idx], segments, i + 1, value);
    if (updated === FAIL) return FAIL;
    const copy = node.slice();
    copy[idx] = updated;
    return copy;
  }
  return FAIL;
}
