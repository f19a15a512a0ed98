/** Shared runtime pieces: the execution and frame objects, errors, context object. */
import type { CompiledState, StateMachine } from "./definition.js";
import { StatesError, StatesErrors } from "./errors.js";
import type { Recorder, Thread } from "./history.js";
import type { Clock, ExecutionContextInfo, HistoryEvent, TaskRunner } from "./types.js";

export interface Exec {
  machine: StateMachine;
  runner: TaskRunner;
  clock: Clock;
  rec: Recorder;
  region: string;
  info: ExecutionContextInfo;
  /** `$$.Execution` (shared, built once). */
  executionCtx: Record<string, unknown>;
  stateMachineCtx: Record<string, unknown>;
}

/** One thread of control: its history chain, its variables, its cancellation. */
export interface Frame {
  thread: Thread;
  vars: Record<string, unknown>;
  signal: AbortSignal;
  mapItem?: { Index: number; Value: unknown };
  /**
   * Set in Parallel branches and Map iterations: when a sibling fails, the states still
   * running record `<Type>StateAborted` pointing at the failing branch's last event.
   */
  abortedPrev?: () => number;
}

/** An AbortController that also aborts when the parent signal does. */
export function childController(parent: AbortSignal): { ctrl: AbortController; release(): void } {
  const ctrl = new AbortController();
  const onAbort = () => ctrl.abort();
  if (parent.aborted) ctrl.abort();
  else parent.addEventListener("abort", onAbort, { once: true });
  return { ctrl, release: () => parent.removeEventListener("abort", onAbort) };
}

/** What a state hands back to the loop. */
export interface StateResult {
  output: unknown;
  next?: string;
  /** Variables to assign when the state exits. */
  assigned?: Record<string, unknown>;
}

/** Per-entry state info: the entered event and the context object of this state. */
export interface Entry {
  state: CompiledState;
  entered: HistoryEvent;
  /** The raw state input. */
  input: unknown;
  retryCount: number;
  context(): Record<string, unknown>;
}

export class AbortedError extends Error {
  constructor() {
    super("aborted");
    this.name = "AbortedError";
  }
}

/**
 * The reason a scope's own controller is aborted with once its work is over (not a stop):
 * `abort()` without a reason builds a DOMException (with its stack) each time, and the
 * listeners that turn a stop into an AbortedError have nothing to report then.
 */
export const SETTLED: Error = new AbortedError();

/**
 * A Parallel or Map failure. Its `<Type>StateFailed` event is written only when no
 * retrier takes it; a retried attempt starts again from `prev` (as AWS numbers them).
 */
export class PendingFailure {
  constructor(
    readonly err: unknown,
    readonly marker: string,
    readonly prev: number,
  ) {}
}

/** Normalizes anything thrown into a StatesError (abort passes through). */
export function toStatesError(err: unknown): StatesError {
  if (err instanceof PendingFailure) err = err.err;
  if (err instanceof StatesError) return err;
  if (err instanceof AbortedError) throw err;
  const e = err as { error?: unknown; cause?: unknown; message?: unknown };
  if (e && typeof e.error === "string") {
    return new StatesError(
      e.error,
      typeof e.cause === "string" ? e.cause : String(e.message ?? ""),
    );
  }
  return new StatesError(StatesErrors.TaskFailed, err instanceof Error ? err.message : String(err));
}

/**
 * ErrorEquals matching. `States.ALL` matches every error but States.Runtime (AWS catches
 * States.DataLimitExceeded with States.ALL, as recorded histories show); `States.TaskFailed`
 * matches any error except States.Timeout (dev guide, "Error names").
 */
export function errorMatches(errorEquals: readonly string[], name: string): boolean {
  for (const e of errorEquals) {
    if (e === name) return true;
    if (
      e === StatesErrors.ALL &&
      name !== StatesErrors.Runtime &&
      name !== "States.DataLimitExceeded"
    ) {
      return true;
    }
    if (
      e === StatesErrors.TaskFailed &&
      name !== StatesErrors.Timeout &&
      name !== StatesErrors.Runtime &&
      name !== "States.DataLimitExceeded"
    ) {
      return true;
    }
  }
  return false;
}

/** AWS prefixes runtime failures with the state and the id of its entered event. */
export function runtimeError(entry: Entry, cause: string): StatesError {
  return new StatesError(
    StatesErrors.Runtime,
    `An error occurred while executing the state '${entry.state.name}' (entered at the event id #${entry.entered.id}). ${cause}`,
  );
}

/**
 * Adds AWS's state prefix to States.Runtime and States.QueryEvaluationError causes raised
 * without one, e.g. "An error occurred while executing the state 'X' (entered at the event
 * id #6). The JSONata expression '…' specified for the field 'Arguments/a' returned nothing
 * (undefined)." (as AWS reports it).
 */
export function withStatePrefix(err: StatesError, entry: Entry): StatesError {
  if (
    (err.error !== StatesErrors.Runtime && err.error !== StatesErrors.QueryEvaluationError) ||
    err.causeText.startsWith("An error occurred while")
  ) {
    return err;
  }
  const prefixed = new StatesError(
    err.error,
    `An error occurred while executing the state '${entry.state.name}' (entered at the event id #${entry.entered.id}). ${err.causeText}`,
  );
  const location = (err as { location?: string }).location;
  if (location !== undefined) (prefixed as StatesError & { location?: string }).location = location;
  return prefixed;
}

/**
 * The context object as AWS shows it (key order included): Execution, StateMachine, State
 * ({Name, EnteredTime}, plus RetryCount in states that can retry), Map.Item in ItemSelector.
 */
export function makeContext(exec: Exec, frame: Frame, entry: Omit<Entry, "context">) {
  const state: Record<string, unknown> = {
    Name: entry.state.name,
    EnteredTime: entry.entered.timestamp.toISOString(),
  };
  const t = entry.state.type;
  if (t === "Task" || t === "Parallel" || t === "Map") state.RetryCount = entry.retryCount;
  const ctx: Record<string, unknown> = {
    Execution: exec.executionCtx,
    StateMachine: exec.stateMachineCtx,
    State: state,
  };
  if (frame.mapItem !== undefined) ctx.Map = { Item: frame.mapItem };
  return ctx;
}

/**
 * resourceType/resource as TaskScheduled shows them: `arn:aws:states:::lambda:invoke`
 * → lambda / invoke; `arn:aws:states:::aws-sdk:s3:createSession` → aws-sdk:s3 /
 * createSession; a `.sync` or `.waitForTaskToken` suffix stays on the resource.
 */
export function describeResource(arn: string): {
  resourceType: string;
  resource: string;
  region?: string;
} {
  const parts = arn.split(":");
  if (parts[2] === "states" && parts[5] !== undefined && parts[5] !== "activity") {
    const rest = parts.slice(5);
    const region = parts[3] || undefined;
    if (rest[0] === "aws-sdk" && rest.length >= 3) {
      return { resourceType: `aws-sdk:${rest[1]}`, resource: rest.slice(2).join(":"), region };
    }
    return { resourceType: rest[0], resource: rest.slice(1).join(":"), region };
  }
  return { resourceType: parts[2] ?? "unknown", resource: arn, region: parts[3] || undefined };
}

/** A JSON text for history details. */
export function json(value: unknown): string {
  return value === undefined ? "null" : JSON.stringify(value);
}

export function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new AbortedError();
}
