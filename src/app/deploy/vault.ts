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

export function vaultStep(ctx: DeployContext): ResourceStep {
  const nome = ctx.names.vault;
  const arns = arnsFor(ctx.names, ctx.accountId, ctx.partition);
  const wanted = vaultPolicy(arns);
  return {
    tipo: "cofre",
    nome,
    async plan(c) {
      if (!(await vaultExists(c))) return { acao: "criar", mudancas: [], arn: arns.vault };
      const policy = await currentPolicy(c);
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
          const common = explainCommon(error, c.config.target);
          const closed =
            c.config.target === "aws" &&
            (errorName(error) === "AccessDeniedException" ||
              /new customers|not (available|authorized|enabled)|subscription/i.test(
                (error as Error).message ?? "",
              ));
          if (closed) {
            throw new DeployError("cofre", nome, `${awsReason(error)}. ${GLACIER_CLOSED_HELP}`);
          }
          if (common) throw new DeployError("cofre", nome, common);
          throw error;
        }
      }
      await glacier.send(
        new SetVaultAccessPolicyCommand({
          accountId: ACCOUNT,
          vaultName: nome,
          policy: { Policy: JSON.stringify(wanted) },
        }),
      );
      return arns.vault;
    },
  };
}
