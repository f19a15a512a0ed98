// The diagram as a standalone SVG, drawn from the same grid layout as the ASCII form (one column
// is CELL_W pixels, one line CELL_H), so no Graphviz or browser is needed.
import { type Layout, layoutDiagram, noteText, type Point } from "./layout.js";
import type { Diagram } from "./model.js";

const CELL_W = 8;
const CELL_H = 18;
const MARGIN = 12;
const FONT = "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";

function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const cx = (x: number) => MARGIN + x * CELL_W + CELL_W / 2;
const cy = (y: number) => MARGIN + y * CELL_H + CELL_H / 2;
const baseline = (y: number) => cy(y) + 4;
const points = (ps: Point[]) => ps.map((p) => `${cx(p.x)},${cy(p.y)}`).join(" ");

const FILL: Record<string, [string, string]> = {
  Fail: ["#fdecea", "#c0392b"],
  Succeed: ["#e9f7ef", "#1e8449"],
  Choice: ["#fef9e7", "#b7950b"],
};

export function paintSvg(layout: Layout, title = "contabanco"): string {
  const width = layout.width * CELL_W + 2 * MARGIN;
  const height = layout.height * CELL_H + 2 * MARGIN;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="13">`,
    `  <title>${escapeXml(title)}</title>`,
    "  <defs>",
    `    <marker id="seta" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#4a6fa5"/></marker>`,
    "  </defs>",
    `  <rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  for (const p of layout.primitives) {
    if (p.kind === "frame") {
      out.push(
        `  <rect class="paralelo" x="${cx(p.x)}" y="${cy(p.y)}" width="${(p.w - 1) * CELL_W}" height="${(p.h - 1) * CELL_H}" rx="8" fill="#f7f9fc" stroke="#7f8c9d" stroke-dasharray="5 3"/>`,
        // The title sits on the border, on a patch of background that cuts the dashed line.
        `  <rect x="${cx(p.x + 2) - 4}" y="${cy(p.y) - 8}" width="${[...p.title.trim()].length * CELL_W + 8}" height="16" fill="#ffffff"/>`,
        `  <text x="${cx(p.x + 2)}" y="${baseline(p.y)}" font-weight="bold" fill="#34495e">${escapeXml(p.title.trim())}</text>`,
      );
    }
  }
  // Arrows stop above the end circle and the "continua em" marker, not on top of them.
  const markers = new Set(
    layout.primitives.flatMap((p) =>
      p.kind === "text" && (p.role === "end" || p.role === "jump") ? [`${p.x},${p.y}`] : [],
    ),
  );
  for (const p of layout.primitives) {
    if (p.kind === "wire") {
      const color = p.dashed ? "#c0392b" : "#4a6fa5";
      const dash = p.dashed ? ` stroke-dasharray="4 3"` : "";
      const arrow = p.arrow ? ` marker-end="url(#seta)"` : "";
      const last = p.points.at(-1)!;
      let coords = points(p.points);
      if (p.arrow && markers.has(`${last.x},${last.y}`)) {
        coords = `${points(p.points.slice(0, -1))} ${cx(last.x)},${cy(last.y) - 8}`;
      }
      out.push(
        `  <polyline points="${coords}" fill="none" stroke="${color}" stroke-width="1.5"${dash}${arrow}/>`,
      );
    }
  }
  for (const p of layout.primitives) {
    if (p.kind === "box") {
      const [fill, stroke] = FILL[p.state.type] ?? ["#eaf2fb", "#4a6fa5"];
      out.push(
        `  <g class="estado" data-estado="${escapeXml(p.state.name)}" data-tipo="${p.state.type}">`,
        `    <rect x="${cx(p.x)}" y="${cy(p.y)}" width="${(p.w - 1) * CELL_W}" height="${(p.h - 1) * CELL_H}" rx="6" fill="${fill}" stroke="${stroke}" stroke-width="1.5"/>`,
        ...p.lines.map(
          (line, i) =>
            `    <text x="${cx(p.x + 2) - CELL_W / 2}" y="${baseline(p.y + 1 + i)}"${i === 0 ? ` font-weight="bold" fill="#1b2631"` : ` fill="#566573" font-size="12"`}>${escapeXml(line)}</text>`,
        ),
        "  </g>",
      );
    } else if (p.kind === "note") {
      const error = p.edge.kind === "catch";
      out.push(
        `  <text class="${error ? "captura" : "escolha"}" x="${cx(p.x) - CELL_W / 2}" y="${baseline(p.y)}" fill="${error ? "#c0392b" : "#34495e"}" font-size="12">${escapeXml(noteText(p.edge, "→"))}</text>`,
      );
    } else if (p.kind === "text") {
      if (p.role === "start" || p.role === "end") {
        out.push(
          p.role === "start"
            ? `  <circle class="inicio" cx="${cx(p.x)}" cy="${cy(p.y)}" r="6" fill="#1b2631"/>`
            : `  <circle class="fim" cx="${cx(p.x)}" cy="${cy(p.y)}" r="7" fill="#ffffff" stroke="#1b2631" stroke-width="2"/><circle cx="${cx(p.x)}" cy="${cy(p.y)}" r="4" fill="#1b2631"/>`,
          `  <text x="${cx(p.x + 2) - CELL_W / 2}" y="${baseline(p.y)}" fill="#1b2631">${escapeXml(p.text.slice(2))}</text>`,
        );
      } else {
        out.push(
          `  <text x="${cx(p.x) - CELL_W / 2}" y="${baseline(p.y)}" fill="#566573"${p.role === "heading" ? ` font-style="italic"` : ""}>${escapeXml(p.text)}</text>`,
        );
      }
    }
  }
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}

export function renderSvg(diagram: Diagram, title?: string): string {
  return paintSvg(layoutDiagram(diagram), title);
}
