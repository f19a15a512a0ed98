// executions.ts and state-runs.ts over real SDK clients against the local engine: history read
// page by page, naming executions by ARN/name/prefix, listing with filters, and the per-state
// summary of a run with a retried, caught task and a loop.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateStateMachineCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountIdOfExecution,
  ExecutionNotFoundError,
  executionArnOf,
  ForeignExecutionError,
  findStateMachineArn,
  latestEvents,
  latestStateName,
  listExecutions,
  NotDeployedError,
  parseStatus,
  readHistory,
  resolveExecution,
  stateMachineArnOfExecution,
} from "../../src/app/executions.js";
import { waitForExecution } from "../../src/app/register.js";
import { currentState, eventRows, summarizeStates } from "../../src/app/state-runs.js";
import { type RunningServer, startServer } from "../../src/local/server.js";
import { recordCommands } from "../support/sdk.js";

let server: RunningServer;
let home: string;
let sfn: SFNClient;
let machine: string;
let loopArn: string;
let retryArn: string;

/** Loops 40 times through a Choice, then a task on a missing table is retried once and caught. */
const DEFINITION = {
  QueryLanguage: "JSONata",
  StartAt: "Inicio",
  States: {
    Inicio: { Type: "Pass", Assign: { n: 0 }, Next: "Volta" },
    Volta: {
      Type: "Choice",
      Choices: [{ Condition: "{% $n >= $states.input.voltas %}", Next: "Tarefa" }],
      Default: "Conta",
    },
    Conta: { Type: "Pass", Assign: { n: "{% $n + 1 %}" }, Next: "Volta" },
    Tarefa: {
      Type: "Task",
      Resource: "arn:aws:states:::aws-sdk:dynamodb:getItem",
      Arguments: { TableName: "nao-existe", Key: { id: { S: "x" } } },
      Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 1, MaxAttempts: 1 }],
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "Fim" }],
      End: true,
    },
    Fim: { Type: "Succeed" },
  },
};

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), "contabanco-executions-"));
  server = await startServer({ port: 0, home });
  sfn = new SFNClient({
    region: "us-east-1",
    endpoint: server.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  const created = await sfn.send(
    new CreateStateMachineCommand({
      name: "contabanco-t",
      definition: JSON.stringify(DEFINITION),
      roleArn: "arn:aws:iam::000000000000:role/contabanco-t-sfn",
    }),
  );
  machine = created.stateMachineArn ?? "";
  const start = async (name: string, voltas: number) =>
    (
      await sfn.send(
        new StartExecutionCommand({
          stateMachineArn: machine,
          name,
          input: JSON.stringify({ voltas }),
        }),
      )
    ).executionArn ?? "";
  loopArn = await start("341-2545-02366-1-laco", 40);
  retryArn = await start("237-0001-1000-1-tarefa", 0);
  for (const arn of [loopArn, retryArn]) {
    await waitForExecution(sfn, arn, { initialDelayMs: 20, maxDelayMs: 200 });
  }
}, 60_000);

afterAll(async () => {
  sfn?.destroy();
  await server?.close();
  rmSync(home, { recursive: true, force: true });
});

