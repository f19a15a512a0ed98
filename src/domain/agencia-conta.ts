// Agency and account number, format only. Rules:
// - agencia: exactly 4 digits, optionally "-" and a check digit (a digit or X): "2545", "2545-1".
// - conta: 1 to 13 digits (Caixa's operation prefix included), "-", and a check digit that is a
//   digit, "X" (Banco do Brasil) or "P" (Bradesco); leading zeros are kept ("02366-1"). Spaces and
//   dots are ignored ("1.234 - 5" is "1234-5"); letters are upper-cased.
// Bank-specific lengths and check digits live in bank-rules.ts.

export type AgenciaResult =
  | { ok: true; agencia: string; agenciaDv?: string }
  | { ok: false; mensagem: string };

export type ContaResult =
  | { ok: true; conta: string; contaDv: string }
  | { ok: false; mensagem: string };

export function parseAgencia(raw: string): AgenciaResult {
  const s = raw.replace(/\s+/g, "").toUpperCase();
  if (s === "") return { ok: false, mensagem: "obrigatória" };
  const m = /^(\d{4})(?:-([0-9X]))?$/.exec(s);
  if (!m) {
    return {
      ok: false,
      mensagem: "deve ter 4 dígitos, com dígito verificador opcional (ex.: 2545 ou 2545-1)",
    };
  }
  return m[2] === undefined
    ? { ok: true, agencia: m[1] }
    : { ok: true, agencia: m[1], agenciaDv: m[2] };
}

export function parseConta(raw: string): ContaResult {
  const s = raw.replace(/[\s.]+/g, "").toUpperCase();
  if (s === "") return { ok: false, mensagem: "obrigatória" };
  const parts = s.split("-");
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "") {
    return {
      ok: false,
      mensagem: "informe o número e o dígito verificador separados por hífen (ex.: 02366-1)",
    };
  }
  const [conta, contaDv] = parts;
  if (!/^\d{1,13}$/.test(conta))
    return { ok: false, mensagem: "o número deve ter de 1 a 13 dígitos" };
  if (/^0+$/.test(conta)) return { ok: false, mensagem: "o número não pode ser só zeros" };
  if (!/^[0-9XP]$/.test(contaDv)) {
    return { ok: false, mensagem: "o dígito verificador deve ser um algarismo, X ou P" };
  }
  return { ok: true, conta, contaDv };
}
