// `contabanco demo`: the whole story on the local engine — start it, deploy, register two valid
// accounts and an invalid one, try a duplicate, list the accounts, show one execution's history.
import type { Command } from "commander";
import type { Config } from "../../app/config.js";
import type { CommandContext } from "../context.js";
import { UsageError } from "../errors.js";
import type { Output } from "../render/output.js";
import { deployWithProgress } from "./deploy.js";

interface GlobalFlagsSeen {
  target?: string;
  endpointUrl?: string;
  stage?: string;
}

/** The demo's config: always the local engine; stage `demo` unless one was chosen. */
export function demoConfig(
  config: Config,
  flags: GlobalFlagsSeen,
  env: Record<string, string | undefined>,
  demoStage: string,
): Config {
  if ((flags.target && flags.target !== "local") || flags.endpointUrl) {
    throw new UsageError(
      "o demo roda só no motor local (sem --target aws nem --endpoint-url); para a AWS use deploy e cadastrar",
    );
  }
  const chosenStage = flags.stage || env.CONTABANCO_STAGE;
  return {
    ...config,
    target: "local",
    endpoint: `http://127.0.0.1:${config.port}`,
    stage: chosenStage ? config.stage : demoStage,
  };
}

function heading(out: Output, text: string): void {
  if (!out.json) out.print(`\n${out.colors.bold(text)}`);
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command("demo")
    .description(
      "a história completa no motor local: implanta, cadastra, recusa, consulta e mostra o histórico",
    )
    .addHelpText(
      "after",
      `
Roda sempre no motor local (inicia-o se preciso), no estágio "demo" (ou no de --stage).
Pode ser repetido: contas já cadastradas por um demo anterior são reconhecidas.

Exemplo:
  npx contabanco demo`,
    )
    .action(
      ctx.action(async (_options: unknown, command: Command) => {
        const out = ctx.output();
        const colors = out.colors;
        const [
          { createClients },
          demo,
          { formatErrors },
          register,
          lookup,
          executions,
          history,
          accounts,
          stateRuns,
        ] = await Promise.all([
          import("../../app/clients.js"),
          import("../../app/demo.js"),
          import("../../domain/index.js"),
          import("../../app/register.js"),
          import("../../app/lookup.js"),
          import("../../app/executions.js"),
          import("../render/history.js"),
          import("../render/accounts.js"),
          import("../../app/state-runs.js"),
        ]);
        const config = demoConfig(
          ctx.config(),
          command.optsWithGlobals<GlobalFlagsSeen>(),
          ctx.io.env,
          demo.DEMO_STAGE,
        );
        const clients = createClients(config);
        try {
          out.info(
            `contabanco demo — estágio ${config.stage} no motor local (${config.endpoint}), dados em ${config.home}`,
          );
          // 1. Deploy.
          heading(out, "1. Implantação (contabanco deploy)");
          const { report } = await deployWithProgress(ctx, {}, { config, clients });
          if (!out.json) {
            const { summaryTable } = await import("../render/deploy.js");
            out.print(summaryTable(report.resources, colors));
          }
          const stateMachineArn =
            report.resources.find((r) => r.tipo === "maquina-de-estados")?.arn ?? "";
          const sfn = await clients.sfn();

          // 2. Two valid accounts.
          heading(out, "2. Duas contas válidas (contabanco cadastrar)");
          const registered: { id: string; status: string; executionArn?: string; erro?: string }[] =
            [];
          for (const input of demo.DEMO_VALID) {
            const outcome = await demo.registerForDemo(sfn, stateMachineArn, input);
            if (outcome.kind !== "executed") continue;
            const { execution, account } = outcome;
            const status = execution.status ?? "";
            registered.push({
              id: account.id,
              status,
              executionArn: execution.executionArn,
              erro: execution.error,
            });
            if (status === "SUCCEEDED") {
              if (!out.json)
                out.print(
                  `  ${colors.green("✔")} ${account.id}  ${account.titular} — ${account.bancoNome}: cadastrada (execução ${execution.name})`,
                );
            } else if (execution.error === "ContaJaCadastrada") {
              if (!out.json)
                out.print(
                  `  ${colors.yellow("•")} ${account.id}  ${account.titular}: já estava cadastrada (de um demo anterior)`,
                );
            } else {
              const why = register.explainFailure(execution);
              throw new Error(
                `a conta de exemplo ${account.id} falhou: ${why.message}${why.cause ? ` (${why.cause})` : ""}`,
              );
            }
          }

          // 3. An invalid account: refused by the CLI, and by the workflow too.
          heading(out, "3. Uma conta inválida");
          const invalid = await demo.registerForDemo(sfn, stateMachineArn, demo.DEMO_INVALID);
          const fieldErrors = invalid.kind === "invalid" ? invalid.errors : [];
          if (!out.json) {
            out.print("  A CLI valida antes de enviar e aponta cada campo:");
            for (const line of formatErrors(fieldErrors).split("\n"))
              out.print(`    ${colors.red("✖")} ${line}`);
          }
          const refused = await demo.sendUnvalidated(sfn, stateMachineArn, demo.DEMO_INVALID);
          if (!out.json) {
            out.print(
              "  Enviada direto ao workflow (sem a CLI), a função contaBanco também recusa:",
            );
            out.print(
              `    ${colors.red(refused.status ?? "")} ${refused.error ?? ""}: ${refused.cause ?? ""}`,
            );
          }

          // 4. A duplicate.
          heading(out, "4. A mesma conta de novo");
          const duplicate = await demo.registerForDemo(sfn, stateMachineArn, demo.DEMO_VALID[0]);
          const dupExecution = duplicate.kind === "executed" ? duplicate.execution : undefined;
          if (!out.json && dupExecution) {
            out.print(
              `  ${colors.red(dupExecution.status ?? "")} ${dupExecution.error ?? ""}: ${dupExecution.cause ?? ""}`,
            );
          }

          // 5. The accounts.
          heading(out, "5. As contas cadastradas (contabanco consultar)");
          const names = (await import("../../app/definition.js")).resourceNames(
            config.stage,
            config.region,
          );
          const page = await lookup.listAccounts(await clients.documentClient(), names.table, {
            limit: 20,
          });
          if (!out.json) out.print(accounts.renderAccountTable(page.items, false, colors));

          // 6. One execution's history.
          // A successful one: from this run, or (when the accounts were already there) the latest.
          const shownArn =
            registered.find((r) => r.status === "SUCCEEDED")?.executionArn ??
            (
              await executions.listExecutions(sfn, stateMachineArn, {
                status: "SUCCEEDED",
                limit: 1,
              })
            )[0]?.executionArn ??
            registered[0]?.executionArn;
          const events = shownArn ? await executions.readHistory(sfn, shownArn) : [];
          heading(
            out,
            `6. Histórico de uma execução (contabanco executions ${shownArn?.split(":").pop() ?? ""} --eventos)`,
          );
          if (!out.json) out.print(history.renderEventTable(stateRuns.eventRows(events), colors));

          if (out.json) {
            out.printJson({
              stage: config.stage,
              target: config.target,
              deploy: report,
              cadastros: registered,
              invalida: {
                erros: fieldErrors,
                execucao: { status: refused.status, error: refused.error, cause: refused.cause },
              },
              duplicada: dupExecution
                ? {
                    status: dupExecution.status,
                    error: dupExecution.error,
                    cause: dupExecution.cause,
                  }
                : undefined,
              contas: page.items.map((r) => accounts.presentRecord(r, false)),
              historico: events.map((e) => ({ id: e.id, type: e.type, timestamp: e.timestamp })),
            });
          } else {
            heading(out, "E agora?");
            const stage = config.stage === "dev" ? "" : ` --stage ${config.stage}`;
            out.print(
              [
                `  contabanco cadastrar${stage} --titular "João Souza" --documento 168.995.350-09 --banco 104 --agencia 0123 --conta 00012345-6 --tipo poupanca`,
                `  contabanco consultar${stage} --documento 529.982.247-25`,
                `  contabanco executions${stage} --eventos`,
                "  contabanco diagrama",
                `  contabanco destroy${stage} --yes --apagar-dados   # remove o estágio do demo`,
                "  contabanco local stop                              # para o motor local",
              ].join("\n"),
            );
          }
          return 0;
        } finally {
          clients.destroy();
        }
      }),
    );
}
