// `contabanco consultar` (lookup): by id (GetItem), by --documento (Query on the documento index,
// never a Scan), by --banco (a Scan with a filter: the table has no index on banco), or a page of
// all with a continuation token. The documento is masked unless --mostrar-documento.
// --json: by id, the record; a list (all, --banco, --documento), `{ contas, continuar }`, the
// token of the next page (null on the last one) under the name of the flag that takes it.
import type { Command } from "commander";
import type { CommandContext } from "../context.js";
import { CliError, UsageError } from "../errors.js";

interface ConsultarOptions {
  documento?: string;
  banco?: string;
  limite?: string;
  continuar?: string;
  csv?: boolean;
  mostrarDocumento?: boolean;
}

export const DEFAULT_LIMIT = 20;

/** The global options that change where or how a command runs, as the user can type them. */
const REPEATED_VALUES: [key: string, flag: string][] = [
  ["target", "--target"],
  ["endpointUrl", "--endpoint-url"],
  ["region", "--region"],
  ["profile", "--profile"],
  ["stage", "--stage"],
];

/** `value` as one shell word (single quotes when it has anything a shell would read). */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

/**
 * The global options given on the command line (not from the environment, which a pasted command
 * keeps), so that the hint for the next page queries the same stage on the same target.
 */
export function explicitGlobalOptions(program: Command): string[] {
  const opts = program.opts<Record<string, unknown>>();
  const words: string[] = [];
  for (const [key, flag] of REPEATED_VALUES) {
    if (program.getOptionValueSource(key) === "cli" && typeof opts[key] === "string") {
      words.push(flag, shellWord(opts[key] as string));
    }
  }
  if (program.getOptionValueSource("json") === "cli" && opts.json) words.push("--json");
  if (program.getOptionValueSource("color") === "cli" && opts.color === false) {
    words.push("--no-color");
  }
  if (program.getOptionValueSource("verbose") === "cli" && opts.verbose) words.push("--verbose");
  return words;
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 1000) {
    throw new UsageError(`--limite: use um número inteiro de 1 a 1000 (recebido "${value}")`);
  }
  return n;
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command("consultar")
    .alias("lookup")
    .description("consulta contas cadastradas: por id, CPF/CNPJ, banco, ou todas (paginado)")
    .argument("[id]", "id da conta (<banco>-<agência>-<conta>-<dv>, ex.: 341-2545-02366-1)")
    .option("--documento <cpf-ou-cnpj>", "contas de um CPF/CNPJ (consulta no índice)")
    .option("--banco <código>", "contas de um banco (código COMPE)")
    .option("--limite <n>", `quantas contas por página (padrão: ${DEFAULT_LIMIT})`)
    .option("--continuar <token>", "continua a listagem de onde a página anterior parou")
    .option("--csv", "saída em CSV")
    .option("--mostrar-documento", "mostra o CPF/CNPJ completo (por padrão vem mascarado)")
    .addHelpText(
      "after",
      `
--banco lê a tabela inteira com um filtro (não há índice por banco), página a página.
Com --json: por ID, o registro; as listagens imprimem {"contas": [...], "continuar": TOKEN},
com "continuar": null na última página.

Exemplos:
  contabanco consultar 341-2545-02366-1
  contabanco consultar --documento 123.456.789-09
  contabanco consultar --banco 341 --limite 50
  contabanco consultar --continuar <token>`,
    )
    .action(
      ctx.action(async (id: string | undefined, options: ConsultarOptions, command: Command) => {
        const out = ctx.output();
        const modes = [
          id !== undefined,
          options.documento !== undefined,
          options.banco !== undefined,
        ];
        if (modes.filter(Boolean).length > 1) {
          throw new UsageError("use só um entre ID, --documento e --banco");
        }
        if (options.csv && out.json) throw new UsageError("--csv não combina com --json");
        const limit = parseLimit(options.limite);
        if (
          (id !== undefined || options.documento !== undefined) &&
          (options.limite || options.continuar)
        ) {
          throw new UsageError(
            "--limite e --continuar valem só para --banco ou para a listagem de todas",
          );
        }
        const show = options.mostrarDocumento === true;
        const lookup = await import("../../app/lookup.js");
        if (options.banco !== undefined && !lookup.normalizeBanco(options.banco)) {
          throw new UsageError(
            `--banco: código COMPE inválido "${options.banco}" (até 3 dígitos, ex.: 341)`,
          );
        }
        if (options.documento !== undefined) {
          const { validateDocumento } = await import("../../domain/documento.js");
          const checked = validateDocumento(options.documento);
          if (!checked.ok) throw new UsageError(`--documento: ${checked.mensagem}`);
        }
        if (ctx.config().target === "local") {
          // The engine answers from another process: probe it now, load the SDK meanwhile.
          const { startEnsuringEngine } = await import("../../app/engine.js");
          await startEnsuringEngine(ctx.config());
        }
        const { openStage } = await import("../../app/stage.js");
        const stage = await openStage(await ctx.clients(), ["documentClient"]);
        const doc = await stage.documentClient();
        const table = stage.names.table;

        let records: Awaited<ReturnType<typeof lookup.findByDocumento>>;
        let next: string | undefined;
        try {
          if (id !== undefined) {
            const found = await lookup.getAccount(doc, table, id.trim().toUpperCase());
            if (!found) throw new CliError(`nenhuma conta cadastrada com o id ${id}`);
            records = [found];
          } else if (options.documento !== undefined) {
            records = await lookup.findByDocumento(
              doc,
              table,
              stage.names.documentoIndex,
              options.documento,
            );
            if (records.length === 0) {
              const { normalizeDocumento } = await import("../../domain/documento.js");
              const masked = show ? normalizeDocumento(options.documento) : "informado";
              throw new CliError(`nenhuma conta cadastrada para o documento ${masked}`);
            }
          } else {
            const page = options.banco
              ? await lookup.findByBanco(doc, table, options.banco, {
                  limit,
                  token: options.continuar,
                })
              : await lookup.listAccounts(doc, table, { limit, token: options.continuar });
            records = page.items;
            next = page.next;
            if (records.length === 0 && options.banco && !options.continuar) {
              throw new CliError(
                `nenhuma conta cadastrada no banco ${lookup.normalizeBanco(options.banco)}`,
              );
            }
          }
        } catch (error) {
          if (error instanceof lookup.TokenError) throw new UsageError(error.message);
          if ((error as Error).name === "ResourceNotFoundException") {
            throw new CliError(
              `a tabela ${table} não existe neste alvo: rode \`contabanco deploy\` primeiro`,
            );
          }
          throw error;
        }

        const { presentRecord, renderAccountCsv, renderAccountTable } = await import(
          "../render/accounts.js"
        );
        if (out.json) {
          const presented = records.map((r) => presentRecord(r, show));
          out.printJson(
            id !== undefined ? presented[0] : { contas: presented, continuar: next ?? null },
          );
        } else if (options.csv) {
          ctx.io.stdout.write(renderAccountCsv(records, show));
        } else if (records.length === 0) {
          out.info("nenhuma conta nesta página");
        } else {
          out.print(renderAccountTable(records, show, out.colors));
        }
        if (next) {
          const words = ["contabanco"];
          if (command.parent) words.push(...explicitGlobalOptions(command.parent));
          words.push("consultar");
          if (options.banco) words.push("--banco", lookup.normalizeBanco(options.banco) ?? "");
          if (options.csv) words.push("--csv");
          if (show) words.push("--mostrar-documento");
          words.push("--limite", String(limit), "--continuar", next);
          out.info(`há mais contas: ${words.join(" ")}`);
        }
        return 0;
      }),
    );
}
