// The state machine, from the rendered definition. Created with a first published version;
// updated (and a new version published) only when the definition or the role changed.
import {
  CreateStateMachineCommand,
  DescribeStateMachineCommand,
  type DescribeStateMachineOutput,
  UpdateStateMachineCommand,
} from "@aws-sdk/client-sfn";
import { renderDefinition, substitutionsFor } from "../definition.js";
import { arnsFor } from "./policies.js";
import { retryRoleNotReady } from "./retry.js";
import {
  canonical,
  type DeployContext,
  errorName,
  type Planned,
  type ResourceStep,
} from "./types.js";

interface StateDef {
  Type?: string;
  StartAt?: string;
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Branches?: { StartAt: string }[];
  [key: string]: unknown;
}

const VAULT_STATE = "GetVaultAccessPolicy";
const VAULT_FAIL = "PoliticaDoCofreAusente";

/**
 * The definition without the vault check (deploy --sem-cofre): the Parallel keeps only its other
 * branches, and the catcher and Fail state that only the vault check could reach go too (Step
 * Functions rejects unreachable states).
 */
export function withoutVaultCheck(definition: string): string {
  const parsed = JSON.parse(definition) as { States: Record<string, StateDef> };
  for (const state of Object.values(parsed.States)) {
    if (state.Type !== "Parallel" || !state.Branches) continue;
    state.Branches = state.Branches.filter((branch) => branch.StartAt !== VAULT_STATE);
    if (state.Catch) {
      state.Catch = state.Catch.filter((c) => c.Next !== VAULT_FAIL);
      if (state.Catch.length === 0) delete state.Catch;
    }
  }
  delete parsed.States[VAULT_FAIL];
  return JSON.stringify(parsed, null, 2);
}

/** The definition this deployment wants. */
export function wantedDefinition(ctx: DeployContext): string {
  const arns = arnsFor(ctx.names, ctx.accountId, ctx.partition);
  const rendered = renderDefinition(substitutionsFor(ctx.names, arns.functionArn));
  return ctx.withoutVault ? withoutVaultCheck(rendered) : rendered;
}

export async function describeStateMachine(
  ctx: DeployContext,
): Promise<DescribeStateMachineOutput | undefined> {
  const sfn = await ctx.clients.sfn();
  const arn = arnsFor(ctx.names, ctx.accountId, ctx.partition).stateMachine;
  try {
    return await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
  } catch (error) {
    if (errorName(error) === "StateMachineDoesNotExist") return undefined;
    throw error;
  }
}

function sameDefinition(a: string | undefined, b: string): boolean {
  if (!a) return false;
  try {
    return canonical(JSON.parse(a)) === canonical(JSON.parse(b));
  } catch {
    return false;
  }
}

export function stateMachineStep(ctx: DeployContext): ResourceStep {
  const nome = ctx.names.stateMachine;
  const arns = arnsFor(ctx.names, ctx.accountId, ctx.partition);
  const definition = wantedDefinition(ctx);
  const versionDescription = `contabanco deploy (${ctx.names.stage})`;
  return {
    tipo: "maquina-de-estados",
    nome,
    async plan(c): Promise<Planned> {
      const current = await describeStateMachine(c);
      if (!current) return { acao: "criar", mudancas: [], arn: arns.stateMachine };
      const mudancas: string[] = [];
      if (!sameDefinition(current.definition, definition)) mudancas.push("definição");
      if (current.roleArn !== arns.sfnRole) mudancas.push("papel");
      return {
        acao: mudancas.length ? "atualizar" : "sem mudança",
        mudancas,
        arn: current.stateMachineArn ?? arns.stateMachine,
      };
    },
    async apply(c, planned) {
      const sfn = await c.clients.sfn();
      if (planned.acao === "criar") {
        const out = await retryRoleNotReady(
          () =>
            sfn.send(
              new CreateStateMachineCommand({
                name: nome,
                definition,
                roleArn: arns.sfnRole,
                type: "STANDARD",
                publish: true,
                versionDescription,
              }),
            ),
          c.sleep,
        );
        return out.stateMachineArn ?? planned.arn;
      }
      await retryRoleNotReady(
        () =>
          sfn.send(
            new UpdateStateMachineCommand({
              stateMachineArn: planned.arn,
              definition,
              roleArn: arns.sfnRole,
              publish: true,
              versionDescription,
            }),
          ),
        c.sleep,
      );
      return planned.arn;
    },
  };
}
