// StartExecution: standard executions are journaled and idempotent by name; EXPRESS ones run
// without a history (AWS keeps none either) and are not listed.
import { AwsError } from "../../errors.js";
import { requireName } from "./arns.js";
import type { ExecutionRecord } from "./executions.js";
import type { StatesAction, StatesInput, StatesModel } from "./model.js";
import { epoch, optionalString } from "./wire.js";

/** The execution input: JSON text, "{}" when absent; InvalidExecutionInput otherwise. */
export function executionInput(value: unknown): string {
  const text = optionalString(value, "input") ?? "{}";
  try {
    JSON.parse(text);
  } catch (err) {
    throw new AwsError(
      "InvalidExecutionInput",
      `Invalid State Machine Execution Input: '${(err as Error).message}'`,
    );
  }
  return text;
}

export async function begin(model: StatesModel, input: StatesInput): Promise<ExecutionRecord> {
  const resolved = model.machines.resolve(input.stateMachineArn);
  const name =
    input.name === undefined || input.name === null ? undefined : requireName(input.name);
  const text = executionInput(input.input);
  const started = model.executions.start({ resolved, name, input: text });
  await started.persisted;
  return started.rec;
}

export const startExecution: StatesAction = async (model, input) => {
  const rec = await begin(model, input);
  return { executionArn: rec.meta.executionArn, startDate: epoch(rec.meta.startDate) };
};
