import {
  type HistoryEvent,
  manualClock,
  runExecution,
  StateMachine,
  StatesError,
  type TaskRequest,
  type TaskRunner,
} from "../../src/asl/index.js";

export const CONTEXT = {
  executionArn: "arn:aws:states:us-east-1:123456789012:execution:Maquina:exec-1",
  executionName: "exec-1",
  stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:Maquina",
  stateMachineName: "Maquina",
  roleArn: "arn:aws:iam::123456789012:role/papel",
  startTime: "2026-01-01T00:00:00.000Z",
};

type Fn = (args: unknown, req: TaskRequest) => unknown | Promise<unknown>;

/** A task runner backed by functions keyed by resource ARN; records every call. */
export function functionsRunner(fns: Record<string, Fn>): TaskRunner & { calls: TaskRequest[] } {
  const calls: TaskRequest[] = [];
  return {
    calls,
    async run(req) {
      calls.push(req);
      const fn = fns[req.resource];
      if (fn === undefined)
        throw new StatesError("States.TaskFailed", `no function ${req.resource}`);
      return fn(req.args, req);
    },
  };
}

export async function execute(
  definition: object,
  input: unknown,
  runner: TaskRunner = functionsRunner({}),
  extra: {
    replay?: HistoryEvent[];
    clock?: ReturnType<typeof manualClock>;
    signal?: AbortSignal;
  } = {},
) {
  const machine = StateMachine.compile(definition);
  const events: HistoryEvent[] = [];
  const clock = extra.clock ?? manualClock(Date.parse(CONTEXT.startTime));
  const outcome = await runExecution(machine, {
    input,
    context: CONTEXT,
    runner,
    clock,
    replay: extra.replay,
    signal: extra.signal,
    onEvent: (e) => {
      events.push(e);
    },
  });
  const output = outcome.output === undefined ? undefined : JSON.parse(outcome.output);
  return { outcome, output, events, types: events.map((e) => e.type), clock };
}

export function pick(e: HistoryEvent): [number, number, string] {
  return [e.id, e.previousEventId, e.type];
}
