// cadastrar for one account: validate, start the execution, wait with a spinner showing the
// current state, then print the record or the failure in pt-BR.
import type { HistoryEvent } from "@aws-sdk/client-sfn";
import { latestStateName } from "../../app/executions.js";
import type { AccountRecord } from "../../app/lookup.js";
import { type AccountInput, validateAccount } from "../../domain/index.js";
import type { CommandContext } from "../context.js";
import { presentRecord, renderAccount } from "../render/accounts.js";
import { canAnimate, startSpinner } from "../render/progress.js";
import type { CadastrarOptions } from "./cadastrar.js";

export async function registerOneAccount(
  ctx: CommandContext,
  input: AccountInput,
  options: CadastrarOptions,
): Promise<number> {
  const out = ctx.output();
  const config = ctx.config();
  const result = validateAccount(input);
  if (!result.ok) {
    if (out.json) out.printJson({ status: "INVALIDA", erros: result.errors });
    out.error("a conta é inválida; nenhuma execução foi iniciada:");
    for (const e of result.errors) {
      ctx.io.stderr.write(`  ${out.errColors.red("✗")} ${e.campo}: ${e.mensagem}\n`);
    }
    return 1;
  }
  const account = result.account;
  const { openStage } = await import("../../app/stage.js");
  const {
    startRegistration,
    waitForExecution,
    explainFailure,
    executionOutput,
    writtenDespiteFailure,
    writtenNote,
  } = await import("../../app/register.js");
  const stage = await openStage(await ctx.clients(), ["sfn"]);
  const sfn = await stage.sfn();
  const stateMachineArn = await stage.stateMachineArn();
  const started = await startRegistration(sfn, stateMachineArn, account);
  if (!options.wait) {
    if (out.json)
      out.printJson({ execucao: started.executionArn, nome: started.name, id: account.id });
    else out.print(started.executionArn);
    return 0;
  }

  const spinner = await startSpinner(
    ctx.io.stderr,
    `cadastrando ${account.id}…`,
    !config.json && !config.quiet,
    out.errColors.level > 0,
  );
  let stateName: string | undefined;
  const showing = canAnimate(ctx.io.stderr) && !config.json && !config.quiet;
  let done: Awaited<ReturnType<typeof waitForExecution>>;
  try {
    done = await waitForExecution(sfn, started.executionArn, {
      onEvents: showing
        ? (events: HistoryEvent[]) => {
            stateName = latestStateName(events) ?? stateName;
            spinner.update(
              `cadastrando ${account.id} — ${stateName ? `etapa ${stateName}` : "iniciando"} (${events[0].type})`,
            );
          }
        : undefined,
    });
  } finally {
    spinner.stop();
  }

  if (done.status === "SUCCEEDED") {
    const record = (executionOutput(done) ?? account) as AccountRecord;
    if (out.json) {
      out.printJson({
        status: done.status,
        execucao: started.executionArn,
        conta: presentRecord(record, options.mostrarDocumento === true),
      });
    } else {
      out.info(out.errColors.green(`✓ conta ${record.id} cadastrada`));
      out.print(renderAccount(record, options.mostrarDocumento === true, out.colors));
    }
    return 0;
  }
  const failure = explainFailure(done);
  const written = await writtenDespiteFailure(
    await stage.documentClient(),
    stage.names.table,
    account.id,
    started.executionArn,
    failure,
  );
  if (out.json) {
    out.printJson({
      status: done.status,
      execucao: started.executionArn,
      erro: failure.error,
      mensagem: failure.message,
      causa: failure.cause ?? null,
      ...(written !== undefined ? { gravada: written } : {}),
    });
  }
  out.error(`${failure.message} (${failure.error})`);
  if (failure.cause) ctx.io.stderr.write(`  causa: ${failure.cause}\n`);
  if (written !== undefined) ctx.io.stderr.write(`  ${writtenNote(written)}\n`);
  ctx.io.stderr.write(`  execução: ${started.executionArn}\n`);
  return 1;
}
