// cadastrar --arquivo through the built CLI: a CSV with `;` and a JSON Lines file mixing valid,
// invalid and duplicate lines; the summary; re-running creates nothing and overwrites nothing.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { cpf } from "../support/accounts.js";
import { executionCount, useStage } from "./stage-helpers.js";

const engine = useStage();

async function criadoEm(id: string): Promise<string | undefined> {
  const out = await engine.dynamodb.send(
    new GetItemCommand({ TableName: "contabanco-dev-contas", Key: { id: { S: id } } }),
  );
  return out.Item?.criadoEm?.S;
}

describe("cadastrar --arquivo", () => {
  it("CSV with `;`, BOM and quotes: lists invalid lines, counts a duplicate once, re-run is safe", async () => {
    const csv = [
      "\uFEFFTitular;Documento;Banco;Agência;Conta;Tipo",
      `"Ana Silva";${cpf("123456780")};237;0001;1000-1;corrente`,
      `Bruno Costa;${cpf("223456780")};237;0001;1000-2;poupança`,
      `Carla Dias;111.111.111-11;237;0001;1000-3;corrente`,
      `Bruno Costa;${cpf("223456780")};237;0001;1000-2;poupança`,
      `Davi Melo;${cpf("323456780")};999;0001;1000-4;corrente`,
      `"Eva D'Ávila";${cpf("423456780")};260;0001;1000-5;pagamento`,
    ].join("\r\n");
    const file = join(engine.home, "contas.csv");
    writeFileSync(file, csv);
    const before = await executionCount(engine);

    const first = await engine.cli(["cadastrar", "--arquivo", file, "--concorrencia", "2"]);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain("linha 4: documento:");
    expect(first.stderr).toContain("linha 6: banco:");
    expect(first.stderr).toContain("linha 5: conta 237-0001-1000-2 repetida (já na linha 3)");
    expect(first.stdout).toContain("cadastradas: 3 · já existentes: 0 · inválidas: 2 · falhas: 0");
    expect(await executionCount(engine)).toBe(before + 3);
    const stamp = await criadoEm("237-0001-1000-1");
    expect(stamp).toMatch(/^\d{4}-/);

    const again = await engine.cli(["--json", "cadastrar", "--arquivo", file]);
    expect(again.code).toBe(1);
    const doc = JSON.parse(again.stdout);
    expect(doc.resumo).toEqual({
      cadastradas: 0,
      jaExistentes: 3,
      invalidas: 2,
      duplicadas: 1,
      falhas: 0,
    });
    expect(doc.invalidas.map((i: { linha: number }) => i.linha)).toEqual([4, 6]);
    expect(doc.resultados.map((r: { status: string }) => r.status)).toEqual([
      "ja-existente",
      "ja-existente",
      "ja-existente",
    ]);
    // The pre-check skipped them: no execution started, nothing overwritten.
    expect(await executionCount(engine)).toBe(before + 3);
    expect(await criadoEm("237-0001-1000-1")).toBe(stamp);
  });

  it("JSON Lines: bad JSON and field errors by line, the rest registered, exit 0 when all valid", async () => {
    const lines = [
      JSON.stringify({
        titular: "Fabio Lima",
        documento: cpf("523456780"),
        banco: 104,
        agencia: "0002",
        conta: "2000-1",
      }),
      "{ isto não é json",
      JSON.stringify({
        titular: "Gabi Rocha",
        documento: cpf("623456780"),
        banco: "104",
        agencia: "0002",
        conta: "20001",
      }),
      "",
      JSON.stringify({
        titular: "Heitor Nunes",
        documento: cpf("723456780"),
        banco: "104",
        agencia: "0002",
        conta: "2000-3",
        tipo: "salario",
      }),
    ].join("\n");
    const file = join(engine.home, "contas.jsonl");
    writeFileSync(file, lines);
    const r = await engine.cli(["--json", "cadastrar", "--arquivo", file]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.resumo).toMatchObject({ cadastradas: 2, invalidas: 2, falhas: 0 });
    expect(doc.invalidas).toEqual([
      { linha: 2, erros: ["não é um JSON válido"] },
      { linha: 3, erros: [expect.stringMatching(/^conta: /)] },
    ]);
    expect(await criadoEm("104-0002-2000-3")).toBeDefined();

    const valid = join(engine.home, "validas.jsonl");
    writeFileSync(valid, `${lines.split("\n")[0]}\n`);
    const ok = await engine.cli(["cadastrar", "--arquivo", valid]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("cadastradas: 0 · já existentes: 1 · inválidas: 0 · falhas: 0");
  });

  it("usage errors: unknown extension, --arquivo with account flags, bad --concorrencia", async () => {
    const a = await engine.cli(["cadastrar", "--arquivo", "contas.xlsx"]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("use um arquivo .csv ou .jsonl");
    const b = await engine.cli(["cadastrar", "--arquivo", "x.csv", "--titular", "Ana"]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("--arquivo não combina com --titular");
    const c = await engine.cli(["cadastrar", "--arquivo", "x.csv", "--concorrencia", "0"]);
    expect(c.code).toBe(2);
    const d = await engine.cli(["cadastrar", "--arquivo", join(engine.home, "nao-existe.csv")]);
    expect(d.code).toBe(1);
    expect(d.stderr).toContain("não foi possível ler");
  });
});
