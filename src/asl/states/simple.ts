/** Pass, Succeed, Fail and Wait. */
import { StatesError, StatesErrors } from "../errors.js";
import { finishJsonata, jsonataScope, pathCtx } from "../flow.js";
import { evalTemplate } from "../jsonata.js";
import {
  assignPaths,
  inputPath,
  outputPath,
  type PathCtx,
  payload,
  readPath,
  resultPath,
} from "../paths.js";
import {
  AbortedError,
  type Entry,
  type Exec,
  type Frame,
  runtimeError,
  type StateResult,
} from "../runtime.js";

const refTemplates = new Map<string, object>();

/**
 * Reads a *Path field: a reference path (`$.x`, `$$.x`, `$var`) or, where AWS allows
 * it, an intrinsic function (evaluated through a cached one-key payload template).
 */
export function readRef(path: string, data: unknown, ctx: PathCtx, field = "Path"): unknown {
  if (!path.startsWith("States.")) return readPath(path, data, ctx);
  const key = `${field}\u0000${path}`;
  let t = refTemplates.get(key);
  if (t === undefined) {
    t = { [`${field}.$`]: path };
    refTemplates.set(key, t);
  }
  return (payload(t, data, ctx) as Record<string, unknown>)[field];
}

export async function pass(_exec: Exec, entry: Entry, frame: Frame): Promise<StateResult> {
  const st = entry.state;
  if (st.ql === "JSONata") return finishJsonata(entry, frame, undefined, false);
  const ctx = pathCtx(entry, frame);
  const eff = inputPath(st, entry.input, ctx);
  // Parameters, then Result (which wins when both are given), then Assign on that result.
  const result =
    st.raw.Result !== undefined
      ? st.raw.Result
      : st.raw.Parameters !== undefined
        ? payload(st.raw.Parameters, eff, ctx)
        : eff;
  const assigned = assignPaths(st.raw.Assign, result, ctx);
  const merged = resultPath(st.raw.ResultPath, entry.input, result);
  return { output: outputPath(st, merged, ctx), assigned };
}

/** States whose output is their (filtered) input: Succeed, and Wait after waiting. */
export async function passThrough(entry: Entry, frame: Frame): Promise<StateResult> {
  const st = entry.state;
  if (st.ql === "JSONata") return finishJsonata(entry, frame, undefined, false);
  const ctx = pathCtx(entry, frame);
  const eff = inputPath(st, entry.input, ctx);
  const assigned = assignPaths(st.raw.Assign, eff, ctx);
  return { output: outputPath(st, eff, ctx), assigned };
}

export async function succeed(_exec: Exec, entry: Entry, frame: Frame): Promise<StateResult> {
  return passThrough(entry, frame);
}

export async function fail(_exec: Exec, entry: Entry, frame: Frame): Promise<StateResult> {
  const st = entry.state;
  let error: unknown = st.raw.Error;
  let cause: unknown = st.raw.Cause;
  if (st.ql === "JSONata") {
    const scope = jsonataScope(entry, frame);
    if (st.t.Error !== undefined) error = await evalTemplate(st.t.Error, scope);
    if (st.t.Cause !== undefined) cause = await evalTemplate(st.t.Cause, scope);
  } else {
    const ctx = pathCtx(entry, frame);
    if (st.raw.ErrorPath !== undefined)
      error = readRef(st.raw.ErrorPath, entry.input, ctx, "ErrorPath");
    if (st.raw.CausePath !== undefined)
      cause = readRef(st.raw.CausePath, entry.input, ctx, "CausePath");
  }
  const fe = new StatesError(
    error === undefined ? "" : String(error),
    cause === undefined ? "" : String(cause),
  );
  (fe as StatesError & { fromFailState?: boolean }).fromFailState = true;
  throw fe;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== "string" || !ISO_TIMESTAMP.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

export async function wait(exec: Exec, entry: Entry, frame: Frame): Promise<StateResult> {
  const st = entry.state;
  const start = entry.entered.timestamp.getTime();
  let seconds: unknown;
  let timestamp: unknown;
  if (st.ql === "JSONata") {
    const scope = jsonataScope(entry, frame);
    if (st.t.Seconds !== undefined) seconds = await evalTemplate(st.t.Seconds, scope);
    if (st.t.Timestamp !== undefined) timestamp = await evalTemplate(st.t.Timestamp, scope);
  } else {
    const ctx = pathCtx(entry, frame);
    const eff = inputPath(st, entry.input, ctx);
    seconds = st.raw.Seconds;
    timestamp = st.raw.Timestamp;
    if (st.raw.SecondsPath !== undefined) seconds = readRef(st.raw.SecondsPath, eff, ctx);
    if (st.raw.TimestampPath !== undefined) timestamp = readRef(st.raw.TimestampPath, eff, ctx);
  }
  let deadline: number;
  if (seconds !== undefined) {
    if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < 0) {
      throw runtimeError(
        entry,
        `The value of the field 'Seconds' must be a non-negative integer: ${JSON.stringify(seconds)}`,
      );
    }
    deadline = start + seconds * 1000;
  } else {
    const t = parseTimestamp(timestamp);
    if (t === undefined) {
      throw runtimeError(
        entry,
        `The value of the field 'Timestamp' is not a valid timestamp: ${JSON.stringify(timestamp)}`,
      );
    }
    deadline = t;
  }
  // Resuming after a crash: a Wait whose exit is recorded does not wait again, and one in
  // progress waits only for the time left since it was entered.
  if (!exec.rec.hasRecordedNext(frame.thread)) {
    const ms = deadline - exec.clock.now();
    if (ms > 0) {
      try {
        await exec.clock.sleep(ms, frame.signal);
      } catch {
        throw new AbortedError();
      }
    }
  }
  return passThrough(entry, frame);
}

export const NoChoiceMatched = StatesErrors.NoChoiceMatched;
