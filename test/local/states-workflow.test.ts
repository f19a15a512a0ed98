// The real contabanco workflow (assets/ definition rendered by src/app/definition.ts) end to end
// on the local engine: S3 CreateSession → contaBanco Lambda → DynamoDB UpdateItem ‖ Glacier
// GetVaultAccessPolicy, and its pt-BR failure paths.
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import {
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
} from "@aws-sdk/client-sfn";
import { beforeAll, describe, expect, it } from "vitest";
import { account, itauDigit } from "../support/accounts.js";
import { buildIfStale } from "../support/build.js";
import { useEngine } from "../support/engine.js";
import { type DeployedWorkflow, deployWorkflow } from "../support/stage.js";
import { LOCAL_SFN, waitForEnd } from "./states/helpers.js";

describe("the contabanco workflow on the local engine", () => {
  const engine = useEngine();
  let sfn: SFNClient;
  let wf: DeployedWorkflow;
  beforeAll(async () => {
    buildIfStale();
    sfn = engine.client(SFNClient, LOCAL_SFN);
    wf = await deployWorkflow(engine.url);
  }, 120_000);

  it("checks the Itaú digit helper against the known case", () => {
    expect(itauDigit("2545", "02366")).toBe("1");
  });

  it("registers an account: every step runs and the record lands in DynamoDB", async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: wf.stateMachineArn,
        name: "cadastro-1",
        input: JSON.stringify(account(2366)),
      }),
    );
    const d = await waitForEnd(sfn, executionArn as string);
    expect([d.status, d.error, d.cause]).toEqual(["SUCCEEDED", undefined, undefined]);
    const record = JSON.parse(d.output as string);
    expect(record).toMatchObject({
      id: "341-2545-02366-1",
      banco: "341",
      bancoNome: "ITAÚ UNIBANCO S.A.",
      titular: "Maria da Silva",
      execucao: executionArn,
    });
    const h = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    const scheduled = (h.events ?? [])
      .filter((e) => e.type === "TaskScheduled")
      .map((e) => e.taskScheduledEventDetails?.resource);
    expect(scheduled.sort()).toEqual([
      "createSession",
      "getVaultAccessPolicy",
      "invoke",
      "updateItem",
    ]);
    const ddb = engine.client(DynamoDBClient);
    const item = await ddb.send(
      new GetItemCommand({ TableName: wf.names.table, Key: { id: { S: record.id } } }),
    );
    expect(item.Item?.execucao).toEqual({ S: executionArn });
    expect(item.Item?.documento).toEqual({ S: record.documento });
  });

  it("fails with ContaJaCadastrada for an account already registered", async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: wf.stateMachineArn,
        input: JSON.stringify(account(2366)),
      }),
    );
    const d = await waitForEnd(sfn, executionArn as string);
    expect(d.status).toBe("FAILED");
    expect(d.error).toBe("ContaJaCadastrada");
    expect(d.cause).toContain("341-2545-02366-1");
  });

  it("fails with ContaInvalida and the Lambda's pt-BR message for an invalid account", async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: wf.stateMachineArn,
        input: JSON.stringify({ ...account(7), documento: "111.111.111-11" }),
      }),
    );
    const d = await waitForEnd(sfn, executionArn as string);
    expect(d.status).toBe("FAILED");
    expect(d.error).toBe("ContaInvalida");
    expect(d.cause).toMatch(/^Conta inválida: documento/);
  });

  it("runs synchronously on an EXPRESS copy", async () => {
    const r = await sfn.send(
      new StartSyncExecutionCommand({
        stateMachineArn: wf.expressArn,
        input: JSON.stringify(account(12345)),
      }),
    );
    expect([r.status, r.error]).toEqual(["SUCCEEDED", undefined]);
    expect(JSON.parse(r.output as string).id).toBe(`341-2545-12345-${itauDigit("2545", "12345")}`);
  });
});
