// The real contabanco workflow on a local engine, deployed through the SDK: table (with the
// documento index), directory bucket, vault with its retention policy, the contaBanco function
// from the built zip, and the state machine rendered from assets/. Used by the workflow test and
// by bench/local.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  CreateVaultCommand,
  GlacierClient,
  SetVaultAccessPolicyCommand,
} from "@aws-sdk/client-glacier";
import { CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateStateMachineCommand, SFNClient } from "@aws-sdk/client-sfn";
import {
  type ResourceNames,
  renderDefinition,
  resourceNames,
  substitutionsFor,
} from "../../../src/app/definition.js";

const ACCOUNT = "000000000000";
const credentials = { accessKeyId: "test", secretAccessKey: "test" };
const ROOT = new URL("../../..", import.meta.url).pathname;

export interface DeployedWorkflow {
  names: ResourceNames;
  stateMachineArn: string;
  /** An EXPRESS copy of the same definition. */
  expressArn: string;
  definition: string;
}

export interface DeployOptions {
  stage?: string;
  /** The project root (dist/lambda/contaBanco.zip and assets/ are read from it). */
  root?: string;
}

export async function deployWorkflow(
  url: string,
  opts: DeployOptions = {},
): Promise<DeployedWorkflow> {
  const stage = opts.stage ?? "dev";
  const root = opts.root ?? ROOT;
  const region = "us-east-1";
  const names = resourceNames(stage, region);
  const base = { endpoint: url, region, credentials };

  const ddb = new DynamoDBClient(base);
  await ddb.send(
    new CreateTableCommand({
      TableName: names.table,
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      AttributeDefinitions: [
        { AttributeName: "id", AttributeType: "S" },
        { AttributeName: "documento", AttributeType: "S" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: names.documentoIndex,
          KeySchema: [{ AttributeName: "documento", KeyType: "HASH" }],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    }),
  );
  for (;;) {
    const t = await ddb.send(new DescribeTableCommand({ TableName: names.table }));
    if (t.Table?.TableStatus === "ACTIVE") break;
    await new Promise((r) => setTimeout(r, 20));
  }
  ddb.destroy();

  const s3 = new S3Client({ ...base, forcePathStyle: true });
  await s3.send(
    new CreateBucketCommand({
      Bucket: names.bucket,
      CreateBucketConfiguration: {
        Location: { Type: "AvailabilityZone", Name: names.availabilityZoneId },
        Bucket: { Type: "Directory", DataRedundancy: "SingleAvailabilityZone" },
      },
    }),
  );
  s3.destroy();

  const glacier = new GlacierClient(base);
  await glacier.send(new CreateVaultCommand({ accountId: "-", vaultName: names.vault }));
  await glacier.send(
    new SetVaultAccessPolicyCommand({
      accountId: "-",
      vaultName: names.vault,
      policy: {
        Policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "nega-exclusao",
              Effect: "Deny",
              Principal: "*",
              Action: "glacier:DeleteArchive",
              Resource: `arn:aws:glacier:${region}:${ACCOUNT}:vaults/${names.vault}`,
            },
          ],
        }),
      },
    }),
  );
  glacier.destroy();

  const lambda = new LambdaClient(base);
  const fn = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: names.functionName,
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Timeout: 10,
      MemorySize: 256,
      Role: `arn:aws:iam::${ACCOUNT}:role/${names.lambdaRole}`,
      Code: { ZipFile: readFileSync(join(root, "dist", "lambda", "contaBanco.zip")) },
    }),
  );
  lambda.destroy();

  const definition = renderDefinition(
    substitutionsFor(names, fn.FunctionArn as string),
    readFileSync(join(root, "assets", "state-machine.asl.json"), "utf8"),
  );
  const sfn = new SFNClient(base);
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/${names.sfnRole}`;
  const std = await sfn.send(
    new CreateStateMachineCommand({ name: names.stateMachine, definition, roleArn }),
  );
  const exp = await sfn.send(
    new CreateStateMachineCommand({
      name: `${names.stateMachine}-express`,
      definition,
      roleArn,
      type: "EXPRESS",
    }),
  );
  sfn.destroy();
  return {
    names,
    stateMachineArn: std.stateMachineArn as string,
    expressArn: exp.stateMachineArn as string,
    definition,
  };
}

/** Itaú (341) account check digit: modulo 10 over agency (4) + account (5), weights 2,1,2,1… */
export function itauDigit(agencia: string, conta: string): string {
  const digits = `${agencia}${conta}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const p = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += Math.floor(p / 10) + (p % 10);
  }
  return String((10 - (sum % 10)) % 10);
}

/** The n-th distinct valid account input (Itaú, agency 2545). */
export function account(n: number): Record<string, string> {
  const conta = String(n % 100000).padStart(5, "0");
  return {
    titular: "Maria da Silva",
    documento: "529.982.247-25",
    banco: "341",
    agencia: "2545",
    conta: `${conta}-${itauDigit("2545", conta)}`,
    tipo: "corrente",
  };
}
