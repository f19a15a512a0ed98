import { describe, expect, it } from "vitest";
import { colorLevel, createColors } from "../../src/cli/render/colors.js";
import { Output } from "../../src/cli/render/output.js";
import { renderTable } from "../../src/cli/render/table.js";
import { visibleWidth } from "../../src/cli/render/text.js";

describe("renderTable", () => {
  const rows = [
    { banco: "341", nome: "Itaú Unibanco", saldo: "10" },
    { banco: "1", nome: "BB", saldo: "1.000" },
  ];
  const columns = [
    { header: "BANCO", value: (r: (typeof rows)[0]) => r.banco, align: "right" as const },
    { header: "NOME", value: (r: (typeof rows)[0]) => r.nome },
    { header: "SALDO", value: (r: (typeof rows)[0]) => r.saldo, align: "right" as const },
  ];

  it("aligns columns left and right", () => {
    expect(renderTable(columns, rows)).toBe(
      [
        "BANCO  NOME           SALDO",
        "  341  Itaú Unibanco     10",
        "    1  BB             1.000",
      ].join("\n"),
    );
  });

  it("ignores colors when measuring and styles the header", () => {
    const c = createColors(1);
    const colored = renderTable(
      [
        { header: "X", value: (r: { v: string }) => c.red(r.v) },
        { header: "Y", value: () => "y" },
      ],
      [{ v: "ab" }, { v: "abcd" }],
      { styleHeader: (h) => `[${h}]` },
    );
    const lines = colored.split("\n");
    expect(lines[0]).toBe("[X     Y]");
    expect(lines.slice(1).map(visibleWidth)).toEqual([7, 7]);
  });

  it("trims the last column", () => {
    const table = renderTable([{ header: "A", value: (r: string) => r }], ["x", "longo"]);
    expect(table.split("\n").every((l) => l === l.trimEnd())).toBe(true);
  });
});

describe("colors", () => {
  it("honours the config, FORCE_COLOR and the terminal", () => {
    expect(colorLevel(false, { isTTY: true }, { FORCE_COLOR: "3" })).toBe(0);
    expect(colorLevel(true, { isTTY: false }, {})).toBe(0);
    expect(colorLevel(true, { isTTY: false }, { FORCE_COLOR: "2" })).toBe(2);
    expect(colorLevel(true, { isTTY: true }, { FORCE_COLOR: "0" })).toBe(0);
    expect(colorLevel(true, { isTTY: true }, {})).toBeGreaterThan(0);
  });

  it("measures accented text and escapes", () => {
    expect(visibleWidth("poupança")).toBe(8);
    expect(visibleWidth("\u001b[31mção\u001b[39m")).toBe(3);
  });
});

describe("Output", () => {
  function capture(options: Partial<ConstructorParameters<typeof Output>[0]> = {}) {
    const seen = { stdout: "", stderr: "" };
    const out = new Output({
      stdout: { write: (t: string) => (seen.stdout += t) },
      stderr: { write: (t: string) => (seen.stderr += t) },
      env: {},
      color: true,
      json: false,
      quiet: false,
      verbose: false,
      ...options,
    });
    return { out, seen };
  }

  it("keeps results on stdout and notices on stderr", () => {
    const { out, seen } = capture();
    out.print("resultado");
    out.printJson({ a: 1 });
    out.info("aviso ao usuário");
    out.error("algo falhou");
    out.warn("cuidado");
    out.debug("detalhe");
    expect(seen.stdout).toBe('resultado\n{\n  "a": 1\n}\n');
    expect(seen.stderr).toBe("aviso ao usuário\nerro: algo falhou\naviso: cuidado\n");
  });

  it("--quiet silences notices, not errors; --verbose adds diagnostics", () => {
    const quiet = capture({ quiet: true });
    quiet.out.info("x");
    quiet.out.error("y");
    expect(quiet.seen.stderr).toBe("erro: y\n");
    const verbose = capture({ verbose: true });
    verbose.out.debug("pilha");
    expect(verbose.seen.stderr).toBe("pilha\n");
  });

  it("colors errors red on a terminal", () => {
    const { out, seen } = capture({
      stderr: { write: (t: string) => (seen.stderr += t), isTTY: true },
    });
    out.error("falhou");
    expect(seen.stderr).toContain("\u001b[31merro: falhou");
  });
});
