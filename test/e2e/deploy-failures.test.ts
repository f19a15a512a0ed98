// deploy's other paths through the built CLI against the local engine: --sem-cofre (no vault, no
// Glacier permission, the workflow still registers), a failing resource that names itself and
// resumes on the next run, a missing package, missing AWS credentials.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DescribeVaultCommand, GlacierClient } from "@aws-sdk/client-glacier";
import { GetRolePolicyCommand, IAMClient } from "@aws-sdk/client-iam";
import {
  DescribeExecutionCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { beforeAll, describe, expect, it } from "vitest";
import { resourceNames } from "../../src/app/definition.js";
import { ALL_KINDS, actions, type DeployJson, region, useEngine } from "./deploy-helpers.js";

const engine = useEngine("contabanco-deploy-");
let iam: IAMClient;
let sfn: SFNClient;
let glacier: GlacierClient;

beforeAll(() => {
  iam = engine.client(IAMClient);
  sfn = engine.client(SFNClient);
  glacier = engine.client(GlacierClient);
});

async function stateMachines(): Promise<string[]> {
  const out = await sfn.send(new ListStateMachinesCommand({}));
  return (out.stateMachines ?? []).map((m) => m.name ?? "");
}

async function policyOf(roleName: string): Promise<unknown> {
  const out = await iam.send(
    new GetRolePolicyCommand({ RoleName: roleName, PolicyName: "contabanco" }),
  );
  return JSON.parse(decodeURIComponent(out.PolicyDocument ?? ""));
}

describe("deploy --sem-cofre", () => {
  const stage = "semcofre";
  const other = resourceNames(stage, region);

  it("deploys without the vault, without Glacier permissions, and the workflow still registers", async () => {
    const report = await engine.json<DeployJson>(["--stage", stage, "deploy", "--sem-cofre"]);
    expect(report.resources.map((r) => r.tipo)).toEqual(ALL_KINDS.filter((k) => k !== "cofre"));
    await expect(
      glacier.send(new DescribeVaultCommand({ accountId: "-", vaultName: other.vault })),
    ).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    expect(JSON.stringify(await policyOf(other.sfnRole))).not.toContain("glacier");
    const machineArn = report.resources.find((r) => r.tipo === "maquina-de-estados")?.arn ?? "";
    const started = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: machineArn,
        input: JSON.stringify({
          titular: "Maria da Silva",
          documento: "529.982.247-25",
          banco: "341",
          agencia: "2545",
          conta: "02366-1",
        }),
      }),
    );
    let status = "RUNNING";
    for (let i = 0; i < 200 && status === "RUNNING"; i++) {
      const out = await sfn.send(
        new DescribeExecutionCommand({ executionArn: started.executionArn }),
      );
      status = out.status ?? "";
      if (status === "RUNNING") await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe("SUCCEEDED");
    expect(
      actions(await engine.json<DeployJson>(["--stage", stage, "deploy", "--sem-cofre"])),
    ).toEqual(
      Object.fromEntries(ALL_KINDS.filter((k) => k !== "cofre").map((k) => [k, "sem mudança"])),
    );
  });
});

describe("deploy failures", () => {
  const stage = "falha";
  const other = resourceNames(stage, region);

  it("a failing resource names itself and AWS's reason; re-running continues where it stopped", async () => {
    const broken = join(engine.home, "quebrado.zip");
    writeFileSync(broken, "isto não é um zip");
    const failed = await engine.cli(["--json", "--stage", stage, "deploy"], {
      CONTABANCO_LAMBDA_ZIP: broken,
    });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`função Lambda ${other.functionName}`);
    expect(failed.stderr).toContain("InvalidParameterValueException");
    expect(failed.stderr).toContain("continuar de onde parou");
    const partial = JSON.parse(failed.stdout);
    expect(partial.erro).toMatchObject({ tipo: "funcao", nome: other.functionName });
    expect(partial.resources.map((r: { tipo: string }) => r.tipo)).toEqual(ALL_KINDS.slice(0, 5));
    expect(await stateMachines()).not.toContain(other.stateMachine);

    const resumed = await engine.json<DeployJson>(["--stage", stage, "deploy"]);
    expect(actions(resumed)).toEqual({
      ...Object.fromEntries(ALL_KINDS.slice(0, 5).map((k) => [k, "sem mudança"])),
      funcao: "criar",
      "maquina-de-estados": "criar",
    });
  });

  it("a missing package says how to build it", async () => {
    const result = await engine.cli(["--stage", stage, "deploy"], {
      CONTABANCO_LAMBDA_ZIP: join(engine.home, "nao-existe.zip"),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("npm run build");
  });

  it("missing AWS credentials are explained (aws configure, AWS_PROFILE)", async () => {
    const result = await engine.cli(["--target", "aws", "deploy", "--dry-run"], {
      CONTABANCO_TARGET: "aws",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_CONFIG_FILE: join(engine.home, "sem-config"),
      AWS_SHARED_CREDENTIALS_FILE: join(engine.home, "sem-credenciais"),
      HOME: engine.home,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("aws configure");
    expect(result.stderr).toContain("AWS_PROFILE");
  });
});
