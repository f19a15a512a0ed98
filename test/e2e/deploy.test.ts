// deploy and destroy through the built CLI against the local engine: first deploy creates
// everything, the second changes nothing, a changed Lambda or definition is updated and nothing
// else, --dry-run changes nothing, the IAM policies read back are least privilege, destroy
// refuses a table with records and then removes everything, idempotently.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DescribeTableCommand, DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import {
  DescribeVaultCommand,
  GetVaultAccessPolicyCommand,
  GlacierClient,
} from "@aws-sdk/client-glacier";
import {
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { GetFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { HeadBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import {
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  ListStateMachineVersionsCommand,
  SFNClient,
  UpdateStateMachineCommand,
} from "@aws-sdk/client-sfn";
import { unzipSync, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { resourceNames } from "../../src/app/definition.js";
import { codeSha256 } from "../../src/app/deploy/function.js";
import { ALL_KINDS, actions, type DeployJson, region, root, useEngine } from "./deploy-helpers.js";

const STAGE = "e2e";
const names = resourceNames(STAGE, region);
const ACCOUNT = "000000000000";
const arn = (service: string, resource: string, regional = true) =>
  `arn:aws:${service}:${regional ? region : ""}:${ACCOUNT}:${resource}`;

const engine = useEngine("contabanco-deploy-");
let iam: IAMClient;
let sfn: SFNClient;
let lambda: LambdaClient;
let dynamodb: DynamoDBClient;
let glacier: GlacierClient;
let s3: S3Client;

beforeAll(() => {
  iam = engine.client(IAMClient);
  sfn = engine.client(SFNClient);
  lambda = engine.client(LambdaClient);
  dynamodb = engine.client(DynamoDBClient);
  glacier = engine.client(GlacierClient);
  s3 = engine.client(S3Client, { forcePathStyle: true });
});

const deploy = (extra: string[] = [], env: Record<string, string> = {}) =>
  engine.json<DeployJson>(["--stage", STAGE, "deploy", ...extra], env);

async function stateMachines(): Promise<string[]> {
  const out = await sfn.send(new ListStateMachinesCommand({}));
  return (out.stateMachines ?? []).map((m) => m.name ?? "");
}

async function policyOf(
  roleName: string,
): Promise<{ Statement: { Action: unknown; Resource: unknown; Effect: string }[] }> {
  const out = await iam.send(
    new GetRolePolicyCommand({ RoleName: roleName, PolicyName: "contabanco" }),
  );
  return JSON.parse(decodeURIComponent(out.PolicyDocument ?? ""));
}

describe("deploy", () => {
  it("--dry-run plans to create everything and changes nothing", async () => {
    const plan = await deploy(["--dry-run"]);
    expect(plan.stage).toBe(STAGE);
    expect(plan.target).toBe("local");
    expect(plan.resources.map((r) => r.tipo)).toEqual(ALL_KINDS);
    expect(new Set(plan.resources.map((r) => r.acao))).toEqual(new Set(["criar"]));
    expect(await stateMachines()).not.toContain(names.stateMachine);
    await expect(
      dynamodb.send(new DescribeTableCommand({ TableName: names.table })),
    ).rejects.toThrow(/not found|ResourceNotFound/i);
    await expect(iam.send(new GetRoleCommand({ RoleName: names.sfnRole }))).rejects.toMatchObject({
      name: "NoSuchEntityException",
    });
  });

  it("the first deploy creates every resource", async () => {
    const report = await deploy();
    expect(actions(report)).toEqual(Object.fromEntries(ALL_KINDS.map((k) => [k, "criar"])));
    const byKind = Object.fromEntries(report.resources.map((r) => [r.tipo, r]));
    expect(byKind.tabela.arn).toBe(arn("dynamodb", `table/${names.table}`));
    expect(byKind["maquina-de-estados"].arn).toBe(
      arn("states", `stateMachine:${names.stateMachine}`),
    );

    const table = (await dynamodb.send(new DescribeTableCommand({ TableName: names.table }))).Table;
    expect(table?.TableStatus).toBe("ACTIVE");
    expect(table?.KeySchema).toEqual([{ AttributeName: "id", KeyType: "HASH" }]);
    expect(table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    expect(table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema])).toEqual([
      ["documento-index", [{ AttributeName: "documento", KeyType: "HASH" }]],
    ]);
    await s3.send(new HeadBucketCommand({ Bucket: names.bucket }));
    const vault = await glacier.send(
      new GetVaultAccessPolicyCommand({ accountId: "-", vaultName: names.vault }),
    );
    expect(JSON.parse(vault.policy?.Policy ?? "{}").Statement).toEqual([
      expect.objectContaining({ Effect: "Deny", Principal: "*", Action: "glacier:DeleteArchive" }),
    ]);
    const fn = (await lambda.send(new GetFunctionCommand({ FunctionName: names.functionName })))
      .Configuration;
    expect(fn?.CodeSha256).toBe(codeSha256(readFileSync(join(root, "dist/lambda/contaBanco.zip"))));
    expect(fn?.Role).toBe(arn("iam", `role/${names.lambdaRole}`, false));
    expect(fn?.LastUpdateStatus).toBe("Successful");
    const machine = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: byKind["maquina-de-estados"].arn }),
    );
    expect(machine.roleArn).toBe(arn("iam", `role/${names.sfnRole}`, false));
    expect(machine.definition).toContain(names.table);
  });

  it("the IAM roles read back are least privilege", async () => {
    const sfnPolicy = await policyOf(names.sfnRole);
    expect(sfnPolicy.Statement.map((s) => [s.Effect, s.Action, s.Resource])).toEqual([
      ["Allow", "s3express:CreateSession", arn("s3express", `bucket/${names.bucket}`)],
      [
        "Allow",
        "lambda:InvokeFunction",
        [
          arn("lambda", `function:${names.functionName}`),
          arn("lambda", `function:${names.functionName}:*`),
        ],
      ],
      ["Allow", "dynamodb:UpdateItem", arn("dynamodb", `table/${names.table}`)],
      ["Allow", "glacier:GetVaultAccessPolicy", arn("glacier", `vaults/${names.vault}`)],
    ]);
    const logGroup = arn("logs", `log-group:/aws/lambda/${names.functionName}`);
    const lambdaPolicy = await policyOf(names.lambdaRole);
    expect(lambdaPolicy.Statement.map((s) => [s.Effect, s.Action, s.Resource])).toEqual([
      ["Allow", "logs:CreateLogGroup", `${logGroup}:*`],
      ["Allow", ["logs:CreateLogStream", "logs:PutLogEvents"], `${logGroup}:log-stream:*`],
    ]);
    for (const [role, service] of [
      [names.sfnRole, "states.amazonaws.com"],
      [names.lambdaRole, "lambda.amazonaws.com"],
    ]) {
      const got = await iam.send(new GetRoleCommand({ RoleName: role }));
      expect(JSON.parse(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? ""))).toEqual({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
      });
      const listed = await iam.send(new ListRolePoliciesCommand({ RoleName: role }));
      expect(listed.PolicyNames).toEqual(["contabanco"]);
    }
  });

  it("a second deploy changes nothing and says so", async () => {
    const versions = await sfn.send(
      new ListStateMachineVersionsCommand({
        stateMachineArn: arn("states", `stateMachine:${names.stateMachine}`),
      }),
    );
    const report = await deploy();
    expect(actions(report)).toEqual(Object.fromEntries(ALL_KINDS.map((k) => [k, "sem mudança"])));
    const human = await engine.cli(["--stage", STAGE, "deploy"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("sem mudança");
    expect(human.stdout).not.toMatch(/\bcriar\b|\batualizar\b/);
    expect(human.stderr).toContain("Nada mudou");
    const after = await sfn.send(
      new ListStateMachineVersionsCommand({
        stateMachineArn: arn("states", `stateMachine:${names.stateMachine}`),
      }),
    );
    expect(after.stateMachineVersions?.length).toBe(versions.stateMachineVersions?.length);
  });

  it("a changed Lambda package updates the function and nothing else", async () => {
    const original = unzipSync(readFileSync(join(root, "dist/lambda/contaBanco.zip")));
    const changed = zipSync({ ...original, "LEIAME.txt": new TextEncoder().encode("versão 2") });
    const path = join(engine.home, "contaBanco-v2.zip");
    writeFileSync(path, changed);
    const env = { CONTABANCO_LAMBDA_ZIP: path };

    const plan = await deploy(["--dry-run"], env);
    expect(plan.resources.filter((r) => r.acao !== "sem mudança").map((r) => r.tipo)).toEqual([
      "funcao",
    ]);
    const before = (await lambda.send(new GetFunctionCommand({ FunctionName: names.functionName })))
      .Configuration;
    expect(before?.CodeSha256).not.toBe(codeSha256(Buffer.from(changed)));

    const report = await deploy([], env);
    expect(actions(report)).toEqual({
      ...Object.fromEntries(ALL_KINDS.map((k) => [k, "sem mudança"])),
      funcao: "atualizar",
    });
    expect(report.resources.find((r) => r.tipo === "funcao")?.mudancas).toEqual([
      "código (CodeSha256 diferente do zip)",
    ]);
    const after = (await lambda.send(new GetFunctionCommand({ FunctionName: names.functionName })))
      .Configuration;
    expect(after?.CodeSha256).toBe(codeSha256(Buffer.from(changed)));
    expect(after?.LastUpdateStatus).toBe("Successful");
    expect(actions(await deploy([], env))).toEqual(
      Object.fromEntries(ALL_KINDS.map((k) => [k, "sem mudança"])),
    );
    // Back to the built package: the function is updated again, and only it.
    const back = await deploy();
    expect(back.resources.filter((r) => r.acao !== "sem mudança").map((r) => r.tipo)).toEqual([
      "funcao",
    ]);
  });

  it("a changed definition updates the state machine (publishing a version) and nothing else", async () => {
    const machineArn = arn("states", `stateMachine:${names.stateMachine}`);
    const current = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: machineArn }),
    );
    const drifted = JSON.parse(current.definition ?? "{}");
    drifted.Comment = "alterada à mão";
    await sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn: machineArn,
        definition: JSON.stringify(drifted),
      }),
    );
    const versions = await sfn.send(
      new ListStateMachineVersionsCommand({ stateMachineArn: machineArn }),
    );

    const report = await deploy();
    expect(actions(report)).toEqual({
      ...Object.fromEntries(ALL_KINDS.map((k) => [k, "sem mudança"])),
      "maquina-de-estados": "atualizar",
    });
    expect(report.resources.find((r) => r.tipo === "maquina-de-estados")?.mudancas).toEqual([
      "definição",
    ]);
    const restored = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: machineArn }),
    );
    expect(JSON.parse(restored.definition ?? "{}")).toEqual(JSON.parse(current.definition ?? "{}"));
    const after = await sfn.send(
      new ListStateMachineVersionsCommand({ stateMachineArn: machineArn }),
    );
    expect(after.stateMachineVersions?.length).toBe(
      (versions.stateMachineVersions?.length ?? 0) + 1,
    );
  });

  it("an extra permission added by hand is removed", async () => {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: names.lambdaRole,
        PolicyName: "extra",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }],
        }),
      }),
    );
    const report = await deploy();
    expect(actions(report)["papel-lambda"]).toBe("atualizar");
    expect(report.resources.filter((r) => r.acao !== "sem mudança")).toHaveLength(1);
    const listed = await iam.send(new ListRolePoliciesCommand({ RoleName: names.lambdaRole }));
    expect(listed.PolicyNames).toEqual(["contabanco"]);
  });
});

