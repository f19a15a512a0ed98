/** The state loop: entering and exiting states, Retry and Catch, one scope at a time. */
import type { CompiledScope, CompiledState } from "./definition.js";
import { StatesError, StatesErrors } from "./errors.js";
import { jsonataScope, pathCtx } from "./flow.js";
import { evalTemplate } from "./jsonata.js";
import { assignPaths, resultPath } from "./paths.js";
import {
  AbortedError,
  checkAborted,
  type Entry,
  type Exec,
  errorMatches,
  type Frame,
  json,
  makeContext,
  PendingFailure,
  type StateResult,
  toStatesError,
  withStatePrefix,
} from "./runtime.js";
import { HANDLERS } from "./states/index.js";

/** The state types that have a `<Type>StateAborted` history event. */
const ABORTABLE = new Set(["Task", "Wait", "Map", "Parallel"]);

/** Runs a scope (the machine, a branch, an iteration) to its end; returns its output. */
export async function runScope(
  exec: Exec,
  scope: CompiledScope,
  input: unknown,
  frame: Frame,
): Promise<unknown> {
  let name: string | undefined = scope.startAt;
  for (;;) {
    checkAborted(frame.signal);
    const st = scope.states.get(name!);
    if (st === undefined) {
      throw new StatesError(StatesErrors.Runtime, `Missing 'Next' target: ${name}`);
    }
    const r = await runState(exec, st, input, frame);
    if (r.next === undefined) return r.output;
    name = r.next;
    input = r.output;
  }
}

async function runState(exec: Exec, st: CompiledState, input: unknown, frame: Frame) {
  const thread = frame.thread;
  let entered = exec.rec.emit(
    thread,
    `${st.type}StateEntered`,
    "stateEnteredEventDetails",
    { name: st.name, input: json(input), inputDetails: { truncated: false } },
    { disc: st.name },
  );
  if (entered instanceof Promise) entered = await entered;
  let ctxCache: Record<string, unknown> | undefined;
  let ctxRetry = -1;
  const entry: Entry = {
    state: st,
    entered,
    input,
    retryCount: 0,
    context() {
      if (ctxCache === undefined || ctxRetry !== entry.retryCount) {
        ctxCache = makeContext(exec, frame, entry);
        ctxRetry = entry.retryCount;
      }
      return ctxCache;
    },
  };
  const handler = HANDLERS[st.type];
  let r: StateResult;
  try {
    r =
      st.retry.length > 0
        ? await withRetry(exec, entry, frame, handler)
        : await handler(exec, entry, frame);
  } catch (err) {
    if (err instanceof AbortedError) {
      if (frame.abortedPrev !== undefined && ABORTABLE.has(st.type)) {
        const ev = exec.rec.emit(thread, `${st.type}StateAborted`, undefined, undefined, {
          prev: frame.abortedPrev(),
          advance: false,
        });
        if (ev instanceof Promise) await ev;
      }
      throw err;
    }
    if (err instanceof PendingFailure) {
      const ev = exec.rec.emit(thread, err.marker, undefined, undefined, { prev: err.prev });
      if (ev instanceof Promise) await ev;
    }
    const se = withStatePrefix(toStatesError(err), entry);
    const location = (se as StatesError & { location?: string }).location;
    if (location !== undefined) {
      // A JSONata evaluation failure is recorded as EvaluationFailed (JSONata states only).
      const ev = exec.rec.emit(thread, "EvaluationFailed", "evaluationFailedEventDetails", {
        error: se.error,
        cause: se.causeText,
        location,
        state: st.name,
      });
      if (ev instanceof Promise) await ev;
    }
    const catcher = st.catch.find((c) => errorMatches(c.errorEquals, se.error));
    if (catcher === undefined) throw se;
    r = await caught(entry, frame, se, catcher);
  }
  if (st.type !== "Succeed" && r.next === undefined && !st.end && st.type !== "Choice") {
    r.next = st.next;
  }
  if (st.type === "Succeed") r.next = undefined;
  // Replay: a state whose exit is recorded keeps its recorded output and variables.
  const exitType = `${st.type}StateExited`;
  const recorded = exec.rec.peek(thread, [exitType], st.name);
  let output = r.output;
  let assigned = r.assigned;
  if (recorded !== undefined) {
    const d = recorded.stateExitedEventDetails as {
      output?: string;
      assignedVariables?: Record<string, string>;
    };
    if (d.output !== undefined) output = JSON.parse(d.output);
    if (d.assignedVariables !== undefined) {
      assigned = {};
      for (const [k, v] of Object.entries(d.assignedVariables)) assigned[k] = JSON.parse(v);
    }
  }
  const details: Record<string, unknown> = {
    name: st.name,
    output: json(output),
    outputDetails: { truncated: false },
  };
  if (assigned !== undefined) {
    // AWS lists assignedVariables sorted by name (recorded histories).
    const av: Record<string, string> = {};
    for (const k of Object.keys(assigned).sort()) {
      av[k] = json(assigned[k]);
      frame.vars[k] = assigned[k];
    }
    details.assignedVariables = av;
    details.assignedVariablesDetails = { truncated: false };
  }
  const exited = exec.rec.emit(thread, exitType, "stateExitedEventDetails", details, {
    disc: st.name,
  });
  if (exited instanceof Promise) await exited;
  return { output, next: r.next };
}

