import { describe, expect, it } from "vitest";
import {
  type AccountInput,
  accountId,
  formatErrors,
  TIPOS_CONTA,
  validateAccount,
} from "../../src/domain/index.js";

const valid: AccountInput = {
  titular: "Maria da Silva",
  documento: "123.456.789-09",
  banco: "341",
  agencia: "2545",
  conta: "02366-1",
};

function errorsOf(input: AccountInput) {
  const r = validateAccount(input);
  if (r.ok) throw new Error(`esperava erro, veio ${JSON.stringify(r.account)}`);
  return r.errors;
}

function accountOf(input: AccountInput) {
  const r = validateAccount(input);
  if (!r.ok) throw new Error(formatErrors(r.errors));
  return r.account;
}

function errorFor(input: AccountInput, campo: keyof AccountInput) {
  const errors = errorsOf(input);
  const e = errors.find((x) => x.campo === campo);
  expect(e, `sem erro para ${campo}: ${JSON.stringify(errors)}`).toBeDefined();
  return e!.mensagem;
}

describe("validateAccount — a valid account", () => {
  it("normalizes every field and builds the id", () => {
    expect(accountOf(valid)).toEqual({
      id: "341-2545-02366-1",
      titular: "Maria da Silva",
      documento: "12345678909",
      tipoDocumento: "cpf",
      banco: "341",
      bancoNome: "ITAÚ UNIBANCO S.A.",
      agencia: "2545",
      conta: "02366",
      contaDv: "1",
      tipo: "corrente",
    });
  });

  it("accepts an alphanumeric CNPJ (the Receita Federal's example 12.ABC.345/01DE-35)", () => {
    const a = accountOf({ ...valid, documento: "12.abc.345/01de-35" });
    expect(a.documento).toBe("12ABC34501DE35");
    expect(a.tipoDocumento).toBe("cnpj");
  });

  it("accepts a numeric CNPJ", () => {
    expect(accountOf({ ...valid, documento: "11.222.333/0001-81" }).documento).toBe(
      "11222333000181",
    );
  });
});

describe("validateAccount — every error at once, each naming its field", () => {
  it("reports all six fields in field order", () => {
    const errors = errorsOf({
      titular: "1",
      documento: "123.456.789-00",
      banco: "9999",
      agencia: "25",
      conta: "02366",
      tipo: "investimento",
    });
    expect(errors.map((e) => e.campo)).toEqual([
      "titular",
      "documento",
      "banco",
      "agencia",
      "conta",
      "tipo",
    ]);
    const text = formatErrors(errors);
    expect(text.split("\n")).toHaveLength(6);
    expect(text).toContain("documento: CPF inválido (dígito verificador não confere)");
    for (const line of text.split("\n"))
      expect(line).toMatch(/^(titular|documento|banco|agencia|conta|tipo): \S/);
  });

  it("reports missing fields as required", () => {
    const errors = errorsOf({});
    expect(errors.map((e) => e.campo)).toEqual([
      "titular",
      "documento",
      "banco",
      "agencia",
      "conta",
    ]);
    for (const e of errors) expect(e.mensagem).toMatch(/^obrigatóri[oa]/);
  });

  it("refuses non-text values without throwing", () => {
    const errors = errorsOf({
      titular: 42,
      documento: 12345678909,
      banco: {},
      agencia: [],
      conta: true,
    });
    expect(errors.map((e) => e.mensagem)).toEqual(Array(5).fill("deve ser um texto"));
  });
});

describe("titular", () => {
  it("trims and collapses spaces, keeps accents, apostrophes, dots and hyphens", () => {
    expect(accountOf({ ...valid, titular: "  João   D’Ávila-Souza  Jr. " }).titular).toBe(
      "João D'Ávila-Souza Jr.",
    );
  });
  it.each([
    ["X", "deve ter de 2 a 120 caracteres; tem 1"],
    ["A".repeat(121), "deve ter de 2 a 120 caracteres; tem 121"],
    ["Maria 2", "use só letras, espaços, apóstrofos, pontos e hífens"],
    ["Ana@x", "use só letras, espaços, apóstrofos, pontos e hífens"],
    ["- .", "deve conter ao menos duas letras"],
    ["   ", "obrigatório"],
  ])("refuses %j", (titular, mensagem) => {
    expect(errorFor({ ...valid, titular }, "titular")).toBe(mensagem);
  });
  it("accepts 2 and 120 characters", () => {
    expect(accountOf({ ...valid, titular: "Li" }).titular).toBe("Li");
    expect(accountOf({ ...valid, titular: "É".repeat(120) }).titular).toHaveLength(120);
  });
});

describe("documento", () => {
  it.each([
    ["123.456.789-00", "CPF inválido (dígito verificador não confere)"],
    ["111.111.111-11", "CPF inválido (dígitos repetidos)"],
    ["12.ABC.345/01DE-36", "CNPJ inválido (dígito verificador não confere)"],
    ["11.222.333/0001-82", "CNPJ inválido (dígito verificador não confere)"],
    ["00.000.000/0000-00", "CNPJ inválido (dígitos repetidos)"],
    ["12.ABC.345/01DE-3A", "CNPJ inválido (os 2 últimos caracteres devem ser dígitos)"],
    ["123.456.78A-09", "CPF deve conter só dígitos"],
    ["123456789", "deve ser um CPF (11 dígitos) ou um CNPJ (14 caracteres); recebido 9"],
    ["123_456_789_09", "contém caracteres inválidos (use só dígitos, letras no CNPJ e . - /)"],
  ])("refuses %j", (documento, mensagem) => {
    expect(errorFor({ ...valid, documento }, "documento")).toBe(mensagem);
  });
  it("accepts spaces inside the mask", () => {
    expect(accountOf({ ...valid, documento: " 123 456 789 09 " }).documento).toBe("12345678909");
  });
});

