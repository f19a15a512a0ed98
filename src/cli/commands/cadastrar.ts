// `contabanco cadastrar` (register): one account from flags (or prompts on a terminal), or a
// file of accounts with --arquivo. Validated locally first; then one execution per account.
import type { Command } from "commander";
import type { AccountInput } from "../../domain/index.js";
import type { CommandContext } from "../context.js";
import { CliError, UsageError } from "../errors.js";

export interface CadastrarOptions {
  titular?: string;
  documento?: string;
  banco?: string;
  agencia?: string;
  conta?: string;
  tipo?: string;
  arquivo?: string;
  concorrencia?: string;
  wait: boolean;
  mostrarDocumento?: boolean;
}

export const REQUIRED_FIELDS = ["titular", "documento", "banco", "agencia", "conta"] as const;

const PROMPTS: Record<(typeof REQUIRED_FIELDS)[number] | "tipo", string> = {
  titular: "Titular (nome completo)",
  documento: "CPF ou CNPJ",
  banco: "Banco (código COMPE, ex.: 341)",
  agencia: "Agência (ex.: 2545 ou 1234-5)",
  conta: "Conta com dígito (ex.: 02366-1)",
  tipo: "Tipo (corrente, poupanca, pagamento, salario)",
};

/** Asks for the missing fields on a terminal; off a terminal missing flags are a usage error. */
async function completeInput(
  ctx: CommandContext,
  options: CadastrarOptions,
): Promise<AccountInput> {
  const input: Record<string, string | undefined> = {
    titular: options.titular,
    documento: options.documento,
    banco: options.banco,
    agencia: options.agencia,
    conta: options.conta,
    tipo: options.tipo,
  };
  const missing = REQUIRED_FIELDS.filter((f) => input[f] === undefined);
  if (missing.length === 0) return input;
  const interactive =
    ctx.io.stdin.isTTY === true && ctx.io.stderr.isTTY === true && !ctx.config().json;
  if (!interactive) {
    throw new UsageError(
      `faltam opções obrigatórias: ${missing.map((f) => `--${f}`).join(", ")} (ou use --arquivo)`,
    );
  }
  const { input: ask } = await import("@inquirer/prompts");
  const { validateAccount } = await import("../../domain/index.js");
  const context = {
    input: ctx.io.stdin,
    output: ctx.io.stderr as NodeJS.WritableStream,
  };
  // Each answer is checked as it is typed in (with the fields already known, for the bank rules
  // on agência and conta); the whole account is validated again before any execution starts.
  const check = (field: string) => (value: string) => {
    const result = validateAccount({ ...input, [field]: value });
    const error = result.ok ? undefined : result.errors.find((e) => e.campo === field);
    return error ? error.mensagem : true;
  };
  try {
    for (const field of missing) {
      input[field] = await ask({ message: PROMPTS[field], validate: check(field) }, context);
    }
    if (input.tipo === undefined) {
      input.tipo = await ask(
        { message: PROMPTS.tipo, default: "corrente", validate: check("tipo") },
        context,
      );
    }
  } catch (error) {
    // Ctrl+C at a prompt: inquirer's own message is in English; 130 is the shell's SIGINT code.
    if (error instanceof Error && error.name === "ExitPromptError") {
      throw new CliError("cadastro cancelado; nenhuma execução foi iniciada", 130);
    }
    throw error;
  }
  return input;
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command("cadastrar")
    .alias("register")
    .description("cadastra uma conta (ou um arquivo de contas) pelo workflow")
    .option("--titular <nome>", "nome do titular")
    .option("--documento <cpf-ou-cnpj>", "CPF ou CNPJ do titular (com ou sem pontuação)")
    .option("--banco <código>", "código COMPE do banco (ex.: 341)")
    .option("--agencia <agência>", "agência, 4 dígitos e DV opcional (ex.: 2545)")
    .option("--conta <conta>", "conta com dígito verificador (ex.: 02366-1)")
    .option("--tipo <tipo>", "corrente, poupanca, pagamento ou salario (padrão: corrente)")
    .option("--arquivo <arquivo>", "cadastra as contas de um CSV (`,` ou `;`) ou JSON Lines")
    .option("--concorrencia <n>", "execuções simultâneas com --arquivo (padrão: 32)")
    .option("--no-wait", "não espera o fim da execução: mostra o ARN e sai")
    .option("--mostrar-documento", "mostra o CPF/CNPJ completo (por padrão vem mascarado)")
    .addHelpText(
      "after",
      `
Sem as opções obrigatórias, num terminal, os campos que faltam são perguntados.

Exemplos:
  contabanco cadastrar --titular "Maria da Silva" --documento 123.456.789-09 \\
    --banco 341 --agencia 2545 --conta 02366-1
  contabanco cadastrar --arquivo contas.csv --concorrencia 16
  contabanco cadastrar --no-wait --titular … (mostra o ARN da execução)`,
    )
    .action(
      ctx.action(async (options: CadastrarOptions) => {
        if (options.arquivo) {
          const fields = [...REQUIRED_FIELDS, "tipo"] as const;
          const given = fields.filter((f) => options[f] !== undefined);
          if (given.length > 0) {
            throw new UsageError(
              `--arquivo não combina com ${given.map((f) => `--${f}`).join(", ")}`,
            );
          }
          const { runBatchCommand } = await import("./cadastrar-batch.js");
          return runBatchCommand(ctx, options.arquivo, options);
        }
        if (options.concorrencia !== undefined) {
          throw new UsageError("--concorrencia só vale com --arquivo");
        }
        const input = await completeInput(ctx, options);
        const { registerOneAccount } = await import("./cadastrar-one.js");
        return registerOneAccount(ctx, input, options);
      }),
    );
}
