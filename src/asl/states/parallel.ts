/** Parallel: branches run concurrently; output is the array of branch outputs. */
import { runScope } from "../executor.js";
import { finishJsonata, finishJsonPathResult, jsonataScope, pathCtx } from "../flow.js";
import type { EmitOptions, Thread } from "../history.js";
import { evalTemplate } from "../jsonata.js";
import { inputPath, payload } from "../paths.js";
import {
  AbortedError,
  childController,
  type Entry,
  type Exec,
  type Frame,
  PendingFailure,
  type StateResult,
} from "../runtime.js";

export async function emitOn(
  exec: Exec,
  thread: Thread,
  type: string,
  key?: string,
  details?: unknown,
  opts?: EmitOptions,
) {
  const e = exec.rec.emit(thread, type, key, details, opts);
  return e instanceof Promise ? await e : e;
}

export async function parallel(exec: Exec, entry: Entry, frame: Frame): Promise<StateResult> {
  const st = entry.state;
  let branchInput: unknown;
  if (st.ql === "JSONata") {
    branchInput =
      st.t.Arguments !== undefined
        ? await evalTemplate(st.t.Arguments, jsonataScope(entry, frame))
        : entry.input;
  } else {
    const ctx = pathCtx(entry, frame);
    const eff = inputPath(st, entry.input, ctx);
    branchInput = st.raw.Parameters !== undefined ? payload(st.raw.Parameters, eff, ctx) : eff;
  }
  const started = await emitOn(exec, frame.thread, "ParallelStateStarted");
  const branches = st.branches ?? [];
  const threads: Thread[] = branches.map(() => ({ last: started.id }));
  const { ctrl, release } = childController(frame.signal);
  let failure: unknown;
  let failurePrev = started.id;
  const results = await Promise.all(
    branches.map(async (b, i) => {
      try {
        // Branches read outer variables; what they assign stays inside the branch.
        return await runScope(exec, b, branchInput, {
          thread: threads[i],
          vars: { ...frame.vars },
          signal: ctrl.signal,
          abortedPrev: () => failurePrev,
        });
      } catch (err) {
        if (failure === undefined && !(err instanceof AbortedError)) {
          failure = err;
          failurePrev = threads[i].last;
          ctrl.abort();
        }
        return undefined;
      }
    }),
  );
  release();
  // AWS: ParallelStateSucceeded/Failed and ParallelStateExited point at the last branch event.
  const last = Math.max(started.id, ...threads.map((t) => t.last));
  frame.thread.last = last;
  if (frame.signal.aborted) throw new AbortedError();
  if (failure !== undefined) throw new PendingFailure(failure, "ParallelStateFailed", failurePrev);
  await emitOn(exec, frame.thread, "ParallelStateSucceeded", undefined, undefined, {
    advance: false,
  });
  return st.ql === "JSONata"
    ? finishJsonata(entry, frame, results, true)
    : finishJsonPathResult(entry, frame, results);
}
