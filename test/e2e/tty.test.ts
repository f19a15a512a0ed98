// What only happens on a terminal, through the built CLI on a pseudo-terminal (util-linux
// `script`): cadastrar asking for the missing fields (and again after an invalid answer), its
// spinner on stderr, and `executions --watch` redrawing the graph until the execution ends.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { StartExecutionCommand, StopExecutionCommand } from "@aws-sdk/client-sfn";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { onTerminal, SCRIPT, type TerminalRun } from "./pty.js";
import { type Engine, executionCount, startStage } from "./stage-helpers.js";

const runs: TerminalRun[] = [];
function terminal(...args: Parameters<typeof onTerminal>): TerminalRun {
  const run = onTerminal(...args);
  runs.push(run);
  return run;
}

afterEach(() => {
  for (const run of runs.splice(0)) run.kill();
});

async function storedAccount(engine: Engine, id: string) {
  const out = await engine.dynamodb.send(
    new GetItemCommand({ TableName: "contabanco-dev-contas", Key: { id: { S: id } } }),
  );
  return out.Item;
}

/** The spinner's frames (ora's default "dots"). */
const SPINNER_FRAME = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] cadastrando /;

describe.skipIf(!SCRIPT || process.platform !== "linux")(
  "cadastrar on a terminal (util-linux script)",
  () => {
    let engine: Engine;
    let scratch: string;

    beforeAll(async () => {
      engine = await startStage();
      scratch = mkdtempSync(join(tmpdir(), "contabanco-tty-"));
    }, 120_000);

    afterAll(async () => {
      await engine?.stop();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    });

    it("asks for each missing field in pt-BR, asks again after an invalid answer, then registers", async () => {
      const run = terminal(["cadastrar", "--titular", "Ana Souza", "--banco", "341"], engine.env);
      await run.waitFor(/CPF ou CNPJ/);
      run.type("529.982.247-24\r");
      await run.waitFor(/CPF inválido \(dígito verificador não confere\)/);
      // The invalid answer stays in the line, as inquirer keeps it: erase it and type again.
      run.type("\u0015529.982.247-25\r");
      await run.waitFor(/Agência \(ex\.: 2545 ou 1234-5\)/);
      run.type("2545\r");
      await run.waitFor(/Conta com dígito \(ex\.: 02366-1\)/);
      run.type("02366-2\r");
      await run.waitFor(/dígito verificador não confere com agência e número \(Itaú, 341\)/);
      run.type("\u001502366-1\r");
      await run.waitFor(/Tipo \(corrente, poupanca, pagamento, salario\)/);
      // Nothing has started while the answers were being corrected.
      expect(await executionCount(engine)).toBe(0);
      run.type("\r");
      await run.waitFor(/✔ Tipo \(corrente, poupanca, pagamento, salario\) corrente/);
      const code = await run.exited;
      const shown = run.text();
      expect(code, shown).toBe(0);
      // Only the corrected answers were accepted.
      expect(shown).toContain("✔ CPF ou CNPJ 529.982.247-25");
      expect(shown).not.toContain("✔ CPF ou CNPJ 529.982.247-24");
      expect(shown).toContain("✔ Conta com dígito (ex.: 02366-1) 02366-1");
      expect(shown).not.toContain("✔ Conta com dígito (ex.: 02366-1) 02366-2");
      expect(shown).toContain("✓ conta 341-2545-02366-1 cadastrada");
      expect(shown).toMatch(/id\s+341-2545-02366-1/);
      expect(shown).toContain("***.982.247-**");
      const item = await storedAccount(engine, "341-2545-02366-1");
      expect(item?.documento?.S).toBe("52998224725");
      expect(item?.titular?.S).toBe("Ana Souza");
      expect(item?.tipo?.S).toBe("corrente");
      expect(await executionCount(engine)).toBe(1);
    }, 60_000);

    it("Ctrl+C at a prompt cancels in pt-BR (exit 130) and starts no execution", async () => {
      const before = await executionCount(engine);
      const run = terminal(["cadastrar", "--titular", "Ana Souza"], engine.env);
      await run.waitFor(/CPF ou CNPJ/);
      run.type("\u0003");
      const code = await run.exited;
      expect(code, run.text()).toBe(130);
      expect(run.text()).toContain("erro: cadastro cancelado; nenhuma execução foi iniciada");
      expect(run.text()).not.toContain("User force closed");
      expect(await executionCount(engine)).toBe(before);
    }, 60_000);

    it("shows the spinner on stderr while it waits (stdout sent to a file keeps only the record)", async () => {
      const stdout = join(scratch, "stdout.txt");
      const run = terminal(
        [
          "cadastrar",
          "--titular",
          "João Souza",
          "--documento",
          "39053344705",
          "--banco",
          "1",
          "--agencia",
          "1234-3",
          "--conta",
          "12345-5",
        ],
        engine.env,
        stdout,
      );
      const code = await run.exited;
      expect(code, run.text()).toBe(0);
      // Only stderr is on the terminal: the spinner is there, and so is the closing line.
      expect(run.text()).toMatch(SPINNER_FRAME);
      expect(run.text()).toContain("cadastrando 001-1234-00012345-5");
      expect(run.text()).toContain("✓ conta 001-1234-00012345-5 cadastrada");
      const record = readFileSync(stdout, "utf8");
      expect(record).toMatch(/id\s+001-1234-00012345-5/);
      expect(record).not.toMatch(SPINNER_FRAME);
      expect(record).not.toContain("cadastrando");
    }, 60_000);

    it("has no spinner off a terminal", async () => {
      const r = await engine.cli([
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
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("✓ conta 237-1234-0012345-6 cadastrada");
      expect(r.stderr).not.toMatch(SPINNER_FRAME);
      expect(r.stderr).not.toContain("cadastrando");
    }, 60_000);
  },
);

// The execution waits until the test stops it, so the number of redraws does not depend on how
// fast the machine is.
const WAITING = JSON.stringify({
  QueryLanguage: "JSONata",
  StartAt: "Preparar",
  States: {
    Preparar: { Type: "Pass", Next: "Espera" },
    Espera: { Type: "Wait", Seconds: 600, Next: "Fim" },
    Fim: { Type: "Pass", End: true },
  },
});

describe.skipIf(!SCRIPT || process.platform !== "linux")(
  "executions --watch on a terminal (util-linux script)",
  () => {
    let engine: Engine;

    beforeAll(async () => {
      engine = await startStage({ definition: WAITING });
    }, 120_000);

    afterAll(async () => {
      await engine?.stop();
    });

    it("redraws the graph while the execution runs and stops once it ends", async () => {
      const started = await engine.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: engine.stateMachineArn,
          name: "341-2545-02366-1-tty",
          input: "{}",
        }),
      );
      const run = terminal(
        ["executions", "341-2545-02366-1-tty", "--watch", "--intervalo", "100"],
        engine.env,
      );
      // Each redraw clears the screen and shows the running state and the hint on stderr.
      await run.waitFor(/acompanhando… \(Ctrl\+C para sair\)/, 3);
      expect(run.raw().split("\u001b[2J\u001b[H").length - 1).toBeGreaterThanOrEqual(3);
      expect(run.text()).toContain("RUNNING (em execução)");
      expect(run.text()).toMatch(/│ Espera\s+│\n[^\n]*│ ⟳ /);
      await engine.sfn.send(new StopExecutionCommand({ executionArn: started.executionArn }));
      const code = await run.exited;
      const shown = run.text();
      // A watched execution that did not succeed ends the command with 1, after its final graph.
      expect(code, shown).toBe(1);
      const final = shown.slice(shown.lastIndexOf("acompanhando…"));
      expect(final).toContain("ABORTED");
      expect(final).not.toContain("RUNNING");
    }, 60_000);
  },
);
