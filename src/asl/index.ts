/**
 * The Amazon States Language interpreter: a library with no I/O of its own.
 *
 *   const machine = StateMachine.compile(definition);      // validates; JSONata compiled once
 *   const outcome = await runExecution(machine, {
 *     input, context, runner,                               // runner: Task resources
 *     clock,                                                // systemClock (default) | manualClock()
 *     onEvent: (e) => journal.write(e),                     // each new event, in order; awaited if async
 *     replay: eventsAlreadyPersisted,                       // resume after a crash
 *     signal,                                               // abort({ error, cause }) = StopExecution
 *   });
 *
 * Replay re-runs the definition against the recorded events: they are not emitted again,
 * a task whose TaskSucceeded/TaskFailed/TaskTimedOut is recorded is not run again (its
 * recorded result is used), a state whose exit is recorded keeps its recorded output and
 * variables, and a Wait resumes for the time left. Then the run continues live, numbering
 * new events after the recorded ones.
 */
export { manualClock, systemClock } from "./clock.js";
export { DefinitionError, StateMachine } from "./definition.js";
export { StatesError, StatesErrors } from "./errors.js";
export { runExecution } from "./run.js";
export { describeResource } from "./runtime.js";
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