describe("banco", () => {
  it("pads the COMPE code to 3 digits and keeps the bank's name", () => {
    const a = accountOf({ ...valid, banco: "1", agencia: "1584-9", conta: "00210169-6" });
    expect(a.banco).toBe("001");
    expect(a.bancoNome).toBe("Banco do Brasil S.A.");
  });
  it("accepts the code as a number", () => {
    expect(accountOf({ ...valid, banco: 341 }).banco).toBe("341");
  });
  it("refuses an unknown code and a malformed one", () => {
    expect(errorFor({ ...valid, banco: "999" }, "banco")).toBe(
      "código 999 não consta da lista de bancos brasileiros",
    );
    expect(errorFor({ ...valid, banco: "3411" }, "banco")).toBe(
      "o código COMPE tem até 3 dígitos (ex.: 341)",
    );
    expect(errorFor({ ...valid, banco: "" }, "banco")).toBe("obrigatório (código COMPE, ex.: 341)");
  });
});

describe("agencia", () => {
  it("accepts 4 digits with an optional check digit", () => {
    expect(accountOf({ ...valid, banco: "237", agencia: "2545" })).not.toHaveProperty("agenciaDv");
    const a = accountOf({ ...valid, banco: "237", agencia: " 2545 - x " });
    expect([a.agencia, a.agenciaDv]).toEqual(["2545", "X"]);
    expect(accountOf({ ...valid, agencia: 2545 }).agencia).toBe("2545");
  });
  it.each(["254", "25450", "2545-12", "25a5", "2545-"])("refuses %j", (agencia) => {
    expect(errorFor({ ...valid, agencia }, "agencia")).toBe(
      "deve ter 4 dígitos, com dígito verificador opcional (ex.: 2545 ou 2545-1)",
    );
  });
  it("checks Banco do Brasil's agency digit (1584-9)", () => {
    const bb = { ...valid, banco: "001", conta: "00210169-6" };
    expect(accountOf({ ...bb, agencia: "1584-9" }).agenciaDv).toBe("9");
    expect(errorFor({ ...bb, agencia: "1584-8" }, "agencia")).toBe(
      "dígito verificador não confere (Banco do Brasil, 001)",
    );
  });
});

describe("conta", () => {
  it("keeps leading zeros and accepts X and P as check digit (format-only banks)", () => {
    expect(accountOf({ ...valid, banco: "237", conta: "123456-x" })).toMatchObject({
      conta: "123456",
      contaDv: "X",
      id: "237-2545-123456-X",
    });
    expect(accountOf({ ...valid, banco: "237", conta: "0012.345 - P" }).conta).toBe("0012345");
  });
  it.each([
    ["02366", "informe o número e o dígito verificador separados por hífen (ex.: 02366-1)"],
    ["02366-1-2", "informe o número e o dígito verificador separados por hífen (ex.: 02366-1)"],
    ["12345678901234-1", "o número deve ter de 1 a 13 dígitos"],
    ["000-1", "o número não pode ser só zeros"],
    ["02366-Y", "o dígito verificador deve ser um algarismo, X ou P"],
  ])("refuses %j", (conta, mensagem) => {
    expect(errorFor({ ...valid, banco: "237", conta }, "conta")).toBe(mensagem);
  });
  it("checks Itaú's digit (agency 2545, account 02366 → 1) and pads to 5 digits", () => {
    expect(accountOf({ ...valid, conta: "2366-1" }).id).toBe("341-2545-02366-1");
    for (const dv of ["0", "2", "3", "4", "5", "6", "7", "8", "9", "X"]) {
      expect(errorFor({ ...valid, conta: `02366-${dv}` }, "conta")).toBe(
        "dígito verificador não confere com agência e número (Itaú, 341)",
      );
    }
    // The agency is part of Itaú's rule.
    expect(errorFor({ ...valid, agencia: "2546" }, "conta")).toMatch(/não confere/);
    expect(errorFor({ ...valid, conta: "123456-1" }, "conta")).toBe(
      "no Itaú (341) o número tem até 5 dígitos",
    );
  });
  it("checks Banco do Brasil's digit (00210169-6) and pads to 8 digits", () => {
    const bb = { ...valid, banco: "001", agencia: "1584" };
    expect(accountOf({ ...bb, conta: "210169-6" }).id).toBe("001-1584-00210169-6");
    expect(errorFor({ ...bb, conta: "210169-7" }, "conta")).toBe(
      "dígito verificador não confere com agência e número (Banco do Brasil, 001)",
    );
  });
});

describe("tipo", () => {
  it("defaults to corrente and normalizes case and accents", () => {
    expect(accountOf(valid).tipo).toBe("corrente");
    expect(accountOf({ ...valid, tipo: "" }).tipo).toBe("corrente");
    expect(accountOf({ ...valid, tipo: " Poupança " }).tipo).toBe("poupanca");
    expect(accountOf({ ...valid, tipo: "SALÁRIO" }).tipo).toBe("salario");
    expect(accountOf({ ...valid, tipo: "pagamento" }).tipo).toBe("pagamento");
  });
  it("refuses anything else, listing the four types", () => {
    expect(TIPOS_CONTA).toEqual(["corrente", "poupanca", "pagamento", "salario"]);
    expect(errorFor({ ...valid, tipo: "investimento" }, "tipo")).toBe(
      'deve ser corrente, poupanca, pagamento ou salario; recebido "investimento"',
    );
  });
});

describe("accountId", () => {
  it("is <banco>-<agencia>-<conta>-<dv>", () => {
    expect(accountId({ banco: "341", agencia: "2545", conta: "02366", contaDv: "1" })).toBe(
      "341-2545-02366-1",
    );
  });
});
