import { describe, expect, it } from "vitest";
import { buildRecord, ContaInvalida, handler } from "../../src/lambda/handler.js";

const event = {
  titular: " Maria  da Silva ",
  documento: "12.ABC.345/01DE-35",
  banco: "341",
  agencia: "2545",
  conta: "02366-1",
  tipo: "Poupança",
};
const execucao = "arn:aws:states:us-east-1:000000000000:execution:contabanco-dev:abc";
const fixedNow = () => new Date("2026-03-01T12:34:56.789Z");

describe("contaBanco handler (source)", () => {
  it("returns the normalized record, stamped with the clock and the execution", () => {
    expect(buildRecord({ ...event, execucao }, fixedNow)).toEqual({
      id: "341-2545-02366-1",
      titular: "Maria da Silva",
      documento: "12ABC34501DE35",
      tipoDocumento: "cnpj",
      banco: "341",
      bancoNome: "ITAÚ UNIBANCO S.A.",
      agencia: "2545",
      conta: "02366",
      contaDv: "1",
      tipo: "poupanca",
      criadoEm: "2026-03-01T12:34:56.789Z",
      execucao,
    });
  });

  it("uses the event's criadoEm, normalized to UTC, and leaves execucao out when absent", () => {
    const record = buildRecord({ ...event, criadoEm: "2026-03-01T09:00:00-03:00" }, fixedNow);
    expect(record.criadoEm).toBe("2026-03-01T12:00:00.000Z");
    expect(record).not.toHaveProperty("execucao");
  });

  it("throws ContaInvalida listing every invalid field", () => {
    let error: unknown;
    try {
      buildRecord({ ...event, documento: "123.456.789-00", agencia: "25", tipo: "x" }, fixedNow);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContaInvalida);
    const e = error as ContaInvalida;
    expect(e.name).toBe("ContaInvalida");
    expect(e.message).toBe(
      "Conta inválida: documento: CPF inválido (dígito verificador não confere); " +
        "agencia: deve ter 4 dígitos, com dígito verificador opcional (ex.: 2545 ou 2545-1); " +
        'tipo: deve ser corrente, poupanca, pagamento ou salario; recebido "x"',
    );
    expect(e.errors.map((x) => x.campo)).toEqual(["documento", "agencia", "tipo"]);
  });

  it("refuses a malformed criadoEm or execucao alongside the account's errors", () => {
    expect(() => buildRecord({ ...event, criadoEm: "ontem", execucao: 7 }, fixedNow)).toThrow(
      "Conta inválida: criadoEm: deve ser um instante ISO-8601 (ex.: 2026-01-31T12:00:00Z); " +
        "execucao: deve ser o ARN da execução",
    );
    expect(() => buildRecord({ ...event, titular: "", criadoEm: "2026-02-30T00:00:00Z" })).toThrow(
      /^Conta inválida: titular: obrigatório; criadoEm: /,
    );
  });

  it("refuses an event that is not an object", async () => {
    for (const bad of [null, "texto", 42, [event]]) {
      await expect(handler(bad as never)).rejects.toMatchObject({
        name: "ContaInvalida",
        message: "Conta inválida: evento: deve ser um objeto JSON com os campos da conta",
      });
    }
  });

  it("handler stamps the current time when the event has none", async () => {
    const before = Date.now();
    const record = await handler(event, { awsRequestId: "req-1" });
    const at = Date.parse(record.criadoEm);
    expect(record.criadoEm).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });
});
