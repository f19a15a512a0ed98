// executions through the built CLI: the list (newest first, --status, --limite, --json), one
// execution by unique prefix drawn with each state's status, a failed one (ContaJaCadastrada)
// with its error and cause, --eventos, an exact name or ARN, an ARN of another stage (refused),
// an ambiguous prefix and an unknown name.
import { CreateStateMachineCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { beforeAll, describe, expect, it } from "vitest";
import { ITAU_FLAGS } from "../support/accounts.js";
import { useStage } from "./stage-helpers.js";

const engine = useStage();
let succeeded: string;
let failed: string;

beforeAll(async () => {
  const ok = await engine.cli(["--json", "cadastrar", ...ITAU_FLAGS]);
  expect(ok.code).toBe(0);
  succeeded = JSON.parse(ok.stdout).execucao;
  const dup = await engine.cli(["--json", "cadastrar", ...ITAU_FLAGS]);
  expect(dup.code).toBe(1);
  failed = JSON.parse(dup.stdout).execucao;
}, 120_000);

const nameOf = (arn: string) => arn.split(":").at(-1) ?? "";

describe("executions", () => {
  it("lists newest first with account and status; --json is parseable", async () => {
    const r = await engine.cli(["executions"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^EXECUÇÃO\s+CONTA\s+STATUS\s+INÍCIO \(UTC\)\s+DURAÇÃO$/);
    expect(lines[1]).toContain(nameOf(failed));
    expect(lines[1]).toContain("FAILED (falhou)");
    expect(lines[2]).toContain(nameOf(succeeded));
    expect(lines[2]).toMatch(/341-2545-02366-1\s+SUCCEEDED \(sucesso\)/);

    const json = await engine.cli(["--json", "executions"]);
    const list = JSON.parse(json.stdout);
    expect(list.map((e: { execucao: string }) => e.execucao)).toEqual([failed, succeeded]);
    expect(list[0]).toMatchObject({ conta: "341-2545-02366-1", status: "FAILED" });
  });

  it("colors each status when colors are on (FORCE_COLOR), and none under NO_COLOR", async () => {
    const colored = await engine.cli(["executions"], { NO_COLOR: "", FORCE_COLOR: "1" });
    expect(colored.code).toBe(0);
    // chalk: red 31, green 32 (closed by 39).
    expect(colored.stdout).toContain("\u001b[31mFAILED (falhou)\u001b[39m");
    expect(colored.stdout).toContain("\u001b[32mSUCCEEDED (sucesso)\u001b[39m");
    const plain = await engine.cli(["executions"], { FORCE_COLOR: "1" });
    expect(plain.stdout).not.toContain("\u001b[");
  });

  it("--status (AWS names and pt-BR synonyms) and --limite filter the list", async () => {
    const f = JSON.parse((await engine.cli(["--json", "executions", "--status", "falha"])).stdout);
    expect(f.map((e: { execucao: string }) => e.execucao)).toEqual([failed]);
    const s = JSON.parse(
      (await engine.cli(["--json", "executions", "--status", "SUCCEEDED"])).stdout,
    );
    expect(s.map((e: { execucao: string }) => e.execucao)).toEqual([succeeded]);
    const one = JSON.parse((await engine.cli(["--json", "executions", "--limite", "1"])).stdout);
    expect(one).toHaveLength(1);
    const bad = await engine.cli(["executions", "--status", "QUASE"]);
    expect(bad.code).toBe(2);
  });

  it("draws a succeeded execution named by a unique prefix, with every state ✓ and the output", async () => {
    const prefix = nameOf(succeeded).slice(0, -4);
    const r = await engine.cli(["executions", prefix]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`execução  ${nameOf(succeeded)}`);
    expect(r.stdout).toContain("SUCCEEDED (sucesso)");
    for (const state of [
      "CreateSession",
      "Lambda Invoke",
      "DynamoDB UpdateItem",
      "GetVaultAccessPolicy",
    ]) {
      expect(r.stdout).toMatch(new RegExp(`│ ${state}\\s+[│├][^\\n]*\\n[^\\n]*│ ✓ \\d`));
    }
    expect(r.stdout).toMatch(/Paralelo · ✓ \d/);
    expect(r.stdout).toContain("· não executado");
    expect(r.stdout).toContain("saída:");
    expect(r.stdout).toContain('"id": "341-2545-02366-1"');
    // LGPD: the documento is masked in the output and in the events, unless asked for.
    expect(r.stdout).toContain('"documento": "***.982.247-**"');
    expect(r.stdout).not.toContain("52998224725");
    const events = await engine.cli(["executions", prefix, "--eventos"]);
    expect(events.stdout).toContain('"documento":"***.982.247-**"');
    expect(events.stdout).not.toContain("52998224725");
    const shown = await engine.cli(["executions", prefix, "--mostrar-documento"]);
    expect(shown.stdout).toContain('"documento": "52998224725"');
  });

  it("draws a failed execution with the failing states, error and cause; --eventos adds the table", async () => {
    const r = await engine.cli(["executions", failed, "--eventos"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("FAILED (falhou)");
    expect(r.stdout).toMatch(
      /│ DynamoDB UpdateItem\s+│[^\n]*\n[^\n]*│ ✗ \d+ ms · DynamoDB\.ConditionalCheckFailedException/,
    );
    expect(r.stdout).toMatch(/Paralelo · ⚑ \d+ ms · capturado: /);
    expect(r.stdout).toMatch(/│ ContaJaCadastrada\s+│[^\n]*\n[^\n]*│ ✗ /);
    expect(r.stdout).toContain(
      "ContaJaCadastrada: A conta já está cadastrada; nada foi sobrescrito.",
    );
    expect(r.stdout).toContain(
      "causa: Conta já cadastrada: já existe um registro com o id 341-2545-02366-1",
    );
    expect(r.stdout).toMatch(/^\s*ID\s+TIPO\s+ESTADO\s+TEMPO\s+DETALHE$/m);
    expect(r.stdout).toMatch(/^\s*1\s+ExecutionStarted\s+\+0 ms/m);
    expect(r.stdout).toMatch(/FailStateEntered\s+ContaJaCadastrada/);
    expect(r.stdout).toMatch(/ExecutionFailed\s+\+\d.*ContaJaCadastrada: Conta já cadastrada/);

    const json = JSON.parse(
      (await engine.cli(["--json", "executions", failed, "--eventos"])).stdout,
    );
    expect(json).toMatchObject({ status: "FAILED", erro: "ContaJaCadastrada", saida: null });
    const byName = Object.fromEntries(
      json.estados.map((s: { nome: string; status: string }) => [s.nome, s.status]),
    );
    expect(byName).toMatchObject({
      CreateSession: "succeeded",
      "Lambda Invoke": "succeeded",
      "DynamoDB UpdateItem": "failed",
      GetVaultAccessPolicy: "succeeded",
      Paralelo: "caught",
      ContaJaCadastrada: "failed",
    });
    expect(json.eventos[0]).toMatchObject({ id: 1, tipo: "ExecutionStarted" });
    expect(json.eventos.at(-1).tipo).toBe("ExecutionFailed");
  });

  it("an ambiguous prefix is a usage error listing the candidates; an unknown name exit 1", async () => {
    const r = await engine.cli(["executions", "341-2545"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(nameOf(succeeded));
    expect(r.stderr).toContain(nameOf(failed));
    expect(r.stderr).toContain('"341-2545" é o começo de 2 execuções');
    const none = await engine.cli(["executions", "nada-disso"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('nenhuma execução se chama ou começa com "nada-disso"');
  });

  it("an exact name or this stage's ARN shows it; an ARN of another stage is refused (exit 2)", async () => {
    for (const ref of [nameOf(succeeded), succeeded]) {
      const r = await engine.cli(["executions", ref]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`execução  ${nameOf(succeeded)}`);
    }
    const other = await engine.sfn.send(
      new CreateStateMachineCommand({
        name: "contabanco-prod",
        definition: JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }),
        roleArn: "arn:aws:iam::000000000000:role/contabanco-prod-sfn",
      }),
    );
    const started = await engine.sfn.send(
      new StartExecutionCommand({ stateMachineArn: other.stateMachineArn, name: nameOf(failed) }),
    );
    const refused = await engine.cli(["executions", started.executionArn ?? ""]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain(
      `erro: a execução ${started.executionArn} é da máquina de estados contabanco-prod, não de contabanco-dev (a deste estágio); para vê-la, use --stage prod`,
    );
    // The same name in this stage is this stage's execution.
    const own = await engine.json<{ execucao: string }>(["executions", nameOf(failed)]);
    expect(own.execucao).toBe(failed);
  });

  it("draws a Parallel that never ran as 'não executado', with one separator", async () => {
    // An invalid account sent straight to the workflow (the CLI would refuse it first): the Lambda
    // refuses it, so Paralelo never runs.
    const name = "000-0000-0-0-invalida";
    await engine.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: engine.stateMachineArn,
        name,
        input: JSON.stringify({ titular: "", documento: "123", banco: "1", agencia: "x" }),
      }),
    );
    const r = await engine.cli(["executions", name, "--watch", "--intervalo", "50"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain("ContaInvalida");
    expect(r.stdout).toMatch(/┌─ Paralelo · não executado · paralelo: 2 ramos ─/);
    expect(r.stdout).not.toContain("· ·");
    // The states inside it are boxes: their mark stays.
    expect(r.stdout).toMatch(/│ DynamoDB UpdateItem\s+│[^\n]*\n[^\n]*│ · não executado/);
  });
});
