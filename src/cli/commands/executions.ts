// `contabanco executions`: the stage's executions newest first, or one execution (ARN, name or a
// unique prefix of the name) drawn as the workflow with each state's status, like the console's
// graph view; --eventos adds the history table, --watch follows it until it ends.
import type { Command } from "commander";
import type { CommandContext } from "../context.js";
import { CliError, UsageError } from "../errors.js";

export interface ExecutionsOptions {
  status?: string;
  limite?: string;
  watch?: boolean;
  eventos?: boolean;
  intervalo?: string;
  mostrarDocumento?: boolean;
}

export const DEFAULT_LIMIT = 20;

function parsePositive(
  flag: string,
  value: string | undefined,
  fallback: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > max) {
    throw new UsageError(`${flag}: use um número inteiro de 1 a ${max} (recebido "${value}")`);
  }
  return n;
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command("executions")
    .alias("execucoes")
    .description(
      "lista as execuções do workflow ou mostra uma delas, desenhada com o estado de cada etapa",
    )
    .argument("[execucao]", "ARN, nome ou começo do nome de uma execução")
    .option(
      "--status <status>",
      "só as execuções neste status: RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED (ou executando, sucesso, falha, tempo-esgotado, abortada)",
    )
    .option("--limite <n>", `quantas execuções listar (padrão: ${DEFAULT_LIMIT})`)
    .option("--eventos", "mostra também a tabela de eventos do histórico")
    .option("--watch", "acompanha a execução até terminar")
    .option("--intervalo <ms>", "intervalo entre atualizações do --watch (padrão: 1000)")
    .option(
      "--mostrar-documento",
      "mostra o CPF/CNPJ completo na entrada e na saída (por padrão vem mascarado)",
    )
    .addHelpText(
      "after",
      `
Exemplos:
  contabanco executions --status FAILED --limite 5
  contabanco executions 341-2545-02366-1 --eventos
  contabanco executions 341-2545 --watch`,
    )
    .action(
      ctx.action(async (ref: string | undefined, options: ExecutionsOptions) => {
        const out = ctx.output();
        const app = await import("../../app/executions.js");
        const { openStage } = await import("../../app/stage.js");
        let status: ReturnType<typeof app.parseStatus>;
        if (options.status !== undefined) {
          status = app.parseStatus(options.status);
          if (!status) {
            throw new UsageError(
              `--status: status desconhecido "${options.status}" (use RUNNING, SUCCEEDED, FAILED, TIMED_OUT ou ABORTED)`,
            );
          }
        }
        const limit = parsePositive("--limite", options.limite, DEFAULT_LIMIT, 1000);
        const interval = parsePositive("--intervalo", options.intervalo, 1000, 60_000);
        if (ref === undefined && (options.watch || options.eventos)) {
          throw new UsageError(
            "--watch e --eventos pedem uma execução (ARN, nome ou começo do nome)",
          );
        }
        if (ref !== undefined && (options.status || options.limite)) {
          throw new UsageError("--status e --limite valem só para a listagem (sem EXECUCAO)");
        }
        const stage = await openStage(await ctx.clients(), ["sfn"]);
        const sfn = await stage.sfn();
        const stateMachineArn = await stage.stateMachineArn();

        if (ref === undefined) {
          const items = await app.listExecutions(sfn, stateMachineArn, { status, limit });
          if (out.json) {
            out.printJson(
              items.map((e) => ({
                nome: e.name,
                execucao: e.executionArn,
                conta: app.accountIdOfExecution(e.name ?? "") ?? null,
                status: e.status,
                inicio: e.startDate?.toISOString() ?? null,
                fim: e.stopDate?.toISOString() ?? null,
              })),
            );
          } else if (items.length === 0) {
            out.info("nenhuma execução encontrada");
          } else {
            const { renderExecutionList } = await import("../render/history.js");
            out.print(renderExecutionList(items, out.colors));
          }
          return 0;
        }

        let execution: Awaited<ReturnType<typeof app.resolveExecution>>;
        try {
          execution = await app.resolveExecution(sfn, stateMachineArn, ref);
        } catch (error) {
          // An ARN of another stage's state machine: the argument does not fit this stage.
          if (error instanceof app.ForeignExecutionError) throw new UsageError(error.message);
          if (error instanceof app.ExecutionNotFoundError) {
            if (error.candidates.length > 0) {
              for (const name of error.candidates) ctx.io.stderr.write(`  ${name}\n`);
              throw new UsageError(error.message);
            }
            throw new CliError(error.message);
          }
          throw error;
        }
        const { showExecution } = await import("./executions-show.js");
        return showExecution(ctx, sfn, execution, { ...options, intervalMs: interval });
      }),
    );
}
