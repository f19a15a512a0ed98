// The shipped workflow run by our States Language interpreter, with the real contaBanco handler
// and a real DynamoDB-compatible store (dynalite over HTTP, through the SDK). S3 CreateSession
// and Glacier GetVaultAccessPolicy answer as AWS does (credentials; a policy or
// ResourceNotFoundException), so the test can see what each state passes on.
import type { Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  lambdaFunctionArn,
  renderDefinition,
  resourceNames,
  substitutionsFor,
} from "../../src/app/definition.js";
import { runExecution, StateMachine, StatesError, type TaskRequest } from "../../src/asl/index.js";
import { handler } from "../../src/lambda/handler.js";

const require = createRequire(import.meta.url);
const dynalite = require("dynalite") as (options: { createTableMs: number }) => Server;

const names = resourceNames("teste", "us-east-1");
const functionArn = lambdaFunctionArn("us-east-1", "000000000000", names.functionName);
const machine = StateMachine.compile(renderDefinition(substitutionsFor(names, functionArn)));

let server: Server;
let dynamodb: DynamoDBClient;

beforeAll(async () => {
  server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  dynamodb = new DynamoDBClient({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  await dynamodb.send(
    new CreateTableCommand({
      TableName: names.table,
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
});

afterAll(async () => {
  dynamodb?.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface World {
  calls: TaskRequest[];
  vaultPolicy: boolean;
  bucket: boolean;
}

function runner(world: World) {
  return {
    async run(req: TaskRequest): Promise<unknown> {
      world.calls.push(req);
      const args = req.args as Record<string, unknown>;
      switch (req.resource) {
        case "arn:aws:states:::aws-sdk:s3:createSession":
          if (!world.bucket) throw new StatesError("S3.NoSuchBucketException", "bucket ausente");
          return {
            Credentials: {
              AccessKeyId: "ASIASESSAO",
              SecretAccessKey: "segredo-da-sessao",
              SessionToken: "token",
              Expiration: "2026-01-01T00:05:00Z",
            },
          };
        case "arn:aws:states:::lambda:invoke":
          try {
            return { StatusCode: 200, Payload: await handler(args.Payload as never) };
          } catch (error) {
            const e = error as Error;
            throw new StatesError(
              e.name,
              JSON.stringify({ errorType: e.name, errorMessage: e.message, trace: [] }),
            );
          }
        case "arn:aws:states:::dynamodb:updateItem":
          try {
            return await dynamodb.send(new UpdateItemCommand(args as never));
          } catch (error) {
            const e = error as Error;
            throw new StatesError(`DynamoDB.${e.name}`, e.message);
          }
        case "arn:aws:states:::aws-sdk:glacier:getVaultAccessPolicy":
          if (!world.vaultPolicy) {
            throw new StatesError("Glacier.ResourceNotFoundException", "Vault policy not found");
          }
          return { Policy: { Policy: "{}" } };
        default:
          throw new StatesError("States.TaskFailed", `unexpected resource ${req.resource}`);
      }
    },
  };
}

let executions = 0;
async function execute(input: unknown, world: Partial<World> = {}) {
  const w: World = { calls: [], vaultPolicy: true, bucket: true, ...world };
  executions += 1;
  const executionArn = `arn:aws:states:us-east-1:000000000000:execution:${names.stateMachine}:e${executions}`;
  const outcome = await runExecution(machine, {
    input,
    runner: runner(w),
    context: {
      executionArn,
      executionName: `e${executions}`,
      stateMachineArn: `arn:aws:states:us-east-1:000000000000:stateMachine:${names.stateMachine}`,
      stateMachineName: names.stateMachine,
      roleArn: "arn:aws:iam::000000000000:role/contabanco-teste-sfn",
      startTime: "2026-03-01T12:00:00.000Z",
    },
  });
  return { outcome, calls: w.calls, executionArn };
}

const conta = {
  titular: "Maria da Silva",
  documento: "529.982.247-25",
  banco: "341",
  agencia: "2545",
  conta: "02366-1",
  tipo: "corrente",
};

describe("the shipped workflow", () => {
  it("registers the account and ends with the record", async () => {
    const { outcome, calls, executionArn } = await execute(conta);
    expect(outcome.status).toBe("SUCCEEDED");
    const record = JSON.parse(outcome.output!);
    expect(record).toMatchObject({
      id: "341-2545-02366-1",
      titular: "Maria da Silva",
      documento: "52998224725",
      banco: "341",
      execucao: executionArn,
      criadoEm: "2026-03-01T12:00:00.000Z",
    });

    // The Lambda got the account, not CreateSession's credentials.
    const invoke = calls.find((c) => c.resource.endsWith("lambda:invoke"))!;
    expect(JSON.stringify(invoke.args)).not.toContain("segredo-da-sessao");
    expect((invoke.args as { FunctionName: string }).FunctionName).toBe(`${functionArn}:$LATEST`);

    // Every attribute of the record is stored.
    const stored = await dynamodb.send(
      new GetItemCommand({ TableName: names.table, Key: { id: { S: record.id } } }),
    );
    const plain = Object.fromEntries(
      Object.entries(stored.Item ?? {}).map(([k, v]) => [k, (v as { S?: string }).S]),
    );
    expect(plain).toEqual(record);
  });

  it("refuses to register the same account twice and overwrites nothing", async () => {
    const again = { ...conta, titular: "Outra Pessoa" };
    const { outcome } = await execute(again);
    expect(outcome.status).toBe("FAILED");
    expect(outcome.error).toBe("ContaJaCadastrada");
    expect(outcome.cause).toContain("341-2545-02366-1");
    const stored = await dynamodb.send(
      new GetItemCommand({ TableName: names.table, Key: { id: { S: "341-2545-02366-1" } } }),
    );
    expect(stored.Item?.titular?.S).toBe("Maria da Silva");
  });

  it("fails with ContaInvalida and the Lambda's pt-BR message", async () => {
    const { outcome, calls } = await execute({ ...conta, documento: "111.111.111-12" });
    expect(outcome.status).toBe("FAILED");
    expect(outcome.error).toBe("ContaInvalida");
    expect(outcome.cause).toMatch(/documento/);
    expect(outcome.cause).not.toContain("errorType");
    expect(calls.some((c) => c.resource.includes("dynamodb"))).toBe(false);
  });

  it("fails with PoliticaDoCofreAusente when the vault has no policy", async () => {
    const { outcome } = await execute({ ...conta, conta: "02367-9" }, { vaultPolicy: false });
    expect(outcome.status).toBe("FAILED");
    expect(outcome.error).toBe("PoliticaDoCofreAusente");
  });

  it("fails with FalhaInesperada naming the step otherwise", async () => {
    const { outcome, calls } = await execute(conta, { bucket: false });
    expect(outcome.status).toBe("FAILED");
    expect(outcome.error).toBe("FalhaInesperada");
    expect(outcome.cause).toBe(
      "Falha inesperada na etapa CreateSession: S3.NoSuchBucketException — bucket ausente",
    );
    expect(calls).toHaveLength(1);
  });
});
