// Presentation of CPF/CNPJ: the full mask, and the LGPD mask for human output (the middle stays
// visible so a person can recognise the document; the start and the check digits are hidden).
import { classifyDocumento, normalizeDocumento } from "./documento.js";

/** "12345678909" → "123.456.789-09"; "12ABC34501DE35" → "12.ABC.345/01DE-35". Unknown → as given. */
export function formatDocumento(documento: string): string {
  const d = normalizeDocumento(documento);
  switch (classifyDocumento(d)) {
    case "cpf":
      return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;
    case "cnpj":
      return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-${d.slice(12)}`;
    default:
      return documento;
  }
}

/**
 * "12345678909" → "***.456.789-**"; "12ABC34501DE35" → "**.ABC.345/01DE-**". Anything that is not
 * a CPF or CNPJ is hidden entirely, so a malformed document never leaks either.
 */
export function maskDocumento(documento: string): string {
  const d = normalizeDocumento(documento);
  switch (classifyDocumento(d)) {
    case "cpf":
      return `***.${d.slice(3, 6)}.${d.slice(6, 9)}-**`;
    case "cnpj":
      return `**.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-**`;
    default:
      return "*".repeat(Math.max(d.length, 3));
  }
}
