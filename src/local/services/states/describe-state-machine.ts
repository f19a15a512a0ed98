// DescribeStateMachine: a state machine or one of its versions (ARN with ":N").
import type { MachineRecord, VersionRecord } from "./machines.js";
import type { StatesAction } from "./model.js";
import { epoch } from "./wire.js";

export function describeMachine(
  m: MachineRecord,
  version: VersionRecord | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    stateMachineArn: version?.arn ?? m.arn,
    name: m.name,
    status: "ACTIVE",
    definition: version?.definition ?? m.definition,
    roleArn: version?.roleArn ?? m.roleArn,
    type: m.type,
    creationDate: epoch(version?.creationDate ?? m.creationDate),
    loggingConfiguration: m.loggingConfiguration,
    tracingConfiguration: m.tracingConfiguration,
    revisionId: version?.revisionId ?? m.revisionId,
  };
  if (version?.description !== undefined) out.description = version.description;
  return out;
}

export const describeStateMachine: StatesAction = async (model, input) => {
  const { machine, version } = model.machines.resolve(input.stateMachineArn);
  return describeMachine(machine, version);
};
