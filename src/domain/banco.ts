// Bank lookup by COMPE code against the `bancos-brasileiros` list (kept up to date upstream from
// the Banco Central's STR participants), imported as JSON so that esbuild inlines it into the
// Lambda bundle. A dynamic import on purpose: for target node20 esbuild silently drops the
// attributes of a static `import … with { type: "json" }` (it thinks Node 20.0 lacks them), and
// Node then refuses the transpiled dist/ file; the attributes of `import()` are kept.
const { default: banks } = await import("bancos-brasileiros/bancos.json", {
  with: { type: "json" },
});

interface BankEntry {
  COMPE?: string | null;
  LongName?: string | null;
  ShortName?: string | null;
}

export interface Bank {
  code: string;
  name: string;
}

const byCode: ReadonlyMap<string, Bank> = (() => {
  const map = new Map<string, Bank>();
  for (const entry of banks as BankEntry[]) {
    const code = entry.COMPE?.trim();
    // Entries without a 3-digit COMPE code (payment institutions outside the clearing) are skipped.
    if (!code || !/^\d{3}$/.test(code) || map.has(code)) continue;
    const name = (entry.LongName || entry.ShortName || "").trim();
    if (name) map.set(code, { code, name });
  }
  return map;
})();

/** "341", "41" or " 341 " → "341"; undefined when it is not 1–3 digits. */
export function normalizeBankCode(code: string): string | undefined {
  const trimmed = code.trim();
  return /^\d{1,3}$/.test(trimmed) ? trimmed.padStart(3, "0") : undefined;
}

/** The bank with that COMPE code (padded to 3 digits), or undefined. */
export function findBank(code: string): Bank | undefined {
  const normalized = normalizeBankCode(String(code));
  if (!normalized) return undefined;
  const bank = byCode.get(normalized);
  return bank ? { ...bank } : undefined;
}