describe("deploy (configuration drift)", () => {
  it("a changed function configuration is put back without uploading the code", async () => {
    const { UpdateFunctionConfigurationCommand } = await import("@aws-sdk/client-lambda");
    const before = (await lambda.send(new GetFunctionCommand({ FunctionName: names.functionName })))
      .Configuration;
    await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: names.functionName,
        Timeout: 3,
        Environment: { Variables: { CONTABANCO_STAGE: STAGE, EXTRA: "1" } },
      }),
    );
    const report = await deploy();
    expect(report.resources.filter((r) => r.acao !== "sem mudança")).toEqual([
      expect.objectContaining({
        tipo: "funcao",
        acao: "atualizar",
        mudancas: ["timeout: 3s → 10s", "variáveis de ambiente"],
      }),
    ]);
    const after = (await lambda.send(new GetFunctionCommand({ FunctionName: names.functionName })))
      .Configuration;
    expect(after?.Timeout).toBe(10);
    expect(after?.Environment?.Variables).toEqual({ CONTABANCO_STAGE: STAGE });
    expect(after?.CodeSha256).toBe(before?.CodeSha256);
  });
});

describe("destroy", () => {
  it("needs --yes without a terminal (usage error)", async () => {
    const result = await engine.cli(["--stage", STAGE, "destroy"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--yes");
    expect(await stateMachines()).toContain(names.stateMachine);
  });

  it("refuses a table with records and a bucket with objects, and removes nothing", async () => {
    await dynamodb.send(
      new PutItemCommand({
        TableName: names.table,
        Item: { id: { S: "341-2545-02366-1" }, documento: { S: "52998224725" } },
      }),
    );
    await s3.send(
      new PutObjectCommand({ Bucket: names.bucket, Key: "arquivo/teste.txt", Body: "dados" }),
    );
    const result = await engine.cli(["--stage", STAGE, "destroy", "--yes"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`a tabela ${names.table} tem registros`);
    expect(result.stderr).toContain(`o bucket ${names.bucket} tem objetos`);
    expect(result.stderr).toContain("nada foi removido");
    expect(result.stderr).toContain("--apagar-dados");
    expect(await stateMachines()).toContain(names.stateMachine);
    await lambda.send(new GetFunctionCommand({ FunctionName: names.functionName }));
    await dynamodb.send(new DescribeTableCommand({ TableName: names.table }));
  });

  it("with --apagar-dados removes everything, in order; again it is all 'já removido'", async () => {
    const report = await engine.json<DeployJson>([
      "--stage",
      STAGE,
      "destroy",
      "--yes",
      "--apagar-dados",
    ]);
    expect(report.resources.map((r) => [r.tipo, r.acao])).toEqual([
      ["maquina-de-estados", "removido"],
      ["funcao", "removido"],
      ["papel-sfn", "removido"],
      ["papel-lambda", "removido"],
      ["cofre", "removido"],
      ["bucket", "removido"],
      ["tabela", "removido"],
    ]);
    expect(report.resources.find((r) => r.tipo === "bucket")).toMatchObject({
      detalhe: "1 objeto(s) apagado(s)",
    });
    expect(await stateMachines()).not.toContain(names.stateMachine);
    await expect(
      lambda.send(new GetFunctionCommand({ FunctionName: names.functionName })),
    ).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    await expect(
      iam.send(new GetRoleCommand({ RoleName: names.lambdaRole })),
    ).rejects.toMatchObject({
      name: "NoSuchEntityException",
    });
    await expect(
      glacier.send(new DescribeVaultCommand({ accountId: "-", vaultName: names.vault })),
    ).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    await expect(s3.send(new HeadBucketCommand({ Bucket: names.bucket }))).rejects.toBeDefined();

    const again = await engine.json<DeployJson>(["--stage", STAGE, "destroy", "--yes"]);
    expect(new Set(again.resources.map((r) => r.acao))).toEqual(new Set(["já removido"]));
  });
});
