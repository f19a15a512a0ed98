// Account records for people (a table, or one record as label: value lines) and for
// spreadsheets (CSV). The documento is masked (LGPD) unless the user asks to show it.
import type { AccountRecord } from "../../app/lookup.js";
import { formatDocumento, maskDocumento } from "../../domain/mask.js";
import type { Colors } from "./colors.js";
import { renderTable } from "./table.js";

/** The record as shown: documento masked unless `show`. */
export function presentRecord(record: AccountRecord, show: boolean): AccountRecord {
  const documento = typeof record.documento === "string" ? record.documento : "";
  return { ...record, documento: show ? documento : maskDocumento(documento) };
}

/** Masks every `"documento":"…"` inside JSON text (history inputs and outputs). */
export function redactDocumentos(json: string): string {
  return json.replace(
    /("documento"\s*:\s*")([^"]*)(")/g,
    (_, open: string, value: string, close: string) => `${open}${maskDocumento(value)}${close}`,
  );
}

/** A JSON value with its `documento` fields masked, at any depth. */
export function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === "documento" && typeof v === "string" ? maskDocumento(v) : redactValue(v),
      ]),
    );
  }
  return value;
}

function text(value: unknown): string {
  return value === undefined || value === null ? "" : String(value);
}

function agencia(r: AccountRecord): string {
  return r.agenciaDv ? `${text(r.agencia)}-${text(r.agenciaDv)}` : text(r.agencia);
}

function conta(r: AccountRecord): string {
  return `${text(r.conta)}-${text(r.contaDv)}`;
}

function documentoShown(r: AccountRecord, show: boolean): string {
  const d = text(r.documento);
  return show ? formatDocumento(d) : maskDocumento(d);
}

export function renderAccountTable(
  records: AccountRecord[],
  show: boolean,
  colors: Colors,
): string {
  return renderTable(
    [
      { header: "ID", value: (r) => r.id },
      { header: "TITULAR", value: (r) => text(r.titular) },
      { header: "DOCUMENTO", value: (r) => documentoShown(r, show) },
      { header: "BANCO", value: (r) => `${text(r.banco)} ${text(r.bancoNome)}`.trim() },
      { header: "AGÊNCIA", value: agencia },
      { header: "CONTA", value: conta },
      { header: "TIPO", value: (r) => text(r.tipo) },
      { header: "CRIADO EM", value: (r) => text(r.criadoEm) },
    ],
    records,
    { styleHeader: (t) => colors.bold(t) },
  );
}

/** One record, one field per line (what cadastrar prints after registering). */
export function renderAccount(record: AccountRecord, show: boolean, colors: Colors): string {
  const rows: [string, string][] = [
    ["id", record.id],
    ["titular", text(record.titular)],
    ["documento", `${documentoShown(record, show)} (${text(record.tipoDocumento).toUpperCase()})`],
    ["banco", `${text(record.banco)} — ${text(record.bancoNome)}`],
    ["agência", agencia(record)],
    ["conta", conta(record)],
    ["tipo", text(record.tipo)],
    ["criado em", text(record.criadoEm)],
    ["execução", text(record.execucao)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${colors.bold(k.padEnd(width))}  ${v}`).join("\n");
}

export const CSV_COLUMNS = [
  "id",
  "titular",
  "documento",
  "tipoDocumento",
  "banco",
  "bancoNome",
  "agencia",
  "agenciaDv",
  "conta",
  "contaDv",
  "tipo",
  "criadoEm",
  "execucao",
] as const;

function csvCell(value: string): string {
  return /[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 CSV with a header row (`,` separated, CRLF line ends). */
export function renderAccountCsv(records: AccountRecord[], show: boolean): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of records) {
    const shown = presentRecord(r, show);
    lines.push(CSV_COLUMNS.map((c) => csvCell(text(shown[c]))).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
