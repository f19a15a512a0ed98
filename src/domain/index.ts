// The account domain: schema, validation, normalization, masking and id. Pure, no I/O.

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
