// Independent, deliberately plain implementations of the published check-digit rules, used to
// generate and judge test data. They share no code with src/domain (nor with its library).

/** CPF: weights 10..2 then 11..2 over the digits; remainder < 2 → 0, else 11 − remainder. */
export function cpfCheckDigits(base9: string): string {
  const digit = (digits: number[]) => {
    let sum = 0;
    for (let i = 0; i < digits.length; i++) sum += digits[i] * (digits.length + 1 - i);
    const r = sum % 11;
    return r < 2 ? 0 : 11 - r;
  };
  const d = [...base9].map(Number);
  const d1 = digit(d);
  const d2 = digit([...d, d1]);
  return `${d1}${d2}`;
}

/**
 * CNPJ (numeric and 2026 alphanumeric, Receita Federal's manual): each character's value is its
 * ASCII code minus 48 ("0" → 0, "A" → 17); weights 2..9 cycling from the right; remainder < 2 → 0,
 * else 11 − remainder.
 */
export function cnpjCheckDigits(base12: string): string {
  const digit = (chars: string) => {
    let sum = 0;
    let weight = 2;
    for (let i = chars.length - 1; i >= 0; i--) {
      sum += (chars.charCodeAt(i) - 48) * weight;
      weight = weight === 9 ? 2 : weight + 1;
    }
    const r = sum % 11;
    return r < 2 ? 0 : 11 - r;
  };
  const d1 = digit(base12);
  const d2 = digit(base12 + d1);
  return `${d1}${d2}`;
}

const allSame = (s: string) => [...s].every((c) => c === s[0]);

export function referenceCpfValid(cpf: string): boolean {
  return /^\d{11}$/.test(cpf) && !allSame(cpf) && cpfCheckDigits(cpf.slice(0, 9)) === cpf.slice(9);
}

export function referenceCnpjValid(cnpj: string): boolean {
  if (!/^[0-9A-Z]{12}\d{2}$/.test(cnpj)) return false;
  if (/^\d+$/.test(cnpj) && allSame(cnpj)) return false;
  return cnpjCheckDigits(cnpj.slice(0, 12)) === cnpj.slice(12);
}

/** Itaú: modulo 10 over agency (4) + account (5), weights 2,1,2,…, two-digit products summed. */
export function itauDigit(agencia: string, conta5: string): string {
  let sum = 0;
  [...(agencia + conta5)].forEach((c, i) => {
    const p = Number(c) * (i % 2 === 0 ? 2 : 1);
    sum += p > 9 ? p - 9 : p;
  });
  return String((10 - (sum % 10)) % 10);
}

/** Banco do Brasil: 11 − (Σ digit × weights ending in 2) mod 11; 10 → X, 11 → 0. */
export function bbDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (digits.length + 1 - i);
  const d = 11 - (sum % 11);
  return d === 10 ? "X" : d === 11 ? "0" : String(d);
}
