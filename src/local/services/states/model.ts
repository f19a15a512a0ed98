// The state of one engine's Step Functions service, handed to every action.
import type { LocalRequest } from "../../types.js";
import type { ExecutionRegistry } from "./executions.js";
import type { MachineRegistry } from "./machines.js";

export interface StatesModel {
  machines: MachineRegistry;
  executions: ExecutionRegistry;
  region: string;
  account: string;
}

export type StatesInput = Record<string, unknown>;

/** One Step Functions action: JSON input in, JSON output out (in-process callable). */
export type StatesAction = (
  model: StatesModel,
  input: StatesInput,
  req?: LocalRequest,
) => Promise<Record<string, unknown>>;
