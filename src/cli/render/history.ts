// Tables for executions: the list (name, account, status, start, duration) and one execution's
// history events (id, type, state, time since start, detail).
import type { ExecutionListItem, HistoryEvent } from "@aws-sdk/client-sfn";
import { accountIdOfExecution } from "../../app/executions.js";
import { type EventRow, eventDetails } from "../../app/state-runs.js";
import { redactDocumentos } from "./accounts.js";
import type { Colors } from "./colors.js";
import { formatDuration } from "./graph.js";
import { renderTable } from "./table.js";

export const STATUS_PT: Record<string, string> = {
  RUNNING: "em execução",
  SUCCEEDED: "sucesso",
  FAILED: "falhou",
  TIMED_OUT: "tempo esgotado",
  ABORTED: "interrompida",
  PENDING_REDRIVE: "aguardando redrive",
};

export function paintStatus(status: string | undefined, colors: Colors): string {
  const s = status ?? "?";
  const text = `${s} (${STATUS_PT[s] ?? s})`;
  switch (s) {
    case "SUCCEEDED":
      return colors.green(text);
    case "FAILED":
    case "TIMED_OUT":
      return colors.red(text);
    case "ABORTED":
      return colors.magenta(text);
    case "RUNNING":
      return colors.cyan(text);
    default:
      return text;
  }
}

/** "2026-11-24 09:15:02" in UTC (unambiguous, sortable). */
export function formatTime(date: Date | undefined): string {
  if (!date) return "—";
  return date.toISOString().replace("T", " ").slice(0, 19);
}

export function durationOf(start?: Date, stop?: Date, now: Date = new Date()): number | undefined {
  if (!start) return undefined;
  return (stop ?? now).getTime() - start.getTime();
}

export function renderExecutionList(
  items: ExecutionListItem[],
  colors: Colors,
  now: Date = new Date(),
): string {
  return renderTable(
    [
      { header: "EXECUÇÃO", value: (e) => e.name ?? "" },
      { header: "CONTA", value: (e) => accountIdOfExecution(e.name ?? "") ?? "—" },
      { header: "STATUS", value: (e) => paintStatus(e.status, colors) },
      { header: "INÍCIO (UTC)", value: (e) => formatTime(e.startDate) },
      {
        header: "DURAÇÃO",
        align: "right",
        value: (e) => {
          const ms = durationOf(e.startDate, e.stopDate, now);
          return ms === undefined ? "—" : formatDuration(ms);
        },
      },
    ],
    items,
    { styleHeader: (t) => colors.bold(t) },
  );
}

function clip(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A one-line summary of an event's details: the error and cause, or the input/output. */
export function eventDetail(event: HistoryEvent, showDocumento = false): string {
  const d = eventDetails(event) as Record<string, unknown> | undefined;
  if (!d) return "";
  if (typeof d.error === "string") {
    return clip(typeof d.cause === "string" ? `${d.error}: ${d.cause}` : d.error, 100);
  }
  for (const key of ["output", "input", "parameters", "resource"]) {
    const value = d[key];
    if (typeof value === "string" && value !== "") {
      return clip(`${key}: ${showDocumento ? value : redactDocumentos(value)}`);
    }
  }
  return "";
}

export function renderEventTable(rows: EventRow[], colors: Colors, showDocumento = false): string {
  return renderTable(
    [
      { header: "ID", align: "right", value: (r) => String(r.event.id ?? "") },
      {
        header: "TIPO",
        value: (r) => {
          const type = r.event.type ?? "";
          if (/Failed|TimedOut|Aborted/.test(type)) return colors.red(type);
          if (/Succeeded/.test(type)) return colors.green(type);
          return type;
        },
      },
      { header: "ESTADO", value: (r) => r.state ?? "" },
      { header: "TEMPO", align: "right", value: (r) => `+${formatDuration(r.elapsedMs)}` },
      { header: "DETALHE", value: (r) => eventDetail(r.event, showDocumento) },
    ],
    rows,
    { styleHeader: (t) => colors.bold(t) },
  );
}
