// What happened to each state of an execution, folded from its history events: the console's
// graph view colours (succeeded, failed, caught, running, not reached), times and retry attempts.
// Pure: history events in, one record per state out.
import type { HistoryEvent } from "@aws-sdk/client-sfn";

export type RunStatus = "pending" | "running" | "succeeded" | "failed" | "caught" | "aborted";

export interface StateRun {
  name: string;
  status: RunStatus;
  enteredAt?: Date;
  exitedAt?: Date;
  /** Task attempts (TaskScheduled / LambdaFunctionScheduled events) of the latest entry. */
  attempts: number;
  /** How many times the state was entered (loops, Map iterations). */
  entries: number;
  error?: string;
  cause?: string;
}

export interface EventRow {
  event: HistoryEvent;
  /** The state the event belongs to (undefined for execution-level events). */
  state?: string;
  /** Milliseconds since the execution started. */
  elapsedMs: number;
}

type Details = { name?: string; error?: string; cause?: string };

/** The `…EventDetails` object of an event, whichever its type. */
export function eventDetails(event: HistoryEvent): Details | undefined {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith("EventDetails") && value && typeof value === "object") return value as Details;
  }
  return undefined;
}

function isEntered(type: string): boolean {
  return type.endsWith("StateEntered");
}

function isExited(type: string): boolean {
  return type.endsWith("StateExited");
}

function isFailure(type: string): boolean {
  return !type.startsWith("Execution") && (type.endsWith("Failed") || type.endsWith("TimedOut"));
}

/** Events of a Parallel or Map state itself (not of its branches): `ParallelStateFailed`… */
function compositeKind(type: string): string | undefined {
  if (type.startsWith("ParallelState")) return "Parallel";
  if (type.startsWith("MapState") || type.startsWith("MapIteration")) return "Map";
  return undefined;
}

/**
 * Assigns each event to its state: entered/exited events name it; a Parallel's or Map's own
 * events belong to the innermost open state of that kind; any other event follows
 * previousEventId back to the state that caused it.
 */
export function eventRows(events: HistoryEvent[]): EventRow[] {
  const owner = new Map<number, string | undefined>();
  const open: { name: string; kind: string }[] = [];
  const start = events[0]?.timestamp?.getTime() ?? 0;
  return events.map((event) => {
    const type = event.type ?? "";
    const details = eventDetails(event);
    let state: string | undefined;
    const composite = compositeKind(type);
    if (isEntered(type)) {
      state = details?.name;
      if (state !== undefined)
        open.push({ name: state, kind: type.slice(0, -"StateEntered".length) });
    } else if (isExited(type)) {
      state = details?.name;
      const at = open.findLastIndex((o) => o.name === state);
      if (at >= 0) open.splice(at, 1);
    } else if (composite) {
      state = open.findLast((o) => o.kind === composite)?.name;
    } else if (!type.startsWith("Execution") && !type.startsWith("MapRun")) {
      const previous = event.previousEventId;
      state =
        previous !== undefined && owner.has(previous) ? owner.get(previous) : open.at(-1)?.name;
    }
    // An exited state's successors belong to the next state, not to it.
    if (event.id !== undefined) owner.set(event.id, isExited(type) ? undefined : state);
    return { event, state, elapsedMs: (event.timestamp?.getTime() ?? start) - start };
  });
}

function caughtError(output: string | undefined): { error?: string; cause?: string } {
  try {
    const value = JSON.parse(output ?? "");
    return {
      error: typeof value?.Error === "string" ? value.Error : undefined,
      cause: typeof value?.Cause === "string" ? value.Cause : undefined,
    };
  } catch {
    return {};
  }
}

/** One StateRun per state that appears in the history, keyed by state name. */
export function summarizeStates(events: HistoryEvent[]): Map<string, StateRun> {
  const runs = new Map<string, StateRun>();
  for (const { event, state } of eventRows(events)) {
    const type = event.type ?? "";
    const details = eventDetails(event);
    if (state === undefined) {
      if (
        type === "ExecutionFailed" ||
        type === "ExecutionTimedOut" ||
        type === "ExecutionAborted"
      ) {
        for (const run of runs.values()) {
          // Still running when the execution ended; or a Fail state, whose error is the execution's.
          if (run.status !== "running" && !(run.status === "failed" && !run.error)) continue;
          if (run.status === "running")
            run.status = type === "ExecutionAborted" ? "aborted" : "failed";
          run.error ??=
            details?.error ?? (type === "ExecutionTimedOut" ? "States.Timeout" : undefined);
          run.cause ??= details?.cause;
        }
      }
      continue;
    }
    let run = runs.get(state);
    if (isEntered(type)) {
      run = {
        name: state,
        status: type === "FailStateEntered" ? "failed" : "running",
        enteredAt: event.timestamp,
        attempts: 0,
        entries: (run?.entries ?? 0) + 1,
      };
      runs.set(state, run);
      continue;
    }
    if (!run) continue;
    if (isExited(type)) {
      run.exitedAt = event.timestamp;
      if (run.status === "failed") {
        run.status = "caught";
        // A Parallel's or Map's failure event has no details: the caught error is in the output.
        if (!run.error) Object.assign(run, caughtError((details as { output?: string })?.output));
      } else run.status = "succeeded";
    } else if (type.endsWith("Scheduled")) {
      run.attempts += 1;
      run.status = "running";
    } else if (isFailure(type)) {
      run.status = "failed";
      run.error = details?.error ?? run.error;
      run.cause = details?.cause ?? run.cause;
    } else if (type.endsWith("Succeeded")) {
      // A retried task that finally succeeded: the earlier failure was not the outcome.
      run.error = undefined;
      run.cause = undefined;
    }
  }
  return runs;
}

/** The name of the state the execution is in now (the latest entered, not yet exited). */
export function currentState(events: HistoryEvent[]): string | undefined {
  let current: string | undefined;
  for (const run of summarizeStates(events).values()) {
    if (run.status === "running") current = run.name;
  }
  return current;
}
