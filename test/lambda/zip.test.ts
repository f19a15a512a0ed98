// Loads the contaBanco handler from the deployable zip the build produces, the way the local
// engine and AWS Lambda do: unzipped into an empty directory (no node_modules around), index.mjs.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
const zipPath = join(root, "dist", "lambda", "contaBanco.zip");

function newestMtime(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) => {
      const p = join(dir, e.name);
      return e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs;
    }),
  );
}

/** Builds only when the zip is missing or older than the code it bundles (npm test builds first). */
function ensureZip() {
  const sources = Math.max(
    newestMtime(join(root, "src", "domain")),
    newestMtime(join(root, "src", "lambda")),
  );
  let zipTime = -1;
  try {
    zipTime = statSync(zipPath).mtimeMs;
  } catch {}
  if (zipTime < sources) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "pipe" });
}

type Handler = (event: unknown, context: unknown) => Promise<Record<string, unknown>>;
let files: Record<string, Uint8Array>;
let dir: string;
let handler: Handler;

const context = {
  awsRequestId: "c6af9ac6-7b61-11e6-9a41-93e812345678",
  getRemainingTimeInMillis: () => 3000,
};

beforeAll(async () => {
  ensureZip();
  files = unzipSync(readFileSync(zipPath));
  dir = mkdtempSync(join(tmpdir(), "contabanco-lambda-"));
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  const mod = (await import(pathToFileURL(join(dir, "index.mjs")).href)) as { handler: Handler };
  handler = mod.handler;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("contaBanco.zip", () => {
  it("holds exactly one file, index.mjs, and no node_modules", () => {
    expect(Object.keys(files)).toEqual(["index.mjs"]);
    expect(Object.keys(files).some((n) => n.includes("node_modules"))).toBe(false);
    const code = new TextDecoder().decode(files["index.mjs"]);
    // Every dependency is inlined: no import of anything but Node built-ins.
    const specifiers = [...code.matchAll(/(?:from|import)\s*["']([^"']+)["']/g)].map((m) => m[1]);
    expect(specifiers.filter((s) => !s.startsWith("node:"))).toEqual([]);
    expect(typeof handler).toBe("function");
  });

  it("returns the normalized record for a valid event", async () => {
    const execucao = "arn:aws:states:us-east-1:000000000000:execution:contabanco-dev-cadastro:e1";
    const record = await handler(
      {
        titular: "  Ana   Lima ",
        documento: "123.456.789-09",
        banco: "341",
        agencia: "2545",
        conta: "02366-1",
        criadoEm: "2026-05-04T10:00:00Z",
        execucao,
      },
      context,
    );
    // The runtime serializes the result to JSON; compare what Step Functions would receive.
    expect(JSON.parse(JSON.stringify(record))).toEqual({
      id: "341-2545-02366-1",
      titular: "Ana Lima",
      documento: "12345678909",
      tipoDocumento: "cpf",
      banco: "341",
      bancoNome: "ITAÚ UNIBANCO S.A.",
      agencia: "2545",
      conta: "02366",
      contaDv: "1",
      tipo: "corrente",
      criadoEm: "2026-05-04T10:00:00.000Z",
      execucao,
    });
  });

  it("validates the alphanumeric CNPJ and stamps criadoEm when absent", async () => {
    const record = await handler(
      {
        titular: "Empresa X",
        documento: "12.ABC.345/01DE-35",
        banco: 1,
        agencia: "1584-9",
        conta: "210169-6",
        tipo: "poupança",
      },
      context,
    );
    expect(record).toMatchObject({
      id: "001-1584-00210169-6",
      documento: "12ABC34501DE35",
      tipoDocumento: "cnpj",
      bancoNome: "Banco do Brasil S.A.",
      tipo: "poupanca",
    });
    expect(Number.isNaN(Date.parse(record.criadoEm as string))).toBe(false);
    expect(record).not.toHaveProperty("execucao");
  });

  it("rejects an invalid event with ContaInvalida naming every field", async () => {
    const error = await handler(
      { titular: "Ana", documento: "123.456.789-00", banco: "341", agencia: "25", conta: "02366" },
      context,
    ).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error!.name).toBe("ContaInvalida");
    expect(error!.message).toMatch(/^Conta inválida: /);
    for (const campo of ["documento: CPF inválido", "agencia: ", "conta: "]) {
      expect(error!.message).toContain(campo);
    }
    expect(error!.message).not.toContain("titular");
  });
});
