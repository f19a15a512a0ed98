// The S3 Glacier vault and its access policy denying glacier:DeleteArchive (retention).
//
// Amazon Glacier (the vault service) stopped accepting new customers on 2025-12-15 (Amazon
// Glacier developer guide, banner on every page); existing customers keep using it. An account
// that cannot create vaults deploys with --sem-cofre: no vault, no vault check in the workflow.
import {
  CreateVaultCommand,
  DescribeVaultCommand,
  GetVaultAccessPolicyCommand,
  SetVaultAccessPolicyCommand,
} from "@aws-sdk/client-glacier";
import { awsReason, DeployError, explainCommon } from "./errors.js";
import { arnsFor, parsePolicy, samePolicy, vaultPolicy } from "./policies.js";
import { type DeployContext, errorName, type ResourceStep } from "./types.js";

/** "-" is the caller's account (Glacier API reference, common parameters). */
const ACCOUNT = "-";

export async function vaultExists(ctx: DeployContext): Promise<boolean> {
  const glacier = await ctx.clients.glacier();
  try {
    await glacier.send(
      new DescribeVaultCommand({ accountId: ACCOUNT, vaultName: ctx.names.vault }),
    );
    return true;
  } catch (error) {
    if (errorName(error) === "ResourceNotFoundException") return false;
    throw error;
  }
}

async function currentPolicy(ctx: DeployContext): Promise<unknown> {
  const glacier = await ctx.clients.glacier();
  try {
    const out = await glacier.send(
      new GetVaultAccessPolicyCommand({ accountId: ACCOUNT, vaultName: ctx.names.vault }),
    );
    return parsePolicy(out.policy?.Policy);
  } catch (error) {
    if (errorName(error) === "ResourceNotFoundException") return undefined;
    throw error;
  }
}

export const GLACIER_CLOSED_HELP =
  "o Amazon Glacier (cofres) não aceita novos clientes desde 15/12/2025 — contas que nunca usaram cofres não conseguem criá-los. " +
  "Siga sem o cofre: `contabanco deploy --sem-cofre` implanta o workflow sem a etapa GetVaultAccessPolicy (a tabela, a função e a máquina de estados continuam iguais). " +
  "Para retenção de longo prazo, use as classes de armazenamento S3 Glacier num bucket S3.";

/**
 * On AWS, a Glacier call refused for any reason other than credentials or the network most likely
 * means the account cannot use vaults (closed to new customers): say so and offer --sem-cofre.
 */
export function glacierFailure(error: unknown, ctx: DeployContext, nome: string): DeployError {
  if (error instanceof DeployError) return error;
  const common = explainCommon(error, ctx.config.target);
  const name = errorName(error);
  const credentials = common !== undefined && !name.startsWith("AccessDenied");
  if (ctx.config.target === "aws" && !credentials) {
    return new DeployError("cofre", nome, `${awsReason(error)}. ${GLACIER_CLOSED_HELP}`, name);
  }
  return new DeployError("cofre", nome, common ?? awsReason(error), name);
}

export function vaultStep(ctx: DeployContext): ResourceStep {
  const nome = ctx.names.vault;
  const arns = arnsFor(ctx.names, ctx.accountId, ctx.partition);
  const wanted = vaultPolicy(arns);
  return {
    tipo: "cofre",
    nome,
    async plan(c) {
      let exists: boolean;
      let policy: unknown;
      try {
        exists = await vaultExists(c);
        policy = exists ? await currentPolicy(c) : undefined;
      } catch (error) {
        throw glacierFailure(error, c, nome);
      }
      if (!exists) return { acao: "criar", mudancas: [], arn: arns.vault };
      if (policy === undefined) {
        return { acao: "atualizar", mudancas: ["política de retenção ausente"], arn: arns.vault };
      }
      if (!samePolicy(policy, wanted)) {
        return { acao: "atualizar", mudancas: ["política de retenção diferente"], arn: arns.vault };
      }
      return { acao: "sem mudança", mudancas: [], arn: arns.vault };
    },
    async apply(c, planned) {
      const glacier = await c.clients.glacier();
      if (planned.acao === "criar") {
        try {
          await glacier.send(new CreateVaultCommand({ accountId: ACCOUNT, vaultName: nome }));
        } catch (error) {
          throw glacierFailure(error, c, nome);
        }
      }
      try {
        await glacier.send(
          new SetVaultAccessPolicyCommand({
            accountId: ACCOUNT,
            vaultName: nome,
            policy: { Policy: JSON.stringify(wanted) },
          }),
        );
      } catch (error) {
        throw glacierFailure(error, c, nome);
      }
      return arns.vault;
    },
  };
}
