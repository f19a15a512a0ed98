// StartSyncExecution (EXPRESS only): runs the execution and answers with its outcome.
// The SDK sends it to the "sync-" host prefix of the endpoint; against a local endpoint clients
// set `disableHostPrefix: true` (the engine routes by credential scope, whatever the host).
import { AwsError } from "../../errors.js";
import { outcome } from "./describe-execution.js";
import type { StatesAction } from "./model.js";
import { begin } from "./start-execution.js";
import { epoch } from "./wire.js";

export const startSyncExecution: StatesAction = async (model, input) => {
  const { machine } = model.machines.resolve(input.stateMachineArn);
  if (machine.type !== "EXPRESS") {
    throw new AwsError(
      "StateMachineTypeNotSupported",
      "This operation is not supported by this type of state machine",
    );
  }
  const rec = await begin(model, input);
  await rec.done;
  const out: Record<string, unknown> = {
    executionArn: rec.meta.executionArn,
    stateMachineArn: rec.meta.stateMachineArn,
    name: rec.meta.name,
    startDate: epoch(rec.meta.startDate),
    stopDate: epoch(rec.stopDate ?? Date.now()),
    status: rec.status,
    input: rec.meta.input,
    inputDetails: { included: true },
    billingDetails: {
      billedMemoryUsedInMB: 64,
      billedDurationInMilliseconds: Math.max(
        100,
        Math.ceil(((rec.stopDate ?? Date.now()) - rec.meta.startDate) / 100) * 100,
      ),
    },
  };
  return Object.assign(out, outcome(rec));
};
