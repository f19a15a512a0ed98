// destroy: removes what deploy created for a stage, in reverse dependency order — state machine,
// function, roles (inline policies first), vault policy and vault, bucket, table. Idempotent: a
// missing resource is "já removido". Data is never lost by accident: a table that holds records or
// a bucket that holds objects is refused (before anything is removed) unless `deleteData` is set;
// with it the bucket is emptied first and the table is deleted with its records.
import { DeleteTableCommand, DescribeTableCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import {
  DeleteVaultAccessPolicyCommand,
  DeleteVaultCommand,
  DescribeVaultCommand,
} from "@aws-sdk/client-glacier";
import {
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  ListRolePoliciesCommand,
} from "@aws-sdk/client-iam";
import { DeleteFunctionCommand } from "@aws-sdk/client-lambda";
import {
  DeleteBucketCommand,
  DeleteObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
} from "@aws-sdk/client-s3";
import { DeleteStateMachineCommand, DescribeStateMachineCommand } from "@aws-sdk/client-sfn";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { Clients } from "./clients.js";
import { partitionOf, type ResourceNames, resourceNames } from "./definition.js";
import { awsReason, DeployError, explainCommon } from "./deploy/errors.js";
import { arnsFor } from "./deploy/policies.js";
import { errorName, httpStatus, type ResourceKind } from "./deploy/types.js";

export type DestroyAction = "removido" | "já removido" | "ignorado";

export interface DestroyResult {
  tipo: ResourceKind;
  nome: string;
  acao: DestroyAction;
  /** Why it was ignored, or what was deleted along with it (pt-BR). */
  detalhe?: string;
}

export interface DestroyOptions {
  /** Also delete the table's records and the bucket's objects. */
  deleteData?: boolean;
  onStart?(tipo: ResourceKind, nome: string): void;
  onDone?(result: DestroyResult): void;
}

/** Refused before anything was removed: the stage holds data and deleteData was not set. */
export class DataPresentError extends Error {
  override name = "DataPresentError";
}

const GONE = new Set([
  "ResourceNotFoundException",
  "StateMachineDoesNotExist",
  "NoSuchEntity",
  "NoSuchEntityException",
  "NoSuchBucket",
  "NotFound",
]);

function isGone(error: unknown): boolean {
  return GONE.has(errorName(error)) || httpStatus(error) === 404;
}

/** Whether the table has at least one record (Scan with Limit 1; the table may be gone). */
export async function tableHasRecords(clients: Clients, table: string): Promise<boolean> {
  const dynamodb = await clients.dynamodb();
  try {
    const out = await dynamodb.send(new ScanCommand({ TableName: table, Limit: 1 }));
    return (out.Count ?? 0) > 0;
  } catch (error) {
    if (isGone(error)) return false;
    throw error;
  }
}

async function bucketKeys(clients: Clients, bucket: string, max?: number): Promise<string[]> {
  const s3 = await clients.s3();
  const keys: string[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token, MaxKeys: max }),
      );
      keys.push(...(page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])));
      token = page.IsTruncated && !max ? page.NextContinuationToken : undefined;
    } while (token);
  } catch (error) {
    if (isGone(error)) return [];
    throw error;
  }
  return keys;
}

interface Step {
  tipo: ResourceKind;
  nome: string;
  /** Returns false when there was nothing to remove. */
  run(): Promise<boolean | DestroyResult>;
}

