// UpdateStateMachine: definition and/or role (and logging/tracing); publish → a new version.
import { AwsError } from "../../errors.js";
import { requireRole } from "./create-state-machine.js";
import { checkDefinition, MachineRegistry, machineDoesNotExist } from "./machines.js";
import type { StatesAction } from "./model.js";
import { epoch, optionalString } from "./wire.js";

export const updateStateMachine: StatesAction = async (model, input) => {
  const { machine } = model.machines.resolve(input.stateMachineArn);
  const definition = optionalString(input.definition, "definition");
  const roleArn = optionalString(input.roleArn, "roleArn");
  const versionDescription = optionalString(input.versionDescription, "versionDescription");
  const publish = input.publish === true;
  if (
    definition === undefined &&
    roleArn === undefined &&
    input.loggingConfiguration === undefined &&
    input.tracingConfiguration === undefined &&
    input.encryptionConfiguration === undefined &&
    !publish
  ) {
    throw new AwsError(
      "MissingRequiredParameter",
      "Either the definition, the roleArn, the loggingConfiguration, the tracingConfiguration or the encryptionConfiguration must be specified",
    );
  }
  if (versionDescription !== undefined && !publish) {
    throw new AwsError(
      "ValidationException",
      "Version description can only be set when publish is true",
    );
  }
  if (definition !== undefined) checkDefinition(definition);
  if (roleArn !== undefined) requireRole(roleArn);
  return model.machines.update((machines) => {
    const m = machines[machine.name];
    if (!m) throw machineDoesNotExist(machine.arn);
    const now = Date.now();
    const changed =
      (definition !== undefined && definition !== m.definition) ||
      (roleArn !== undefined && roleArn !== m.roleArn);
    if (definition !== undefined) m.definition = definition;
    if (roleArn !== undefined) m.roleArn = roleArn;
    if (input.loggingConfiguration)
      m.loggingConfiguration = input.loggingConfiguration as Record<string, unknown>;
    if (input.tracingConfiguration)
      m.tracingConfiguration = input.tracingConfiguration as Record<string, unknown>;
    if (changed) m.revisionId = MachineRegistry.newRevision();
    m.updateDate = now;
    const out: Record<string, unknown> = { updateDate: epoch(now), revisionId: m.revisionId };
    if (publish) {
      out.stateMachineVersionArn = MachineRegistry.publish(m, versionDescription, now).arn;
    }
    return out;
  });
};
