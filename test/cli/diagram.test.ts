import { readFileSync } from "node:fs";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { readDefinitionTemplate } from "../../src/app/definition.js";
import { createColors } from "../../src/cli/render/colors.js";
import { renderAscii } from "../../src/cli/render/diagram/ascii.js";
import { renderDot } from "../../src/cli/render/diagram/dot.js";
import { renderMermaid } from "../../src/cli/render/diagram/mermaid.js";
import { allStates, buildDiagram, DiagramError } from "../../src/cli/render/diagram/model.js";
import { renderSvg } from "../../src/cli/render/diagram/svg.js";

const diagram = buildDiagram(JSON.parse(readDefinitionTemplate()));
const STATES = [
  "CreateSession",
  "Lambda Invoke",
  "Paralelo",
  "DynamoDB UpdateItem",
  "GetVaultAccessPolicy",
  "ContaInvalida",
  "ContaJaCadastrada",
  "PoliticaDoCofreAusente",
  "FalhaInesperada",
];
/** [from, to, kind] of every edge of the bundled workflow. */
const EDGES = [
  ["CreateSession", "Lambda Invoke", "next"],
  ["CreateSession", "FalhaInesperada", "catch"],
  ["Lambda Invoke", "Paralelo", "next"],
  ["Lambda Invoke", "ContaInvalida", "catch"],
  ["Lambda Invoke", "FalhaInesperada", "catch"],
  ["Paralelo", "ContaJaCadastrada", "catch"],
  ["Paralelo", "PoliticaDoCofreAusente", "catch"],
  ["Paralelo", "FalhaInesperada", "catch"],
];
const sorted = (edges: string[][]) => edges.map((e) => e.join(" → ")).sort();

describe("the diagram model", () => {
  it("holds every state, nested ones included", () => {
    expect(
      allStates(diagram.root)
        .map(({ state }) => state.name)
        .sort(),
    ).toEqual([...STATES].sort());
  });

  it("has the workflow's edges", () => {
    expect(sorted(diagram.root.edges.map((e) => [e.from, e.to, e.kind]))).toEqual(sorted(EDGES));
    const paralelo = diagram.root.states.find((s) => s.name === "Paralelo")!;
    expect(paralelo.branches.map((b) => b.startAt)).toEqual([
      "DynamoDB UpdateItem",
      "GetVaultAccessPolicy",
    ]);
    expect(paralelo.end).toBe(true);
    const lambda = diagram.root.states.find((s) => s.name === "Lambda Invoke")!;
    expect(lambda).toMatchObject({ detail: "lambda:invoke", retries: 3 });
  });

  it("labels catch edges with their errors", () => {
    const edge = diagram.root.edges.find((e) => e.to === "ContaJaCadastrada")!;
    expect(edge.label).toBe("DynamoDB.ConditionalCheckFailedException");
  });

  it("refuses what is not a state machine", () => {
    expect(() => buildDiagram({ States: {} })).toThrow(DiagramError);
    expect(() => buildDiagram({ StartAt: "X", States: {} })).toThrow(/X/);
    expect(() => buildDiagram(null)).toThrow(DiagramError);
    expect(() => buildDiagram({ StartAt: "A", States: { A: null } })).toThrow(
      /"A" não é um objeto/,
    );
  });

  it("draws Choice and Map states too", () => {
    const other = buildDiagram({
      StartAt: "Escolha",
      States: {
        Escolha: {
          Type: "Choice",
          Choices: [{ Condition: "{% $states.input.n > 1 %}", Next: "Mapa" }],
          Default: "Fim",
        },
        Mapa: {
          Type: "Map",
          ItemProcessor: { StartAt: "Item", States: { Item: { Type: "Pass", End: true } } },
          Next: "Fim",
        },
        Fim: { Type: "Succeed" },
      },
    });
    expect(sorted(other.root.edges.map((e) => [e.from, e.to, e.kind]))).toEqual(
      sorted([
        ["Escolha", "Mapa", "choice"],
        ["Escolha", "Fim", "default"],
        ["Mapa", "Fim", "next"],
      ]),
    );
    const text = renderAscii(other);
    for (const name of [
      "Escolha",
      "Mapa",
      "Item",
      "Fim",
      "$states.input.n > 1 ─▶ Mapa",
      "padrão ─▶ Fim",
    ]) {
      expect(text).toContain(name);
    }
  });
});

