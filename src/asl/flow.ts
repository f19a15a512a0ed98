/** How a state's output and assigned variables are computed, in both query languages. */
import { evalTemplate, type JsonataScope } from "./jsonata.js";
import { assignPaths, outputPath, type PathCtx, resultPath, resultSelector } from "./paths.js";
import type { Entry, Frame, StateResult } from "./runtime.js";

export function pathCtx(entry: Entry, frame: Frame): PathCtx {
  return { context: entry.context(), variables: frame.vars };
}

export function jsonataScope(
  entry: Entry,
  frame: Frame,
  extra?: { result?: unknown; errorOutput?: unknown; input?: unknown },
): JsonataScope {
  const states: JsonataScope["states"] = {
    input: extra?.input !== undefined ? extra.input : entry.input,
    context: entry.context(),
  };
  if (extra?.result !== undefined) states.result = extra.result;
  if (extra?.errorOutput !== undefined) states.errorOutput = extra.errorOutput;
  return { states, vars: frame.vars };
}

/**
 * JSONata: Assign and Output are evaluated with the same `$states` (input, result) and
 * the variables as they were when the state was entered; new values apply after exit.
 */
export async function finishJsonata(
  entry: Entry,
  frame: Frame,
  result: unknown,
  hasResult: boolean,
  next?: string,
): Promise<StateResult> {
  const t = entry.state.t;
  const scope = jsonataScope(entry, frame, hasResult ? { result } : undefined);
  const assigned =
    t.Assign !== undefined
      ? ((await evalTemplate(t.Assign, scope)) as Record<string, unknown>)
      : undefined;
  const output =
    t.Output !== undefined ? await evalTemplate(t.Output, scope) : hasResult ? result : entry.input;
  return { output, assigned, next };
}

/**
 * JSONPath Task/Parallel/Map: Assign sees the raw result (it is evaluated before
 * ResultSelector, as in LocalStack's AWS-validated implementation), then ResultSelector,
 * ResultPath, OutputPath.
 */
export function finishJsonPathResult(entry: Entry, frame: Frame, result: unknown): StateResult {
  const ctx = pathCtx(entry, frame);
  const assigned = assignPaths(entry.state.raw.Assign, result, ctx);
  const sel = resultSelector(entry.state, result, ctx);
  const merged = resultPath(entry.state.raw.ResultPath, entry.input, sel);
  return { output: outputPath(entry.state, merged, ctx), assigned };
}
