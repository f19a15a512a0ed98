/** Task: Arguments/Parameters → runner (with TimeoutSeconds) → result, with AWS's task events. */
import { StatesError, StatesErrors } from "../errors.js";
import { finishJsonata, finishJsonPathResult, jsonataScope, pathCtx } from "../flow.js";
import { evalTemplate } from "../jsonata.js";
import { inputPath, payload } from "../paths.js";
import {
  AbortedError,
  childController,
  describeResource,
  type Entry,
  type Exec,
  type Frame,
  json,
  runtimeError,
  SETTLED,
  type StateResult,
  toStatesError,
} from "../runtime.js";
import type { HistoryEvent } from "../types.js";
import { readRef } from "./simple.js";

const TIMED_OUT = Symbol("timeout");

/**
 * `.waitForTaskToken`: the token in `$$.Task.Token` / `$states.context.Task.Token`. It is
 * derived from the execution, the state entry and the attempt, so a run resumed after a
 * crash hands out the same token it handed out before.
 */
function taskToken(exec: Exec, entry: Entry): string {
  const raw = JSON.stringify([exec.info.executionArn, entry.entered.id, entry.retryCount]);
  return Buffer.from(raw, "utf8").toString("base64url");
}

function withToken(entry: Entry, token: string): Record<string, unknown> {
  return { ...entry.context(), Task: { Token: token } };
}

async function emit(exec: Exec, frame: Frame, type: string, key?: string, details?: unknown) {
  const e = exec.rec.emit(frame.thread, type, key, details);
  return e instanceof Promise ? await e : e;
}

function positiveInt(entry: Entry, field: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
    throw runtimeError(
      entry,
      `The value of the field '${field}' must be a positive integer: ${JSON.stringify(v)}`,
    );
  }
  return v;
}

/** Legacy Lambda resources (a function ARN) get LambdaFunction* events instead of Task*. */
function isLambdaArn(arn: string): boolean {
  return /^arn:[^:]+:lambda:/.test(arn);
}

export async function task(exec: Exec, entry: Entry, frame: Frame): Promise<StateResult> {
  const st = entry.state;
  const arn: string = st.raw.Resource;
  let args: unknown;
  let timeout: unknown = st.raw.TimeoutSeconds;
  let heartbeat: unknown = st.raw.HeartbeatSeconds;
  const token = arn.endsWith(".waitForTaskToken") ? taskToken(exec, entry) : undefined;
  if (st.ql === "JSONata") {
    const scope = jsonataScope(entry, frame);
    if (token !== undefined) scope.states.context = withToken(entry, token);
    args = st.t.Arguments !== undefined ? await evalTemplate(st.t.Arguments, scope) : entry.input;
    if (st.t.TimeoutSeconds !== undefined) timeout = await evalTemplate(st.t.TimeoutSeconds, scope);
    if (st.t.HeartbeatSeconds !== undefined)
      heartbeat = await evalTemplate(st.t.HeartbeatSeconds, scope);
  } else {
    const ctx = pathCtx(entry, frame);
    if (token !== undefined) ctx.context = withToken(entry, token);
    const eff = inputPath(st, entry.input, ctx);
    args = st.raw.Parameters !== undefined ? payload(st.raw.Parameters, eff, ctx) : eff;
    if (st.raw.TimeoutSecondsPath !== undefined)
      timeout = readRef(st.raw.TimeoutSecondsPath, eff, ctx);
    if (st.raw.HeartbeatSecondsPath !== undefined)
      heartbeat = readRef(st.raw.HeartbeatSecondsPath, eff, ctx);
  }
  const timeoutSeconds = positiveInt(entry, "TimeoutSeconds", timeout);
  const heartbeatSeconds = positiveInt(entry, "HeartbeatSeconds", heartbeat);
  const result = await invoke(
    exec,
    entry,
    frame,
    arn,
    args,
    timeoutSeconds,
    heartbeatSeconds,
    token,
  );
  return st.ql === "JSONata"
    ? finishJsonata(entry, frame, result, true)
    : finishJsonPathResult(entry, frame, result);
}

