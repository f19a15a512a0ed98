import { readFileSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError, Option } from "commander";
import { describe, expect, it } from "vitest";
import { Context } from "../../src/cli/context.js";
import { describeUnexpectedError, translateCommanderMessage } from "../../src/cli/errors.js";
import { buildProgram } from "../../src/cli/main.js";
import { awsError } from "../support/sdk.js";
import { run } from "./run.js";

const version = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"))
  .version as string;

const GLOBAL_OPTIONS = [
  "--target <alvo>",
  "--endpoint-url <url>",
  "--region <região>",
  "--profile <perfil>",
  "--stage <estágio>",
  "--json",
  "--no-color",
  "--quiet",
  "--verbose",
  "-v, --version",
  "-h, --help",
];

describe("help", () => {
  it("is pt-BR and lists the global options, commands and environment", async () => {
    const { code, stdout, stderr } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^Uso: contabanco \[opções\] \[comando\]/);
    for (const title of ["Opções:", "Comandos:", "Variáveis de ambiente:"]) {
      expect(stdout).toContain(title);
    }
    for (const option of GLOBAL_OPTIONS) expect(stdout).toContain(option);
    for (const env of [
      "CONTABANCO_TARGET",
      "CONTABANCO_STAGE",
      "CONTABANCO_HOME",
      "CONTABANCO_PORT",
    ]) {
      expect(stdout).toContain(env);
    }
    expect(stdout).toMatch(/^ {2}diagrama\|diagram +desenha o workflow/m);
    expect(stdout).toContain("help [comando]");
    expect(stdout).not.toMatch(/Usage:|Options:|Commands:|display help|output the version/);
  });

  it("shows a command's options and the global ones", async () => {
    for (const args of [
      ["diagrama", "--help"],
      ["help", "diagrama"],
      ["diagram", "-h"],
    ]) {
      const { code, stdout } = await run(args);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Uso: contabanco diagrama\|diagram \[opções\]/);
      expect(stdout).toContain("Opções globais:");
      expect(stdout).toContain("--formato <formato>");
      expect(stdout).toContain("valores: ascii, mermaid, dot, svg");
    }
  });

  it("prints the help on stderr with exit code 2 when no command is given", async () => {
    const { code, stdout, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("Uso: contabanco");
  });
});

describe("every registered command", () => {
  // Commands whose name is already the English word need no alias.
  const ENGLISH_NAMES = new Set(["deploy", "destroy", "executions", "local", "demo"]);

  it("has a description and, when its name is Portuguese, an English alias", async () => {
    const ctx = new Context({
      stdout: { write: () => true },
      stderr: { write: () => true },
      stdin: process.stdin,
      env: {},
      platform: { homedir: "/home/teste", platform: "linux" },
      cwd: process.cwd(),
    });
    const program = await buildProgram(ctx);
    expect(program.commands.length).toBeGreaterThan(0);
    for (const command of program.commands) {
      expect(command.description(), command.name()).not.toBe("");
      if (ENGLISH_NAMES.has(command.name())) continue;
      expect(command.aliases().length, `${command.name()} sem alias em inglês`).toBeGreaterThan(0);
    }
  });
});

