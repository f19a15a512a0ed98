// `contabanco deploy`: plan, then create or update everything a stage needs, idempotently.
import type { Command } from "commander";
import type { Clients } from "../../app/clients.js";
import type { Config } from "../../app/config.js";
import type { DeployReport, PlanEntry } from "../../app/deploy/index.js";
import type { ResourceResult } from "../../app/deploy/types.js";
import type { CommandContext } from "../context.js";
import { CliError } from "../errors.js";
import { KIND_LABELS, pastAction, planLine, summaryTable } from "../render/deploy.js";
import { canAnimate } from "../render/progress.js";

export interface DeployCommandOptions {
  dryRun?: boolean;
  semCofre?: boolean;
}

export interface Spinner {
  start(text: string): void;
  succeed(text: string): void;
  fail(text: string): void;
}

/** One ora spinner line per resource on a TTY (stderr); nothing otherwise. */
export async function spinnerFor(
  ctx: CommandContext,
  config: Config,
): Promise<Spinner | undefined> {
  const stream = ctx.io.stderr as NodeJS.WriteStream;
  if (config.quiet || !canAnimate(stream)) return undefined;
  const { default: ora } = await import("ora");
  // Under --no-color or NO_COLOR: no colored frames, and plain ✔/✖ (ora's are colored).
  const colored = ctx.output().errColors.level > 0;
  let current: ReturnType<typeof ora> | undefined;
  return {
    start(text) {
      current = ora({ text, stream, color: colored ? "cyan" : false, discardStdin: false }).start();
    },
    succeed(text) {
      if (colored) current?.succeed(text);
      else current?.stopAndPersist({ symbol: "✔", text });
    },
    fail(text) {
      if (colored) current?.fail(text);
      else current?.stopAndPersist({ symbol: "✖", text });
    },
  };
}

/**
 * Plans and (unless dryRun) applies a deployment, reporting progress on stderr. Returns the report;
 * throws a CliError naming the failed resource. Used by `deploy` and `demo`.
 */
export async function deployWithProgress(
  ctx: CommandContext,
  options: DeployCommandOptions,
  target?: { config: Config; clients: Clients },
): Promise<{ report: DeployReport; plan: PlanEntry[] }> {
  const config = target?.config ?? ctx.config();
  const out = ctx.output();
  const colors = out.errColors;
  const { createDeployContext, planDeploy, applyPlan, planResults, DeployError, ZIP_ENV } =
    await import("../../app/deploy/index.js");
  const { ensureLocalEngine } = await import("../../app/deploy/local-engine.js");
  await ensureLocalEngine(config, { stderr: ctx.io.stderr, env: ctx.io.env });
  const clients = target?.clients ?? (await ctx.clients());
  const zipPath = ctx.io.env[ZIP_ENV] || undefined;
  let deployCtx: Awaited<ReturnType<typeof createDeployContext>>;
  try {
    deployCtx = await createDeployContext(clients, { zipPath, withoutVault: options.semCofre });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const where =
    config.target === "aws"
      ? `AWS ${config.region}`
      : config.target === "local"
        ? "motor local"
        : config.endpoint;
  out.info(`Planejando o estágio ${config.stage} (${where}, conta ${deployCtx.accountId})…`);
  const spinner = await spinnerFor(ctx, config);
  let plan: PlanEntry[];
  try {
    plan = await planDeploy(deployCtx);
  } catch (error) {
    if (error instanceof DeployError) {
      throw new CliError(`${KIND_LABELS[error.tipo]} ${error.nome}: ${error.message}`);
    }
    throw error;
  }
  // With --dry-run the plan is the result (stdout); otherwise it is shown before applying.
  for (const { step, planned } of options.dryRun && !out.json ? [] : plan) {
    out.info(planLine(step.tipo, step.nome, planned.acao, planned.mudancas, colors));
  }
  const report = (resources: ResourceResult[]): DeployReport => ({
    stage: config.stage,
    target: config.target,
    resources,
  });
  if (options.dryRun) return { report: report(planResults(plan)), plan };

  const done: ResourceResult[] = [];
  try {
    await applyPlan(deployCtx, plan, {
      onApplyStart: ({ step, planned }) => {
        const verb =
          planned.acao === "sem mudança"
            ? "Conferindo"
            : planned.acao === "criar"
              ? "Criando"
              : "Atualizando";
        spinner?.start(`${verb} ${KIND_LABELS[step.tipo]} ${step.nome}…`);
      },
      onApplyDone: (result) => {
        done.push(result);
        spinner?.succeed(
          `${KIND_LABELS[result.tipo]} ${result.nome}: ${pastAction(result.tipo, result.acao)}`,
        );
      },
      onApplyFailed: ({ step }) => spinner?.fail(`${KIND_LABELS[step.tipo]} ${step.nome}: falhou`),
    });
  } catch (error) {
    if (error instanceof DeployError) {
      if (out.json)
        out.printJson({
          ...report(done),
          erro: { tipo: error.tipo, nome: error.nome, mensagem: error.message },
        });
      throw new CliError(
        `${KIND_LABELS[error.tipo]} ${error.nome}: ${error.message}\nO que já foi feito fica; rode \`contabanco deploy\` de novo para continuar de onde parou.`,
      );
    }
    throw error;
  }
  return { report: report(done), plan };
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command("deploy")
    .description("cria ou atualiza tudo o que o workflow precisa no estágio (idempotente)")
    .option("--dry-run", "só mostra o plano (criar / atualizar / sem mudança), sem mudar nada")
    .option(
      "--sem-cofre",
      "implanta sem o cofre Glacier e sem a etapa GetVaultAccessPolicy (para contas que não podem criar cofres)",
    )
    .addHelpText(
      "after",
      `
Recursos do estágio: bucket de diretório S3 Express, tabela DynamoDB (índice documento-index),
cofre Glacier com política de retenção, papéis IAM de privilégio mínimo, função Lambda
contaBanco e a máquina de estados (uma versão publicada a cada mudança).

Variáveis de ambiente:
  CONTABANCO_LAMBDA_ZIP  pacote .zip da função (padrão: dist/lambda/contaBanco.zip do npm run build)

Exemplos:
  contabanco deploy --dry-run
  contabanco deploy --stage prod --target aws --region us-east-1
  contabanco deploy --target aws --sem-cofre`,
    )
    .action(
      ctx.action(async (options: DeployCommandOptions) => {
        const out = ctx.output();
        const { report } = await deployWithProgress(ctx, options);
        if (out.json) {
          out.printJson(report);
          return 0;
        }
        out.print(summaryTable(report.resources, out.colors));
        const changed = report.resources.filter((r) => r.acao !== "sem mudança").length;
        if (options.dryRun) {
          out.info(
            changed === 0
              ? "Nada a mudar."
              : `${changed} recurso(s) a criar ou atualizar. Rode sem --dry-run para aplicar.`,
          );
        } else {
          out.info(
            changed === 0
              ? "Nada mudou: tudo já estava implantado."
              : `Pronto: ${changed} recurso(s) criados ou atualizados.`,
          );
        }
        return 0;
      }),
    );
}