type Handler = (exec: Exec, entry: Entry, frame: Frame) => Promise<StateResult>;

/** Retry: the first retrier whose ErrorEquals matches decides (ASL spec, "Retrying after error"). */
async function withRetry(exec: Exec, entry: Entry, frame: Frame, handler: Handler) {
  const counts = entry.state.retry.map(() => 0);
  for (;;) {
    try {
      return await handler(exec, entry, frame);
    } catch (err) {
      if (err instanceof AbortedError) throw err;
      const se = toStatesError(err);
      const i = entry.state.retry.findIndex((r) => errorMatches(r.errorEquals, se.error));
      if (i < 0 || counts[i] >= entry.state.retry[i].maxAttempts) {
        throw err instanceof PendingFailure ? err : se;
      }
      const r = entry.state.retry[i];
      if (err instanceof PendingFailure) frame.thread.last = err.prev;
      let delay = r.intervalSeconds * r.backoffRate ** counts[i];
      if (r.maxDelaySeconds !== undefined) delay = Math.min(delay, r.maxDelaySeconds);
      if (r.jitter === "FULL") delay = Math.random() * delay;
      counts[i]++;
      entry.retryCount++;
      if (!exec.rec.hasRecordedNext(frame.thread)) {
        try {
          await exec.clock.sleep(delay * 1000, frame.signal);
        } catch {
          throw new AbortedError();
        }
      }
      checkAborted(frame.signal);
    }
  }
}

/** Catch: `$states.errorOutput` / ResultPath get `{Error, Cause}`. */
async function caught(
  entry: Entry,
  frame: Frame,
  se: StatesError,
  catcher: CompiledState["catch"][number],
): Promise<StateResult> {
  const errorOutput = { Error: se.error, Cause: se.causeText };
  if (entry.state.ql === "JSONata") {
    const scope = jsonataScope(entry, frame, { errorOutput });
    const assigned =
      catcher.assign !== undefined
        ? ((await evalTemplate(catcher.assign, scope)) as Record<string, unknown>)
        : undefined;
    const output =
      catcher.output !== undefined ? await evalTemplate(catcher.output, scope) : errorOutput;
    return { output, assigned, next: catcher.next };
  }
  const ctx = pathCtx(entry, frame);
  const assigned = assignPaths(catcher.rawAssign, errorOutput, ctx);
  const output = resultPath(catcher.resultPath, entry.input, errorOutput);
  return { output, assigned, next: catcher.next };
}