describe("version", () => {
  it.each([["-v"], ["--version"]])("%s prints the package version", async (flag) => {
    expect(await run([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
});

describe("usage errors exit 2 with a pt-BR message naming the problem", () => {
  it.each([
    [["nao-existe"], 'erro: comando desconhecido: "nao-existe"'],
    [["diagramma"], "(você quis dizer"],
    [["--bogus"], 'erro: opção desconhecida: "--bogus"'],
    [
      ["diagrama", "--formatu", "svg"],
      'opção desconhecida: "--formatu" (você quis dizer --formato?)',
    ],
    [["diagrama", "--formato", "png"], 'valor inválido "png" para a opção "--formato <formato>"'],
    [["diagrama", "--saida"], 'a opção "--saida <arquivo>" precisa de um valor'],
    [["diagrama", "a", "b"], 'argumentos demais para "diagrama": esperava 0, recebeu 2'],
    [["--stage", "Prod", "diagrama"], 'estágio inválido "Prod"'],
    [["--target", "gcp", "diagrama"], 'alvo inválido "gcp"'],
    [["--quiet", "--verbose", "diagrama"], "--quiet e --verbose não combinam"],
  ])("%j", async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
    expect(stderr.startsWith("erro: ")).toBe(true);
    expect(stderr).not.toMatch(/error:|unknown|invalid|Did you mean/);
  });

  it("points to the right help", async () => {
    expect((await run(["nao-existe"])).stderr).toContain("Veja a ajuda com: contabanco --help");
    expect((await run(["diagrama", "--x"])).stderr).toContain("contabanco diagrama --help");
  });

  it("reads the environment for the configuration", async () => {
    const { code, stderr } = await run(["diagrama"], { env: { CONTABANCO_STAGE: "A B" } });
    expect(code).toBe(2);
    expect(stderr).toContain('estágio inválido "A B"');
  });
});

describe("translating commander's messages", () => {
  /** The message commander itself produces for `args` on a small program. */
  function commanderMessage(args: string[]): { code: string; message: string } {
    const program = new Command("p").exitOverride().configureOutput({ outputError: () => {} });
    program
      .command("x")
      .argument("<conta>")
      .requiredOption("--banco <cod>")
      .option("--a")
      .addOption(new Option("--b").conflicts("a"))
      .action(() => {});
    try {
      program.parse(["node", "p", ...args]);
    } catch (error) {
      if (error instanceof CommanderError) return { code: error.code, message: error.message };
    }
    throw new Error("commander accepted the arguments");
  }

  it.each([
    [["x", "--banco", "1"], 'falta o argumento obrigatório "conta"'],
    [["x", "1"], 'a opção obrigatória "--banco <cod>" não foi informada'],
    [["x", "1", "--banco", "1", "--a", "--b"], 'a opção "--b" não pode ser usada junto com "--a"'],
  ])("%j", (args, expected) => {
    const { code, message } = commanderMessage(args);
    expect(translateCommanderMessage(code, message)).toBe(expected);
  });
});

describe("output", () => {
  it("prints errors in red only on a color terminal", async () => {
    const red = "\u001b[31m";
    expect((await run(["nao-existe"], { tty: true })).stderr).toContain(red);
    expect((await run(["nao-existe"], { tty: false })).stderr).not.toContain(red);
    expect((await run(["nao-existe"], { tty: true, env: { NO_COLOR: "1" } })).stderr).not.toContain(
      red,
    );
    expect((await run(["--no-color", "nao-existe"], { tty: true })).stderr).not.toContain(red);
  });

  it("--json prints one JSON document and nothing else on stdout", async () => {
    const { code, stdout } = await run(["--json", "diagrama", "--formato", "mermaid"]);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.formato).toBe("mermaid");
    expect(parsed.diagrama).toMatch(/^flowchart TD/);
  });

  it("writes a file with --saida, inferring the format from its extension", async () => {
    const dir = await mkdtemp(join(tmpdir(), "contabanco-diagrama-"));
    const result = await run(["diagrama", "--saida", "fluxo.dot"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("diagrama (dot) gravado em fluxo.dot");
    expect(await readFile(join(dir, "fluxo.dot"), "utf8")).toMatch(/^digraph "contabanco"/);

    const quiet = await run(["--quiet", "--json", "diagrama", "--saida", "f.svg"], { cwd: dir });
    expect(quiet.stderr).toBe("");
    expect(JSON.parse(quiet.stdout)).toEqual({ formato: "svg", arquivo: join(dir, "f.svg") });
  });

  it("refuses a file whose format it cannot tell", async () => {
    const { code, stderr } = await run(["diagrama", "--saida", "fluxo.png"]);
    expect(code).toBe(2);
    expect(stderr).toContain('não sei o formato de "fluxo.png"');
  });

  it("reports a file it cannot write with exit 1", async () => {
    const { code, stderr } = await run(["diagrama", "--saida", "/nao-existe/dir/f.svg"]);
    expect(code).toBe(1);
    expect(stderr).toContain("erro: não foi possível gravar /nao-existe/dir/f.svg (ENOENT)");
  });
});

describe("describeUnexpectedError", () => {
  it("explains network failures in pt-BR", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
      code: "ECONNREFUSED",
      address: "127.0.0.1",
      port: 9,
    });
    expect(describeUnexpectedError(refused)).toBe(
      "não foi possível conectar a 127.0.0.1:9: conexão recusada (ECONNREFUSED)",
    );
    expect(describeUnexpectedError(new AggregateError([refused], ""))).toContain("127.0.0.1:9");
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND x"), {
      code: "ENOTFOUND",
      hostname: "x.invalid",
    });
    expect(describeUnexpectedError(dns)).toBe(
      "não foi possível conectar a x.invalid: endereço não encontrado (ENOTFOUND)",
    );
  });

  it("keeps AWS error codes and messages as AWS sends them", () => {
    const aws = awsError("ResourceNotFoundException", "Requested resource not found");
    expect(describeUnexpectedError(aws)).toBe(
      "ResourceNotFoundException: Requested resource not found",
    );
  });

  it("points to the credential settings when there are none", () => {
    const missing = Object.assign(new Error("Could not load credentials from any providers"), {
      name: "CredentialsProviderError",
    });
    expect(describeUnexpectedError(missing)).toMatch(/^credenciais da AWS não encontradas/);
  });
});
