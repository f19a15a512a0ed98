/** The JSONPath side of a state (InputPath → Parameters → ResultSelector → ResultPath → OutputPath). */

import type { CompiledState, Raw } from "./definition.js";
import { StatesErrors } from "./errors.js";
import {
  applyInputPath,
  applyOutputPath,
  applyPayloadTemplate,
  applyResultPath,
  evaluatePath,
} from "./jsonpath/index.js";

export interface PathCtx {
  context: unknown;
  variables: Record<string, unknown>;
}

export function inputPath(state: CompiledState, input: unknown, ctx: PathCtx): unknown {
  return applyInputPath(state.raw.InputPath, input, ctx);
}

export function payload(
  template: unknown,
  data: unknown,
  ctx: PathCtx,
  errorName?: string,
): unknown {
  return applyPayloadTemplate(template, data, ctx, errorName);
}

/** ResultSelector → ResultPath → OutputPath for a state that produced `result`. */
export function resultFlow(
  state: CompiledState,
  rawInput: unknown,
  result: unknown,
  ctx: PathCtx,
  selected?: unknown,
): unknown {
  const sel =
    selected !== undefined
      ? selected
      : state.raw.ResultSelector !== undefined
        ? applyPayloadTemplate(state.raw.ResultSelector, result, ctx)
        : result;
  const merged = applyResultPath(state.raw.ResultPath, rawInput, sel);
  return applyOutputPath(state.raw.OutputPath, merged, ctx);
}

export function resultSelector(state: CompiledState, result: unknown, ctx: PathCtx): unknown {
  return state.raw.ResultSelector !== undefined
    ? applyPayloadTemplate(state.raw.ResultSelector, result, ctx)
    : result;
}

export function resultPath(
  p: string | null | undefined,
  rawInput: unknown,
  result: unknown,
): unknown {
  return applyResultPath(p, rawInput, result);
}

export function outputPath(state: CompiledState, data: unknown, ctx: PathCtx): unknown {
  return applyOutputPath(state.raw.OutputPath, data, ctx);
}

/** JSONPath `Assign`: a payload template evaluated against `data`. */
export function assignPaths(
  assign: Raw | undefined,
  data: unknown,
  ctx: PathCtx,
): Record<string, unknown> | undefined {
  if (assign === undefined) return undefined;
  return applyPayloadTemplate(assign, data, ctx) as Record<string, unknown>;
}

export function readPath(path: string, data: unknown, ctx: PathCtx): unknown {
  return evaluatePath(path, data, ctx);
}

export const ParameterPathFailure = StatesErrors.ParameterPathFailure;
