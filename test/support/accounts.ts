// Valid account inputs for the workflow tests, the end-to-end tests and the benchmarks, from the
// plain reference implementations of the check-digit rules (test/domain/reference.ts).
import type { AccountInput } from "../../src/domain/index.js";
import { cpfCheckDigits, itauDigit } from "../domain/reference.js";

export { itauDigit };

/** A valid CPF (11 digits) from its 9 base digits. */
export function cpf(base9: string): string {
  return `${base9}${cpfCheckDigits(base9)}`;
}

/** The n-th distinct valid account input (Itaú, agency 2545). */
export function account(n: number): Record<string, string> {
  const conta = String(n % 100000).padStart(5, "0");
  return {
    titular: "Maria da Silva",
    documento: "529.982.247-25",
    banco: "341",
    agencia: "2545",
    conta: `${conta}-${itauDigit("2545", conta)}`,
    tipo: "corrente",
  };
}

/** An account's input fields as text, as `cadastrar` takes them. */
export type AccountFields = { [field in keyof AccountInput]?: string };

/** The `cadastrar` flags for the fields given, in their order (`--titular X --documento Y …`). */
export function accountFlags(fields: AccountFields): string[] {
  return Object.entries(fields).flatMap(([name, value]) =>
    value === undefined ? [] : [`--${name}`, value],
  );
}

/** Maria da Silva's Itaú account (agency 2545, account 02366-1), as `cadastrar` flags. */
export const ITAU_FLAGS = accountFlags({
  titular: "Maria da Silva",
  documento: "529.982.247-25",
  banco: "341",
  agencia: "2545",
  conta: "02366-1",
});

/** João Souza's Banco do Brasil account (agency 1234-3, account 12345-5), as `cadastrar` flags. */
export const BB_FLAGS = accountFlags({
  titular: "João Souza",
  documento: "39053344705",
  banco: "1",
  agencia: "1234-3",
  conta: "12345-5",
});
