// The built program, run the way users run it: `node bin/contabanco.js …` in a child process.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIfStale, ROOT as root } from "../support/build.js";
import { type Result, runCli } from "../support/cli.js";

/** Runs the binary with a clean environment (no SDK warning switch: the launcher must set it). */
async function contabanco(args: string[], env: Record<string, string> = {}): Promise<Result> {
  const result = await runCli(args, env, 20_000);
  expect(result.stderr).not.toMatch(/ExperimentalWarning|DeprecationWarning/);
  return result;
}

beforeAll(buildIfStale, 120_000);

const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;

describe("contabanco (built)", () => {
  it("--help is pt-BR and lists the global options", async () => {
    const { code, stdout, stderr } = await contabanco(["--help"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^Uso: contabanco \[opções\] \[comando\]/);
    for (const text of [
      "Opções:",
      "Comandos:",
      "--target <alvo>",
      "--endpoint-url <url>",
      "--region <região>",
      "--profile <perfil>",
      "--stage <estágio>",
      "--json",
      "--no-color",
      "--quiet",
      "--verbose",
      "mostra esta ajuda",
      "diagrama|diagram",
    ]) {
      expect(stdout).toContain(text);
    }
    expect(stdout).not.toMatch(/Usage:|Options:|Commands:/);
  });

  it("--version prints the version", async () => {
    expect(await contabanco(["--version"])).toEqual({
      code: 0,
      stdout: `${version}\n`,
      stderr: "",
    });
  });

  it("an unknown command exits 2 with a pt-BR message naming it", async () => {
    const { code, stdout, stderr } = await contabanco(["nao-existe"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('erro: comando desconhecido: "nao-existe"');
  });

  it("an unknown option exits 2", async () => {
    const { code, stderr } = await contabanco(["diagrama", "--nao-existe"]);
    expect(code).toBe(2);
    expect(stderr).toContain('erro: opção desconhecida: "--nao-existe"');
  });

  it("an invalid stage from the environment exits 2", async () => {
    const { code, stderr } = await contabanco(["diagrama"], { CONTABANCO_STAGE: "PROD" });
    expect(code).toBe(2);
    expect(stderr).toContain('estágio inválido "PROD"');
  });

  it("diagrama --formato mermaid prints the workflow", async () => {
    const { code, stdout, stderr } = await contabanco(["diagram", "--formato", "mermaid"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout.startsWith("flowchart TD\n")).toBe(true);
    for (const state of [
      "CreateSession",
      "Lambda Invoke",
      "DynamoDB UpdateItem",
      "ContaInvalida",
    ]) {
      expect(stdout).toContain(state);
    }
  });

  it("diagrama draws ASCII without colors when piped", async () => {
    const { code, stdout } = await contabanco(["diagrama"], { FORCE_COLOR: "0" });
    expect(code).toBe(0);
    expect(stdout).toContain("● início");
    expect(stdout).not.toContain("\u001b[");
  });

  it("--json prints nothing but JSON on stdout", async () => {
    for (const args of [
      ["--json", "diagrama"],
      ["diagrama", "--json", "--formato", "svg"],
    ]) {
      const { code, stdout } = await contabanco(args);
      expect(code).toBe(0);
      const parsed = JSON.parse(stdout);
      expect(Object.keys(parsed).sort()).toEqual(["diagrama", "formato"]);
    }
  });

  it("loads the AWS SDK without its Node.js version warning and explains a refused connection", async () => {
    // consultar calls DynamoDB through the SDK; port 9 (discard) refuses the connection at once.
    const { code, stdout, stderr } = await contabanco(
      ["--endpoint-url", "http://127.0.0.1:9", "consultar", "341-2545-02366-1"],
      { AWS_EC2_METADATA_DISABLED: "true" },
    );
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("erro: não foi possível conectar a 127.0.0.1:9: conexão recusada");
  });
});
