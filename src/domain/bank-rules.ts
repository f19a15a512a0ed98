// Check digits of the banks whose rule is published with a worked example we can verify. Every
// other bank is validated by format only (agencia-conta.ts): an invented rule would refuse real
// accounts.
//
// - Itaú (341): account of 5 digits; digit = modulo 10 over agency (4) + account (5) digits with
//   weights 2,1,2,1,… (products above 9 summed digit by digit). Example: 2545 / 02366-1.
//   Computed by @brazilian-utils/brazilian-utils' isValidBankAccount.
// - Banco do Brasil (001): account of up to 8 digits; digit = 11 − (Σ digit × 9,8,…,2 mod 11),
//   10 → X, 11 → 0 (also isValidBankAccount). Agency digit: the same over the 4 agency digits with
//   weights 5,4,3,2 (written here; the library does not check agency digits). Worked example from
//   the bank's layout as republished by integrators: agency 1584-9, account 00210169-6.
import { isValidBankAccount } from "@brazilian-utils/brazilian-utils";
import type { FieldError } from "./schema.js";

export interface BankAccountParts {
  banco: string;
  agencia: string;
  agenciaDv?: string;
  conta: string;
  contaDv: string;
}

export interface BankRuleResult {
  /** The account number at the bank's canonical width (leading zeros added), when it has one. */
  conta: string;
  errors: FieldError[];
}

interface BankRule {
  nome: string;
  contaDigitos: number;
  agenciaDv?: (agencia: string) => string;
}

function mod11Digit(digits: string, weights: number[]): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * weights[i];
  const dv = 11 - (sum % 11);
  return dv === 10 ? "X" : dv === 11 ? "0" : String(dv);
}

const RULES: Readonly<Record<string, BankRule>> = {
  "341": { nome: "Itaú", contaDigitos: 5 },
  "001": {
    nome: "Banco do Brasil",
    contaDigitos: 8,
    agenciaDv: (agencia) => mod11Digit(agencia, [5, 4, 3, 2]),
  },
};

/** Banks whose check digits are verified (the rest: format only). */
export const BANCOS_COM_DV: readonly string[] = Object.freeze(Object.keys(RULES));

export function checkBankRules(parts: BankAccountParts): BankRuleResult {
  const rule = RULES[parts.banco];
  if (!rule) return { conta: parts.conta, errors: [] };
  const errors: FieldError[] = [];
  if (parts.agenciaDv !== undefined && rule.agenciaDv) {
    if (rule.agenciaDv(parts.agencia) !== parts.agenciaDv) {
      errors.push({
        campo: "agencia",
        mensagem: `dígito verificador não confere (${rule.nome}, ${parts.banco})`,
      });
    }
  }
  if (parts.conta.length > rule.contaDigitos) {
    errors.push({
      campo: "conta",
      mensagem: `no ${rule.nome} (${parts.banco}) o número tem até ${rule.contaDigitos} dígitos`,
    });
    return { conta: parts.conta, errors };
  }
  const conta = parts.conta.padStart(rule.contaDigitos, "0");
  const valid = isValidBankAccount({
    bankCode: parts.banco,
    agency: parts.agencia,
    account: conta,
    digit: parts.contaDv,
  });
  if (!valid) {
    errors.push({
      campo: "conta",
      mensagem: `dígito verificador não confere com agência e número (${rule.nome}, ${parts.banco})`,
    });
  }
  return { conta, errors };
}
