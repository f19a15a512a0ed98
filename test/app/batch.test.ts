// Reading account files (CSV with `,` or `;`, quotes, BOM; JSON Lines) and planning a batch:
// invalid lines by number, duplicates counted once.
import { describe, expect, it } from "vitest";
import { planBatch, summarize } from "../../src/app/batch.js";
import {
  detectDelimiter,
  FileFormatError,
  formatOf,
  parseCsv,
  parseCsvRows,
  parseJsonLines,
} from "../../src/app/batch-file.js";

describe("CSV", () => {
  it("detects the delimiter from the header, ignoring quoted ones", () => {
    expect(detectDelimiter("titular;documento;banco")).toBe(";");
    expect(detectDelimiter("titular,documento,banco")).toBe(",");
    expect(detectDelimiter('"a;b;c",documento,banco')).toBe(",");
  });

  it("parses quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF", () => {
    const { rows } = parseCsvRows('a,b\r\n"x, y","say ""oi"""\r\n"multi\nline",z\n', ",");
    expect(rows).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["x, y", 'say "oi"'] },
      { line: 3, cells: ["multi\nline", "z"] },
    ]);
  });

  it("keeps the line where each record starts, after a multi-line field", () => {
    const parsed = parseCsv('titular,conta\n"Ana\nSilva",1-1\nBia,2-2\n');
    expect(parsed.records.map((r) => r.line)).toEqual([2, 4]);
    expect(parsed.records[1].input).toEqual({ titular: "Bia", conta: "2-2" });
  });

  it("strips a BOM, maps headers with accents, case and synonyms, reports unknown columns", () => {
    const parsed = parseCsv(
      "\uFEFFNome;CPF;Banco;Agência;Conta;Tipo de conta;Obs\nAna;1;341;2545;02366-1;Poupança;x\n",
    );
    expect(parsed.records).toEqual([
      {
        line: 2,
        input: {
          titular: "Ana",
          documento: "1",
          banco: "341",
          agencia: "2545",
          conta: "02366-1",
          tipo: "Poupança",
        },
      },
    ]);
    expect(parsed.ignoredColumns).toEqual(["Obs"]);
  });

  it("reports rows with too many cells and an unterminated quote; skips blank lines", () => {
    const parsed = parseCsv('titular,conta\nAna,1-1,extra\n\n;\nBia,"2-2\n');
    expect(parsed.errors).toEqual([
      { line: 2, message: "3 colunas, mas o cabeçalho tem 2" },
      { line: 5, message: "aspas abertas e não fechadas até o fim do arquivo" },
    ]);
  });

  it("refuses a file without an account column or without a header", () => {
    expect(() => parseCsv("a,b\n1,2\n")).toThrow(FileFormatError);
    expect(() => parseCsv("")).toThrow(FileFormatError);
  });
});

describe("JSON Lines and formats", () => {
  it("one object per line; bad JSON and non-objects by line; blank lines skipped", () => {
    const parsed = parseJsonLines(
      '{"titular":"Ana","banco":341}\n\n[1]\n{oops\n{"Agência":"2545"}\r\n',
    );
    expect(parsed.records).toEqual([
      { line: 1, input: { titular: "Ana", banco: 341 } },
      { line: 5, input: { agencia: "2545" } },
    ]);
    expect(parsed.errors.map((e) => e.line)).toEqual([3, 4]);
  });

  it("chooses the format by extension", () => {
    expect(formatOf("contas.CSV")).toBe("csv");
    expect(formatOf("a.jsonl")).toBe("jsonl");
    expect(formatOf("a.ndjson")).toBe("jsonl");
    expect(formatOf("a.xlsx")).toBeUndefined();
  });
});

describe("planBatch", () => {
  const valid = {
    titular: "Maria da Silva",
    documento: "529.982.247-25",
    banco: "341",
    agencia: "2545",
    conta: "02366-1",
  };

  it("validates every record, lists invalid ones by line with field errors, counts duplicates once", () => {
    const plan = planBatch({
      records: [
        { line: 2, input: valid },
        { line: 3, input: { ...valid, documento: "111.111.111-11", banco: "999" } },
        { line: 4, input: { ...valid, titular: "Maria  da Silva", documento: "52998224725" } },
        { line: 5, input: { ...valid, conta: "2366-1" } },
      ],
      errors: [{ line: 6, message: "não é um JSON válido" }],
      ignoredColumns: [],
    });
    expect(plan.valid.map((v) => [v.line, v.account.id])).toEqual([[2, "341-2545-02366-1"]]);
    expect(plan.invalid).toEqual([
      {
        line: 3,
        errors: [expect.stringMatching(/^documento: /), expect.stringMatching(/^banco: /)],
      },
      { line: 6, errors: ["não é um JSON válido"] },
    ]);
    // Same id after normalization (Itaú pads the account to 5 digits): duplicates of line 2.
    expect(plan.duplicates).toEqual([
      { line: 4, firstLine: 2, id: "341-2545-02366-1" },
      { line: 5, firstLine: 2, id: "341-2545-02366-1" },
    ]);
    expect(summarize(plan, [{ line: 2, id: "341-2545-02366-1", status: "cadastrada" }])).toEqual({
      cadastradas: 1,
      jaExistentes: 0,
      invalidas: 2,
      duplicadas: 2,
      falhas: 0,
    });
  });
});
