// The AWS CLI as an independent client of the Step Functions API: create-state-machine,
// describe-state-machine, start-execution, describe-execution, get-execution-history, and errors.
import { describe, expect, it } from "vitest";
import { awsCli, awsCliEnv } from "../support/aws-cli.js";
import { useEngine } from "../support/engine.js";

const ROLE = "arn:aws:iam::000000000000:role/contabanco-sfn";
const DEFINITION = JSON.stringify({
  QueryLanguage: "JSONata",
  StartAt: "Soma",
  States: { Soma: { Type: "Pass", Output: "{% { 'total': $sum($states.input.v) } %}", End: true } },
});

describe("the AWS CLI against the local Step Functions API", () => {
  const engine = useEngine();

  const env = awsCliEnv(engine.home);
  // biome-ignore lint/suspicious/noExplicitAny: the AWS CLI's JSON output
  async function aws(...args: string[]): Promise<{ code: number; out: any; stderr: string }> {
    const r = await awsCli(engine.url, ["stepfunctions", ...args], env);
    return {
      code: r.code,
      out: r.stdout.trim() ? JSON.parse(r.stdout) : undefined,
      stderr: r.stderr,
    };
  }

  it("creates a state machine, runs an execution and reads its history", async () => {
    const created = await aws(
      "create-state-machine",
      "--name",
      "soma",
      "--role-arn",
      ROLE,
      "--definition",
      DEFINITION,
    );
    expect(created.stderr).toBe("");
    const arn = created.out.stateMachineArn;
    expect(arn).toBe("arn:aws:states:us-east-1:000000000000:stateMachine:soma");
    expect(created.out.creationDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const machine = await aws("describe-state-machine", "--state-machine-arn", arn);
    expect(machine.stderr).toBe("");
    expect(machine.out).toMatchObject({
      stateMachineArn: arn,
      name: "soma",
      status: "ACTIVE",
      definition: DEFINITION,
      roleArn: ROLE,
      type: "STANDARD",
      loggingConfiguration: { level: "OFF", includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    });
    expect(machine.out.creationDate).toBe(created.out.creationDate);

    const started = await aws(
      "start-execution",
      "--state-machine-arn",
      arn,
      "--name",
      "primeira",
      "--input",
      '{"v":[1,2,3]}',
    );
    const executionArn = started.out.executionArn;
    expect(executionArn).toBe("arn:aws:states:us-east-1:000000000000:execution:soma:primeira");

    let described = await aws("describe-execution", "--execution-arn", executionArn);
    while (described.out.status === "RUNNING") {
      described = await aws("describe-execution", "--execution-arn", executionArn);
    }
    expect(described.out).toMatchObject({
      status: "SUCCEEDED",
      name: "primeira",
      input: '{"v":[1,2,3]}',
      output: '{"total":6}',
    });

    const history = await aws("get-execution-history", "--execution-arn", executionArn);
    expect(history.out.events.map((e: { type: string }) => e.type)).toEqual([
      "ExecutionStarted",
      "PassStateEntered",
      "PassStateExited",
      "ExecutionSucceeded",
    ]);
    expect(history.out.events[3].executionSucceededEventDetails.output).toBe('{"total":6}');
  });

  it("reports AWS's error code for a missing execution", async () => {
    const r = await aws(
      "describe-execution",
      "--execution-arn",
      "arn:aws:states:us-east-1:000000000000:execution:soma:nenhuma",
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("(ExecutionDoesNotExist)");
  });

  it("reports AWS's error code for a missing state machine", async () => {
    const r = await aws(
      "describe-state-machine",
      "--state-machine-arn",
      "arn:aws:states:us-east-1:000000000000:stateMachine:nenhuma",
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("(StateMachineDoesNotExist)");
  });
});