async function invoke(
  exec: Exec,
  entry: Entry,
  frame: Frame,
  arn: string,
  args: unknown,
  timeoutSeconds: number | undefined,
  heartbeatSeconds: number | undefined,
  token: string | undefined,
): Promise<unknown> {
  const legacy = isLambdaArn(arn);
  const { resourceType, resource, region } = describeResource(arn);
  const base = legacy ? { resource: arn } : { resourceType, resource };
  if (legacy) {
    const d: Record<string, unknown> = {
      resource: arn,
      input: json(args),
      inputDetails: { truncated: false },
    };
    if (timeoutSeconds !== undefined) d.timeoutInSeconds = timeoutSeconds;
    await emit(exec, frame, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", d);
    await emit(exec, frame, "LambdaFunctionStarted");
  } else {
    const d: Record<string, unknown> = {
      resourceType,
      resource,
      region: region ?? exec.region,
      parameters: json(args),
    };
    if (timeoutSeconds !== undefined) d.timeoutInSeconds = timeoutSeconds;
    if (heartbeatSeconds !== undefined) d.heartbeatInSeconds = heartbeatSeconds;
    await emit(exec, frame, "TaskScheduled", "taskScheduledEventDetails", d);
    await emit(exec, frame, "TaskStarted", "taskStartedEventDetails", { resourceType, resource });
  }
  const types = legacy
    ? {
        ok: "LambdaFunctionSucceeded",
        fail: "LambdaFunctionFailed",
        timeout: "LambdaFunctionTimedOut",
      }
    : { ok: "TaskSucceeded", fail: "TaskFailed", timeout: "TaskTimedOut" };
  const keys = legacy
    ? {
        ok: "lambdaFunctionSucceededEventDetails",
        fail: "lambdaFunctionFailedEventDetails",
        timeout: "lambdaFunctionTimedOutEventDetails",
      }
    : {
        ok: "taskSucceededEventDetails",
        fail: "taskFailedEventDetails",
        timeout: "taskTimedOutEventDetails",
      };
  // Replay: a recorded outcome is used instead of running the task again.
  const recorded = exec.rec.peek(frame.thread, [types.ok, types.fail, types.timeout]);
  if (recorded !== undefined) {
    exec.rec.consume(frame.thread, recorded);
    return recordedOutcome(recorded, keys);
  }
  let outcome: { ok: true; value: unknown } | { ok: false; err: StatesError; timedOut: boolean };
  // A task with a timeout gets a signal of its own (aborted when the deadline passes or the
  // frame stops); without one, the frame's signal serves the runner as it is (an
  // AbortController per task was a measurable share of the engine's time per execution).
  const own = timeoutSeconds !== undefined ? childController(frame.signal) : undefined;
  const signal = own?.ctrl.signal ?? frame.signal;
  let onStop: (() => void) | undefined;
  try {
    const run = exec.runner.run({
      resource: arn,
      args,
      stateName: entry.state.name,
      timeoutSeconds,
      heartbeatSeconds,
      signal,
      attempt: entry.retryCount,
      ...(token !== undefined ? { taskToken: token } : {}),
    });
    // A stop or a failing sibling ends the wait even if the runner ignores its signal.
    const stopped = new Promise<never>((_, reject) => {
      if (signal.aborted) {
        reject(new AbortedError());
        return;
      }
      onStop = () => {
        if (signal.reason !== SETTLED) reject(new AbortedError());
      };
      signal.addEventListener("abort", onStop, { once: true });
    });
    stopped.catch(() => undefined);
    const racers: Promise<unknown>[] = [run, stopped];
    if (own !== undefined && timeoutSeconds !== undefined) {
      const deadline = exec.clock.timer ?? exec.clock.sleep;
      racers.push(
        deadline.call(exec.clock, timeoutSeconds * 1000, own.ctrl.signal).then(
          () => TIMED_OUT,
          () => new Promise(() => {}),
        ),
      );
    }
    const value = await Promise.race(racers);
    outcome =
      value === TIMED_OUT
        ? { ok: false, err: new StatesError(StatesErrors.Timeout, ""), timedOut: true }
        : { ok: true, value };
  } catch (err) {
    if (frame.signal.aborted) throw new AbortedError();
    const se = toStatesError(err);
    outcome = { ok: false, err: se, timedOut: se.error === StatesErrors.Timeout };
  } finally {
    if (onStop) signal.removeEventListener("abort", onStop);
    own?.release();
    own?.ctrl.abort(SETTLED);
  }
  if (frame.signal.aborted) throw new AbortedError();
  if (outcome.ok) {
    const d = legacy
      ? { output: json(outcome.value), outputDetails: { truncated: false } }
      : { ...base, output: json(outcome.value), outputDetails: { truncated: false } };
    await emit(exec, frame, types.ok, keys.ok, d);
    return outcome.value;
  }
  const { err, timedOut } = outcome;
  const d: Record<string, unknown> = legacy ? {} : { ...base };
  d.error = err.error;
  if (err.causeText !== "") d.cause = err.causeText;
  await emit(
    exec,
    frame,
    timedOut ? types.timeout : types.fail,
    timedOut ? keys.timeout : keys.fail,
    d,
  );
  throw err;
}

function recordedOutcome(
  e: HistoryEvent,
  keys: { ok: string; fail: string; timeout: string },
): unknown {
  const ok = e[keys.ok] as { output?: string } | undefined;
  if (ok !== undefined) return ok.output === undefined ? null : JSON.parse(ok.output);
  const d = (e[keys.fail] ?? e[keys.timeout]) as { error?: string; cause?: string };
  throw new StatesError(d.error ?? StatesErrors.TaskFailed, d.cause ?? "");
}
