// DeleteStateMachine: the machine (and its versions), or only a version given its ARN. Running
// executions finish on their own (AWS marks the machine DELETING until they do).
import { parseMachineArn } from "./arns.js";
import type { StatesAction } from "./model.js";

export const deleteStateMachine: StatesAction = async (model, input) => {
  const parts = parseMachineArn(input.stateMachineArn);
  const existing = model.machines.byName(parts.name);
  if (!existing) return {};
  await model.machines.update((machines) => {
    const m = machines[parts.name];
    if (!m) return;
    if (parts.version === undefined) delete machines[parts.name];
    else m.versions = m.versions.filter((v) => v.version !== parts.version);
  });
  return {};
};
