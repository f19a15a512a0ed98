// StopExecution: a running execution ends ABORTED with an ExecutionAborted event carrying the
// given error and cause.
import { parseStandardExecutionArn } from "./arns.js";
import type { StatesAction } from "./model.js";
import { epoch, optionalString } from "./wire.js";

export const stopExecution: StatesAction = async (model, input) => {
  parseStandardExecutionArn(input.executionArn);
  const rec = model.executions.require(String(input.executionArn));
  const error = optionalString(input.error, "error");
  const cause = optionalString(input.cause, "cause");
  await model.executions.stop(rec, error, cause);
  return { stopDate: epoch(rec.stopDate ?? Date.now()) };
};
