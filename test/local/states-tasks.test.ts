// The task runner through real executions: Lambda (lambda:invoke and a function ARN), the
// optimized DynamoDB integration, aws-sdk:glacier and aws-sdk:s3, with Step Functions' shapes and
// error names.
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import {
  CreateVaultCommand,
  GlacierClient,
  SetVaultAccessPolicyCommand,
} from "@aws-sdk/client-glacier";
import { CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import {
  CreateStateMachineCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { beforeAll, describe, expect, it } from "vitest";
import { createIdTable } from "../support/dynamodb.js";
import { useEngine } from "../support/engine.js";
import { zipBase64 } from "./lambda/helpers.js";
import { LOCAL_SFN, ROLE, waitForEnd } from "./states/helpers.js";

const FN_ROLE = "arn:aws:iam::000000000000:role/contabanco-lambda";
const HANDLER = `
exports.handler = async (event) => {
  if (event.falhar) {
    const e = new Error("conta inválida: " + event.falhar);
    e.name = "ContaInvalida";
    throw e;
  }
  return { recebido: event, dobro: (event.n ?? 0) * 2 };
};`;
const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Deny",
      Principal: "*",
      Action: "glacier:DeleteArchive",
      Resource: "arn:aws:glacier:us-east-1:000000000000:vaults/arquivo",
    },
  ],
});

