// What only happens on a terminal, through the built CLI on a pseudo-terminal (util-linux
// `script`): cadastrar asking for the missing fields (and again after an invalid answer), its
// spinner on stderr (following the state the execution is in), the progress bar of cadastrar
// --arquivo, and `executions --watch` redrawing the graph until the execution ends.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import {
  ListExecutionsCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from "@aws-sdk/client-sfn";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { accountFlags, BB_FLAGS, cpf } from "../support/accounts.js";
import { onTerminal, SCRIPT, type TerminalRun } from "./pty.js";
import { type Engine, executionCount, useStage } from "./stage-helpers.js";

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

/** An SGR color escape (ESC[36m, ESC[39m…): what NO_COLOR must keep off the terminal. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the escape is the point
const SGR_COLOR = /\u001b\[[0-9;]*m/;

/** The spinner's frames (ora's default "dots"). */
const SPINNER_FRAME = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] cadastrando /;

/** The progress bar's drawings, in order: how many of `total` accounts each one counted. */
function barCounts(shown: string, total: number): number[] {
  const drawing = new RegExp(`cadastrando \\[[█░]+\\] (\\d+)/${total} · \\d+%`, "g");
  return [...shown.matchAll(drawing)].map((match) => Number(match[1]));
}

describe.skipIf(!SCRIPT || process.platform !== "linux")(
  "cadastrar on a terminal (util-linux script)",
  () => {
    const engine = useStage();
    let scratch: string;

    beforeAll(() => {
      scratch = mkdtempSync(join(tmpdir(), "contabanco-tty-"));
    });

    afterAll(() => {
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
      const run = terminal(["cadastrar", ...BB_FLAGS], engine.env, { stdoutTo: stdout });
      const code = await run.exited;
      expect(code, run.text()).toBe(0);
      // Only stderr is on the terminal: the spinner is there, and so is the closing line.
      expect(run.text()).toMatch(SPINNER_FRAME);
      expect(run.text()).toContain("cadastrando 001-1234-00012345-5");
      // The state the polls saw is drawn (at once: progress.ts renders on each update, so this
      // holds even when the registration ends before the spinner's first 80 ms tick).
      expect(run.text()).toMatch(/cadastrando 001-1234-00012345-5 — etapa \S/);
      expect(run.text()).toContain("✓ conta 001-1234-00012345-5 cadastrada");
      const record = readFileSync(stdout, "utf8");
      expect(record).toMatch(/id\s+001-1234-00012345-5/);
      expect(record).not.toMatch(SPINNER_FRAME);
      expect(record).not.toContain("cadastrando");
    }, 60_000);

    it("with NO_COLOR draws no color on the terminal, spinner included (ora colors by stdout)", async () => {
      expect(engine.env.NO_COLOR).toBe("1");
      const run = terminal(
        [
          "cadastrar",
          ...accountFlags({
            titular: "Bia Cores",
            documento: cpf("424242424"),
            banco: "237",
            agencia: "1000",
            conta: "77777-7",
          }),
        ],
        engine.env,
      );
      const code = await run.exited;
      expect(code, run.text()).toBe(0);
      expect(run.text()).toMatch(SPINNER_FRAME);
      expect(run.raw()).not.toMatch(SGR_COLOR);
    }, 60_000);

    it("cadastrar --arquivo draws a progress bar on stderr up to the total; the summary is on stdout", async () => {
      // One account registered beforehand and one invalid line: each count of the summary is used.
      const before = await engine.cli([
        "cadastrar",
        ...accountFlags({
          titular: "Lia Reis",
          documento: cpf("623456780"),
          banco: "237",
          agencia: "0002",
          conta: "2000-1",
        }),
      ]);
      expect(before.code, before.stderr).toBe(0);
      const file = join(scratch, "contas.csv");
      writeFileSync(
        file,
        [
          "titular,documento,banco,agencia,conta",
          `Lia Reis,${cpf("623456780")},237,0002,2000-1`,
          `Rui Nunes,${cpf("723456780")},237,0002,2000-2`,
          "Ivo Lima,111.111.111-11,237,0002,2000-3",
          `Sol Rocha,${cpf("823456780")},237,0002,2000-4`,
          `Gil Melo,${cpf("923456780")},237,0002,2000-5`,
        ].join("\n"),
      );
      const stdout = join(scratch, "resumo.txt");
      const run = terminal(["cadastrar", "--arquivo", file, "--concorrencia", "1"], engine.env, {
        stdoutTo: stdout,
      });
      const code = await run.exited;
      const shown = run.text();
      // An invalid line makes the exit code 1, after the others were registered.
      expect(code, shown).toBe(1);
      expect(shown).toContain("linha 4: documento:");
      // Only stderr is on the terminal: the bar, redrawn as accounts end, last drawn at the total.
      const counts = barCounts(shown, 4);
      expect(counts.length, shown).toBeGreaterThan(1);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(counts.at(-1)).toBe(4);
      expect(shown).toContain("4/4 · 100%");
      expect(shown).not.toContain("cadastradas:");
      const summary = readFileSync(stdout, "utf8");
      expect(summary).toContain("cadastradas: 3 · já existentes: 1 · inválidas: 1 · falhas: 0");
      expect(summary).not.toContain("cadastrando");
      expect(await storedAccount(engine, "237-0002-2000-5")).toBeDefined();

      // Again, all on the terminal: the bar reaches the total, is cleared, then the summary.
      const again = terminal(["cadastrar", "--arquivo", file], engine.env);
      expect(await again.exited, again.text()).toBe(1);
      const all = again.text();
      expect(barCounts(all, 4).at(-1), all).toBe(4);
      const closing = all.indexOf("cadastradas: 0 · já existentes: 4 · inválidas: 1 · falhas: 0");
      expect(closing, all).toBeGreaterThan(all.lastIndexOf("4/4 · 100%"));
    }, 60_000);

    it("has no spinner off a terminal", async () => {
      const r = await engine.cli([
        "cadastrar",
        ...accountFlags({
          titular: "Empresa Exemplo Ltda",
          documento: "11.222.333/0001-81",
          banco: "237",
          agencia: "1234",
          conta: "0012345-6",
        }),
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("✓ conta 237-1234-0012345-6 cadastrada");
      expect(r.stderr).not.toMatch(SPINNER_FRAME);
      expect(r.stderr).not.toContain("cadastrando");
    }, 60_000);
  },
);

// The execution waits until the test ends it, so the number of redraws does not depend on how
// fast the machine is: stopped (Espera, 600 s), or — input `{"liberacao": true, "chave": K}` —
// polling the table (Consulta, Pausa) until the test writes the item K.
const WAITING = JSON.stringify({
  QueryLanguage: "JSONata",
  StartAt: "Preparar",
  States: {
    Preparar: { Type: "Pass", Next: "Modo" },
    Modo: {
      Type: "Choice",
      Choices: [{ Condition: "{% $states.input.liberacao = true %}", Next: "Consulta" }],
      Default: "Espera",
    },
    Espera: { Type: "Wait", Seconds: 600, Next: "Fim" },
    Consulta: {
      Type: "Task",
      Resource: "arn:aws:states:::dynamodb:getItem",
      Arguments: {
        TableName: "contabanco-dev-contas",
        Key: { id: { S: "{% $states.input.chave %}" } },
      },
      Output: "{% $merge([$states.input, { 'liberado': $exists($states.result.Item) }]) %}",
      Next: "Liberado",
    },
    Liberado: {
      Type: "Choice",
      Choices: [{ Condition: "{% $states.input.liberado %}", Next: "Fim" }],
      Default: "Pausa",
    },
    Pausa: { Type: "Wait", Seconds: 1, Next: "Consulta" },
    Fim: { Type: "Pass", Output: { pronto: true }, End: true },
  },
});

/** The status line of a state's box in a drawn graph (the line under its name, same column). */
function stateStatus(drawing: string, state: string): string | undefined {
  const lines = drawing.split("\n");
  for (let i = 0; i < lines.length - 1; i++) {
    const column = lines[i].search(new RegExp(`│ ${state}\\s+[│├]`));
    if (column >= 0) return lines[i + 1].slice(column).split(/[│├]/)[1]?.trim();
  }
  return undefined;
}

describe.skipIf(!SCRIPT || process.platform !== "linux")(
  "executions --watch on a terminal (util-linux script)",
  () => {
    const engine = useStage({ definition: WAITING });

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

    it("cadastrar's spinner follows the execution: it shows the state it waits in", async () => {
      const run = terminal(["cadastrar", ...BB_FLAGS], engine.env);
      // The execution waits in Espera until stopped: the spinner's first frame says only
      // "cadastrando <id>…"; the state comes from a later update.
      await run.waitFor(/cadastrando 001-1234-00012345-5 — etapa Espera \(WaitStateEntered\)/);
      expect(run.text()).toMatch(SPINNER_FRAME);
      const listed = await engine.sfn.send(
        new ListExecutionsCommand({
          stateMachineArn: engine.stateMachineArn,
          statusFilter: "RUNNING",
        }),
      );
      const waiting = listed.executions?.find((e) => e.name?.startsWith("001-1234-00012345-5-"));
      expect(waiting?.executionArn).toBeDefined();
      await engine.sfn.send(new StopExecutionCommand({ executionArn: waiting?.executionArn }));
      const code = await run.exited;
      expect(code, run.text()).toBe(1);
      expect(run.text()).toContain("ABORTED");
    }, 60_000);

    it("ends with the execution once it succeeds: exit 0, the final graph all done and the output", async () => {
      const name = "341-2545-02366-1-tty-ok";
      await engine.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: engine.stateMachineArn,
          name,
          input: JSON.stringify({ liberacao: true, chave: "libera-tty" }),
        }),
      );
      const run = terminal(["executions", name, "--watch", "--intervalo", "100"], engine.env);
      await run.waitFor(/acompanhando… \(Ctrl\+C para sair\)/, 3);
      expect(run.text()).toContain("RUNNING (em execução)");
      // It has polled once and found nothing (Pausa running): every state of the loop has run.
      await run.waitFor(/│ Pausa\s+│\n[^\n]*│ ⟳ /);
      // Release it: the next Consulta finds the item and the execution goes on to Fim.
      await engine.dynamodb.send(
        new PutItemCommand({
          TableName: "contabanco-dev-contas",
          Item: { id: { S: "libera-tty" } },
        }),
      );
      const code = await run.exited;
      const shown = run.text();
      expect(code, shown).toBe(0);
      // The last drawing (after the last clear screen) is the finished execution, with no hint.
      const raw = run.raw();
      const final = stripVTControlCharacters(
        raw.slice(raw.lastIndexOf("\u001b[2J\u001b[H")),
      ).replaceAll("\r", "");
      expect(final).toContain("SUCCEEDED (sucesso)");
      expect(final).not.toContain("RUNNING");
      expect(final).not.toContain("acompanhando…");
      for (const state of ["Preparar", "Modo", "Consulta", "Liberado", "Pausa", "Fim"]) {
        expect(stateStatus(final, state), `${state}\n${final}`).toMatch(/^✓ /);
      }
      expect(stateStatus(final, "Espera"), final).toMatch(/^· não executado/);
      expect(final).toContain("saída:");
      expect(final).toContain('"pronto": true');
    }, 60_000);
  },
);
