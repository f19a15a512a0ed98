// diagrama through the built CLI: Graphviz DOT and SVG on stdout, --saida writing the file (its
// format from the extension), and --implantado drawing the definition deployed on the local engine
// for the stage rather than the bundled one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/build.js";
import { tempHome } from "../support/engine.js";
import { useFixture } from "../support/fixture.js";
import { useStage } from "./stage-helpers.js";

interface AslStates {
  States: Record<string, { Branches?: AslStates[] }>;
}

/** Every state name of the bundled definition, the Parallel's branches included. */
function stateNames(definition: AslStates): string[] {
  return Object.entries(definition.States).flatMap(([name, state]) => [
    name,
    ...(state.Branches ?? []).flatMap(stateNames),
  ]);
}

const BUNDLED = stateNames(
  JSON.parse(readFileSync(join(ROOT, "assets", "state-machine.asl.json"), "utf8")),
);

/** What a state machine deployed with another definition holds. */
const DEPLOYED = JSON.stringify({
  QueryLanguage: "JSONata",
  StartAt: "Conferir Implantação",
  States: {
    "Conferir Implantação": { Type: "Pass", Next: "Concluído" },
    Concluído: { Type: "Succeed" },
  },
});

const engine = useStage({ definition: DEPLOYED });

/** A scratch directory for --saida, removed after the tests. */
const scratch = useFixture(async () => {
  const dir = tempHome("contabanco-diagrama-");
  return { path: dir.home, stop: async () => dir.cleanup() };
});

/** The texts an SVG draws (its <text> elements), after checking it is well-formed XML. */
function svgTexts(svg: string): string[] {
  expect(XMLValidator.validate(svg)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false }).parse(svg) as {
    svg?: { "@_xmlns"?: string };
  };
  expect(doc.svg?.["@_xmlns"]).toBe("http://www.w3.org/2000/svg");
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

/** The state's label among the texts: its name alone (a box) or a frame's "name · detail". */
function labelOf(texts: string[], name: string): string | undefined {
  return texts.find((text) => text === name || text.startsWith(`${name} · `));
}

describe("diagrama (built CLI)", () => {
  it("--formato dot: a Graphviz digraph with every state", async () => {
    const r = await engine.cli(["diagrama", "--formato", "dot"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.startsWith('digraph "contabanco" {\n')).toBe(true);
    expect(r.stdout.trimEnd().endsWith("}")).toBe(true);
    expect(BUNDLED).toContain("GetVaultAccessPolicy");
    for (const name of BUNDLED) expect(r.stdout).toContain(`"${name}" [`);
    expect(r.stdout).toContain('"Lambda Invoke" -> "Paralelo"');
  });

  it("--formato svg: a real SVG document drawing every state's name", async () => {
    const r = await engine.cli(["diagrama", "--formato", "svg"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith("<svg ")).toBe(true);
    const texts = svgTexts(r.stdout);
    for (const name of BUNDLED) expect(labelOf(texts, name), name).toBeDefined();
  });

  it("--saida writes the file in the format of its extension; stdout stays empty", async () => {
    const svgFile = join(scratch.path, "workflow.svg");
    const r = await engine.cli(["diagrama", "--saida", svgFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`diagrama (svg) gravado em ${svgFile}`);
    const texts = svgTexts(readFileSync(svgFile, "utf8"));
    for (const name of BUNDLED) expect(labelOf(texts, name), name).toBeDefined();

    const dotFile = join(scratch.path, "workflow.gv");
    const json = await engine.json<{ formato: string; arquivo: string }>([
      "diagrama",
      "--saida",
      dotFile,
    ]);
    expect(json).toEqual({ formato: "dot", arquivo: dotFile });
    expect(readFileSync(dotFile, "utf8")).toMatch(/^digraph "contabanco" \{\n/);

    const unknown = await engine.cli(["diagrama", "--saida", join(scratch.path, "w.png")]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("não sei o formato de");
  });

  it("--implantado draws the definition deployed for the stage; the bundled one without it", async () => {
    const deployed = await engine.cli(["diagrama", "--implantado", "--formato", "svg"]);
    expect(deployed.code, deployed.stderr).toBe(0);
    const texts = svgTexts(deployed.stdout);
    expect(texts).toContain("Conferir Implantação");
    expect(texts).toContain("Concluído");
    expect(texts).not.toContain("CreateSession");

    const ascii = await engine.cli(["diagrama", "--implantado"]);
    expect(ascii.code, ascii.stderr).toBe(0);
    expect(ascii.stdout).toMatch(/│ Conferir Implantação\s+│/);

    const bundled = await engine.cli(["diagrama", "--formato", "dot"]);
    expect(bundled.stdout).toContain('"CreateSession" [');
    expect(bundled.stdout).not.toContain("Conferir Implantação");

    const missing = await engine.cli(["--stage", "nunca", "diagrama", "--implantado"]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toContain("contabanco deploy");
  });
});
