import { describe, expect, it } from "vitest";
import {
  findBank,
  formatDocumento,
  maskDocumento,
  validateDocumento,
} from "../../src/domain/index.js";
import { cnpjCheckDigits, cpfCheckDigits, referenceCpfValid } from "./reference.js";

describe("alphanumeric CNPJ", () => {
  it("validates the Receita Federal's published example 12.ABC.345/01DE-35", () => {
    // The reference implementation agrees, so the example is checked twice, independently.
    expect(cnpjCheckDigits("12ABC34501DE")).toBe("35");
    expect(validateDocumento("12.ABC.345/01DE-35")).toEqual({
      ok: true,
      documento: "12ABC34501DE35",
      tipoDocumento: "cnpj",
    });
  });
  it("formats and masks it", () => {
    expect(formatDocumento("12ABC34501DE35")).toBe("12.ABC.345/01DE-35");
    expect(maskDocumento("12ABC34501DE35")).toBe("**.ABC.345/01DE-**");
  });
});

describe("formatDocumento", () => {
  it("formats CPF and CNPJ, normalized or not", () => {
    expect(formatDocumento("12345678909")).toBe("123.456.789-09");
    expect(formatDocumento("123.456.789-09")).toBe("123.456.789-09");
    expect(formatDocumento("11222333000181")).toBe("11.222.333/0001-81");
    expect(formatDocumento("12abc34501de35")).toBe("12.ABC.345/01DE-35");
  });
  it("returns anything else unchanged", () => {
    expect(formatDocumento("123")).toBe("123");
  });
});

describe("maskDocumento (LGPD)", () => {
  it("hides the start and the check digits, keeps the middle recognisable", () => {
    expect(maskDocumento("12345678909")).toBe("***.456.789-**");
    expect(maskDocumento("123.456.789-09")).toBe("***.456.789-**");
    expect(maskDocumento("11222333000181")).toBe("**.222.333/0001-**");
  });
  it("never shows more than 6 of a CPF's 11 digits nor 10 of a CNPJ's 14", () => {
    expect(maskDocumento("12345678909").replace(/\D/g, "")).toHaveLength(6);
    expect(maskDocumento("11222333000181").replace(/[^0-9A-Z]/g, "")).toHaveLength(10);
  });
  it("hides a malformed document entirely", () => {
    expect(maskDocumento("12345")).toBe("*****");
    expect(maskDocumento("")).toBe("***");
  });
});

describe("CPF check digits: the modulo-11 blind spot", () => {
  it("accepts two CPFs one digit apart when the published rule does (not a bug of ours)", () => {
    // The first digit weighs 10 and 11 in the two sums; 11 ≡ 0 (mod 11), and remainders 0 and 1
    // both give check digit 0, so 1→2 in the first position leaves both check digits unchanged.
    expect(cpfCheckDigits("100000063")).toBe("00");
    expect(cpfCheckDigits("200000063")).toBe("00");
    expect(referenceCpfValid("20000006300")).toBe(true);
    expect(validateDocumento("10000006300").ok).toBe(true);
    expect(validateDocumento("20000006300").ok).toBe(true);
  });
});

describe("findBank", () => {
  it("finds a bank by COMPE code, padded or not", () => {
    expect(findBank("341")).toEqual({ code: "341", name: "ITAÚ UNIBANCO S.A." });
    expect(findBank("1")).toEqual({ code: "001", name: "Banco do Brasil S.A." });
    expect(findBank(" 237 ")?.name).toBe("Banco Bradesco S.A.");
    expect(findBank("260")?.code).toBe("260");
  });
  it("returns undefined for unknown or malformed codes", () => {
    expect(findBank("999")).toBeUndefined();
    expect(findBank("000")).toBeUndefined();
    expect(findBank("abc")).toBeUndefined();
    expect(findBank("1234")).toBeUndefined();
    expect(findBank("")).toBeUndefined();
  });
  it("returns a copy the caller cannot use to alter the list", () => {
    const bank = findBank("341")!;
    bank.name = "outro";
    expect(findBank("341")?.name).toBe("ITAÚ UNIBANCO S.A.");
  });
});
