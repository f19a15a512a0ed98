// ValidateStateMachineDefinition: result OK/FAIL with the interpreter's diagnostics.
import { validateDefinition } from "../../../asl/index.js";
import { machineType } from "./create-state-machine.js";
import type { StatesAction } from "./model.js";
import { requiredString } from "./wire.js";

export const validateStateMachineDefinition: StatesAction = async (_model, input) => {
  const definition = requiredString(input.definition, "definition");
  machineType(input.type);
  const severity = input.severity === "WARNING" ? "WARNING" : "ERROR";
  const max = typeof input.maxResults === "number" && input.maxResults > 0 ? input.maxResults : 100;
  const all = validateDefinition(definition).filter(
    (d) => severity === "WARNING" || d.severity === "ERROR",
  );
  const diagnostics = all.slice(0, max);
  return {
    result: all.some((d) => d.severity === "ERROR") ? "FAIL" : "OK",
    diagnostics,
    truncated: all.length > diagnostics.length,
  };
};
