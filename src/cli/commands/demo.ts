// `contabanco demo`: the whole story on the local engine — start it, deploy, register two valid
// accounts and an invalid one, try a duplicate, list the accounts, show one execution's history.
import type { Command } from "commander";
import type { Config } from "../../app/config.js";
import { engineUrl } from "../../local/host.js";
import type { CommandContext } from "../context.js";
import { CliError, UsageError } from "../errors.js";
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
    endpoint: engineUrl(config.host, config.port),
    stage: chosenStage ? config.stage : demoStage,
  };
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
        const [{ createClients }, demo, { resourceNames }, render, { summaryTable }] =
          await Promise.all([
            import("../../app/clients.js"),
            import("../../app/demo.js"),
            import("../../app/definition.js"),
            import("../render/demo.js"),
            import("../render/deploy.js"),
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
          if (!out.json) out.print(out.colors.bold("1. Implantação (contabanco deploy)"));
          const { report } = await deployWithProgress(ctx, {}, { config, clients });
          if (!out.json) out.print(summaryTable(report.resources, out.colors));
          out.info("Cadastrando as contas de exemplo…");
          const story = await demo.runDemoStory({
            sfn: await clients.sfn(),
            documents: await clients.documentClient(),
            stateMachineArn:
              report.resources.find((r) => r.tipo === "maquina-de-estados")?.arn ?? "",
            table: resourceNames(config.stage, config.region).table,
          });
          if (out.json) out.printJson(render.storyJson(story, report));
          else out.print(render.renderStory(story, config.stage, out.colors));
          return 0;
        } catch (error) {
          if (error instanceof Error && error.message.startsWith("a conta de exemplo")) {
            throw new CliError(error.message);
          }
          throw error;
        } finally {
          clients.destroy();
        }
      }),
    );
}
