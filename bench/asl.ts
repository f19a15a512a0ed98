/**
 * Interpreter throughput: transitions per second of a Pass/Choice loop of 10,000
 * transitions, (a) in JSONPath with States.MathAdd and (b) in JSONata, against (a) on
 * aws-local-stepfunctions in the same process. Prints one JSON line per figure.
 */
import { StateMachine as RefMachine } from "aws-local-stepfunctions";
import { runExecution, StateMachine, type TaskRunner } from "../src/asl/index.js";

const ITERATIONS = 5_000; // two transitions (Pass + Choice) per iteration
const TRANSITIONS = ITERATIONS * 2;
const LIMIT = ITERATIONS + 1; // the counter starts at 1 (FINDINGS: MathAdd fails on 0 there)

const jsonPathLoop = {
  StartAt: "Inc",
  States: {
    Inc: { Type: "Pass", Parameters: { "i.$": "States.MathAdd($.i, 1)" }, Next: "Check" },
    Check: {
      Type: "Choice",
      Choices: [{ Variable: "$.i", NumericLessThan: LIMIT, Next: "Inc" }],
      Default: "Done",
    },
    Done: { Type: "Succeed" },
  },
};

const jsonataLoop = {
  QueryLanguage: "JSONata",
  StartAt: "Inc",
  States: {
    Inc: { Type: "Pass", Output: { i: "{% $states.input.i + 1 %}" }, Next: "Check" },
    Check: {
      Type: "Choice",
      Choices: [{ Condition: `{% $states.input.i < ${LIMIT} %}`, Next: "Inc" }],
      Default: "Done",
    },
    Done: { Type: "Succeed" },
  },
};

const context = {
  executionArn: "arn:aws:states:us-east-1:123456789012:execution:bench:1",
  executionName: "1",
  stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:bench",
  stateMachineName: "bench",
  roleArn: "arn:aws:iam::123456789012:role/bench",
  startTime: new Date().toISOString(),
};
const runner: TaskRunner = { run: async () => null };

async function ours(definition: object): Promise<number> {
  const machine = StateMachine.compile(definition);
  const out = await runExecution(machine, { input: { i: 1 }, context, runner });
  if (out.status !== "SUCCEEDED" || JSON.parse(out.output!).i !== LIMIT) {
    throw new Error(`unexpected outcome ${JSON.stringify(out)}`);
  }
  return out.events;
}

async function reference(): Promise<void> {
  const machine = new RefMachine(jsonPathLoop as never, {
    validationOptions: { checkArn: false, checkPaths: false },
  });
  const out = (await machine.run({ i: 1 }).result) as { i: number };
  if (out.i !== LIMIT) throw new Error(`unexpected reference output ${JSON.stringify(out)}`);
}

/** Best-of-N transitions per second after warm-up. */
async function measure(fn: () => Promise<unknown>, rounds = 7): Promise<number> {
  await fn();
  await fn();
  let best = 0;
  for (let i = 0; i < rounds; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = process.hrtime.bigint();
    await fn();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    best = Math.max(best, TRANSITIONS / s);
  }
  return Math.round(best);
}

const refValue = await measure(reference);
const a = await measure(() => ours(jsonPathLoop));
const b = await measure(() => ours(jsonataLoop));
for (const [name, value] of [
  ["jsonpath", a],
  ["jsonata", b],
] as const) {
  console.log(
    JSON.stringify({
      bench: "asl",
      metric: "transitions/s",
      variant: name,
      value,
      unit: "transitions/s",
      ref: "aws-local-stepfunctions",
      refValue,
      ratio: Math.round((value / refValue) * 100) / 100,
    }),
  );
}
