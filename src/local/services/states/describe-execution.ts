// DescribeExecution.
import { parseStandardExecutionArn } from "./arns.js";
import type { ExecutionRecord } from "./executions.js";
import type { StatesAction } from "./model.js";
import { epoch } from "./wire.js";

export function summary(rec: ExecutionRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    executionArn: rec.meta.executionArn,
    stateMachineArn: rec.meta.stateMachineArn,
    name: rec.meta.name,
    status: rec.status,
    startDate: epoch(rec.meta.startDate),
  };
  if (rec.stopDate !== undefined) out.stopDate = epoch(rec.stopDate);
  if (rec.meta.versionArn) out.stateMachineVersionArn = rec.meta.versionArn;
  return out;
}

export const describeExecution: StatesAction = async (model, input) => {
  parseStandardExecutionArn(input.executionArn);
  const rec = model.executions.require(String(input.executionArn));
  const out: Record<string, unknown> = {
    ...summary(rec),
    input: rec.meta.input,
    inputDetails: { included: true },
    redriveCount: 0,
    redriveStatus: "NOT_REDRIVABLE",
  };
  return Object.assign(out, outcome(rec));
};

/** The output (SUCCEEDED) or error and cause (FAILED…) of an execution that has ended. */
export function outcome(rec: ExecutionRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (rec.output !== undefined) {
    out.output = rec.output;
    out.outputDetails = { included: true };
  }
  if (rec.error !== undefined) out.error = rec.error;
  if (rec.cause !== undefined) out.cause = rec.cause;
  return out;
}
