// validateAccount: every field checked, every error collected (at most one per field, in field
// order), one normalized Account out. Pure (no I/O): the CLI uses it to fail fast and the
// contaBanco Lambda to decide.
import { parseAgencia, parseConta } from "./agencia-conta.js";
import { findBank, normalizeBankCode } from "./banco.js";
import { checkBankRules } from "./bank-rules.js";
import { validateDocumento } from "./documento.js";
import {
  type Account,
  type AccountInput,
  CAMPOS,
  type FieldError,
  TIPO_CONTA_PADRAO,
  TIPOS_CONTA,
  type TipoConta,
  type ValidationResult,
} from "./schema.js";
import { validateTitular } from "./titular.js";

const listaTipos = `${TIPOS_CONTA.slice(0, -1).join(", ")} ou ${TIPOS_CONTA.at(-1)}`;

type Text = { ok: true; value: string } | { ok: false; mensagem: string };

/**
 * Reads a field as text. Missing (undefined, null) is "". Numbers are accepted only where a
 * non-negative integer cannot lose information: banco (341) and agencia (2545) — never documento
 * or conta, whose leading zeros a number would drop.
 */
function text(value: unknown, acceptsInteger: boolean): Text {
  if (value === undefined || value === null) return { ok: true, value: "" };
  if (typeof value === "string") return { ok: true, value };
  if (acceptsInteger && typeof value === "number" && Number.isSafeInteger(value) && value >= 0) {
    return { ok: true, value: String(value) };
  }
  return { ok: false, mensagem: "deve ser um texto" };
}

/** "Poupança", " SALÁRIO " → "poupanca", "salario"; missing or empty → "corrente". */
export function normalizeTipo(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").trim().toLowerCase();
}

export function accountId(a: Pick<Account, "banco" | "agencia" | "conta" | "contaDv">): string {
  return `${a.banco}-${a.agencia}-${a.conta}-${a.contaDv}`;
}

export function validateAccount(input: AccountInput): ValidationResult {
  const errors: FieldError[] = [];
  const fail = (campo: keyof AccountInput, mensagem: string) => {
    errors.push({ campo, mensagem });
  };

  let titular: string | undefined;
  const titularText = text(input.titular, false);
  if (!titularText.ok) fail("titular", titularText.mensagem);
  else {
    const r = validateTitular(titularText.value);
    if (r.ok) titular = r.titular;
    else fail("titular", r.mensagem);
  }

  let documento: { documento: string; tipoDocumento: "cpf" | "cnpj" } | undefined;
  const documentoText = text(input.documento, false);
  if (!documentoText.ok) fail("documento", documentoText.mensagem);
  else {
    const r = validateDocumento(documentoText.value);
    if (r.ok) documento = { documento: r.documento, tipoDocumento: r.tipoDocumento };
    else fail("documento", r.mensagem);
  }

  let banco: { code: string; name: string } | undefined;
  const bancoText = text(input.banco, true);
  if (!bancoText.ok) fail("banco", bancoText.mensagem);
  else if (bancoText.value.trim() === "") fail("banco", "obrigatório (código COMPE, ex.: 341)");
  else {
    const code = normalizeBankCode(bancoText.value);
    if (!code) fail("banco", "o código COMPE tem até 3 dígitos (ex.: 341)");
    else {
      banco = findBank(code);
      if (!banco) fail("banco", `código ${code} não consta da lista de bancos brasileiros`);
    }
  }

  let agencia: { agencia: string; agenciaDv: string | undefined } | undefined;
  const agenciaText = text(input.agencia, true);
  if (!agenciaText.ok) fail("agencia", agenciaText.mensagem);
  else {
    const r = parseAgencia(agenciaText.value);
    if (r.ok) agencia = { agencia: r.agencia, agenciaDv: r.agenciaDv };
    else fail("agencia", r.mensagem);
  }

  let conta: { conta: string; contaDv: string } | undefined;
  const contaText = text(input.conta, false);
  if (!contaText.ok) fail("conta", contaText.mensagem);
  else {
    const r = parseConta(contaText.value);
    if (r.ok) conta = { conta: r.conta, contaDv: r.contaDv };
    else fail("conta", r.mensagem);
  }

  let tipo: TipoConta | undefined;
  const tipoText = text(input.tipo, false);
  if (!tipoText.ok) fail("tipo", tipoText.mensagem);
  else {
    const t = normalizeTipo(tipoText.value);
    if (t === "") tipo = TIPO_CONTA_PADRAO;
    else if ((TIPOS_CONTA as readonly string[]).includes(t)) tipo = t as TipoConta;
    else fail("tipo", `deve ser ${listaTipos}; recebido "${tipoText.value.trim()}"`);
  }

  // Bank-specific lengths and check digits need the bank, the agency and the account together.
  if (banco && agencia && conta) {
    const r = checkBankRules({ banco: banco.code, ...agencia, ...conta });
    conta = { ...conta, conta: r.conta };
    for (const e of r.errors) fail(e.campo, e.mensagem);
  }

  if (errors.length > 0 || !titular || !documento || !banco || !agencia || !conta || !tipo) {
    const order = (e: FieldError) => CAMPOS.indexOf(e.campo);
    return { ok: false, errors: errors.sort((a, b) => order(a) - order(b)) };
  }
  const account: Account = {
    id: accountId({ banco: banco.code, agencia: agencia.agencia, ...conta }),
    titular,
    documento: documento.documento,
    tipoDocumento: documento.tipoDocumento,
    banco: banco.code,
    bancoNome: banco.name,
    agencia: agencia.agencia,
    ...(agencia.agenciaDv === undefined ? {} : { agenciaDv: agencia.agenciaDv }),
    conta: conta.conta,
    contaDv: conta.contaDv,
    tipo,
  };
  return { ok: true, account };
}

/** One line per field: "documento: CPF inválido (dígito verificador não confere)". */
export function formatErrors(errors: FieldError[]): string {
  return errors.map((e) => `${e.campo}: ${e.mensagem}`).join("\n");
}
