// The account's shapes: what callers send (anything, from a CLI flag, a CSV cell or a JSON event)
// and the normalized record the rest of the system stores and shows.

export type TipoConta = "corrente" | "poupanca" | "pagamento" | "salario";

export const TIPOS_CONTA: readonly TipoConta[] = Object.freeze([
  "corrente",
  "poupanca",
  "pagamento",
  "salario",
]);

export const TIPO_CONTA_PADRAO: TipoConta = "corrente";

/** Raw input: every field is untrusted until `validateAccount` says otherwise. */
export interface AccountInput {
  titular?: unknown;
  documento?: unknown;
  banco?: unknown;
  agencia?: unknown;
  conta?: unknown;
  tipo?: unknown;
}

/** The normalized account, as stored in DynamoDB (plus `criadoEm` and `execucao`). */
export interface Account {
  /** `<banco>-<agencia>-<conta>-<contaDv>`, e.g. "341-2545-02366-1". */
  id: string;
  titular: string;
  /** CPF digits, or CNPJ characters upper-case without punctuation (alphanumeric since 2026). */
  documento: string;
  tipoDocumento: "cpf" | "cnpj";
  /** COMPE code, 3 digits, e.g. "341". */
  banco: string;
  bancoNome: string;
  /** 4 digits, e.g. "2545". */
  agencia: string;
  agenciaDv?: string;
  /** Account number digits, leading zeros kept, e.g. "02366". */
  conta: string;
  /** A digit, or "X"/"P" for banks that use a letter. */
  contaDv: string;
  tipo: TipoConta;
}

export interface FieldError {
  campo: keyof AccountInput;
  /** pt-BR, without the field prefix: `formatErrors` adds it. */
  mensagem: string;
}

export type ValidationResult = { ok: true; account: Account } | { ok: false; errors: FieldError[] };

/** The order fields are validated and reported in. */
export const CAMPOS: readonly (keyof AccountInput)[] = Object.freeze([
  "titular",
  "documento",
  "banco",
  "agencia",
  "conta",
  "tipo",
]);
