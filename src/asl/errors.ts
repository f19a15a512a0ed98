/**
 * An error as Step Functions names it: `error` is the name matched by Retry/Catch
 * `ErrorEquals` (e.g. `States.Runtime`, `Lambda.ServiceException`, `ContaInvalida`),
 * `cause` is the human-readable detail that ends up in `FailureEvent.cause`.
 */
export class StatesError extends Error {
  readonly error: string;
  readonly causeText: string;

  constructor(error: string, cause: string) {
    super(`${error}: ${cause}`);
    this.name = "StatesError";
    this.error = error;
    this.causeText = cause;
  }
}

/** The `States.*` error names of the Amazon States Language (spec: "Errors"). */
export const StatesErrors = {
  ALL: "States.ALL",
  HeartbeatTimeout: "States.HeartbeatTimeout",
  Timeout: "States.Timeout",
  TaskFailed: "States.TaskFailed",
  Permissions: "States.Permissions",
  ResultPathMatchFailure: "States.ResultPathMatchFailure",
  ParameterPathFailure: "States.ParameterPathFailure",
  BranchFailed: "States.BranchFailed",
  NoChoiceMatched: "States.NoChoiceMatched",
  IntrinsicFailure: "States.IntrinsicFailure",
  ExceedToleratedFailureThreshold: "States.ExceedToleratedFailureThreshold",
  ItemReaderFailed: "States.ItemReaderFailed",
  ResultWriterFailed: "States.ResultWriterFailed",
  QueryEvaluationError: "States.QueryEvaluationError",
  Runtime: "States.Runtime",
} as const;
