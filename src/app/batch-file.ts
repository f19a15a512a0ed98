// Reading a file of accounts: CSV with a header row (`,` or `;` — Brazilian spreadsheets export
// `;` — detected from the header; quoted fields with "" escapes and line breaks; a UTF-8 BOM
// ignored) or JSON Lines (one object per line). Each record keeps the line it starts on.
import type { AccountInput } from "../domain/index.js";

export interface FileRecord {
  /** 1-based line number where the record starts (the header is line 1 in a CSV). */
  line: number;
  input: AccountInput;
}

export interface ParsedFile {
  records: FileRecord[];
  /** Lines that are not a record at all (bad JSON, a CSV row with an open quote…). */
  errors: { line: number; message: string }[];
  /** Header columns that are not account fields (ignored). */
  ignoredColumns: string[];
}

export type FileFormat = "csv" | "jsonl";

/** A file the CLI cannot read as a list of accounts (no usable header, unknown format). */
export class FileFormatError extends Error {
  override name = "FileFormatError";
}

export function formatOf(path: string): FileFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  return undefined;
}

const FIELDS = ["titular", "documento", "banco", "agencia", "conta", "tipo"] as const;

/** Header spellings people use: accents, case, and a few synonyms. */
const ALIASES: Record<string, (typeof FIELDS)[number]> = {
  nome: "titular",
  cpf: "documento",
  cnpj: "documento",
  "cpf/cnpj": "documento",
  cpf_cnpj: "documento",
  doc: "documento",
  codigo_banco: "banco",
  "codigo do banco": "banco",
  numero_conta: "conta",
  tipo_conta: "tipo",
  "tipo de conta": "tipo",
};

function fieldOf(header: string): (typeof FIELDS)[number] | undefined {
  const key = header.normalize("NFD").replace(/\p{M}/gu, "").trim().toLowerCase();
  if ((FIELDS as readonly string[]).includes(key)) return key as (typeof FIELDS)[number];
  return ALIASES[key];
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The delimiter of a header line: the one of `;` and `,` that occurs more outside quotes. */
export function detectDelimiter(headerLine: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

interface Row {
  line: number;
  cells: string[];
}

/** RFC 4180 rows (with a chosen delimiter); an unterminated quote is reported, not guessed. */
export function parseCsvRows(
  text: string,
  delimiter: string,
): { rows: Row[]; openQuoteLine?: number } {
  const rows: Row[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let touched = false;
  const endRow = () => {
    cells.push(cell);
    if (touched || cells.length > 1 || cell !== "") rows.push({ line: rowLine, cells });
    cells = [];
    cell = "";
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      touched = true;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
      touched = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) return { rows, openQuoteLine: rowLine };
  if (cell !== "" || cells.length > 0 || touched) endRow();
  return { rows };
}

export function parseCsv(text: string): ParsedFile {
  const clean = stripBom(text);
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = detectDelimiter(firstLine);
  const { rows, openQuoteLine } = parseCsvRows(clean, delimiter);
  const header = rows.shift();
  if (!header) throw new FileFormatError("o arquivo está vazio (esperava um cabeçalho)");
  const columns = header.cells.map(fieldOf);
  if (!columns.some((c) => c !== undefined)) {
    throw new FileFormatError(
      `o cabeçalho não tem nenhuma coluna de conta (esperava ${FIELDS.join(", ")}); lido: "${firstLine}"`,
    );
  }
  const ignoredColumns = header.cells.filter((_, i) => columns[i] === undefined);
  const records: FileRecord[] = [];
  const errors: ParsedFile["errors"] = [];
  for (const row of rows) {
    if (row.cells.every((c) => c.trim() === "")) continue;
    if (row.cells.length > header.cells.length) {
      errors.push({
        line: row.line,
        message: `${row.cells.length} colunas, mas o cabeçalho tem ${header.cells.length}`,
      });
      continue;
    }
    const input: Record<string, string> = {};
    row.cells.forEach((value, i) => {
      const field = columns[i];
      if (field && value.trim() !== "") input[field] = value;
    });
    records.push({ line: row.line, input });
  }
  if (openQuoteLine !== undefined) {
    errors.push({
      line: openQuoteLine,
      message: "aspas abertas e não fechadas até o fim do arquivo",
    });
  }
  return { records, errors, ignoredColumns };
}

export function parseJsonLines(text: string): ParsedFile {
  const records: FileRecord[] = [];
  const errors: ParsedFile["errors"] = [];
  stripBom(text)
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === "") return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        errors.push({ line, message: "não é um JSON válido" });
        return;
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        errors.push({ line, message: "cada linha deve ser um objeto JSON com os campos da conta" });
        return;
      }
      const input: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) {
        const field = fieldOf(key);
        if (field) input[field] = v;
      }
      records.push({ line, input });
    });
  return { records, errors, ignoredColumns: [] };
}

export function parseAccountsFile(text: string, format: FileFormat): ParsedFile {
  return format === "csv" ? parseCsv(text) : parseJsonLines(text);
}
