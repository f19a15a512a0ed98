// Holder name. Rules: Unicode NFC; trimmed; runs of whitespace become one space; a typographic
// apostrophe (’) becomes "'"; 2 to 120 characters; only letters (accents included), spaces,
// apostrophes, dots and hyphens; at least two letters. Case is kept as typed.

export type TitularResult = { ok: true; titular: string } | { ok: false; mensagem: string };

export function normalizeTitular(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(/[\u2019\u02bc]/g, "'")
    .trim()
    .replace(/\s+/g, " ");
}

export function validateTitular(raw: string): TitularResult {
  const titular = normalizeTitular(raw);
  if (titular === "") return { ok: false, mensagem: "obrigatório" };
  const length = [...titular].length;
  if (length < 2 || length > 120) {
    return { ok: false, mensagem: `deve ter de 2 a 120 caracteres; tem ${length}` };
  }
  if (!/^[\p{L}\p{M} '.-]+$/u.test(titular)) {
    return {
      ok: false,
      mensagem: "use só letras, espaços, apóstrofos, pontos e hífens",
    };
  }
  if ((titular.match(/\p{L}/gu) ?? []).length < 2) {
    return { ok: false, mensagem: "deve conter ao menos duas letras" };
  }
  return { ok: true, titular };
}
