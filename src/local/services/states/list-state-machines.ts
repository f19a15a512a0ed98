// ListStateMachines: name order, paginated.
import type { StatesAction } from "./model.js";
import { epoch, page } from "./wire.js";

export const listStateMachines: StatesAction = async (model, input) => {
  const { items, nextToken } = page(model.machines.list(), input);
  const out: Record<string, unknown> = {
    stateMachines: items.map((m) => ({
      stateMachineArn: m.arn,
      name: m.name,
      type: m.type,
      creationDate: epoch(m.creationDate),
    })),
  };
  if (nextToken) out.nextToken = nextToken;
  return out;
};
