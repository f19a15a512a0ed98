// DescribeStateMachineForExecution: the definition the execution runs (its start snapshot).
import { parseExecutionArn } from "./arns.js";
import type { StatesAction } from "./model.js";
import { epoch } from "./wire.js";

export const describeStateMachineForExecution: StatesAction = async (model, input) => {
  parseExecutionArn(input.executionArn);
  const rec = model.executions.require(String(input.executionArn));
  const m = model.machines.byName(rec.meta.machineName);
  const out: Record<string, unknown> = {
    stateMachineArn: rec.meta.versionArn ?? rec.meta.stateMachineArn,
    name: rec.meta.machineName,
    definition: rec.meta.definition,
    roleArn: rec.meta.roleArn,
    updateDate: epoch(m?.updateDate ?? m?.creationDate ?? rec.meta.startDate),
    loggingConfiguration: m?.loggingConfiguration ?? { level: "OFF", includeExecutionData: false },
    tracingConfiguration: m?.tracingConfiguration ?? { enabled: false },
  };
  if (m) out.revisionId = m.revisionId;
  return out;
};
