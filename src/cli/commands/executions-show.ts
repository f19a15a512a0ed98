// One execution: the graph with every state's status, the error or the output, the event table,
// and --watch (redraw on a terminal; print new events as they arrive otherwise).
import type { DescribeExecutionOutput, HistoryEvent, SFNClient } from "@aws-sdk/client-sfn";
import { definitionForExecution, readHistory, TERMINAL } from "../../app/executions.js";
import { executionOutput, explainFailure, sleep } from "../../app/register.js";
import { eventRows, summarizeStates } from "../../app/state-runs.js";
import type { CommandContext } from "../context.js";
import { redactValue } from "../render/accounts.js";
import { renderExecutionGraph } from "../render/graph.js";
import { formatTime, paintStatus, renderEventTable } from "../render/history.js";
import type { ExecutionsOptions } from "./executions.js";

interface ShowOptions extends ExecutionsOptions {
  intervalMs: number;
}

/** The execution's output, `documento` masked unless asked (LGPD). */
function shownOutput(execution: DescribeExecutionOutput, show: boolean): unknown {
  const output = executionOutput(execution);
  return show ? output : redactValue(output);
}

function parseDefinition(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function toJson(
  execution: DescribeExecutionOutput,
  events: HistoryEvent[],
  withEvents: boolean,
  show: boolean,
) {
  const runs = [...summarizeStates(events).values()];
  return {
    nome: execution.name,
    execucao: execution.executionArn,
    status: execution.status,
    inicio: execution.startDate?.toISOString() ?? null,
    fim: execution.stopDate?.toISOString() ?? null,
    erro: execution.error ?? null,
    causa: execution.cause ?? null,
    saida: execution.status === "SUCCEEDED" ? (shownOutput(execution, show) ?? null) : null,
    estados: runs.map((r) => ({
      nome: r.name,
      status: r.status,
      inicio: r.enteredAt?.toISOString() ?? null,
      fim: r.exitedAt?.toISOString() ?? null,
      tentativas: r.attempts,
      erro: r.error ?? null,
      causa: r.cause ?? null,
    })),
    ...(withEvents
      ? {
          eventos: eventRows(events).map((row) => ({
            id: row.event.id,
            tipo: row.event.type,
            estado: row.state ?? null,
            msDesdeInicio: row.elapsedMs,
          })),
        }
      : {}),
  };
}

function render(
  ctx: CommandContext,
  definition: unknown,
  execution: DescribeExecutionOutput,
  events: HistoryEvent[],
  withEvents: boolean,
  now: Date,
  show: boolean,
): string {
  const out = ctx.output();
  const c = out.colors;
  const lines = [
    `${c.bold("execução")}  ${execution.name}`,
    `${c.bold("status")}    ${paintStatus(execution.status, c)}`,
    `${c.bold("início")}    ${formatTime(execution.startDate)} UTC${execution.stopDate ? `  ·  fim ${formatTime(execution.stopDate)} UTC` : ""}`,
    "",
    renderExecutionGraph(definition, summarizeStates(events), now, c),
  ];
  if (execution.status === "SUCCEEDED") {
    lines.push("", c.bold("saída:"), JSON.stringify(shownOutput(execution, show), null, 2));
  } else if (execution.status && TERMINAL.has(execution.status)) {
    const failure = explainFailure(execution);
    lines.push("", c.red(`${failure.error}: ${failure.message}`));
    if (failure.cause) lines.push(`causa: ${failure.cause}`);
  }
  if (withEvents) lines.push("", c.bold("eventos:"), renderEventTable(eventRows(events), c, show));
  return `${lines.join("\n")}\n`;
}

export async function showExecution(
  ctx: CommandContext,
  sfn: SFNClient,
  first: DescribeExecutionOutput,
  options: ShowOptions,
): Promise<number> {
  const out = ctx.output();
  const { DescribeExecutionCommand } = await import("@aws-sdk/client-sfn");
  const arn = first.executionArn ?? "";
  const definition = parseDefinition(await definitionForExecution(sfn, first));
  let execution = first;
  let events = await readHistory(sfn, arn);
  const tty = ctx.io.stdout.isTTY === true && !out.json;
  const withEvents = options.eventos === true;
  const show = options.mostrarDocumento === true;

  if (options.watch && !(execution.status && TERMINAL.has(execution.status))) {
    let printed = 0;
    if (!tty && !out.json) {
      // Off a terminal: the events as lines, as they arrive.
      const emit = () => {
        const rows = eventRows(events);
        for (const row of rows.slice(printed)) {
          out.print(`${row.event.id}\t${row.event.type}\t${row.state ?? ""}\t+${row.elapsedMs} ms`);
        }
        printed = rows.length;
      };
      emit();
      while (!(execution.status && TERMINAL.has(execution.status))) {
        await sleep(options.intervalMs);
        execution = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
        events = await readHistory(sfn, arn);
        emit();
      }
      out.print(render(ctx, definition, execution, events, false, new Date(), show));
    } else if (tty) {
      while (!(execution.status && TERMINAL.has(execution.status))) {
        ctx.io.stdout.write(
          `\u001b[2J\u001b[H${render(ctx, definition, execution, events, withEvents, new Date(), show)}`,
        );
        out.info("acompanhando… (Ctrl+C para sair)");
        await sleep(options.intervalMs);
        execution = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
        events = await readHistory(sfn, arn);
      }
      ctx.io.stdout.write("\u001b[2J\u001b[H");
    } else {
      while (!(execution.status && TERMINAL.has(execution.status))) {
        await sleep(options.intervalMs);
        execution = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
      }
      events = await readHistory(sfn, arn);
    }
    if (!tty && !out.json) return execution.status === "SUCCEEDED" ? 0 : 1;
  }

  if (out.json) out.printJson(toJson(execution, events, withEvents, show));
  else
    ctx.io.stdout.write(render(ctx, definition, execution, events, withEvents, new Date(), show));
  // Showing an execution succeeds whatever its outcome; --watch reports how it ended.
  if (options.watch) return execution.status === "SUCCEEDED" ? 0 : 1;
  return 0;
}
