// The diagram as box-drawing text for the terminal, painted from the grid layout. Lines merge
// where they meet (a wire reaching a box border becomes ┬ ┴ ├ ┼), because every cell records the
// directions its lines leave in and the character is chosen from them at the end.
import type { Colors } from "../colors.js";
import { type Layout, layoutDiagram, noteText, type Point } from "./layout.js";
import type { Diagram } from "./model.js";

const N = 1;
const E = 2;
const S = 4;
const W = 8;

const GLYPHS: Record<number, string> = {
  [N]: "│",
  [S]: "│",
  [N | S]: "│",
  [E]: "─",
  [W]: "─",
  [E | W]: "─",
  [S | E]: "┌",
  [S | W]: "┐",
  [N | E]: "└",
  [N | W]: "┘",
  [N | S | E]: "├",
  [N | S | W]: "┤",
  [E | W | S]: "┬",
  [E | W | N]: "┴",
  [N | E | S | W]: "┼",
};

type Paint = (text: string) => string;

interface Cell {
  mask: number;
  char?: string;
  paint?: Paint;
}

class Canvas {
  private cells: Cell[][];

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.cells = Array.from({ length: height }, () =>
      Array.from({ length: width }, (): Cell => ({ mask: 0 })),
    );
  }

  private cell(x: number, y: number): Cell | undefined {
    return this.cells[y]?.[x];
  }

  link(x: number, y: number, mask: number): void {
    const cell = this.cell(x, y);
    if (cell) cell.mask |= mask;
  }

  /** A solid line between two points on a row or a column. */
  line(from: Point, to: Point): void {
    if (from.x === to.x) {
      const [a, b] = from.y < to.y ? [from.y, to.y] : [to.y, from.y];
      for (let y = a; y <= b; y++) this.link(from.x, y, (y > a ? N : 0) | (y < b ? S : 0));
    } else {
      const [a, b] = from.x < to.x ? [from.x, to.x] : [to.x, from.x];
      for (let x = a; x <= b; x++) this.link(x, from.y, (x > a ? W : 0) | (x < b ? E : 0));
    }
  }

  /** A dashed stub going right from a border: the border cell gets the branch, the rest ╌. */
  dashed(from: Point, to: Point): void {
    this.link(from.x, from.y, E);
    for (let x = from.x + 1; x <= to.x; x++) this.put(x, from.y, "╌");
  }

  put(x: number, y: number, char: string, paint?: Paint): void {
    const cell = this.cell(x, y);
    if (cell) {
      cell.char = char;
      cell.paint = paint;
    }
  }

  text(x: number, y: number, text: string, paint?: Paint): void {
    [...text].forEach((char, i) => {
      this.put(x + i, y, char, paint);
    });
  }

  tint(x: number, y: number, paint: Paint): void {
    const cell = this.cell(x, y);
    if (cell && !cell.paint) cell.paint = paint;
  }

  render(): string {
    return this.cells
      .map((row) => {
        // Consecutive cells with the same paint become one styled run.
        let line = "";
        let run = "";
        let paint: Paint | undefined;
        const flush = () => {
          line += paint && run.trim() ? paint(run) : run;
          run = "";
        };
        for (const cell of row) {
          const char = cell.char ?? (cell.mask ? (GLYPHS[cell.mask] ?? "┼") : " ");
          const next = char === " " ? undefined : cell.paint;
          if (next !== paint) {
            flush();
            paint = next;
          }
          run += char;
        }
        flush();
        return line.trimEnd();
      })
      .join("\n");
  }
}

function rectangle(canvas: Canvas, x: number, y: number, w: number, h: number): void {
  canvas.line({ x, y }, { x: x + w - 1, y });
  canvas.line({ x, y: y + h - 1 }, { x: x + w - 1, y: y + h - 1 });
  canvas.line({ x, y }, { x, y: y + h - 1 });
  canvas.line({ x: x + w - 1, y }, { x: x + w - 1, y: y + h - 1 });
}

/** Paints a layout; `colors` tints Fail states and error edges (pass a level-0 chalk for none). */
export function paintAscii(layout: Layout, colors?: Colors): string {
  const canvas = new Canvas(layout.width + 1, layout.height);
  const red: Paint | undefined = colors ? (t) => colors.red(t) : undefined;
  const green: Paint | undefined = colors ? (t) => colors.green(t) : undefined;
  const bold: Paint | undefined = colors ? (t) => colors.bold(t) : undefined;
  const dim: Paint | undefined = colors ? (t) => colors.dim(t) : undefined;
  for (const p of layout.primitives) {
    if (p.kind === "box" || p.kind === "frame") rectangle(canvas, p.x, p.y, p.w, p.h);
    else if (p.kind === "wire") {
      for (let i = 1; i < p.points.length; i++) {
        if (p.dashed) canvas.dashed(p.points[i - 1], p.points[i]);
        else canvas.line(p.points[i - 1], p.points[i]);
      }
    }
  }
  for (const p of layout.primitives) {
    if (p.kind === "box") {
      const tone = p.state.type === "Fail" ? red : p.state.type === "Succeed" ? green : undefined;
      if (tone) {
        for (let x = p.x; x < p.x + p.w; x++) {
          canvas.tint(x, p.y, tone);
          canvas.tint(x, p.y + p.h - 1, tone);
        }
        for (let y = p.y; y < p.y + p.h; y++) {
          canvas.tint(p.x, y, tone);
          canvas.tint(p.x + p.w - 1, y, tone);
        }
      }
      p.lines.forEach((line, i) => {
        canvas.text(p.x + 2, p.y + 1 + i, line, i === 0 ? (tone ?? bold) : dim);
      });
    } else if (p.kind === "frame") {
      canvas.text(p.x + 2, p.y, p.title, bold);
    } else if (p.kind === "note") {
      canvas.text(
        p.x,
        p.y,
        noteText(p.edge, p.edge.kind === "catch" ? "╌▶" : "─▶"),
        p.edge.kind === "catch" ? red : undefined,
      );
    } else if (p.kind === "text") {
      canvas.text(
        p.x,
        p.y,
        p.text,
        p.role === "heading" ? dim : p.role === "end" ? green : undefined,
      );
    }
  }
  return canvas.render();
}

/** The diagram as terminal text. */
export function renderAscii(diagram: Diagram, colors?: Colors): string {
  return paintAscii(layoutDiagram(diagram), colors);
}
