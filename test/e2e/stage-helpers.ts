// Shared by the cadastrar/consultar/executions end-to-end tests: the built CLI run as users run
// it, against a local engine on a free port over a temp CONTABANCO_HOME, with the stage deployed.
//
// The stage is deployed through the SDK here (table with its documento index, function from the
// built zip, vault with its policy, directory bucket, state machine from the shipped definition)
// because `contabanco deploy` needs the IAM service, which the local engine does not have yet.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { CreateStateMachineCommand, ListExecutionsCommand, SFNClient } from "@aws-sdk/client-sfn";
import { expect } from "vitest";
import { renderDefinition, resourceNames } from "../../src/app/definition.js";
import { type RunningServer, startServer } from "../../src/local/server.js";

export const root = new URL("../..", import.meta.url).pathname;
const bin = join(root, "bin", "contabanco.js");
const built = join(root, "dist", "cli", "main.js");
export const credentials = { accessKeyId: "test", secretAccessKey: "test" };
export const region = "us-east-1";

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Builds only when dist is missing or older than src/assets. */
export function buildIfStale(): void {
  let builtAt = 0;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {}
  if (builtAt < Math.max(newest(join(root, "src")), newest(join(root, "assets")))) {
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "pipe" });
  }
}

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Engine {
  server: RunningServer;
  home: string;
  port: number;
  env: Record<string, string>;
  sfn: SFNClient;
  dynamodb: DynamoDBClient;
  stateMachineArn: string;
  /** Runs the built CLI against this engine. */
  cli(args: string[], extraEnv?: Record<string, string>, timeout?: number): Promise<Result>;
  stop(): Promise<void>;
}

export async function runCli(
  args: string[],
  env: Record<string, string>,
  timeout = 60_000,
): Promise<Result> {
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/",
  };
  const result = await new Promise<Result>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: root, env: { ...base, ...env }, timeout, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
  expect(result.stderr).not.toContain("NodeVersionSupportWarning");
  return result;
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

/** An engine with the `dev` stage deployed; `definition` replaces the shipped one if given. */
export async function startStage(options: { definition?: string } = {}): Promise<Engine> {
  buildIfStale();
  const home = mkdtempSync(join(tmpdir(), "contabanco-e2e-"));
  const server = await startServer({ port: 0, home });
  const port = Number(new URL(server.url).port);
  const endpoint = server.url;
  const config = { region, endpoint, credentials };
  const names = resourceNames("dev", region);
  const dynamodb = new DynamoDBClient(config);
  const lambda = new LambdaClient(config);
  const sfn = new SFNClient(config);

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
    options.definition ??
    renderDefinition({
      BucketName: names.bucket,
      FunctionArn: fn.FunctionArn ?? "",
      TableName: names.table,
      VaultName: names.vault,
    });
  const machine = await sfn.send(
    new CreateStateMachineCommand({
      name: names.stateMachine,
      definition,
      roleArn: `arn:aws:iam::000000000000:role/${names.sfnRole}`,
    }),
  );
  lambda.destroy();
  const env = {
    CONTABANCO_HOME: home,
    CONTABANCO_PORT: String(port),
    CONTABANCO_TARGET: "local",
    NO_COLOR: "1",
  };
  return {
    server,
    home,
    port,
    env,
    sfn,
    dynamodb,
    stateMachineArn: machine.stateMachineArn ?? "",
    cli: (args, extraEnv = {}, timeout) => runCli(args, { ...env, ...extraEnv }, timeout),
    async stop() {
      sfn.destroy();
      dynamodb.destroy();
      await server.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

async function deployVaultAndBucket(
  config: { region: string; endpoint: string; credentials: typeof credentials },
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

/** How many executions the stage's state machine has. */
export async function executionCount(engine: Engine): Promise<number> {
  const out = await engine.sfn.send(
    new ListExecutionsCommand({ stateMachineArn: engine.stateMachineArn, maxResults: 1000 }),
  );
  return out.executions?.length ?? 0;
}
