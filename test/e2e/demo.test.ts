// `contabanco demo` on a fresh CONTABANCO_HOME with no engine running: it starts the engine,
// deploys, registers, refuses an invalid account and a duplicate, lists and shows a history —
// and exits 0, also when run a second time; every command it suggests next works as printed.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/net.js";
import { shellWords } from "../support/shell.js";
import { buildIfStale, runCli } from "./deploy-helpers.js";

let home: string;
let env: Record<string, string>;
/** The human output of the second run (the one with the suggestions checked last). */
let told = "";

beforeAll(async () => {
  buildIfStale();
  home = mkdtempSync(join(tmpdir(), "contabanco-demo-"));
  env = { CONTABANCO_HOME: home, CONTABANCO_PORT: String(await freePort()), NO_COLOR: "1" };
}, 120_000);

afterAll(async () => {
  if (env) {
    const stopped = await runCli(["local", "stop"], env);
    // Never leave the engine this test started behind, even if `local stop` failed.
    const info = join(home, "engine.json");
    if (stopped.code !== 0 && existsSync(info)) {
      const { pid } = JSON.parse(readFileSync(info, "utf8")) as { pid?: number };
      if (pid) {
        try {
          process.kill(pid);
        } catch {}
      }
    }
  }
  if (home) rmSync(home, { recursive: true, force: true });
});

interface DemoJson {
  stage: string;
  target: string;
  deploy: { resources: { tipo: string; acao: string }[] };
  cadastros: { id: string; status: string; erro?: string }[];
  invalida: {
    erros: { campo: string; mensagem: string }[];
    execucao: { status: string; error: string; cause: string };
  };
  duplicada: { status: string; error: string; cause: string };
  contas: { id: string; documento: string }[];
  historico: { type: string }[];
}

describe("demo", () => {
  it("tells the whole story on a fresh home and exits 0", async () => {
    const result = await runCli(["--json", "demo"], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("motor local iniciado");
    const doc = JSON.parse(result.stdout) as DemoJson;
    expect(doc.stage).toBe("demo");
    expect(doc.target).toBe("local");
    expect(new Set(doc.deploy.resources.map((r) => r.acao))).toEqual(new Set(["criar"]));
    expect(doc.cadastros.map((c) => [c.id, c.status])).toEqual([
      ["341-2545-02366-1", "SUCCEEDED"],
      ["260-0001-1234567-8", "SUCCEEDED"],
    ]);
    expect(doc.invalida.erros.map((e) => e.campo)).toEqual([
      "titular",
      "documento",
      "banco",
      "agencia",
      "conta",
    ]);
    expect(doc.invalida.execucao.status).toBe("FAILED");
    expect(doc.invalida.execucao.error).toBe("ContaInvalida");
    expect(doc.invalida.execucao.cause).toContain("CPF inválido");
    expect(doc.duplicada.status).toBe("FAILED");
    expect(doc.duplicada.error).toBe("ContaJaCadastrada");
    expect(doc.contas.map((c) => c.id).sort()).toEqual(["260-0001-1234567-8", "341-2545-02366-1"]);
    for (const conta of doc.contas) {
      expect(conta.documento).toContain("*");
      expect(conta.documento).not.toMatch(/52998224725|11222333000181/);
    }
    expect(doc.historico[0].type).toBe("ExecutionStarted");
    expect(doc.historico.at(-1)?.type).toBe("ExecutionSucceeded");
  });

  it("runs again on the same home (nothing to deploy, accounts already there) and tells people what to try next", async () => {
    const result = await runCli(["demo"], env);
    expect(result.code, result.stderr).toBe(0);
    told = result.stdout;
    expect(result.stderr).not.toContain("motor local iniciado");
    expect(result.stdout).toContain("já estava cadastrada");
    expect(result.stdout).toContain("ContaJaCadastrada");
    expect(result.stdout).toContain("ContaInvalida");
    expect(result.stdout).toContain("***.982.247-**");
    expect(result.stdout).toContain("ExecutionSucceeded");
    expect(result.stdout).toContain("contabanco cadastrar --stage demo");
    expect(result.stdout).not.toMatch(/\bcriar\b/);
  });

  it("refuses another target", async () => {
    const result = await runCli(["--target", "aws", "demo"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("motor local");
  });

  it("every command it suggests runs as printed and exits 0 (the stage's destroy and local stop last)", async () => {
    expect(told).toContain("E agora?");
    const suggested = told
      .slice(told.indexOf("E agora?"))
      .split("\n")
      .filter((line) => line.trimStart().startsWith("contabanco "))
      .map((line) => shellWords(line));
    expect(suggested.map((words) => words.slice(0, 2).join(" "))).toEqual([
      "contabanco cadastrar",
      "contabanco consultar",
      "contabanco executions",
      "contabanco executions",
      "contabanco diagrama",
      "contabanco destroy",
      "contabanco local",
    ]);
    // The one execution shown: the history of section 6, by name, with its events.
    const [, , , shown] = suggested;
    expect(shown.at(-1)).toBe("--eventos");
    expect(told).toContain(`(${shown.join(" ")})`);
    for (const [program, ...args] of suggested) {
      expect(program).toBe("contabanco");
      const result = await runCli(args, env);
      expect(result.code, `${args.join(" ")}\n${result.stderr}`).toBe(0);
    }
  }, 120_000);
});
