// cadastrar through the built CLI against the local engine: flags, validation before any
// execution, the registered record, a failed execution (ContaJaCadastrada), --no-wait, --json.
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { accountFlags, BB_FLAGS, ITAU_FLAGS } from "../support/accounts.js";
import { executionCount, useStage } from "./stage-helpers.js";

const engine = useStage();

describe("cadastrar", () => {
  it("reports every invalid field at once and starts no execution", async () => {
    const before = await executionCount(engine);
    const r = await engine.cli([
      "cadastrar",
      ...accountFlags({
        titular: "M",
        documento: "111.111.111-11",
        banco: "999",
        agencia: "12",
        conta: "02366-1",
      }),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("nenhuma execução foi iniciada");
    for (const campo of ["titular:", "documento:", "banco:", "agencia:"]) {
      expect(r.stderr).toContain(campo);
    }
    expect(r.stderr).not.toContain("conta:");
    expect(await executionCount(engine)).toBe(before);
  });

  it("--json reports the field errors as JSON on stdout", async () => {
    const r = await engine.cli([
      "--json",
      "cadastrar",
      ...ITAU_FLAGS.slice(0, -2),
      "--conta",
      "02366-9",
    ]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.status).toBe("INVALIDA");
    expect(doc.erros.map((e: { campo: string }) => e.campo)).toEqual(["conta"]);
  });

  it("missing flags without a terminal are a usage error (exit 2)", async () => {
    const r = await engine.cli(["cadastrar", "--titular", "Maria da Silva"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--documento, --banco, --agencia, --conta");
  });

  it("registers an account, waits, and prints the record with the documento masked", async () => {
    const r = await engine.cli(["cadastrar", ...ITAU_FLAGS]);
    expect(r.stderr).toContain("conta 341-2545-02366-1 cadastrada");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/id\s+341-2545-02366-1/);
    expect(r.stdout).toContain("***.982.247-**");
    expect(r.stdout).not.toContain("529.982.247-25");
    expect(r.stdout).toContain("341 — ITAÚ UNIBANCO S.A.");
    const item = await engine.dynamodb.send(
      new GetItemCommand({
        TableName: "contabanco-dev-contas",
        Key: { id: { S: "341-2545-02366-1" } },
      }),
    );
    expect(item.Item?.documento?.S).toBe("52998224725");
    expect(item.Item?.execucao?.S).toContain(":execution:contabanco-dev:341-2545-02366-1-");
  });

  it("a second registration of the same account fails with ContaJaCadastrada in pt-BR", async () => {
    const r = await engine.cli(["cadastrar", ...ITAU_FLAGS]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      "A conta já está cadastrada; nada foi sobrescrito. (ContaJaCadastrada)",
    );
    expect(r.stderr).toContain(
      "causa: Conta já cadastrada: já existe um registro com o id 341-2545-02366-1",
    );
    const json = await engine.cli(["--json", "cadastrar", ...ITAU_FLAGS]);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ status: "FAILED", erro: "ContaJaCadastrada" });
    expect(doc.execucao).toMatch(
      /^arn:aws:states:us-east-1:\d{12}:execution:contabanco-dev:341-2545-02366-1-/,
    );
  });

  it("--json prints the registered record, documento shown only with --mostrar-documento", async () => {
    const r = await engine.cli([
      "--json",
      "cadastrar",
      "--titular",
      "Empresa Exemplo Ltda",
      "--documento",
      "11.222.333/0001-81",
      "--banco",
      "237",
      "--agencia",
      "1234",
      "--conta",
      "0012345-6",
      "--tipo",
      "Poupança",
      "--mostrar-documento",
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.status).toBe("SUCCEEDED");
    expect(doc.conta).toMatchObject({
      id: "237-1234-0012345-6",
      documento: "11222333000181",
      tipoDocumento: "cnpj",
      tipo: "poupanca",
      banco: "237",
    });
    expect(doc.conta.criadoEm).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("--no-wait prints the execution ARN and returns", async () => {
    const r = await engine.cli(["cadastrar", "--no-wait", ...BB_FLAGS]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(
      /^arn:aws:states:us-east-1:\d{12}:execution:contabanco-dev:001-1234-00012345-5-[a-z0-9]+-[0-9a-f]{8}$/,
    );
  });
});
