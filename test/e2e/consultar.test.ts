// consultar through the built CLI: by id, by documento (the index), by banco, a page of all with
// continuation tokens (in the JSON document for scripts, in a hint that keeps the global options
// for people), not found, masking, --json and --csv.
import { BatchWriteItemCommand } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { cpf } from "../support/accounts.js";
import { shellWords } from "../support/shell.js";
import { deployStage } from "../support/stage.js";
import { useStage } from "./stage-helpers.js";

const engine = useStage();

const MARIA = cpf("529982247");
const BANKS = ["237", "104", "033"];

/** What `--json consultar` prints for a list (all, --banco, --documento). */
interface ListJson {
  contas: { id: string; banco: string; documento: string }[];
  continuar: string | null;
}

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

/** Writes `items` to `table`, 25 per BatchWriteItem. */
async function seed(table: string, items: Record<string, string>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    await engine.dynamodb.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [table]: items.slice(i, i + 25).map((r) => ({
            PutRequest: {
              Item: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { S: v }])),
            },
          })),
        },
      }),
    );
  }
}

beforeAll(async () => {
  await seed("contabanco-dev-contas", records());
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
    // --json by id: the record itself.
    const record = await engine.json<{ id: string; documento: string }>([
      "consultar",
      "237-0100-5000-0",
    ]);
    expect(record).toMatchObject({ id: "237-0100-5000-0", documento: "***.982.247-**" });
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
    const found = JSON.parse(r.stdout) as ListJson;
    // Every account of the documento at once: nothing to continue.
    expect(found.continuar).toBeNull();
    const list = found.contas;
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
    expect((JSON.parse(full.stdout) as ListJson).contas[0].documento).toBe(MARIA);
  });

  it("an invalid --documento is a usage error", async () => {
    const r = await engine.cli(["consultar", "--documento", "123"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--documento:");
  });

  it("--banco pages through the bank's accounts with the token of --json (also with --quiet)", async () => {
    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const args = ["--quiet", "consultar", "--banco", "33", "--limite", "4"];
      if (token) args.push("--continuar", token);
      const r = await engine.cli(["--json", ...args]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      const page = JSON.parse(r.stdout) as ListJson;
      expect(Object.keys(page).sort()).toEqual(["contas", "continuar"]);
      expect(page.contas.length).toBeLessThanOrEqual(4);
      for (const a of page.contas) expect(a.banco).toBe("033");
      seen.push(...page.contas.map((a) => a.id));
      token = page.continuar;
      pages++;
    } while (token && pages < 10);
    expect(seen.sort()).toEqual(
      Array.from({ length: 10 }, (_, n) => `033-0100-${5000 + n}-${n}`).sort(),
    );
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it("a page of all (default 20), then the rest with the token; --csv", async () => {
    const first = await engine.json<ListJson>(["consultar"]);
    expect(first.contas).toHaveLength(20);
    expect(first.continuar).toEqual(expect.any(String));
    const second = await engine.json<ListJson>(["consultar", "--continuar", first.continuar ?? ""]);
    expect(second.continuar).toBeNull();
    expect(new Set([...first.contas, ...second.contas].map((a) => a.id)).size).toBe(30);

    const csv = await engine.cli(["consultar", "--limite", "3", "--csv"]);
    const lines = csv.stdout.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "id,titular,documento,tipoDocumento,banco,bancoNome,agencia,agenciaDv,conta,contaDv,tipo,criadoEm,execucao",
    );
    expect(lines).toHaveLength(4);
    for (const line of lines.slice(1)) expect(line).toMatch(/,\*\*\*\.\d{3}\.\d{3}-\*\*,cpf,/);
  });

  it("the hint for the next page repeats the global options given, so it reads the same stage", async () => {
    // A second stage on the same engine, with accounts of its own (the dev stage has others).
    await deployStage({ endpoint: engine.endpoint }, { stage: "outra" });
    const outra = records().map((r) => ({ ...r, id: `${r.id}-9`, titular: "Outra Pessoa" }));
    await seed("contabanco-outra-contas", outra.slice(0, 5));
    const keys = { AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" };
    // Global options after the command and before it, and one from the environment (not repeated).
    const first = await engine.cli(
      ["--endpoint-url", engine.endpoint, "consultar", "--limite", "3", "--stage", "outra"],
      { ...keys, AWS_REGION: "us-east-1" },
    );
    expect(first.code, first.stderr).toBe(0);
    const hint = /há mais contas: (.*)/.exec(first.stderr)?.[1] ?? "";
    expect(hint).toMatch(
      new RegExp(
        `^contabanco --endpoint-url ${engine.endpoint} --stage outra consultar --limite 3 --continuar \\S+$`,
      ),
    );
    const [program, ...args] = shellWords(hint);
    expect(program).toBe("contabanco");
    const next = await engine.cli(args, { ...keys, AWS_REGION: "us-east-1" });
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).not.toContain("há mais contas");
    const ids = (text: string) => [...text.matchAll(/^(\d{3}-0100-\d+-\d-9)\s/gm)].map((m) => m[1]);
    expect(ids(first.stdout)).toHaveLength(3);
    expect(ids(next.stdout)).toHaveLength(2);
    expect(new Set([...ids(first.stdout), ...ids(next.stdout)])).toEqual(
      new Set(outra.slice(0, 5).map((r) => r.id)),
    );

    // --banco, --json and a value a shell would split: quoted, and the pasted line still works.
    const json = await engine.cli(
      [
        "--stage",
        "outra",
        "--json",
        "--profile",
        "perfil de teste",
        "consultar",
        "--banco",
        "237",
        "--limite",
        "1",
      ],
      { ...keys, AWS_REGION: "us-east-1", AWS_CONFIG_FILE: "/dev/null" },
    );
    expect(json.code, json.stderr).toBe(0);
    const page = JSON.parse(json.stdout) as ListJson;
    const again = /há mais contas: (.*)/.exec(json.stderr)?.[1] ?? "";
    expect(again).toBe(
      `contabanco --profile 'perfil de teste' --stage outra --json consultar --banco 237 --limite 1 --continuar ${page.continuar}`,
    );
    const pasted = await engine.cli(shellWords(again).slice(1), {
      ...keys,
      AWS_REGION: "us-east-1",
      AWS_CONFIG_FILE: "/dev/null",
    });
    expect(pasted.code, pasted.stderr).toBe(0);
    const after = JSON.parse(pasted.stdout) as ListJson;
    expect(after.contas.map((a) => [a.banco, a.id.endsWith("-9")])).toEqual([["237", true]]);
    expect(after.contas[0].id).not.toBe(page.contas[0].id);
  });

  it("a bad token or conflicting options are usage errors", async () => {
    const r = await engine.cli(["consultar", "--continuar", "!!nada!!"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("token de continuação inválido");
    const both = await engine.cli(["consultar", "237-0100-5000-0", "--banco", "237"]);
    expect(both.code).toBe(2);
  });
});
