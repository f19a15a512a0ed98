// `contabanco diagrama`: the workflow drawn in the terminal (ASCII), or as Mermaid, Graphviz DOT
// or SVG, on stdout or in a file.
import { writeFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { type Command, Option } from "commander";
import type { CommandContext } from "../context.js";
import { CliError, UsageError } from "../errors.js";
import type { Colors } from "../render/colors.js";
import type { Diagram } from "../render/diagram/model.js";

export const FORMATS = ["ascii", "mermaid", "dot", "svg"] as const;
export type Format = (typeof FORMATS)[number];

const BY_EXTENSION: Record<string, Format> = {
  ".txt": "ascii",
  ".mmd": "mermaid",
  ".mermaid": "mermaid",
  ".dot": "dot",
  ".gv": "dot",
  ".svg": "svg",
};

/** The diagram in one format (each renderer is its own module, loaded on demand). */
export async function renderAs(format: Format, diagram: Diagram, colors?: Colors): Promise<string> {
  switch (format) {
    case "mermaid":
      return (await import("../render/diagram/mermaid.js")).renderMermaid(diagram);
    case "dot":
      return (await import("../render/diagram/dot.js")).renderDot(diagram);
    case "svg":
      return (await import("../render/diagram/svg.js")).renderSvg(
        diagram,
        "contabanco — workflow de cadastro de contas",
      );
    default:
      return `${(await import("../render/diagram/ascii.js")).renderAscii(diagram, colors)}\n`;
  }
}

interface DiagramaOptions {
  formato?: Format;
  saida?: string;
  implantado?: boolean;
}

/** The definition deployed on the target for the configured stage (DescribeStateMachine). */
async function deployedDefinition(ctx: CommandContext): Promise<string> {
  const [{ openStage }, { DescribeStateMachineCommand }] = await Promise.all([
    import("../../app/stage.js"),
    import("@aws-sdk/client-sfn"),
  ]);
  const stage = await openStage(await ctx.clients());
  const stateMachineArn = await stage.stateMachineArn();
  const described = await (await stage.sfn()).send(
    new DescribeStateMachineCommand({ stateMachineArn }),
  );
  if (!described.definition) {
    throw new CliError(`a máquina de estados ${stateMachineArn} veio sem definição`);
  }
  return described.definition;
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command("diagrama")
    .alias("diagram")
    .description("desenha o workflow: no terminal (ASCII), em Mermaid, Graphviz DOT ou SVG")
    .addOption(
      new Option(
        "--formato <formato>",
        "formato do desenho (padrão: ascii, ou o da extensão de --saida)",
      ).choices(FORMATS),
    )
    .option("--saida <arquivo>", "grava num arquivo em vez de imprimir")
    .option(
      "--implantado",
      "desenha a definição implantada no alvo para o estágio, não a que vem no pacote",
    )
    .addHelpText(
      "after",
      `
Exemplos:
  contabanco diagrama
  contabanco diagrama --formato mermaid
  contabanco diagrama --saida workflow.svg
  contabanco --target aws --stage prod diagrama --implantado`,
    )
    .action(
      ctx.action(async (options: DiagramaOptions) => {
        const out = ctx.output();
        const file = options.saida;
        const inferred = file ? BY_EXTENSION[extname(file).toLowerCase()] : undefined;
        const format: Format = options.formato ?? inferred ?? "ascii";
        if (file && format === "ascii" && !options.formato && !inferred) {
          throw new UsageError(
            `não sei o formato de "${file}": use --formato (${FORMATS.join(", ")}) ou uma extensão .txt, .mmd, .dot, .svg`,
          );
        }

        // Loaded here, not at the top: registering the command must stay cheap for --help.
        const [{ readDefinitionTemplate }, { buildDiagram, DiagramError }] = await Promise.all([
          import("../../app/definition.js"),
          import("../render/diagram/model.js"),
        ]);
        const source = options.implantado
          ? await deployedDefinition(ctx)
          : readDefinitionTemplate();
        let diagram: Diagram;
        try {
          diagram = buildDiagram(JSON.parse(source));
        } catch (error) {
          const reason = error instanceof DiagramError ? error.message : String(error);
          throw new CliError(`não foi possível ler a definição do workflow: ${reason}`);
        }
        const colored = !file && !out.json && format === "ascii";
        const text = await renderAs(format, diagram, colored ? out.colors : undefined);

        if (file) {
          const path = resolve(ctx.io.cwd, file);
          try {
            await writeFile(path, text);
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            throw new CliError(`não foi possível gravar ${file}${code ? ` (${code})` : ""}`);
          }
          if (out.json) out.printJson({ formato: format, arquivo: path });
          else out.info(`diagrama (${format}) gravado em ${file}`);
          return 0;
        }
        if (out.json) out.printJson({ formato: format, diagrama: text });
        else ctx.io.stdout.write(text);
        return 0;
      }),
    );
}
