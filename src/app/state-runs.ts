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

/** One entry into a state that has not exited yet. */
interface OpenEntry {
  name: string;
  kind: string;
}

/** `TaskStateAborted` → "Task" (the state types that can be aborted: Task, Wait, Map, Parallel). */
function abortedKind(type: string): string | undefined {
  return type.endsWith("StateAborted") ? type.slice(0, -"StateAborted".length) : undefined;
}

/**
 * Assigns each event to its state: entered/exited events name it; a Parallel's or Map's own
 * events belong to the innermost open state of that kind; any other event follows
 * previousEventId back to the state that caused it.
 *
 * `<Type>StateAborted` carries no details, and its previousEventId is the failing sibling
 * branch's last event, not the aborted state's: it belongs to an open state of that type other
 * than the one that failed (each such state is aborted once).
 */
export function eventRows(events: HistoryEvent[]): EventRow[] {
  /** Each event's state entry (undefined after an exit: what follows belongs to the next state). */
  const owner = new Map<number, OpenEntry | undefined>();
  const open: OpenEntry[] = [];
  const take = (at: number): OpenEntry | undefined => (at >= 0 ? open.splice(at, 1)[0] : undefined);
  const start = events[0]?.timestamp?.getTime() ?? 0;
  return events.map((event) => {
    const type = event.type ?? "";
    const details = eventDetails(event);
    const composite = compositeKind(type);
    const aborted = abortedKind(type);
    let entry: OpenEntry | undefined;
    let state: string | undefined;
    if (isEntered(type)) {
      state = details?.name;
      if (state !== undefined) {
        entry = { name: state, kind: type.slice(0, -"StateEntered".length) };
        open.push(entry);
      }
    } else if (isExited(type)) {
      state = details?.name;
      take(open.findLastIndex((o) => o.name === state));
    } else if (aborted) {
      const failing =
        event.previousEventId !== undefined ? owner.get(event.previousEventId) : undefined;
      entry = take(open.findLastIndex((o) => o.kind === aborted && o !== failing));
    } else if (composite) {
      const at = open.findLastIndex((o) => o.kind === composite);
      // A Parallel's or Map's failure is final (a retried one starts again with its own events).
      entry = type.endsWith("StateFailed") ? take(at) : open[at];
    } else if (!type.startsWith("Execution") && !type.startsWith("MapRun")) {
      const previous = event.previousEventId;
      entry = previous !== undefined && owner.has(previous) ? owner.get(previous) : open.at(-1);
    }
    state ??= entry?.name;
    if (event.id !== undefined) owner.set(event.id, entry);
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
    } else if (type.endsWith("StateAborted")) {
      run.status = "aborted";
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
