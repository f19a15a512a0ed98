// The DynamoDB table of accounts: partition key `id`, a GSI on `documento`, on-demand billing,
// and point-in-time recovery on AWS.
import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  type TableDescription,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
} from "@aws-sdk/client-dynamodb";
import { DeployError } from "./errors.js";
import { type DeployContext, errorName, type Planned, type ResourceStep } from "./types.js";

export async function describeTable(ctx: DeployContext): Promise<TableDescription | undefined> {
  const dynamodb = await ctx.clients.dynamodb();
  try {
    return (await dynamodb.send(new DescribeTableCommand({ TableName: ctx.names.table }))).Table;
  } catch (error) {
    if (errorName(error) === "ResourceNotFoundException") return undefined;
    throw error;
  }
}

const ATTRIBUTES: AttributeDefinition[] = [
  { AttributeName: "id", AttributeType: "S" },
  { AttributeName: "documento", AttributeType: "S" },
];

function documentoIndex(indexName: string) {
  return {
    IndexName: indexName,
    KeySchema: [{ AttributeName: "documento", KeyType: "HASH" as const }],
    Projection: { ProjectionType: "ALL" as const },
  };
}

async function pointInTimeRecovery(ctx: DeployContext): Promise<boolean> {
  const dynamodb = await ctx.clients.dynamodb();
  const out = await dynamodb.send(
    new DescribeContinuousBackupsCommand({ TableName: ctx.names.table }),
  );
  return (
    out.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus ===
    "ENABLED"
  );
}

/** Waits until the table and every index are ACTIVE (an added GSI starts as CREATING). */
async function waitIndexesActive(ctx: DeployContext): Promise<void> {
  // Polled by hand rather than with waitUntilTableExists: that waiter stops at ACTIVE without
  // looking at the indexes, and its one-second minimum delay is most of a local deploy.
  for (let attempt = 0; attempt < 600; attempt++) {
    const table = await describeTable(ctx);
    const busy =
      table?.TableStatus !== "ACTIVE" ||
      (table.GlobalSecondaryIndexes ?? []).some((i) => i.IndexStatus !== "ACTIVE");
    if (!busy) return;
    await ctx.sleep(ctx.config.target === "aws" ? 5000 : 200);
  }
  throw new DeployError(
    "tabela",
    ctx.names.table,
    "a tabela (ou um índice) não ficou ACTIVE a tempo; rode `contabanco deploy` de novo para continuar esperando.",
  );
}

/**
 * Turns point-in-time recovery on. Right after CreateTable, DynamoDB may answer
 * ContinuousBackupsUnavailableException ("backups are being enabled"): wait and retry.
 */
async function enablePitr(ctx: DeployContext): Promise<void> {
  const dynamodb = await ctx.clients.dynamodb();
  for (let attempt = 1; ; attempt++) {
    try {
      await dynamodb.send(
        new UpdateContinuousBackupsCommand({
          TableName: ctx.names.table,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      );
      return;
    } catch (error) {
      if (errorName(error) !== "ContinuousBackupsUnavailableException" || attempt >= 20) {
        throw error;
      }
      await ctx.sleep(Math.min(1000 * attempt, 10_000));
    }
  }
}

export function tableStep(ctx: DeployContext): ResourceStep {
  const nome = ctx.names.table;
  const indexName = ctx.names.documentoIndex;
  const wantsPitr = ctx.config.target === "aws";
  return {
    tipo: "tabela",
    nome,
    async plan(c): Promise<Planned> {
      const table = await describeTable(c);
      const arn =
        table?.TableArn ??
        `arn:${c.partition}:dynamodb:${c.names.region}:${c.accountId}:table/${nome}`;
      if (!table) return { acao: "criar", mudancas: [], arn };
      const key = table.KeySchema ?? [];
      if (key.length !== 1 || key[0].AttributeName !== "id" || key[0].KeyType !== "HASH") {
        throw new DeployError(
          "tabela",
          nome,
          `a tabela ${nome} existe com outra chave (${key.map((k) => `${k.AttributeName} ${k.KeyType}`).join(", ")}); a chave esperada é "id" (HASH). Remova-a (contabanco destroy) ou use outro estágio.`,
        );
      }
      const mudancas: string[] = [];
      if (!(table.GlobalSecondaryIndexes ?? []).some((i) => i.IndexName === indexName)) {
        mudancas.push(`índice ${indexName} ausente`);
      }
      if (table.BillingModeSummary?.BillingMode !== "PAY_PER_REQUEST") {
        mudancas.push("cobrança: provisionada → sob demanda (PAY_PER_REQUEST)");
      }
      if (wantsPitr && !(await pointInTimeRecovery(c))) {
        mudancas.push("recuperação pontual (PITR): desativada → ativada");
      }
      return { acao: mudancas.length ? "atualizar" : "sem mudança", mudancas, arn };
    },
    async apply(c, planned) {
      const dynamodb = await c.clients.dynamodb();
      if (planned.acao === "criar") {
        try {
          await dynamodb.send(
            new CreateTableCommand({
              TableName: nome,
              AttributeDefinitions: ATTRIBUTES,
              KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
              BillingMode: "PAY_PER_REQUEST",
              GlobalSecondaryIndexes: [documentoIndex(indexName)],
            }),
          );
        } catch (error) {
          // Created by a run that stopped before it was ACTIVE: wait for it.
          if (errorName(error) !== "ResourceInUseException") throw error;
        }
        await waitIndexesActive(c);
      } else {
        const table = await describeTable(c);
        if (table?.BillingModeSummary?.BillingMode !== "PAY_PER_REQUEST") {
          await dynamodb.send(
            new UpdateTableCommand({ TableName: nome, BillingMode: "PAY_PER_REQUEST" }),
          );
          await waitIndexesActive(c);
        }
        if (!(table?.GlobalSecondaryIndexes ?? []).some((i) => i.IndexName === indexName)) {
          await dynamodb.send(
            new UpdateTableCommand({
              TableName: nome,
              AttributeDefinitions: ATTRIBUTES,
              GlobalSecondaryIndexUpdates: [{ Create: documentoIndex(indexName) }],
            }),
          );
          await waitIndexesActive(c);
        }
      }
      if (wantsPitr && !(await pointInTimeRecovery(c))) await enablePitr(c);
      return (await describeTable(c))?.TableArn ?? planned.arn;
    },
  };
}
