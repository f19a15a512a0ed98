// deploy: plan first (describe every resource: criar / atualizar / sem mudança), then bring each
// resource to the wanted state in dependency order. Every step is describe-then-create, so a run
// that stopped halfway continues where it stopped. SDK clients only: the same code for every target.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { Clients } from "../clients.js";
import { partitionOf, resourceNames } from "../definition.js";
import { bucketStep } from "./bucket.js";
import { awsReason, DeployError, explainCommon } from "./errors.js";
import { functionStep } from "./function.js";
import { lambdaRoleStep, stateMachineRoleStep } from "./roles.js";
import { stateMachineStep } from "./state-machine.js";
import { tableStep } from "./table.js";
import type { DeployContext, Planned, ResourceResult, ResourceStep } from "./types.js";
import { vaultStep } from "./vault.js";

export { DeployError } from "./errors.js";
export type { Action, DeployContext, ResourceKind, ResourceResult } from "./types.js";

/** The zip `npm run build` writes (same relative path from src/app/deploy and dist/app/deploy). */
export const DEFAULT_ZIP_PATH = fileURLToPath(
  new URL("../../../dist/lambda/contaBanco.zip", import.meta.url),
);

/** Environment variable that points deploy at another Lambda package. */
export const ZIP_ENV = "CONTABANCO_LAMBDA_ZIP";

export interface DeployOptions {
  /** Path of the Lambda zip (default: DEFAULT_ZIP_PATH). */
  zipPath?: string;
  /** Deploy without the Glacier vault and the workflow's vault check. */
  withoutVault?: boolean;
  sleep?: (ms: number) => Promise<void>;
}

export interface PlanEntry {
  step: ResourceStep;
  planned: Planned;
}

/** Progress, for spinners: called before and after each resource is applied. */
export interface DeployHooks {
  onPlanned?(entry: PlanEntry): void;
  onApplyStart?(entry: PlanEntry): void;
  onApplyDone?(result: ResourceResult): void;
  onApplyFailed?(entry: PlanEntry, error: DeployError): void;
}

export interface DeployReport {
  stage: string;
  target: string;
  resources: ResourceResult[];
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Reads the zip, or explains how to build it. */
export async function readZip(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === "ENOENT"
        ? `pacote da função não encontrado em ${path}: rode \`npm run build\` (ou aponte ${ZIP_ENV} para um .zip)`
        : `não consegui ler o pacote da função ${path}: ${(error as Error).message}`,
    );
  }
}

/** The account id (STS GetCallerIdentity), the names and the zip of one deployment. */
export async function createDeployContext(
  clients: Clients,
  options: DeployOptions = {},
): Promise<DeployContext> {
  const config = clients.config;
  const names = resourceNames(config.stage, config.region);
  const zip = await readZip(options.zipPath ?? DEFAULT_ZIP_PATH);
  let accountId: string | undefined;
  try {
    const sts = await clients.sts();
    accountId = (await sts.send(new GetCallerIdentityCommand({}))).Account;
  } catch (error) {
    throw new Error(
      `não consegui identificar a conta (STS GetCallerIdentity): ${explainCommon(error, config.target) ?? awsReason(error)}`,
    );
  }
  if (!accountId) throw new Error("STS GetCallerIdentity não devolveu a conta");
  return {
    config,
    clients,
    names,
    accountId,
    partition: partitionOf(config.region),
    zip,
    withoutVault: options.withoutVault === true,
    sleep: options.sleep ?? defaultSleep,
  };
}

/** The resources of a deployment, in the order they are created. */
export function deploySteps(ctx: DeployContext): ResourceStep[] {
  return [
    bucketStep(ctx),
    tableStep(ctx),
    ...(ctx.withoutVault ? [] : [vaultStep(ctx)]),
    lambdaRoleStep(ctx),
    stateMachineRoleStep(ctx),
    functionStep(ctx),
    stateMachineStep(ctx),
  ];
}

function asDeployError(step: ResourceStep, error: unknown, ctx: DeployContext): DeployError {
  if (error instanceof DeployError) return error;
  const reason = explainCommon(error, ctx.config.target) ?? awsReason(error);
  return new DeployError(step.tipo, step.nome, reason);
}

/**
 * Describes every resource and says what deploy would do. Changes nothing. The descriptions are
 * independent, so they run at the same time; a failure is reported for the first resource (in
 * deploy order) that failed.
 */
export async function planDeploy(
  ctx: DeployContext,
  hooks: DeployHooks = {},
): Promise<PlanEntry[]> {
  const steps = deploySteps(ctx);
  const settled = await Promise.allSettled(steps.map((step) => step.plan(ctx)));
  const entries: PlanEntry[] = [];
  settled.forEach((outcome, i) => {
    if (outcome.status === "rejected") throw asDeployError(steps[i], outcome.reason, ctx);
    const entry = { step: steps[i], planned: outcome.value };
    hooks.onPlanned?.(entry);
    entries.push(entry);
  });
  return entries;
}

/** Applies a plan in order; stops at the first failure (a DeployError naming the resource). */
export async function applyPlan(
  ctx: DeployContext,
  plan: PlanEntry[],
  hooks: DeployHooks = {},
): Promise<ResourceResult[]> {
  const results: ResourceResult[] = [];
  for (const entry of plan) {
    const { step, planned } = entry;
    hooks.onApplyStart?.(entry);
    let arn = planned.arn;
    if (planned.acao !== "sem mudança") {
      try {
        arn = await step.apply(ctx, planned);
      } catch (error) {
        const failure = asDeployError(step, error, ctx);
        hooks.onApplyFailed?.(entry, failure);
        throw failure;
      }
    }
    const result: ResourceResult = {
      tipo: step.tipo,
      nome: step.nome,
      arn,
      acao: planned.acao,
      mudancas: planned.mudancas,
    };
    hooks.onApplyDone?.(result);
    results.push(result);
  }
  return results;
}

/** The plan as results (what `--dry-run` reports). */
export function planResults(plan: PlanEntry[]): ResourceResult[] {
  return plan.map(({ step, planned }) => ({
    tipo: step.tipo,
    nome: step.nome,
    arn: planned.arn,
    acao: planned.acao,
    mudancas: planned.mudancas,
  }));
}
