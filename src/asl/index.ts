/** The Amazon States Language interpreter: a library with no I/O of its own. */
export { manualClock, systemClock } from "./clock.js";
export { DefinitionError, StateMachine } from "./definition.js";
export { StatesError, StatesErrors } from "./errors.js";
export { runExecution } from "./run.js";
export type {
  Clock,
  Diagnostic,
  ExecutionContextInfo,
  ExecutionOutcome,
  HistoryEvent,
  QueryLanguage,
  RunOptions,
  TaskRequest,
  TaskRunner,
} from "./types.js";
export { validateDefinition } from "./validate.js";
