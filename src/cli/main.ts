// contabanco's command-line program.
//
// HOW TO ADD A COMMAND (one new file plus one registration line):
//   1. Write src/cli/commands/<nome>.ts exporting
//        export function register(program: Command, ctx: CommandContext): void
//      which calls program.command("<nome>").alias("<english>").description("<pt-BR>")…
//      .action(ctx.action(async (options) => { … return exitCode; })).
//   2. Import it below (`import * as <nome> from "./commands/<nome>.js";`) and add it to COMMANDS
//      (its position is its place in the help). Command modules are small and loaded at start (the
//      help lists them all); what an action needs is imported inside it.
// Rules: names, options and every message in pt-BR, an English alias for the command; the global
// options below are reserved names (they are recognized after the command too); import anything
// heavy (the AWS SDK, src/app modules that load it) with import() inside the action, so that
// `--help` stays fast; read settings from ctx.config(), write through ctx.output() (results on
// stdout, `--json` prints one JSON document and nothing else on stdout), get SDK clients from
// ctx.clients(); throw CliError (exit 1) / UsageError (exit 2) from src/cli/errors.ts with a pt-BR
// message. Exit codes: 0 ok, 1 failure, 2 usage error. A command is registered only when it works.
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { ConfigError } from "../app/config.js";
import { NotDeployedError } from "../app/executions.js";
import * as cadastrar from "./commands/cadastrar.js";
import * as consultar from "./commands/consultar.js";
import * as demo from "./commands/demo.js";
import * as deploy from "./commands/deploy.js";
import * as destroy from "./commands/destroy.js";
import * as diagrama from "./commands/diagrama.js";
import * as executions from "./commands/executions.js";
import * as local from "./commands/local.js";
import { type CliIo, type CommandModule, Context, processIo } from "./context.js";
import {
  CliError,
  describeUnexpectedError,
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  translateCommanderMessage,
  USAGE_ERROR_CODES,
} from "./errors.js";
import { configurePtBrHelp } from "./help.js";

// Static imports: every start registers every command. Importing only the command named on the
// command line was measured with the code cache (src/cli/loader.ts): no gain on `consultar`
// (83.6 vs 83.7 ms CPU), +1 ms on `--help`.
const COMMANDS: CommandModule[] = [
  deploy,
  destroy,
  demo,
  cadastrar,
  consultar,
  executions,
  local,
  diagrama,
];

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  return String(pkg.version);
}

const ENVIRONMENT_HELP = `
Variáveis de ambiente:
  CONTABANCO_TARGET    alvo padrão: local ou aws
  CONTABANCO_STAGE     estágio padrão (dev)
  CONTABANCO_HOME      diretório de dados do motor local (padrão: ~/.local/share/contabanco)
  CONTABANCO_PORT      porta do motor local (padrão: 4599)
  AWS_ENDPOINT_URL     endpoint compatível com AWS (implica o alvo endpoint)
  AWS_REGION, AWS_DEFAULT_REGION, AWS_PROFILE
  NO_COLOR             sem cores

Códigos de saída: 0 sucesso, 1 falha, 2 erro de uso.`;

/** Builds the program: global options, pt-BR help and errors, and every command. */
export async function buildProgram(ctx: Context): Promise<Command> {
  const program = new Command("contabanco");
  ctx.program = program;
  program
    .description(
      "Cadastro e consulta de contas bancárias brasileiras por um workflow AWS Step Functions — na AWS, num endpoint compatível ou no motor local embutido (padrão).",
    )
    .version(packageVersion(), "-v, --version", "mostra a versão")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
      // Errors are translated and printed by main().
      outputError: () => {},
    });
  configurePtBrHelp(program);
  // Environment variables are read by resolveConfig (src/app/config.ts), not by commander, so
  // that flags always win and the precedence lives in one tested place.
  program
    .option(
      "--target <alvo>",
      "onde executar: local (motor embutido) ou aws (env: CONTABANCO_TARGET; padrão: local)",
    )
    .option(
      "--endpoint-url <url>",
      "endpoint compatível com AWS (LocalStack, um contabanco remoto); implica o alvo endpoint (env: AWS_ENDPOINT_URL)",
    )
    .option(
      "--region <região>",
      "região AWS (env: AWS_REGION, AWS_DEFAULT_REGION; padrão: us-east-1)",
    )
    .option("--profile <perfil>", "perfil de credenciais da AWS (env: AWS_PROFILE)")
    .option(
      "--stage <estágio>",
      "estágio da implantação, parte do nome de cada recurso (env: CONTABANCO_STAGE; padrão: dev)",
    )
    .option("--json", "saída em JSON para scripts (só JSON no stdout)")
    .option("--no-color", "sem cores (também com NO_COLOR)")
    .option("--quiet", "só o essencial no stderr")
    .option("--verbose", "detalhes de diagnóstico no stderr")
    .addHelpText("after", ENVIRONMENT_HELP);

  program.hook("preAction", async () => {
    ctx.config();
    await ctx.prepare();
  });

  for (const command of COMMANDS) command.register(program, ctx);
  return program;
}

/** The names and aliases of the program's commands. */
function commandNames(program: Command): Set<string> {
  return new Set(program.commands.flatMap((c) => [c.name(), ...c.aliases()]));
}

async function report(
  ctx: Context,
  program: Command,
  argv: string[],
  error: unknown,
): Promise<number> {
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") {
      return EXIT_OK;
    }
    if (error.code === "commander.help") return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  await ctx.prepare();
  const out = ctx.fallbackOutput(argv);
  if (error instanceof CommanderError) {
    if (USAGE_ERROR_CODES.has(error.code)) {
      out.error(translateCommanderMessage(error.code, error.message));
      const known = commandNames(program);
      const command = argv.slice(2).find((arg) => known.has(arg));
      out.info(`Veja a ajuda com: contabanco ${command ? `${command} ` : ""}--help`);
      return EXIT_USAGE;
    }
    out.error(translateCommanderMessage(error.code, error.message));
    return error.exitCode || EXIT_FAILURE;
  }
  if (error instanceof ConfigError) {
    out.error(error.message);
    return EXIT_USAGE;
  }
  if (error instanceof CliError) {
    out.error(error.message);
    return error.exitCode;
  }
  if (error instanceof NotDeployedError) {
    out.error(error.message);
    return EXIT_FAILURE;
  }
  out.error(describeUnexpectedError(error));
  if (error instanceof Error && error.stack) out.debug(error.stack);
  return EXIT_FAILURE;
}

/** Runs the program on process-style argv (`[node, script, ...args]`) and returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const ctx = new Context(io);
  const program = await buildProgram(ctx);
  try {
    await program.parseAsync(argv);
    return ctx.exitCode;
  } catch (error) {
    return await report(ctx, program, argv, error);
  } finally {
    await ctx.close();
  }
}
