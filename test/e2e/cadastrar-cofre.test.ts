// The vault lost its access policy: every registration fails with PoliticaDoCofreAusente. The
// workflow writes the record in parallel with the vault check, so the CLI says, for each account,
// whether it was written anyway (exact: the record names the execution that wrote it). Once
// deploy restores the policy, re-running the file registers the rest and counts the written
// ones as já existentes.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { DeleteVaultAccessPolicyCommand, GlacierClient } from "@aws-sdk/client-glacier";
import { describe, expect, it } from "vitest";
import { resourceNames } from "../../src/app/definition.js";
import { cpf } from "../support/accounts.js";
import { region } from "../support/engine.js";
import { useStage } from "./stage-helpers.js";

const engine = useStage();
const names = resourceNames("dev", region);

/** The execution that wrote the record `id`, or undefined when there is no record. */
async function writtenBy(id: string): Promise<string | undefined> {
  const out = await engine.dynamodb.send(
    new GetItemCommand({ TableName: names.table, Key: { id: { S: id } } }),
  );
  return out.Item ? (out.Item.execucao?.S ?? "(sem execucao)") : undefined;
}

const NOTE_WRITTEN = "a conta ficou gravada na tabela mesmo assim";
const NOTE_NOT_WRITTEN = "a conta não foi gravada";

function account(n: number) {
  return {
    titular: ["Ana Lima", "Bia Souza", "Caio Reis"][n - 1],
    documento: cpf(`${n}23456780`.slice(0, 9)),
    banco: "237",
    agencia: "0001",
    conta: `3000${n}-1`,
  };
}

describe("cadastrar when the vault has no access policy", () => {
  it("fails with PoliticaDoCofreAusente and says whether each account was written", async () => {
    const glacier = engine.client(GlacierClient);
    await glacier.send(
      new DeleteVaultAccessPolicyCommand({ accountId: "-", vaultName: names.vault }),
    );

    // One account, human output.
    const a = account(1);
    const one = await engine.cli([
      "cadastrar",
      "--titular",
      a.titular,
      "--documento",
      a.documento,
      "--banco",
      a.banco,
      "--agencia",
      a.agencia,
      "--conta",
      a.conta,
    ]);
    expect(one.code).toBe(1);
    expect(one.stderr).toContain("(PoliticaDoCofreAusente)");
    const arn = /execução: (\S+)/.exec(one.stderr)?.[1];
    expect(arn).toMatch(/^arn:aws:states:/);
    const id = "237-0001-30001-1";
    const oneWritten = (await writtenBy(id)) === arn;
    expect(one.stderr).toContain(oneWritten ? NOTE_WRITTEN : NOTE_NOT_WRITTEN);

    // The graph: the vault check failed; the write is never drawn as the failing state.
    const name = arn?.split(":").at(-1) ?? "";
    const shown = await engine.cli(["executions", name]);
    expect(shown.code).toBe(0);
    // Branches are drawn side by side: each box's second line is `<mark> <time> · … · <resource>`.
    const mark = (resource: string) =>
      new RegExp(`(\\S) \\d+ ms · ([^│]* · )?${resource}`).exec(shown.stdout)?.[1];
    expect(mark("glacier:getVaultAccessPolicy")).toBe("✗");
    // Cut off by the failing branch (⊘), or done before it failed (✓) — never the failing one.
    expect(oneWritten ? ["✓", "⊘"] : ["⊘"]).toContain(mark("dynamodb:updateItem"));

    // A file of two: both fail, each message says it once, with the written note.
    const file = join(engine.home, "cofre.jsonl");
    writeFileSync(file, `${[2, 3].map((n) => JSON.stringify(account(n))).join("\n")}\n`);
    const batch = await engine.cli(["--json", "cadastrar", "--arquivo", file]);
    expect(batch.code).toBe(1);
    const doc = JSON.parse(batch.stdout);
    expect(doc.resumo).toMatchObject({ cadastradas: 0, falhas: 2, invalidas: 0 });
    const ids = ["237-0001-30002-1", "237-0001-30003-1"];
    for (const [i, result] of doc.resultados.entries()) {
      expect(result).toMatchObject({ id: ids[i], status: "falha" });
      const message: string = result.mensagem;
      expect(message.match(/política de retenção/g)).toHaveLength(1);
      const written = (await writtenBy(ids[i])) === result.execucao;
      expect(message).toContain(written ? NOTE_WRITTEN : NOTE_NOT_WRITTEN);
    }

    // deploy puts the policy back; the file again: nothing is lost, nothing registered twice.
    const deploy = await engine.cli(["deploy"]);
    expect(deploy.code, deploy.stderr).toBe(0);
    const before = await Promise.all(ids.map(writtenBy));
    const again = await engine.cli(["--json", "cadastrar", "--arquivo", file]);
    expect(again.code, again.stderr).toBe(0);
    const statuses = JSON.parse(again.stdout).resultados.map((r: { status: string }) => r.status);
    expect(statuses).toEqual(before.map((w) => (w ? "ja-existente" : "cadastrada")));
    for (const [i, w] of before.entries()) {
      if (w) expect(await writtenBy(ids[i])).toBe(w);
    }
  });
});
