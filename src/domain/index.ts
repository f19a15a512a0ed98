// The account domain: schema, validation, normalization, masking and id. Pure, no I/O; used by
// the CLI (to fail fast) and bundled into the contaBanco Lambda. Normalization rules, in short:
// - titular: NFC, trimmed, inner whitespace collapsed, ’ → '; 2–120 chars of letters (accents
//   included), spaces, apostrophes, dots and hyphens; case kept.
// - documento: ". - /" and whitespace removed, upper-cased; 11 digits = CPF, 14 characters = CNPJ
//   (alphanumeric base allowed); check digits verified; all-same-digit numbers refused.
// - banco: 1–3 digits (string or integer) padded to 3, must be in bancos-brasileiros; bancoNome is
//   the list's LongName.
// - agencia: 4 digits + optional "-DV" (digit or X); the DV is verified for Banco do Brasil only.
// - conta: 1–13 digits + "-" + DV (digit, X or P), leading zeros kept; Itaú (341) padded to 5
//   digits and Banco do Brasil (001) to 8, both with their DV verified; other banks format only.
// - tipo: accents and case ignored ("Poupança" → "poupanca"); missing or empty → "corrente".
// One error per field, every field checked, errors in field order.

export { type Bank, findBank } from "./banco.js";
export { BANCOS_COM_DV } from "./bank-rules.js";
export { classifyDocumento, normalizeDocumento, validateDocumento } from "./documento.js";
export { formatDocumento, maskDocumento } from "./mask.js";
export {
  type Account,
  type AccountInput,
  type FieldError,
  TIPOS_CONTA,
  type TipoConta,
  type ValidationResult,
} from "./schema.js";
export { accountId, formatErrors, validateAccount } from "./validate.js";
