// CPF and CNPJ: normalization and check digits. The check digits come from
// @brazilian-utils/brazilian-utils, which implements the Receita Federal's rules, the 2026
// alphanumeric CNPJ included (`isValidCnpj(x, { version: 2 })`); only the classification and the
// pt-BR messages are ours.
import { isValidCnpj, isValidCpf } from "@brazilian-utils/brazilian-utils";

export type TipoDocumento = "cpf" | "cnpj";

export type DocumentoResult =
  | { ok: true; documento: string; tipoDocumento: TipoDocumento }
  | { ok: false; mensagem: string };

/** Mask characters people type around a CPF/CNPJ: dots, hyphens, slashes and whitespace. */
const PUNCTUATION = /[\s.\-/]/g;

/** Strips the mask and upper-cases: "12.abc.345/01de-35" → "12ABC34501DE35". */
export function normalizeDocumento(documento: string): string {
  return documento.replace(PUNCTUATION, "").toUpperCase();
}

export function classifyDocumento(normalized: string): TipoDocumento | undefined {
  if (/^\d{11}$/.test(normalized)) return "cpf";
  if (/^[0-9A-Z]{12}\d{2}$/.test(normalized)) return "cnpj";
  return undefined;
}

const repeated = (s: string) => /^(.)\1*$/.test(s);

/**
 * Validates a CPF or CNPJ given with or without its mask. Rules: 11 digits is a CPF; 14 characters
 * is a CNPJ whose first 12 may be letters or digits and whose 2 check digits are digits; a number
 * made of one repeated digit is refused (the Receita never issues it, though its check digits add
 * up).
 */
export function validateDocumento(raw: string): DocumentoResult {
  const documento = normalizeDocumento(raw);
  if (documento === "") return { ok: false, mensagem: "obrigatório (CPF ou CNPJ)" };
  if (!/^[0-9A-Z]+$/.test(documento)) {
    return {
      ok: false,
      mensagem: "contém caracteres inválidos (use só dígitos, letras no CNPJ e . - /)",
    };
  }
  if (documento.length === 11) {
    if (!/^\d+$/.test(documento)) return { ok: false, mensagem: "CPF deve conter só dígitos" };
    if (repeated(documento)) return { ok: false, mensagem: "CPF inválido (dígitos repetidos)" };
    if (!isValidCpf(documento)) {
      return { ok: false, mensagem: "CPF inválido (dígito verificador não confere)" };
    }
    return { ok: true, documento, tipoDocumento: "cpf" };
  }
  if (documento.length === 14) {
    if (!/^\d{2}$/.test(documento.slice(12))) {
      return { ok: false, mensagem: "CNPJ inválido (os 2 últimos caracteres devem ser dígitos)" };
    }
    if (/^\d+$/.test(documento) && repeated(documento)) {
      return { ok: false, mensagem: "CNPJ inválido (dígitos repetidos)" };
    }
    if (!isValidCnpj(documento, { version: 2 })) {
      return { ok: false, mensagem: "CNPJ inválido (dígito verificador não confere)" };
    }
    return { ok: true, documento, tipoDocumento: "cnpj" };
  }
  return {
    ok: false,
    mensagem: `deve ser um CPF (11 dígitos) ou um CNPJ (14 caracteres); recebido ${documento.length}`,
  };
}
