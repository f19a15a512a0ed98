// consultar through the built CLI: by id, by documento (the index), by banco, a page of all with
// continuation tokens, not found, masking, --json and --csv.
import { BatchWriteItemCommand } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { cpf } from "../support/accounts.js";
import { useStage } from "./stage-helpers.js";

const engine = useStage();

const MARIA = cpf("529982247");
const BANKS = ["237", "104", "033"];

/** 30 accounts: 10 per bank; the first 3 of each bank belong to MARIA. */
function records() {
  return Array.from({ length: 30 }, (_, i) => {
    const banco = BANKS[i % 3];
    const n = Math.floor(i / 3);
    const documento = n < 3 ? MARIA : cpf(String(100000000 + i * 7919).slice(0, 9));
    const conta = String(5000 + n);
    return {
      id: `${banco}-0100-${conta}-${n}`,
      titular: n < 3 ? "Maria da Silva" : `Cliente ${i}`,
      documento,
      tipoDocumento: "cpf",
      banco,
      bancoNome: `Banco ${banco}`,
      agencia: "0100",
      conta,
      contaDv: String(n),
      tipo: "corrente",
      criadoEm: "2026-11-24T09:00:00.000Z",
      execucao: `arn:aws:states:us-east-1:000000000000:execution:contabanco-dev:${banco}-x`,
    };
  });
}

beforeAll(async () => {
  const items = records();
  for (let i = 0; i < items.length; i += 25) {
    await engine.dynamodb.send(
      new BatchWriteItemCommand({
        RequestItems: {
          "contabanco-dev-contas": items.slice(i, i + 25).map((r) => ({
            PutRequest: {
              Item: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { S: v }])),
            },
          })),
        },
      }),
    );
  }
}, 120_000);

describe("consultar", () => {
  it("by id: a table with the documento masked", async () => {
    const r = await engine.cli(["consultar", "237-0100-5000-0"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^ID\s+TITULAR\s+DOCUMENTO\s+BANCO\s+AGÊNCIA\s+CONTA\s+TIPO\s+CRIADO EM/,
    );
    expect(r.stdout).toContain("237-0100-5000-0");
    expect(r.stdout).toContain("***.982.247-**");
    expect(r.stdout).not.toContain(MARIA);
    const shown = await engine.cli(["consultar", "237-0100-5000-0", "--mostrar-documento"]);
    expect(shown.stdout).toContain("529.982.247-25");
  });

  it("not found: exit 1 with a pt-BR message", async () => {
    const r = await engine.cli(["consultar", "237-9999-1-1"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("nenhuma conta cadastrada com o id 237-9999-1-1");
    const d = await engine.cli(["consultar", "--documento", cpf("987654321")]);
    expect(d.code).toBe(1);
    expect(d.stderr).toContain("nenhuma conta cadastrada para o documento");
  });

  it("--documento with punctuation: the account holder's accounts through the index (--json)", async () => {
    const r = await engine.cli(["--json", "consultar", "--documento", "529.982.247-25"]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; documento: string }[];
    expect(list.map((a) => a.id).sort()).toEqual([
      "033-0100-5000-0",
      "033-0100-5001-1",
      "033-0100-5002-2",
      "104-0100-5000-0",
      "104-0100-5001-1",
      "104-0100-5002-2",
      "237-0100-5000-0",
      "237-0100-5001-1",
      "237-0100-5002-2",
    ]);
    expect(new Set(list.map((a) => a.documento))).toEqual(new Set(["***.982.247-**"]));
    const full = await engine.cli([
      "--json",
      "consultar",
      "--documento",
      MARIA,
      "--mostrar-documento",
    ]);
    expect(JSON.parse(full.stdout)[0].documento).toBe(MARIA);
  });

  it("an invalid --documento is a usage error", async () => {
    const r = await engine.cli(["consultar", "--documento", "123"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--documento:");
  });

  it("--banco pages through the bank's accounts with continuation tokens", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const args = ["--json", "consultar", "--banco", "33", "--limite", "4"];
      if (token) args.push("--continuar", token);
      const r = await engine.cli(args);
      expect(r.code).toBe(0);
      const page = JSON.parse(r.stdout) as { id: string; banco: string }[];
      expect(page.length).toBeLessThanOrEqual(4);
      for (const a of page) expect(a.banco).toBe("033");
      seen.push(...page.map((a) => a.id));
      token = /--continuar (\S+)/.exec(r.stderr)?.[1];
      pages++;
    } while (token && pages < 10);
    expect(seen.sort()).toEqual(
      Array.from({ length: 10 }, (_, n) => `033-0100-${5000 + n}-${n}`).sort(),
    );
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it("a page of all (default 20), then the rest with the token; --csv", async () => {
    const first = await engine.cli(["--json", "consultar"]);
    const page1 = JSON.parse(first.stdout) as { id: string }[];
    expect(page1).toHaveLength(20);
    const token = /--continuar (\S+)/.exec(first.stderr)?.[1];
    expect(token).toBeDefined();
    const second = await engine.cli(["--json", "consultar", "--continuar", token ?? ""]);
    const page2 = JSON.parse(second.stdout) as { id: string }[];
    expect(new Set([...page1, ...page2].map((a) => a.id)).size).toBe(30);

    const csv = await engine.cli(["consultar", "--limite", "3", "--csv"]);
    const lines = csv.stdout.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "id,titular,documento,tipoDocumento,banco,bancoNome,agencia,agenciaDv,conta,contaDv,tipo,criadoEm,execucao",
    );
    expect(lines).toHaveLength(4);
    for (const line of lines.slice(1)) expect(line).toMatch(/,\*\*\*\.\d{3}\.\d{3}-\*\*,cpf,/);
  });

  it("a bad token or conflicting options are usage errors", async () => {
    const r = await engine.cli(["consultar", "--continuar", "!!nada!!"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("token de continuação inválido");
    const both = await engine.cli(["consultar", "237-0100-5000-0", "--banco", "237"]);
    expect(both.code).toBe(2);
  });
});
