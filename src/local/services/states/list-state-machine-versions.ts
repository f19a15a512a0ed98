// ListStateMachineVersions: newest first.
import { AwsError } from "../../errors.js";
import type { StatesAction } from "./model.js";
import { epoch, page } from "./wire.js";

export const listStateMachineVersions: StatesAction = async (model, input) => {
  const { machine, version } = model.machines.resolve(input.stateMachineArn);
  if (version) {
    throw new AwsError(
      "ValidationException",
      "Qualified state machine ARNs are not supported by this API",
    );
  }
  const all = [...machine.versions].reverse();
  const { items, nextToken } = page(all, input);
  const out: Record<string, unknown> = {
    stateMachineVersions: items.map((v) => ({
      stateMachineVersionArn: v.arn,
      creationDate: epoch(v.creationDate),
    })),
  };
  if (nextToken) out.nextToken = nextToken;
  return out;
};
