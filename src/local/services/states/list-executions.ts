// ListExecutions: newest first, statusFilter, paginated. Not for EXPRESS state machines.
import { AwsError } from "../../errors.js";
import { summary } from "./describe-execution.js";
import type { StatesAction } from "./model.js";
import { page } from "./wire.js";

const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"];

export const listExecutions: StatesAction = async (model, input) => {
  // A version ARN lists that version's executions.
  const { machine, version } = model.machines.resolve(input.stateMachineArn);
  if (machine.type === "EXPRESS") {
    throw new AwsError(
      "StateMachineTypeNotSupported",
      "This operation is not supported by this type of state machine",
    );
  }
  const filter = input.statusFilter;
  if (filter !== undefined && !STATUSES.includes(String(filter))) {
    throw new AwsError(
      "ValidationException",
      `1 validation error detected: Value '${String(filter)}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(", ")}]`,
    );
  }
  let all = model.executions.listFor(machine.arn);
  if (version) all = all.filter((r) => r.meta.versionArn === version.arn);
  if (filter !== undefined) all = all.filter((r) => r.status === filter);
  const { items, nextToken } = page(all, input);
  const out: Record<string, unknown> = { executions: items.map(summary) };
  if (nextToken) out.nextToken = nextToken;
  return out;
};
