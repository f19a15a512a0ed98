/**
 * The shipped workflow (assets/state-machine.asl.json) through the interpreter, with a
 * task runner standing in for S3, Lambda, DynamoDB and Glacier.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { StatesError, type TaskRequest } from "../../src/asl/index.js";
import { CONTEXT, execute, functionsRunner } from "./helpers.js";

const raw = readFileSync(new URL("../../assets/state-machine.asl.json", import.meta.url), "utf8");
const values: Record<string, string> = {
  BucketName: "contabanco-dev--use1-az4--x-s3",
  FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:contaBanco",
  TableName: "contabanco-dev-contas",
  VaultName: "contabanco-dev-arquivo",
};
// The deploy-time substitution placeholders (`$` + `{Name}`), filled as deploy does.
const definition = JSON.parse(raw.replace(/\$\{(\w+)\}/g, (m, name: string) => values[name] ?? m));

const conta = {
  titular: "Ana",
  documento: "52998224725",
  banco: "341",
  agencia: "2545",
  conta: "02366-1",
};
const registro = { id: "341-2545-02366-1", ...conta, bancoNome: "Itaú", tipo: "corrente" };

function services(
  over: Partial<Record<string, (args: unknown, req: TaskRequest) => unknown>> = {},
) {
  return functionsRunner({
    "arn:aws:states:::aws-sdk:s3:createSession": () => ({
      Credentials: { SessionToken: "segredo" },
    }),
    "arn:aws:states:::lambda:invoke": (args) => ({
      StatusCode: 200,
      Payload: { ...registro, recebido: args },
    }),
    "arn:aws:states:::dynamodb:updateItem": () => ({}),
    "arn:aws:states:::aws-sdk:glacier:getVaultAccessPolicy": () => ({ Policy: { Policy: "{}" } }),
    ...over,
  } as Record<string, (args: unknown, req: TaskRequest) => unknown>);
}

describe("the contabanco workflow on the interpreter", () => {
  it("registers: the Lambda gets the account (not the S3 session) and the output is the record", async () => {
    const runner = services();
    const r = await execute(definition, conta, runner);
    expect(r.outcome.status).toBe("SUCCEEDED");
    const lambda = runner.calls.find((c) => c.resource === "arn:aws:states:::lambda:invoke")!;
    expect(lambda.args).toEqual({
      FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:contaBanco:$LATEST",
      Payload: {
        ...conta,
        execucao: expect.stringContaining(":execution:"),
        criadoEm: expect.any(String),
      },
    });
    const update = runner.calls.find((c) => c.resource === "arn:aws:states:::dynamodb:updateItem")!;
    expect(update.args).toMatchObject({
      TableName: "contabanco-dev-contas",
      Key: { id: { S: registro.id } },
      ConditionExpression: "attribute_not_exists(id) OR #execucao = :execucao",
      ExpressionAttributeValues: expect.objectContaining({
        ":execucao": { S: CONTEXT.executionArn },
      }),
    });
    expect((r.output as { id: string }).id).toBe(registro.id);
    expect(r.types.filter((t) => t === "TaskScheduled")).toHaveLength(4);
  });

  it("an invalid account fails with ContaInvalida and the Lambda's message", async () => {
    const runner = services({
      "arn:aws:states:::lambda:invoke": () => {
        throw new StatesError(
          "ContaInvalida",
          JSON.stringify({ errorMessage: "documento: CPF inválido", errorType: "ContaInvalida" }),
        );
      },
    });
    const r = await execute(definition, conta, runner);
    expect(r.outcome).toMatchObject({
      status: "FAILED",
      error: "ContaInvalida",
      cause: "documento: CPF inválido",
    });
  });

  it("an account already registered fails with ContaJaCadastrada", async () => {
    const runner = services({
      "arn:aws:states:::dynamodb:updateItem": () => {
        throw new StatesError(
          "DynamoDB.ConditionalCheckFailedException",
          "The conditional request failed",
        );
      },
    });
    const r = await execute(definition, conta, runner);
    expect(r.outcome.error).toBe("ContaJaCadastrada");
    expect(r.outcome.cause).toContain(registro.id);
  });

  it("Lambda service errors are retried (IntervalSeconds 1, MaxAttempts 3, FULL jitter)", async () => {
    let n = 0;
    const runner = services({
      "arn:aws:states:::lambda:invoke": () => {
        if (n++ < 2) throw new StatesError("Lambda.ServiceException", "indisponível");
        return { StatusCode: 200, Payload: registro };
      },
    });
    const r = await execute(definition, conta, runner);
    expect(r.outcome.status).toBe("SUCCEEDED");
    expect(
      runner.calls
        .filter((c) => c.resource === "arn:aws:states:::lambda:invoke")
        .map((c) => c.attempt),
    ).toEqual([0, 1, 2]);
  });
});
