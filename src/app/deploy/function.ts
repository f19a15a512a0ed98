// The contaBanco Lambda, from the bundled zip. The code is uploaded only when its SHA-256
// (base64, as Lambda reports CodeSha256) differs; the configuration is updated only when a field
// differs. Each change is awaited with the SDK waiters until LastUpdateStatus is Successful.
import { createHash } from "node:crypto";
import {
  CreateFunctionCommand,
  type FunctionConfiguration,
  GetFunctionCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from "@aws-sdk/client-lambda";
import { arnsFor } from "./policies.js";
import { retryRoleNotReady } from "./retry.js";
import { type DeployContext, errorName, type Planned, type ResourceStep } from "./types.js";

/**
 * nodejs22.x: nodejs20.x was deprecated on 2026-04-30 and Lambda then blocks creating and updating
 * functions on a deprecated runtime (Lambda developer guide, "Runtime deprecation"); Node.js 22 is
 * supported until 2027-04-30. The bundle targets Node 20 syntax, which Node 22 runs.
 */
export const FUNCTION_SETTINGS = {
  Runtime: "nodejs22.x",
  Handler: "index.handler",
  Timeout: 10,
  MemorySize: 256,
} as const;

/** The zip's SHA-256 in base64, the form of Lambda's CodeSha256. */
export function codeSha256(zip: Buffer): string {
  return createHash("sha256").update(zip).digest("base64");
}

export function functionEnvironment(ctx: DeployContext): Record<string, string> {
  return { CONTABANCO_STAGE: ctx.names.stage };
}

export async function getFunction(ctx: DeployContext): Promise<FunctionConfiguration | undefined> {
  const lambda = await ctx.clients.lambda();
  try {
    return (await lambda.send(new GetFunctionCommand({ FunctionName: ctx.names.functionName })))
      .Configuration;
  } catch (error) {
    if (errorName(error) === "ResourceNotFoundException") return undefined;
    throw error;
  }
}

function sameMap(a: Record<string, string> = {}, b: Record<string, string> = {}): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

/** What differs in the configuration (pt-BR labels). */
function configChanges(ctx: DeployContext, current: FunctionConfiguration, roleArn: string) {
  const changes: string[] = [];
  const want = FUNCTION_SETTINGS;
  if (current.Runtime !== want.Runtime)
    changes.push(`runtime: ${current.Runtime} → ${want.Runtime}`);
  if (current.Handler !== want.Handler)
    changes.push(`handler: ${current.Handler} → ${want.Handler}`);
  if (current.Timeout !== want.Timeout)
    changes.push(`timeout: ${current.Timeout}s → ${want.Timeout}s`);
  if (current.MemorySize !== want.MemorySize) {
    changes.push(`memória: ${current.MemorySize} MB → ${want.MemorySize} MB`);
  }
  if (!sameMap(current.Environment?.Variables, functionEnvironment(ctx))) {
    changes.push("variáveis de ambiente");
  }
  if (current.Role !== roleArn) changes.push("papel de execução");
  return changes;
}

export function functionStep(ctx: DeployContext): ResourceStep {
  const nome = ctx.names.functionName;
  const arns = arnsFor(ctx.names, ctx.accountId, ctx.partition);
  const sha = codeSha256(ctx.zip);
  const waiterTimes = (c: DeployContext) => ({
    maxWaitTime: 300,
    minDelay: 1,
    maxDelay: c.config.target === "aws" ? 5 : 1,
  });
  return {
    tipo: "funcao",
    nome,
    async plan(c): Promise<Planned> {
      const current = await getFunction(c);
      if (!current) return { acao: "criar", mudancas: [], arn: arns.functionArn };
      const mudancas: string[] = [];
      if (current.CodeSha256 !== sha) mudancas.push("código (CodeSha256 diferente do zip)");
      mudancas.push(...configChanges(c, current, arns.lambdaRole));
      return {
        acao: mudancas.length ? "atualizar" : "sem mudança",
        mudancas,
        arn: current.FunctionArn ?? arns.functionArn,
      };
    },
    async apply(c, planned) {
      const lambda = await c.clients.lambda();
      const target = { client: lambda, ...waiterTimes(c) };
      const input = { FunctionName: nome };
      if (planned.acao === "criar") {
        const out = await retryRoleNotReady(
          () =>
            lambda.send(
              new CreateFunctionCommand({
                FunctionName: nome,
                Description: "contabanco: valida e normaliza uma conta bancária brasileira",
                Role: arns.lambdaRole,
                Code: { ZipFile: c.zip },
                Environment: { Variables: functionEnvironment(c) },
                ...FUNCTION_SETTINGS,
              }),
            ),
          c.sleep,
        );
        await waitUntilFunctionActiveV2(target, input);
        return out.FunctionArn ?? planned.arn;
      }
      const current = await getFunction(c);
      if (current && current.CodeSha256 !== sha) {
        await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: nome, ZipFile: c.zip }));
        await waitUntilFunctionUpdatedV2(target, input);
      }
      if (current && configChanges(c, current, arns.lambdaRole).length > 0) {
        await retryRoleNotReady(
          () =>
            lambda.send(
              new UpdateFunctionConfigurationCommand({
                FunctionName: nome,
                Role: arns.lambdaRole,
                Environment: { Variables: functionEnvironment(c) },
                ...FUNCTION_SETTINGS,
              }),
            ),
          c.sleep,
        );
        await waitUntilFunctionUpdatedV2(target, input);
      }
      return planned.arn;
    },
  };
}
