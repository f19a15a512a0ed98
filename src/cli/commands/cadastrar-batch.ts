// cadastrar --arquivo: validate every line, list the invalid ones, register the rest with bounded
// concurrency behind a progress bar, and close with a summary.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { FileFormatError, formatOf, parseAccountsFile } from "../../app/batch-file.js";
import type { CommandContext } from "../context.js";
import { CliError, UsageError } from "../errors.js";
import { startProgressBar } from "../render/progress.js";
import type { CadastrarOptions } from "./cadastrar.js";

// Executions in flight: the local engine runs a few hundred a second, and each waits on its own
// polling, so 8 left it idle (about 120 accounts/s on 10,000 lines; 32: about 290/s).
export const DEFAULT_CONCURRENCY = 32;

export function parseConcurrency(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CONCURRENCY;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 256) {
    throw new UsageError(`--concorrencia: use um número inteiro de 1 a 256 (recebido "${value}")`);
  }
  return n;
}

export async function runBatchCommand(
  ctx: CommandContext,
  file: string,
  options: CadastrarOptions,
): Promise<number> {
  const out = ctx.output();
  const config = ctx.config();
  const format = formatOf(file);
  if (!format) {
    throw new UsageError(`não sei ler "${file}": use um arquivo .csv ou .jsonl`);
  }
  const concurrency = parseConcurrency(options.concorrencia);
  if (!options.wait) throw new UsageError("--no-wait não combina com --arquivo");
  let text: string;
  try {
    text = await readFile(resolve(ctx.io.cwd, file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`não foi possível ler ${file}${code ? ` (${code})` : ""}`);
  }
  const { planBatch, runBatch, existingIds, summarize } = await import("../../app/batch.js");
  let plan: ReturnType<typeof planBatch>;
  try {
    const parsed = parseAccountsFile(text, format);
    if (parsed.ignoredColumns.length > 0) {
      out.warn(`colunas ignoradas: ${parsed.ignoredColumns.join(", ")}`);
    }
    plan = planBatch(parsed);
  } catch (error) {
    if (error instanceof FileFormatError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }

  for (const invalid of plan.invalid) {
    ctx.io.stderr.write(
      `${out.errColors.red(`linha ${invalid.line}:`)} ${invalid.errors.join("; ")}\n`,
    );
  }
  for (const dup of plan.duplicates) {
    out.info(
      `linha ${dup.line}: conta ${dup.id} repetida (já na linha ${dup.firstLine}); contada uma vez`,
    );
  }

  let outcomes: Awaited<ReturnType<typeof runBatch>> = [];
  if (plan.valid.length > 0) {
    const { openStage } = await import("../../app/stage.js");
    const stage = await openStage(await ctx.clients(), ["sfn", "documentClient"]);
    const stateMachineArn = await stage.stateMachineArn();
    const doc = await stage.documentClient();
    const existing = await existingIds(
      doc,
      stage.names.table,
      plan.valid.map((v) => v.account.id),
    );
    const bar = await startProgressBar(
      ctx.io.stderr,
      plan.valid.length,
      !config.json && !config.quiet,
    );
    try {
      outcomes = await runBatch({
        sfn: await stage.sfn(),
        stateMachineArn,
        accounts: plan.valid,
        concurrency,
        existing,
        table: { doc, name: stage.names.table },
        onOutcome: (o) => bar.increment(`${o.id} ${o.status}`),
      });
    } finally {
      bar.stop();
    }
  }

  const summary = summarize(plan, outcomes);
  const failed = outcomes.filter((o) => o.status === "falha");
  for (const f of failed) {
    ctx.io.stderr.write(
      `${out.errColors.red(`linha ${f.line} (${f.id}):`)} ${f.message ?? "falhou"}\n`,
    );
  }
  if (out.json) {
    out.printJson({
      resumo: summary,
      invalidas: plan.invalid.map((i) => ({ linha: i.line, erros: i.errors })),
      duplicadas: plan.duplicates.map((d) => ({
        linha: d.line,
        primeiraLinha: d.firstLine,
        id: d.id,
      })),
      resultados: outcomes.map((o) => ({
        linha: o.line,
        id: o.id,
        status: o.status,
        execucao: o.executionArn ?? null,
        mensagem: o.message ?? null,
      })),
    });
  } else {
    const c = out.colors;
    out.print(
      [
        `${c.green(`cadastradas: ${summary.cadastradas}`)}`,
        `já existentes: ${summary.jaExistentes}`,
        `${summary.invalidas ? c.red(`inválidas: ${summary.invalidas}`) : "inválidas: 0"}`,
        `${summary.falhas ? c.red(`falhas: ${summary.falhas}`) : "falhas: 0"}`,
        ...(summary.duplicadas ? [`repetidas no arquivo: ${summary.duplicadas}`] : []),
      ].join(" · "),
    );
  }
  return summary.falhas > 0 || summary.invalidas > 0 ? 1 : 0;
}
