// `contabanco destroy`: removes what deploy created for the stage (asks first on a TTY).
import type { Command } from "commander";
import type { DestroyResult } from "../../app/destroy.js";
import type { CommandContext } from "../context.js";
import { CliError, UsageError } from "../errors.js";
import { colorAction, destroyedLabel, KIND_LABELS } from "../render/deploy.js";
import { renderTable } from "../render/table.js";
import { spinnerFor } from "./deploy.js";

interface DestroyCommandOptions {
  yes?: boolean;
  apagarDados?: boolean;
}

/** Asks a yes/no question on the terminal (pt-BR: s/sim; also y/yes). Anything else is "no". */
export async function confirmed(ctx: CommandContext, question: string): Promise<boolean> {
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({
    input: ctx.io.stdin,
    output: ctx.io.stderr as NodeJS.WritableStream,
    terminal: true,
  });
  const abort = new AbortController();
  rl.on("SIGINT", () => abort.abort());
  try {
    const answer = await rl.question(`${question} (s/N) `, { signal: abort.signal });
    return /^(s|sim|y|yes)$/i.test(answer.trim());
  } catch {
    // Ctrl+C or closed input: "no".
    return false;
  } finally {
    rl.close();
  }
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command("destroy")
    .description("remove tudo o que o deploy criou no estágio")
    .option("-y, --yes", "não pergunta (obrigatório fora de um terminal)")
    .option(
      "--apagar-dados",
      "apaga também os registros da tabela e os objetos do bucket (sem isso, um estágio com dados não é removido)",
    )
    .addHelpText(
      "after",
      `
Ordem: máquina de estados, função, papéis IAM (políticas primeiro), cofre (política e cofre),
bucket e tabela. Recursos que já não existem aparecem como "já removido".
Sem --apagar-dados, uma tabela com registros ou um bucket com objetos faz o destroy recusar
antes de remover qualquer coisa.

Exemplos:
  contabanco destroy
  contabanco destroy --stage teste --yes
  contabanco destroy --yes --apagar-dados`,
    )
    .action(
      ctx.action(async (options: DestroyCommandOptions) => {
        const config = ctx.config();
        const out = ctx.output();
        const where =
          config.target === "aws"
            ? `na AWS (${config.region})`
            : config.target === "local"
              ? "no motor local"
              : `em ${config.endpoint}`;
        if (!options.yes) {
          if (!ctx.io.stdin.isTTY) {
            throw new UsageError(
              "destroy remove recursos: fora de um terminal, confirme com --yes",
            );
          }
          const extra = options.apagarDados ? " INCLUINDO os registros da tabela" : "";
          const ok = await confirmed(
            ctx,
            `Remover todos os recursos do estágio ${config.stage} ${where}${extra}?`,
          );
          if (!ok) {
            out.info("Nada foi removido.");
            return 1;
          }
        }
        const { destroyStage, DataPresentError } = await import("../../app/destroy.js");
        const { DeployError } = await import("../../app/deploy/errors.js");
        const { ensureLocalEngine } = await import("../../app/deploy/local-engine.js");
        await ensureLocalEngine(config, { stderr: ctx.io.stderr, env: ctx.io.env });
        const clients = await ctx.clients();
        let results: DestroyResult[];
        // On a terminal, one spinner line per resource; elsewhere, one progress line each.
        const spinner = await spinnerFor(ctx, config);
        try {
          const line = (r: DestroyResult, colors: typeof out.errColors) =>
            `${KIND_LABELS[r.tipo]} ${r.nome}: ${colorAction(destroyedLabel(r.tipo, r.acao), colors)}${r.detalhe ? ` (${r.detalhe})` : ""}`;
          results = await destroyStage(clients, {
            deleteData: options.apagarDados,
            onStart: (tipo, nome) => spinner?.start(`Removendo ${KIND_LABELS[tipo]} ${nome}…`),
            onDone: (r) =>
              spinner
                ? spinner.succeed(line(r, out.errColors))
                : out.info(`  ${line(r, out.errColors)}`),
          });
        } catch (error) {
          spinner?.fail("destroy interrompido");
          if (error instanceof DataPresentError) throw new CliError(error.message);
          if (error instanceof DeployError) {
            throw new CliError(
              `${KIND_LABELS[error.tipo]} ${error.nome}: ${error.message}\nRode \`contabanco destroy\` de novo para continuar.`,
            );
          }
          if (error instanceof Error && error.message.startsWith("não consegui")) {
            throw new CliError(error.message);
          }
          throw error;
        }
        if (out.json) {
          out.printJson({ stage: config.stage, target: config.target, resources: results });
          return 0;
        }
        out.print(
          renderTable(
            [
              { header: "RECURSO", value: (r: DestroyResult) => KIND_LABELS[r.tipo] },
              { header: "NOME", value: (r) => r.nome },
              {
                header: "AÇÃO",
                value: (r) => colorAction(destroyedLabel(r.tipo, r.acao), out.colors),
              },
            ],
            results,
            { styleHeader: out.colors.bold },
          ),
        );
        return 0;
      }),
    );
}