describe("the task runner of the local engine", () => {
  const engine = useEngine();
  let sfn: SFNClient;
  let n = 0;

  async function run(states: Record<string, unknown>, input: unknown = {}) {
    n += 1;
    const definition = JSON.stringify({ QueryLanguage: "JSONata", StartAt: "T", States: states });
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: `m${n}`, definition, roleArn: ROLE }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }),
    );
    const d = await waitForEnd(sfn, executionArn as string);
    const h = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    return { ...d, output: d.output ? JSON.parse(d.output) : undefined, events: h.events ?? [] };
  }

  beforeAll(async () => {
    sfn = engine.client(SFNClient, LOCAL_SFN);
    const lambda = engine.client(LambdaClient);
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "conta",
        Runtime: "nodejs20.x",
        Role: FN_ROLE,
        Handler: "index.handler",
        Code: { ZipFile: Buffer.from(zipBase64({ "index.js": HANDLER }), "base64") },
      }),
    );
    const ddb = engine.client(DynamoDBClient);
    await createIdTable(ddb, "contas");
    const glacier = engine.client(GlacierClient);
    await glacier.send(new CreateVaultCommand({ accountId: "-", vaultName: "arquivo" }));
    await glacier.send(
      new SetVaultAccessPolicyCommand({
        accountId: "-",
        vaultName: "arquivo",
        policy: { Policy: POLICY },
      }),
    );
  });

  it("lambda:invoke returns the Invoke response as Step Functions shapes it", async () => {
    const r = await run(
      {
        T: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Arguments: { FunctionName: "conta", Payload: { n: "{% $states.input.n %}" } },
          End: true,
        },
      },
      { n: 4 },
    );
    expect(r.status).toBe("SUCCEEDED");
    expect(r.output).toMatchObject({
      ExecutedVersion: "$LATEST",
      Payload: { recebido: { n: 4 }, dobro: 8 },
      StatusCode: 200,
      SdkHttpMetadata: { HttpStatusCode: 200 },
    });
    expect(typeof r.output.SdkResponseMetadata.RequestId).toBe("string");
    expect(r.events.map((e) => e.type)).toContain("TaskSucceeded");
  });

  it("a function ARN as Resource returns the payload itself", async () => {
    const r = await run(
      {
        T: {
          Type: "Task",
          Resource: "arn:aws:lambda:us-east-1:000000000000:function:conta",
          End: true,
        },
      },
      { n: 1 },
    );
    expect(r.output).toEqual({ recebido: { n: 1 }, dobro: 2 });
  });

  it("a function error is caught by its errorType with the payload as cause", async () => {
    const r = await run(
      {
        T: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Arguments: { FunctionName: "conta", Payload: "{% $states.input %}" },
          Catch: [
            {
              ErrorEquals: ["ContaInvalida"],
              Next: "Erro",
              Output: "{% $states.errorOutput %}",
            },
          ],
          End: true,
        },
        Erro: { Type: "Pass", End: true },
      },
      { falhar: "123" },
    );
    expect(r.status).toBe("SUCCEEDED");
    expect(r.output.Error).toBe("ContaInvalida");
    const cause = JSON.parse(r.output.Cause);
    expect(cause).toMatchObject({
      errorType: "ContaInvalida",
      errorMessage: "conta inválida: 123",
    });
  });

  it("a missing function fails with Lambda.ResourceNotFoundException", async () => {
    const r = await run({
      T: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Arguments: { FunctionName: "nenhuma" },
        End: true,
      },
    });
    expect(r.status).toBe("FAILED");
    expect(r.error).toBe("Lambda.ResourceNotFoundException");
    expect(r.cause).toMatch(/^Function not found: .*nenhuma .*Status Code: 404/);
  });

  it("the optimized DynamoDB integration writes, reads and names its errors", async () => {
    const put = {
      Type: "Task",
      Resource: "arn:aws:states:::dynamodb:putItem",
      Arguments: {
        TableName: "contas",
        Item: { id: { S: "{% $states.input.id %}" }, n: { N: "1" } },
        ConditionExpression: "attribute_not_exists(id)",
      },
    };
    const r = await run(
      {
        T: { ...put, Next: "Le" },
        Le: {
          Type: "Task",
          Resource: "arn:aws:states:::dynamodb:getItem",
          Arguments: {
            TableName: "contas",
            Key: { id: { S: "{% $states.context.Execution.Input.id %}" } },
          },
          Output: "{% $states.result %}",
          End: true,
        },
      },
      { id: "341-2545-02366-1" },
    );
    expect([r.status, r.error, r.cause]).toEqual(["SUCCEEDED", undefined, undefined]);
    expect(r.output).toEqual({ Item: { id: { S: "341-2545-02366-1" }, n: { N: "1" } } });
    const again = await run({ T: { ...put, End: true } }, { id: "341-2545-02366-1" });
    expect(again.status).toBe("FAILED");
    expect(again.error).toBe("DynamoDB.ConditionalCheckFailedException");
    expect(again.cause).toMatch(/Error Code: ConditionalCheckFailedException/);
    const ddb = engine.client(DynamoDBClient);
    const item = await ddb.send(
      new GetItemCommand({ TableName: "contas", Key: { id: { S: "341-2545-02366-1" } } }),
    );
    expect(item.Item?.n).toEqual({ N: "1" });
  });

  it("aws-sdk:glacier returns the SDK output and names errors <Service>.<Code>", async () => {
    const task = (vault: string) => ({
      Type: "Task",
      Resource: "arn:aws:states:::aws-sdk:glacier:getVaultAccessPolicy",
      Arguments: { AccountId: "-", VaultName: vault },
      End: true,
    });
    const ok = await run({ T: task("arquivo") });
    expect(ok.status).toBe("SUCCEEDED");
    expect(ok.output).toEqual({ Policy: { Policy: POLICY } });
    const missing = await run({ T: task("nenhum") });
    expect(missing.status).toBe("FAILED");
    expect(missing.error).toBe("Glacier.ResourceNotFoundException");
  });

  it("aws-sdk:dynamodb names errors DynamoDb.<Code>", async () => {
    const r = await run({
      T: {
        Type: "Task",
        Resource: "arn:aws:states:::aws-sdk:dynamodb:getItem",
        Arguments: { TableName: "nao-existe", Key: { id: { S: "x" } } },
        End: true,
      },
    });
    expect(r.status).toBe("FAILED");
    expect(r.error).toBe("DynamoDb.ResourceNotFoundException");
  });

  it("aws-sdk:s3:createSession names S3 errors S3.<Code>Exception, caught by a Catch", async () => {
    const states = (bucket: string) => ({
      T: {
        Type: "Task",
        Resource: "arn:aws:states:::aws-sdk:s3:createSession",
        Arguments: { Bucket: bucket },
        Catch: [
          {
            ErrorEquals: ["S3.NoSuchBucketException"],
            Next: "SemBucket",
            Output: "{% $states.errorOutput %}",
          },
        ],
        End: true,
      },
      SemBucket: { Type: "Pass", End: true },
    });
    const missing = await run(states("falta--use1-az4--x-s3"));
    expect(missing.status).toBe("SUCCEEDED");
    expect(missing.output.Error).toBe("S3.NoSuchBucketException");
    expect(missing.output.Cause).toMatch(
      /^The specified bucket does not exist \(Service: S3, Status Code: 404, Request ID: [^)]+\)$/,
    );
    const failed = missing.events.find((e) => e.type === "TaskFailed");
    expect(failed?.taskFailedEventDetails).toMatchObject({
      resource: "createSession",
      resourceType: "aws-sdk:s3",
      error: "S3.NoSuchBucketException",
      cause: missing.output.Cause,
    });
    expect(missing.events.map((e) => e.type)).toContain("PassStateEntered");
    // An existing directory bucket gets its session credentials.
    const s3 = engine.client(S3Client, { forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: "existe--use1-az4--x-s3" }));
    const ok = await run(states("existe--use1-az4--x-s3"));
    expect(ok.status).toBe("SUCCEEDED");
    expect(ok.output.Credentials.AccessKeyId).toMatch(/^ASIA/);
  });

  it("an unsupported resource fails the execution with States.Runtime", async () => {
    const r = await run({
      T: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", End: true },
    });
    expect(r.status).toBe("FAILED");
    expect(r.error).toBe("States.Runtime");
    expect(r.cause).toMatch(/não é suportado pelo motor local/);
  });
});
