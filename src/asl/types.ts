/** Public types of the States Language interpreter (no I/O: everything is injected). */

export interface ExecutionContextInfo {
  executionArn: string;
  executionName: string;
  stateMachineArn: string;
  stateMachineName: string;
  roleArn: string;
  /** ISO-8601 start time of the execution. */
  startTime: string;
  input?: unknown;
}

export interface TaskRequest {
  /** The state's `Resource` ARN. */
  resource: string;
  /** Evaluated `Arguments` (JSONata) or `Parameters` (JSONPath). */
  args: unknown;
  stateName: string;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  signal: AbortSignal;
  /** 0 for the first try, then 1, 2, … for each retry. */
  attempt: number;
  /** For `.waitForTaskToken` resources: the token (also in `$$.Task.Token`). */
  taskToken?: string;
}

/**
 * Runs a Task state's resource. Resolves with the task result; rejects with a
 * `StatesError(error, cause)` (e.g. `Lambda.ServiceException`); any other rejection
 * becomes `States.TaskFailed`.
 */
export interface TaskRunner {
  run(req: TaskRequest): Promise<unknown>;
}

export interface Clock {
  now(): number;
  /** The workflow waits (Wait states, Retry intervals). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A deadline racing real work (TimeoutSeconds); defaults to `sleep`. */
  timer?(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Exactly GetExecutionHistory's HistoryEvent shape. */
export interface HistoryEvent {
  timestamp: Date;
  type: string;
  id: number;
  previousEventId: number;
  [details: string]: unknown;
}

/** ValidateStateMachineDefinition's diagnostic shape. */
export interface Diagnostic {
  severity: "ERROR" | "WARNING";
  code: string;
  message: string;
  location?: string;
}

export interface RunOptions {
  input: unknown;
  context: ExecutionContextInfo;
  runner: TaskRunner;
  clock?: Clock;
  /** Called for each new event, in order; a returned promise is awaited (persistence). */
  onEvent?: (e: HistoryEvent) => void | Promise<void>;
  /** Events already persisted for this execution: they are not emitted again. */
  replay?: HistoryEvent[];
  /** StopExecution: aborting ends the run as ABORTED. */
  signal?: AbortSignal;
  /** Region shown in TaskScheduled events (default us-east-1). */
  region?: string;
}

export interface ExecutionOutcome {
  status: "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";
  /** JSON text of the output. */
  output?: string;
  error?: string;
  cause?: string;
  /** Number of events in the whole history (replayed + new). */
  events: number;
}

export type QueryLanguage = "JSONPath" | "JSONata";