describe("ascii", () => {
  const text = renderAscii(diagram);
  const lines = text.split("\n");

  it("shows every state in a box", () => {
    for (const name of STATES) expect(text).toContain(name);
    expect(text).toContain("● início");
    expect(text).toContain("◉ fim");
  });

  it("draws the main flow top-down on one axis", () => {
    const row = (name: string) => lines.findIndex((line) => line.includes(`│ ${name}`));
    expect(row("CreateSession")).toBeLessThan(row("Lambda Invoke"));
    expect(row("Lambda Invoke")).toBeLessThan(lines.findIndex((l) => l.includes("Paralelo ·")));
    const axis = lines[0].indexOf("●");
    const between = lines.slice(1, row("CreateSession") - 1);
    for (const line of between) expect(line[axis]).toBe("│");
  });

  it("puts the Parallel branches side by side inside the frame", () => {
    const line = lines.find((l) => l.includes("DynamoDB UpdateItem"))!;
    expect(line).toContain("GetVaultAccessPolicy");
    expect(line.indexOf("DynamoDB UpdateItem")).toBeLessThan(line.indexOf("GetVaultAccessPolicy"));
    expect(line.trimStart().startsWith("│")).toBe(true);
  });

  it("shows the Catch edges beside their state", () => {
    const lambdaLine = lines.find((l) => l.includes("│ Lambda Invoke"))!;
    expect(lambdaLine).toContain("├╌╌╌ ContaInvalida ╌▶ ContaInvalida");
    expect(text).toContain("DynamoDB.ConditionalCheckFailedException ╌▶ ContaJaCadastrada");
    expect(text).toContain("Glacier.ResourceNotFoundException ╌▶ PoliticaDoCofreAusente");
  });

  it("merges lines where they meet", () => {
    expect(text).toMatch(/┌─+┴─+┐/);
    expect(text).toMatch(/└─+┬─+┘/);
    expect(text).toContain("┼");
  });

  it("colors only when given colors, without moving anything", () => {
    expect(text).not.toContain("\u001b[");
    const colored = renderAscii(diagram, createColors(1));
    expect(colored).toContain("\u001b[31mContaInvalida\u001b[39m");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escapes
    expect(colored.replace(/\u001b\[[0-9;]*m/g, "")).toBe(text);
  });
});

describe("mermaid", () => {
  const text = renderMermaid(diagram);
  const ids = new Map<string, string>();
  for (const match of text.matchAll(
    /^\s*(?:subgraph )?(s\d+)(?:\[|\{\{|\(\[|\{| \[)"([^"<]+)(?:<br\/>|")/gm,
  )) {
    ids.set(match[1], match[2].split(" · ")[0]);
  }

  it("declares every state", () => {
    expect([...ids.values()].sort()).toEqual([...STATES].sort());
    expect(text.startsWith("flowchart TD\n")).toBe(true);
  });

  it("has the workflow's edges, catches dotted", () => {
    const edges: string[][] = [];
    for (const match of text.matchAll(/^\s*(s\d+) (-->|-\.->)(?:\|"[^"]*"\|)? (s\d+)$/gm)) {
      edges.push([ids.get(match[1])!, ids.get(match[3])!, match[2] === "-->" ? "next" : "catch"]);
    }
    expect(sorted(edges)).toEqual(sorted(EDGES));
    expect(text).toMatch(/inicio --> s0/);
  });

  it("nests the branches in subgraphs", () => {
    expect(text).toMatch(/subgraph s\d+ \["Paralelo · paralelo: 2 ramos"\]/);
    expect(text.match(/subgraph s\d+_r\d/g)).toHaveLength(2);
    expect(text.match(/^\s*end$/gm)).toHaveLength(3);
  });
});

describe("dot", () => {
  const text = renderDot(diagram);

  it("declares every state and the branch clusters", () => {
    for (const name of STATES) expect(text).toContain(`"${name}" [`);
    expect(text).toContain('subgraph "cluster_Paralelo" {');
    expect(text).toContain('subgraph "cluster_Paralelo/1" {');
    expect(text).toContain('subgraph "cluster_Paralelo/2" {');
  });

  it("has the workflow's edges, the Parallel leaving from its join point", () => {
    const edges: string[][] = [];
    for (const match of text.matchAll(/^\s*"([^"]+)" -> "([^"]+)"( \[style=dashed)?/gm)) {
      edges.push([match[1].replace(" · fim", ""), match[2], match[3] ? "catch" : "next"]);
    }
    const outer = edges.filter(
      ([from, to]) =>
        from !== "início" &&
        to !== "fim" &&
        !["DynamoDB UpdateItem", "GetVaultAccessPolicy"].includes(to) &&
        !["DynamoDB UpdateItem", "GetVaultAccessPolicy"].includes(from),
    );
    expect(sorted(outer)).toEqual(sorted(EDGES));
    expect(text).toContain('"Paralelo" -> "DynamoDB UpdateItem";');
    expect(text).toContain('"GetVaultAccessPolicy" -> "Paralelo · fim";');
    expect(text).toContain('"Paralelo · fim" -> "fim";');
  });
});

describe("svg", () => {
  const svg = renderSvg(diagram, "título & <teste>");

  it("is well-formed XML", () => {
    expect(XMLValidator.validate(svg)).toBe(true);
  });

  it("draws every state as a group with a box and its name", () => {
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(svg);
    const root = parsed.svg;
    expect(root.xmlns).toBe("http://www.w3.org/2000/svg");
    expect(root.title).toBe("título & <teste>");
    const groups = [root.g].flat();
    const names = groups.map((g: { "data-estado": string }) => g["data-estado"]);
    expect(names.sort()).toEqual(STATES.filter((s) => s !== "Paralelo").sort());
    for (const group of groups) {
      expect(group.rect).toBeDefined();
      const texts = [group.text].flat().map((t: { "#text": string }) => t["#text"]);
      expect(texts[0]).toBe(group["data-estado"]);
    }
    const frames = [root.rect].flat().filter((r: { class?: string }) => r.class === "paralelo");
    expect(frames).toHaveLength(1);
    const notes = [root.text]
      .flat()
      .filter((t: { class?: string }) => t.class === "captura")
      .map((t: { "#text": string }) => t["#text"]);
    expect(notes).toContain("ContaInvalida → ContaInvalida");
    expect(notes).toHaveLength(6);
  });

  it("sizes the canvas to the layout", () => {
    const match = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg)!;
    expect(Number(match[1])).toBeGreaterThan(300);
    expect(Number(match[2])).toBeGreaterThan(300);
  });
});

describe("the README", () => {
  it("shows the workflow as diagrama draws it (regenerate: contabanco diagrama --formato mermaid)", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const block = /```mermaid\n([\s\S]*?)```/.exec(readme);
    expect(block, "README.md sem bloco mermaid").not.toBeNull();
    expect(block![1]).toBe(renderMermaid(diagram));
  });
});
