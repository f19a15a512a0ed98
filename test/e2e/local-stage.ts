// Deploys the `dev` stage on a local engine through the SDK: the table with its documento index,
// the contaBanco function from the built zip, the vault with its policy, the directory bucket and
// the state machine from the shipped definition (or a given one). Used by the e2e tests and by
// bench/cli.ts; `contabanco deploy` would do the same but needs the IAM service, which the local
// engine does not have yet.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { CreateStateMachineCommand, SFNClient } from "@aws-sdk/client-sfn";
import { renderDefinition, resourceNames } from "../../src/app/definition.js";

export const credentials = { accessKeyId: "test", secretAccessKey: "test" };
export const region = "us-east-1";
const defaultRoot = new URL("../..", import.meta.url).pathname;

export interface LocalConfig {
  region: string;
  endpoint: string;
  credentials: typeof credentials;
}

async function waitTableActive(dynamodb: DynamoDBClient, table: string): Promise<void> {
  for (;;) {
    const out = await dynamodb.send(new DescribeTableCommand({ TableName: table }));
    const busy =
      out.Table?.TableStatus !== "ACTIVE" ||
      (out.Table.GlobalSecondaryIndexes ?? []).some((i) => i.IndexStatus !== "ACTIVE");
    if (!busy) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function deployVaultAndBucket(
  config: LocalConfig,
  names: ReturnType<typeof resourceNames>,
): Promise<void> {
  const { GlacierClient, CreateVaultCommand, SetVaultAccessPolicyCommand } = await import(
    "@aws-sdk/client-glacier"
  );
  const glacier = new GlacierClient(config);
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
              Sid: "nega-apagar-arquivos",
              Effect: "Deny",
              Principal: "*",
              Action: "glacier:DeleteArchive",
              Resource: `arn:aws:glacier:${region}:000000000000:vaults/${names.vault}`,
            },
          ],
        }),
      },
    }),
  );
  glacier.destroy();
  const { S3Client, CreateBucketCommand } = await import("@aws-sdk/client-s3");
  const s3 = new S3Client({ ...config, forcePathStyle: true });
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
}

/** Deploys the stage; returns the state machine's ARN. */
export async function deployStage(
  config: LocalConfig,
  definitionOverride?: string,
  /** The repository (for dist/lambda/contaBanco.zip and assets/); bundled callers pass it. */
  root: string = defaultRoot,
): Promise<{ stateMachineArn: string }> {
  const names = resourceNames("dev", config.region);
  const dynamodb = new DynamoDBClient(config);
  const lambda = new LambdaClient(config);
  const sfn = new SFNClient(config);
  try {
    await dynamodb.send(
      new CreateTableCommand({
        TableName: names.table,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [
          { AttributeName: "id", AttributeType: "S" },
          { AttributeName: "documento", AttributeType: "S" },
        ],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        GlobalSecondaryIndexes: [
          {
            IndexName: names.documentoIndex,
            KeySchema: [{ AttributeName: "documento", KeyType: "HASH" }],
            Projection: { ProjectionType: "ALL" },
          },
        ],
      }),
    );
    const fn = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: names.functionName,
        Runtime: "nodejs20.x",
        Handler: "index.handler",
        Role: `arn:aws:iam::000000000000:role/${names.lambdaRole}`,
        Timeout: 10,
        Code: { ZipFile: readFileSync(join(root, "dist", "lambda", "contaBanco.zip")) },
      }),
    );
    await deployVaultAndBucket(config, names);
    await waitTableActive(dynamodb, names.table);
    const definition =
      definitionOverride ??
      renderDefinition(
        {
          BucketName: names.bucket,
          FunctionArn: fn.FunctionArn ?? "",
          TableName: names.table,
          VaultName: names.vault,
        },
        readFileSync(join(root, "assets", "state-machine.asl.json"), "utf8"),
      );
    const machine = await sfn.send(
      new CreateStateMachineCommand({
        name: names.stateMachine,
        definition,
        roleArn: `arn:aws:iam::000000000000:role/${names.sfnRole}`,
      }),
    );
    return { stateMachineArn: machine.stateMachineArn ?? "" };
  } finally {
    dynamodb.destroy();
    lambda.destroy();
    sfn.destroy();
  }
}