describe("executions", () => {
  it("waitForExecution can wait before its first poll (a batch skips seeing RUNNING)", async () => {
    const calls = recordCommands(sfn);
    const events: string[] = [];
    try {
      const done = await waitForExecution(sfn, loopArn, {
        firstPollAfterMs: 40,
        sleep: async (ms) => {
          events.push(`sleep ${ms} after ${calls.sent.length} calls`);
        },
      });
      expect(done.status).toBe("SUCCEEDED");
      expect(events[0]).toBe("sleep 40 after 0 calls");
      expect(calls.names()).toEqual(["DescribeExecutionCommand"]);
    } finally {
      calls.stop();
    }
  });

  it("names the latest state from the newest events, also when they hold no StateEntered", async () => {
    const newest = await latestEvents(sfn, loopArn, 2);
    expect(newest.map((e) => e.type)).not.toContainEqual(expect.stringMatching(/StateEntered$/));
    const lastExited = (await readHistory(sfn, loopArn))
      .filter((e) => e.type?.endsWith("StateExited"))
      .at(-1)?.stateExitedEventDetails?.name;
    expect(lastExited).toBeDefined();
    expect(latestStateName(newest)).toBe(lastExited);
  });

  it("finds the state machine by name, or says to deploy", async () => {
    expect(await findStateMachineArn(sfn, "contabanco-t")).toBe(machine);
    await expect(findStateMachineArn(sfn, "contabanco-outro")).rejects.toThrow(NotDeployedError);
  });

  it("reads a long history page by page, the same as in one go", async () => {
    const whole = await readHistory(sfn, loopArn);
    const paged = await readHistory(sfn, loopArn, { pageSize: 7 });
    expect(whole.length).toBeGreaterThan(160);
    expect(paged.map((e) => e.id)).toEqual(whole.map((e) => e.id));
    expect(paged.map((e) => e.id)).toEqual(whole.map((_, i) => i + 1));
  });

  it("summarizes each state: loop entries, retried and caught task, succeeded end", async () => {
    const loop = summarizeStates(await readHistory(sfn, loopArn));
    expect(loop.get("Conta")).toMatchObject({ status: "succeeded", entries: 40 });
    expect(loop.get("Volta")).toMatchObject({ status: "succeeded", entries: 41 });
    const retry = summarizeStates(await readHistory(sfn, retryArn));
    expect(retry.get("Tarefa")).toMatchObject({
      status: "caught",
      attempts: 2,
      error: expect.stringMatching(/\.ResourceNotFoundException$/),
    });
    expect(retry.get("Fim")?.status).toBe("succeeded");
    expect(retry.has("Conta")).toBe(false);
    expect(currentState(await readHistory(sfn, retryArn))).toBeUndefined();
    const rows = eventRows(await readHistory(sfn, retryArn));
    expect(rows.filter((r) => r.state === "Tarefa").map((r) => r.event.type)).toContain(
      "TaskFailed",
    );
    expect(rows[0]).toMatchObject({ state: undefined, elapsedMs: 0 });
  });

  it("names an execution by ARN, exact name or unique prefix; ambiguous prefixes list candidates", async () => {
    expect((await resolveExecution(sfn, machine, loopArn)).name).toBe("341-2545-02366-1-laco");
    expect((await resolveExecution(sfn, machine, "237-0001-1000-1-tarefa")).executionArn).toBe(
      retryArn,
    );
    expect((await resolveExecution(sfn, machine, "341")).executionArn).toBe(loopArn);
    const error = await resolveExecution(sfn, machine, "").catch((e) => e);
    expect(error).toBeInstanceOf(ExecutionNotFoundError);
    expect(error.candidates.sort()).toEqual(["237-0001-1000-1-tarefa", "341-2545-02366-1-laco"]);
    await expect(resolveExecution(sfn, machine, "999")).rejects.toThrow(ExecutionNotFoundError);
    await expect(
      resolveExecution(sfn, machine, `${machine.replace("stateMachine", "execution")}:nada`),
    ).rejects.toThrow(ExecutionNotFoundError);
  });

  it("an exact name is one DescribeExecution (no listing); a prefix lists only after it", async () => {
    const calls = recordCommands(sfn);
    try {
      const exact = await resolveExecution(sfn, machine, "341-2545-02366-1-laco");
      expect(exact.executionArn).toBe(loopArn);
      expect(calls.names()).toEqual(["DescribeExecutionCommand"]);
      calls.clear();
      expect((await resolveExecution(sfn, machine, "237-0001")).executionArn).toBe(retryArn);
      expect(calls.names()).toEqual([
        "DescribeExecutionCommand",
        "ListExecutionsCommand",
        "DescribeExecutionCommand",
      ]);
      calls.clear();
      // Not a possible name (a space): straight to the listing.
      await expect(resolveExecution(sfn, machine, "341 2545")).rejects.toThrow(
        ExecutionNotFoundError,
      );
      expect(calls.names()).toEqual(["ListExecutionsCommand"]);
    } finally {
      calls.stop();
    }
  });

  it("builds execution ARNs from the state machine's and back (standard and express)", () => {
    const arn = "arn:aws:states:sa-east-1:123456789012:stateMachine:contabanco-prod";
    expect(executionArnOf(arn, "x-1")).toBe(
      "arn:aws:states:sa-east-1:123456789012:execution:contabanco-prod:x-1",
    );
    expect(executionArnOf(`${arn}:1`, "x-1")).toBeUndefined();
    expect(stateMachineArnOfExecution(executionArnOf(arn, "x-1") ?? "")).toBe(arn);
    expect(
      stateMachineArnOfExecution(
        "arn:aws-cn:states:cn-north-1:123456789012:express:contabanco-prod:x-1:9f0c",
      ),
    ).toBe(arn.replace("arn:aws:", "arn:aws-cn:").replace("sa-east-1", "cn-north-1"));
    expect(stateMachineArnOfExecution(arn)).toBeUndefined();
    expect(stateMachineArnOfExecution("arn:aws:lambda:us-east-1:1:function:f")).toBeUndefined();
  });

  it("refuses an execution ARN of another state machine with a pt-BR error", async () => {
    const other = await sfn.send(
      new CreateStateMachineCommand({
        name: "contabanco-prod",
        definition: JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }),
        roleArn: "arn:aws:iam::000000000000:role/contabanco-prod-sfn",
      }),
    );
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: other.stateMachineArn, name: "de-prod" }),
    );
    const error = await resolveExecution(sfn, machine, started.executionArn ?? "").catch((e) => e);
    expect(error).toBeInstanceOf(ForeignExecutionError);
    expect(error.message).toBe(
      `a execução ${started.executionArn} é da máquina de estados contabanco-prod, não de contabanco-t (a deste estágio); para vê-la, use --stage prod`,
    );
    // Its own state machine finds it.
    const own = await resolveExecution(
      sfn,
      other.stateMachineArn ?? "",
      started.executionArn ?? "",
    );
    expect(own.name).toBe("de-prod");
  });

  it("lists newest first, with status filter and limit", async () => {
    const all = await listExecutions(sfn, machine);
    expect(all.map((e) => e.executionArn)).toEqual([retryArn, loopArn]);
    expect((await listExecutions(sfn, machine, { limit: 1 })).map((e) => e.executionArn)).toEqual([
      retryArn,
    ]);
    expect(await listExecutions(sfn, machine, { status: "FAILED" })).toEqual([]);
  });

  it("parses statuses in AWS and pt-BR words; reads the account id out of a name", () => {
    expect(parseStatus("succeeded")).toBe("SUCCEEDED");
    expect(parseStatus("timed-out")).toBe("TIMED_OUT");
    expect(parseStatus("Falha")).toBe("FAILED");
    expect(parseStatus("em execução")).toBe("RUNNING");
    expect(parseStatus("tempo esgotado")).toBe("TIMED_OUT");
    expect(parseStatus("quase")).toBeUndefined();
    expect(accountIdOfExecution("341-2545-02366-1-mwuhh6ke-a1b2c3d4")).toBe("341-2545-02366-1");
    expect(accountIdOfExecution("001-1234-00012345-X-abc")).toBe("001-1234-00012345-X");
    expect(accountIdOfExecution("qualquer")).toBeUndefined();
  });
});
