/** runExecution: ExecutionStarted → states → ExecutionSucceeded/Failed/TimedOut/Aborted. */

import { systemClock } from "./clock.js";
import type { StateMachine } from "./definition.js";
import { StatesError, StatesErrors } from "./errors.js";
import { runScope } from "./executor.js";
import { Recorder, type Thread } from "./history.js";
import { AbortedError, type Exec, json, SETTLED, toStatesError } from "./runtime.js";
import type { ExecutionOutcome, RunOptions } from "./types.js";

const TIMEOUT = Symbol("timeout");

export async function runExecution(
  machine: StateMachine,
  opts: RunOptions,
): Promise<ExecutionOutcome> {
  const clock = opts.clock ?? systemClock;
  const rec = new Recorder(clock, opts.onEvent, opts.replay);
  const info = opts.context;
  const exec: Exec = {
    machine,
    runner: opts.runner,
    clock,
    rec,
    region: opts.region ?? info.stateMachineArn.split(":")[3] ?? "us-east-1",
    info,
    executionCtx: {
      Id: info.executionArn,
      Input: opts.input,
      StartTime: info.startTime,
      Name: info.executionName,
      RoleArn: info.roleArn,
      RedriveCount: 0,
    },
    stateMachineCtx: { Id: info.stateMachineArn, Name: info.stateMachineName },
  };
  const root: Thread = { last: 0 };
  const emit = async (type: string, key?: string, details?: unknown) => {
    const e = rec.emit(root, type, key, details);
    return e instanceof Promise ? await e : e;
  };
  const startedEvent = await emit("ExecutionStarted", "executionStartedEventDetails", {
    input: json(opts.input),
    inputDetails: { truncated: false },
    roleArn: info.roleArn,
  });
  // The first state of an execution has previousEventId 0 (as in AWS's own histories).
  root.last = 0;

  const ctrl = new AbortController();
  const onAbort = () => ctrl.abort();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  if (opts.signal?.aborted) ctrl.abort();
  const timeoutSeconds = machine.root.timeoutSeconds;
  let timer: Promise<unknown> | undefined;
  let timerCtrl: AbortController | undefined;
  if (timeoutSeconds !== undefined) {
    timerCtrl = new AbortController();
    const deadline = startedEvent.timestamp.getTime() + timeoutSeconds * 1000;
    const wait = clock.timer ?? clock.sleep;
    timer = wait.call(clock, Math.max(0, deadline - clock.now()), timerCtrl.signal).then(
      () => TIMEOUT,
      () => new Promise(() => {}),
    );
  }
  const finish = async (
    status: ExecutionOutcome["status"],
    type: string,
    key: string,
    details: Record<string, unknown>,
    extra: Partial<ExecutionOutcome>,
  ): Promise<ExecutionOutcome> => {
    await emit(type, key, details);
    return { status, ...extra, events: rec.count };
  };
  try {
    const body = runScope(exec, machine.root, opts.input, {
      thread: root,
      vars: {},
      signal: ctrl.signal,
    });
    const out = timer === undefined ? await body : await Promise.race([body, timer]);
    if (out === TIMEOUT) {
      ctrl.abort();
      await body.catch(() => undefined);
      return finish(
        "TIMED_OUT",
        "ExecutionTimedOut",
        "executionTimedOutEventDetails",
        { error: StatesErrors.Timeout },
        {
          error: StatesErrors.Timeout,
        },
      );
    }
    const output = json(out);
    return finish(
      "SUCCEEDED",
      "ExecutionSucceeded",
      "executionSucceededEventDetails",
      { output, outputDetails: { truncated: false } },
      { output },
    );
  } catch (err) {
    if (err instanceof AbortedError || (ctrl.signal.aborted && !(err instanceof StatesError))) {
      const reason = opts.signal?.reason as { error?: string; cause?: string } | undefined;
      const d: Record<string, unknown> = {};
      if (typeof reason?.error === "string") d.error = reason.error;
      if (typeof reason?.cause === "string") d.cause = reason.cause;
      return finish("ABORTED", "ExecutionAborted", "executionAbortedEventDetails", d, {
        error: d.error as string | undefined,
        cause: d.cause as string | undefined,
      });
    }
    const se = toStatesError(err);
    const d: Record<string, unknown> = {};
    if (se.error !== "") d.error = se.error;
    if (se.causeText !== "") d.cause = se.causeText;
    // AWS records runtime (non-state) failures with previousEventId 0.
    if (se.error === StatesErrors.Runtime) root.last = 0;
    return finish("FAILED", "ExecutionFailed", "executionFailedEventDetails", d, {
      error: d.error as string | undefined,
      cause: d.cause as string | undefined,
    });
  } finally {
    timerCtrl?.abort(SETTLED);
    opts.signal?.removeEventListener("abort", onAbort);
  }
}

export { StatesError };
