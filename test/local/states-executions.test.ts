// Step Functions executions on the local engine through the SDK v3 client.
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidExecutionInput,
  InvalidName,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StateMachineDoesNotExist,
  StateMachineTypeNotSupported,
  StopExecutionCommand,
} from "@aws-sdk/client-sfn";
import { beforeAll, describe, expect, it } from "vitest";
import { useEngine } from "../support/engine.js";
import { LOCAL_SFN, passMachine, ROLE, waitForEnd, waitMachine } from "./states/helpers.js";

describe("Step Functions executions on the local engine", () => {
  const engine = useEngine();
  let sfn: SFNClient;
  let pass: string;
  let wait: string;
  let express: string;
  beforeAll(async () => {
    sfn = engine.client(SFNClient, LOCAL_SFN);
    const create = async (name: string, definition: string, type?: "EXPRESS") =>
      (await sfn.send(new CreateStateMachineCommand({ name, definition, roleArn: ROLE, type })))
        .stateMachineArn as string;
    pass = await create("dobro", passMachine);
    wait = await create("espera", waitMachine);
    express = await create("expressa", passMachine, "EXPRESS");
  });

  it("runs an execution to SUCCEEDED with its output and history", async () => {
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: pass, name: "um", input: '{"valor":21}' }),
    );
    expect(started.executionArn).toBe("arn:aws:states:us-east-1:000000000000:execution:dobro:um");
    expect(started.startDate).toBeInstanceOf(Date);
    const d = await waitForEnd(sfn, started.executionArn as string);
    expect(d).toMatchObject({
      status: "SUCCEEDED",
      name: "um",
      stateMachineArn: pass,
      input: '{"valor":21}',
      output: '{"valor":42}',
      inputDetails: { included: true },
      outputDetails: { included: true },
    });
    expect(d.startDate?.getTime()).toBe(started.startDate?.getTime());
    expect(d.stopDate?.getTime()).toBeGreaterThanOrEqual(d.startDate?.getTime() ?? 0);
    const h = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: started.executionArn }),
    );
    expect(h.events?.map((e) => e.type)).toEqual([
      "ExecutionStarted",
      "PassStateEntered",
      "PassStateExited",
      "ExecutionSucceeded",
    ]);
    expect(h.events?.[0].timestamp).toBeInstanceOf(Date);
    expect(h.events?.[0].executionStartedEventDetails).toMatchObject({
      input: '{"valor":21}',
      roleArn: ROLE,
    });
    const rev = await sfn.send(
      new GetExecutionHistoryCommand({
        executionArn: started.executionArn,
        reverseOrder: true,
        maxResults: 2,
        includeExecutionData: false,
      }),
    );
    expect(rev.events?.map((e) => e.id)).toEqual([4, 3]);
    expect(rev.events?.[0].executionSucceededEventDetails?.output).toBeUndefined();
    const rest = await sfn.send(
      new GetExecutionHistoryCommand({
        executionArn: started.executionArn,
        reverseOrder: true,
        maxResults: 2,
        nextToken: rev.nextToken,
      }),
    );
    expect(rest.events?.map((e) => e.id)).toEqual([2, 1]);
    expect(rest.nextToken).toBeUndefined();
    const forExec = await sfn.send(
      new DescribeStateMachineForExecutionCommand({ executionArn: started.executionArn }),
    );
    expect(forExec).toMatchObject({ name: "dobro", definition: passMachine, roleArn: ROLE });
  });

  it("is idempotent by name while running, as AWS defines it", async () => {
    const input = { stateMachineArn: wait, name: "longa", input: '{"segundos":600}' };
    const a = await sfn.send(new StartExecutionCommand(input));
    const b = await sfn.send(new StartExecutionCommand(input));
    expect(b.executionArn).toBe(a.executionArn);
    expect(b.startDate?.getTime()).toBe(a.startDate?.getTime());
    await expect(
      sfn.send(new StartExecutionCommand({ ...input, input: '{"segundos":1}' })),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    const stopped = await sfn.send(
      new StopExecutionCommand({
        executionArn: a.executionArn,
        error: "Cancelado",
        cause: "teste",
      }),
    );
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn: a.executionArn }));
    expect(d.status).toBe("ABORTED");
    const h = await sfn.send(new GetExecutionHistoryCommand({ executionArn: a.executionArn }));
    const last = h.events?.at(-1);
    expect(last?.type).toBe("ExecutionAborted");
    expect(last?.executionAbortedEventDetails).toEqual({ error: "Cancelado", cause: "teste" });
    // A closed execution's name cannot be reused, even with the same input.
    await expect(sfn.send(new StartExecutionCommand(input))).rejects.toBeInstanceOf(
      ExecutionAlreadyExists,
    );
  });

  it("names executions with a UUID when no name is given and refuses bad input", async () => {
    const s = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: pass, input: '{"valor":1}' }),
    );
    expect(s.executionArn).toMatch(/:execution:dobro:[0-9a-f-]{36}$/);
    const err = await sfn
      .send(new StartExecutionCommand({ stateMachineArn: pass, input: "{nao json" }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(InvalidExecutionInput);
    expect(err.message).toMatch(/^Invalid State Machine Execution Input: '/);
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: pass, name: "a/b" })),
    ).rejects.toBeInstanceOf(InvalidName);
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: `${pass}x` })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(
      sfn.send(
        new DescribeExecutionCommand({
          executionArn: "arn:aws:states:us-east-1:000000000000:execution:dobro:nenhuma",
        }),
      ),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    // A failing execution: the input has no number to double.
    const f = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: pass, input: '{"valor":"x"}' }),
    );
    const d = await waitForEnd(sfn, f.executionArn as string);
    expect(d.status).toBe("FAILED");
    expect(d.error).toBe("States.QueryEvaluationError");
  });

  it("lists executions newest first, filtered by status, paginated", async () => {
    const all = await sfn.send(new ListExecutionsCommand({ stateMachineArn: pass }));
    const names = all.executions?.map((e) => e.name) ?? [];
    expect(names.length).toBe(3);
    expect(names[names.length - 1]).toBe("um");
    const dates = all.executions?.map((e) => e.startDate?.getTime() ?? 0) ?? [];
    expect([...dates].sort((x, y) => y - x)).toEqual(dates);
    const failed = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: pass, statusFilter: "FAILED" }),
    );
    expect(failed.executions?.map((e) => e.status)).toEqual(["FAILED"]);
    const p1 = await sfn.send(new ListExecutionsCommand({ stateMachineArn: pass, maxResults: 2 }));
    expect(p1.executions?.length).toBe(2);
    const p2 = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: pass, maxResults: 2, nextToken: p1.nextToken }),
    );
    expect(p2.executions?.map((e) => e.name)).toEqual(["um"]);
    await expect(
      sfn.send(new ListExecutionsCommand({ stateMachineArn: express })),
    ).rejects.toBeInstanceOf(StateMachineTypeNotSupported);
  });

  it("runs EXPRESS state machines synchronously", async () => {
    const r = await sfn.send(
      new StartSyncExecutionCommand({ stateMachineArn: express, input: '{"valor":5}' }),
    );
    expect(r).toMatchObject({ status: "SUCCEEDED", output: '{"valor":10}', input: '{"valor":5}' });
    expect(r.executionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:express:expressa:/);
    expect(r.billingDetails?.billedDurationInMilliseconds).toBeGreaterThanOrEqual(100);
    const f = await sfn.send(
      new StartSyncExecutionCommand({ stateMachineArn: express, input: '{"valor":"x"}' }),
    );
    expect(f.status).toBe("FAILED");
    expect(f.error).toBe("States.QueryEvaluationError");
    await expect(
      sfn.send(new StartSyncExecutionCommand({ stateMachineArn: pass })),
    ).rejects.toBeInstanceOf(StateMachineTypeNotSupported);
  });

  it("runs a published version and lists its executions by version ARN", async () => {
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: "versao",
        definition: passMachine,
        roleArn: ROLE,
        publish: true,
      }),
    );
    const versionArn = created.stateMachineVersionArn as string;
    const s = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: versionArn, input: '{"valor":3}' }),
    );
    expect(s.executionArn).toMatch(/:execution:versao:/);
    const d = await waitForEnd(sfn, s.executionArn as string);
    expect(d).toMatchObject({
      status: "SUCCEEDED",
      output: '{"valor":6}',
      stateMachineArn: created.stateMachineArn,
      stateMachineVersionArn: versionArn,
    });
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: versionArn }));
    expect(listed.executions?.map((e) => e.executionArn)).toEqual([s.executionArn]);
  });

  it("keeps finished executions and their histories across restarts", async () => {
    await engine.restart();
    sfn = engine.client(SFNClient, LOCAL_SFN);
    const arn = "arn:aws:states:us-east-1:000000000000:execution:dobro:um";
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    expect(d).toMatchObject({ status: "SUCCEEDED", output: '{"valor":42}' });
    const h = await sfn.send(new GetExecutionHistoryCommand({ executionArn: arn }));
    expect(h.events?.length).toBe(4);
  });
});