function steps(
  clients: Clients,
  names: ResourceNames,
  arns: ReturnType<typeof arnsFor>,
  options: DestroyOptions,
): Step[] {
  const role = (tipo: ResourceKind, roleName: string): Step => ({
    tipo,
    nome: roleName,
    async run() {
      const iam = await clients.iam();
      try {
        await iam.send(new GetRoleCommand({ RoleName: roleName }));
      } catch (error) {
        if (isGone(error)) return false;
        throw error;
      }
      const listed = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }));
      for (const policyName of listed.PolicyNames ?? []) {
        await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
      }
      await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
      return true;
    },
  });
  return [
    {
      tipo: "maquina-de-estados",
      nome: names.stateMachine,
      async run() {
        const sfn = await clients.sfn();
        try {
          await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arns.stateMachine }));
        } catch (error) {
          if (isGone(error)) return false;
          throw error;
        }
        await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arns.stateMachine }));
        return true;
      },
    },
    {
      tipo: "funcao",
      nome: names.functionName,
      async run() {
        const lambda = await clients.lambda();
        try {
          await lambda.send(new DeleteFunctionCommand({ FunctionName: names.functionName }));
          return true;
        } catch (error) {
          if (isGone(error)) return false;
          throw error;
        }
      },
    },
    role("papel-sfn", names.sfnRole),
    role("papel-lambda", names.lambdaRole),
    {
      tipo: "cofre",
      nome: names.vault,
      async run() {
        const glacier = await clients.glacier();
        const vault = { accountId: "-", vaultName: names.vault };
        try {
          await glacier.send(new DescribeVaultCommand(vault));
        } catch (error) {
          if (isGone(error)) return false;
          // An account without Glacier (deployed with --sem-cofre) has no vault to remove.
          if (clients.config.target === "aws" && errorName(error) === "AccessDeniedException") {
            return {
              tipo: "cofre",
              nome: names.vault,
              acao: "ignorado",
              detalhe: "sem acesso ao Glacier",
            };
          }
          throw error;
        }
        try {
          await glacier.send(new DeleteVaultAccessPolicyCommand(vault));
        } catch (error) {
          if (!isGone(error)) throw error;
        }
        await glacier.send(new DeleteVaultCommand(vault));
        return true;
      },
    },
    {
      tipo: "bucket",
      nome: names.bucket,
      async run() {
        const s3 = await clients.s3();
        try {
          await s3.send(new HeadBucketCommand({ Bucket: names.bucket }));
        } catch (error) {
          if (isGone(error)) return false;
          throw error;
        }
        const keys = options.deleteData ? await bucketKeys(clients, names.bucket) : [];
        for (const key of keys) {
          await s3.send(new DeleteObjectCommand({ Bucket: names.bucket, Key: key }));
        }
        await s3.send(new DeleteBucketCommand({ Bucket: names.bucket }));
        return keys.length
          ? {
              tipo: "bucket",
              nome: names.bucket,
              acao: "removido",
              detalhe: `${keys.length} objeto(s) apagado(s)`,
            }
          : true;
      },
    },
    {
      tipo: "tabela",
      nome: names.table,
      async run() {
        const dynamodb = await clients.dynamodb();
        try {
          await dynamodb.send(new DescribeTableCommand({ TableName: names.table }));
        } catch (error) {
          if (isGone(error)) return false;
          throw error;
        }
        // Checked again here: records may have arrived since the check before removing anything.
        if (!options.deleteData && (await tableHasRecords(clients, names.table))) {
          throw new DataPresentError(
            `a tabela ${names.table} tem registros; nada dela foi apagado. Use --apagar-dados para apagá-la com os registros.`,
          );
        }
        await dynamodb.send(new DeleteTableCommand({ TableName: names.table }));
        return true;
      },
    },
  ];
}

/**
 * Removes everything deploy created for the config's stage. Throws DataPresentError (before any
 * removal) when the table has records or the bucket has objects and deleteData is not set, and a
 * DeployError naming the resource when AWS refuses.
 */
export async function destroyStage(
  clients: Clients,
  options: DestroyOptions = {},
): Promise<DestroyResult[]> {
  const config = clients.config;
  const names = resourceNames(config.stage, config.region);
  let accountId: string | undefined;
  try {
    accountId = (await (await clients.sts()).send(new GetCallerIdentityCommand({}))).Account;
  } catch (error) {
    throw new Error(
      `não consegui identificar a conta (STS GetCallerIdentity): ${explainCommon(error, config.target) ?? awsReason(error)}`,
    );
  }
  const arns = arnsFor(names, accountId ?? "", partitionOf(config.region));

  if (!options.deleteData) {
    const refusals: string[] = [];
    if (await tableHasRecords(clients, names.table))
      refusals.push(`a tabela ${names.table} tem registros`);
    if ((await bucketKeys(clients, names.bucket, 1)).length > 0) {
      refusals.push(`o bucket ${names.bucket} tem objetos`);
    }
    if (refusals.length) {
      throw new DataPresentError(
        `${refusals.join(" e ")}; nada foi removido. Para remover o estágio com os dados, use --apagar-dados (não há como desfazer).`,
      );
    }
  }

  const results: DestroyResult[] = [];
  for (const step of steps(clients, names, arns, options)) {
    options.onStart?.(step.tipo, step.nome);
    let outcome: boolean | DestroyResult;
    try {
      outcome = await step.run();
    } catch (error) {
      if (error instanceof DataPresentError) throw error;
      throw new DeployError(
        step.tipo,
        step.nome,
        explainCommon(error, config.target) ?? awsReason(error),
      );
    }
    const result: DestroyResult =
      typeof outcome === "object"
        ? outcome
        : { tipo: step.tipo, nome: step.nome, acao: outcome ? "removido" : "já removido" };
    options.onDone?.(result);
    results.push(result);
  }
  return results;
}
