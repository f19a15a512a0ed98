// A grid layout of a Diagram, shared by the ASCII and SVG renderers: one unit is one character
// column or one text line. The flow runs top-down along a vertical axis; Parallel branches sit
// side by side inside a frame, between a fork line and a join line; Catch and Choice edges are
// notes on the right of their state ("errors ▶ target"); states reached only through those
// edges (the Fail states, usually) are drawn below the main flow, side by side.
import type { Diagram, DiagramState, Edge, Flow } from "./model.js";

export interface Point {
  x: number;
  y: number;
}

export type Primitive =
  | {
      kind: "box";
      x: number;
      y: number;
      w: number;
      h: number;
      lines: string[];
      state: DiagramState;
    }
  | {
      kind: "frame";
      x: number;
      y: number;
      w: number;
      h: number;
      title: string;
      state: DiagramState;
    }
  | { kind: "wire"; points: Point[]; dashed?: boolean; arrow?: boolean }
  | { kind: "note"; x: number; y: number; edge: Edge }
  | {
      kind: "text";
      x: number;
      y: number;
      text: string;
      role: "start" | "end" | "jump" | "heading";
    };

export interface Layout {
  width: number;
  height: number;
  primitives: Primitive[];
}

interface Block {
  w: number;
  h: number;
  /** Column where the flow enters (top) and leaves (bottom). */
  anchor: number;
  /** Whether the flow continues below the block. */
  exits: boolean;
  primitives: Primitive[];
}

/** Width a note takes on the grid: the wire stub, the label, the arrow and the target. */
export const NOTE_STUB = 3;
export function noteText(edge: Edge, arrow: string): string {
  return `${edge.label ? `${edge.label} ` : ""}${arrow} ${edge.to}`;
}
function noteWidth(edge: Edge): number {
  return NOTE_STUB + 1 + [...noteText(edge, "▶")].length;
}

const width = (text: string) => [...text].length;

function move(primitives: Primitive[], dx: number, dy: number): Primitive[] {
  return primitives.map((p): Primitive => {
    if (p.kind === "wire")
      return { ...p, points: p.points.map((q) => ({ x: q.x + dx, y: q.y + dy })) };
    return { ...p, x: p.x + dx, y: p.y + dy };
  });
}

function textBlock(
  text: string,
  role: "start" | "end" | "jump" | "heading",
  exits: boolean,
): Block {
  return {
    w: width(text),
    h: 1,
    anchor: 0,
    exits,
    primitives: [{ kind: "text", x: 0, y: 0, text, role }],
  };
}

/** Notes for the edges that leave a state sideways, on rows first..; returns the extra width. */
function notes(
  edges: Edge[],
  right: number,
  firstRow: number,
): { primitives: Primitive[]; w: number } {
  const primitives: Primitive[] = [];
  let w = 0;
  edges.forEach((edge, i) => {
    const y = firstRow + i;
    primitives.push({
      kind: "wire",
      points: [
        { x: right, y },
        { x: right + NOTE_STUB, y },
      ],
      dashed: edge.kind === "catch",
    });
    primitives.push({ kind: "note", x: right + NOTE_STUB + 2, y, edge });
    w = Math.max(w, noteWidth(edge) + 1);
  });
  return { primitives, w };
}

function sideEdges(flow: Flow, state: DiagramState): Edge[] {
  return flow.edges.filter((e) => e.from === state.name && e.kind !== "next");
}

function stateBlock(flow: Flow, state: DiagramState, placed: Set<string>): Block {
  if (state.branches.length > 0) return frameBlock(flow, state, placed);
  const lines = [state.name, state.detail];
  if (state.retries > 0) lines.push(`↻ até ${state.retries} novas tentativas`);
  const side = sideEdges(flow, state);
  const w = Math.max(...lines.map(width)) + 4;
  const h = Math.max(lines.length, side.length) + 2;
  const sideNotes = notes(side, w - 1, 1);
  return {
    w: w + sideNotes.w,
    h,
    anchor: Math.floor(w / 2),
    exits: state.end || flow.edges.some((e) => e.from === state.name && e.kind === "next"),
    primitives: [{ kind: "box", x: 0, y: 0, w, h, lines, state }, ...sideNotes.primitives],
  };
}

function frameBlock(flow: Flow, state: DiagramState, placed: Set<string>): Block {
  const gap = 3;
  const pad = 2;
  const branches = state.branches.map((branch) => flowBlock(branch, placed, false));
  const inner = branches.reduce((sum, b) => sum + b.w, 0) + gap * (branches.length - 1);
  const title = ` ${state.name} · ${state.detail} `;
  const frameW = Math.max(inner + 2 * pad + 2, 2 * (width(title) + 3));
  const tallest = Math.max(...branches.map((b) => b.h));
  const top = 2;
  const join = top + tallest;
  const bottom = join + 1;
  const c = Math.floor(frameW / 2);
  const primitives: Primitive[] = [];
  let x = Math.floor((frameW - inner) / 2);
  const anchors: number[] = [];
  const exiting: number[] = [];
  for (const branch of branches) {
    primitives.push(...move(branch.primitives, x, top));
    const a = x + branch.anchor;
    anchors.push(a);
    primitives.push({
      kind: "wire",
      points: [
        { x: a, y: 1 },
        { x: a, y: top },
      ],
      arrow: true,
    });
    if (branch.exits) {
      exiting.push(a);
      primitives.push({
        kind: "wire",
        points: [
          { x: a, y: top + branch.h - 1 },
          { x: a, y: join },
        ],
      });
    }
    x += branch.w + gap;
  }
  primitives.push({
    kind: "wire",
    points: [
      { x: c, y: 0 },
      { x: c, y: 1 },
    ],
  });
  primitives.push({
    kind: "wire",
    points: [
      { x: Math.min(c, ...anchors), y: 1 },
      { x: Math.max(c, ...anchors), y: 1 },
    ],
  });
  const exits =
    exiting.length > 0 &&
    (state.end || flow.edges.some((e) => e.from === state.name && e.kind === "next"));
  if (exiting.length > 0) {
    primitives.push({
      kind: "wire",
      points: [
        { x: Math.min(c, ...exiting), y: join },
        { x: Math.max(c, ...exiting), y: join },
      ],
    });
    primitives.push({
      kind: "wire",
      points: [
        { x: c, y: join },
        { x: c, y: bottom },
      ],
    });
  }
  const sideNotes = notes(sideEdges(flow, state), frameW - 1, 1);
  return {
    w: frameW + sideNotes.w,
    h: bottom + 1,
    anchor: c,
    exits,
    primitives: [
      { kind: "frame", x: 0, y: 0, w: frameW, h: bottom + 1, title, state },
      ...primitives,
      ...sideNotes.primitives,
    ],
  };
}

/** Blocks stacked on one axis; consecutive blocks are joined when the upper one exits. */
function stack(blocks: Block[], connect = true): Block {
  // Joined blocks share the axis; unjoined ones (the side rows) are left-aligned.
  const axis = connect ? Math.max(0, ...blocks.map((b) => b.anchor)) : 0;
  const primitives: Primitive[] = [];
  let y = 0;
  let w = 0;
  blocks.forEach((block, i) => {
    const x = connect ? axis - block.anchor : 0;
    if (i > 0 && connect && blocks[i - 1].exits) {
      primitives.push({
        kind: "wire",
        points: [
          { x: axis, y: y - 2 },
          { x: axis, y },
        ],
        arrow: true,
      });
    }
    primitives.push(...move(block.primitives, x, y));
    w = Math.max(w, x + block.w);
    y += block.h + 1;
  });
  return {
    w,
    h: Math.max(0, y - 1),
    anchor: connect ? axis : (blocks[0]?.anchor ?? 0),
    exits: blocks.at(-1)?.exits ?? false,
    primitives,
  };
}

/** Blocks side by side, tops aligned. */
function row(blocks: Block[], gap = 4): Block {
  const primitives: Primitive[] = [];
  let x = 0;
  for (const block of blocks) {
    primitives.push(...move(block.primitives, x, 0));
    x += block.w + gap;
  }
  return {
    w: Math.max(0, x - gap),
    h: Math.max(0, ...blocks.map((b) => b.h)),
    anchor: blocks[0]?.anchor ?? 0,
    exits: false,
    primitives,
  };
}

/** The chain from `start` along Next edges, as blocks. */
function chain(flow: Flow, start: string, placed: Set<string>): Block[] {
  const blocks: Block[] = [];
  let name: string | undefined = start;
  while (name) {
    if (placed.has(name)) {
      blocks.push(textBlock(`↪ continua em ${name}`, "jump", false));
      break;
    }
    const state = flow.states.find((s) => s.name === name);
    if (!state) break;
    placed.add(name);
    const block = stateBlock(flow, state, placed);
    blocks.push(block);
    if (!block.exits || state.end) break;
    name = flow.edges.find((e) => e.from === state.name && e.kind === "next")?.to;
  }
  return blocks;
}

const MAX_ROW_WIDTH = 110;

function flowBlock(flow: Flow, placed: Set<string>, root: boolean): Block {
  const main = chain(flow, flow.startAt, placed);
  const mainBlocks = root ? [textBlock("● início", "start", true), ...main] : main;
  if (root && main.at(-1)?.exits) mainBlocks.push(textBlock("◉ fim", "end", false));
  const mainStack = stack(mainBlocks);
  const sides: Block[] = [];
  for (const state of flow.states) {
    if (placed.has(state.name)) continue;
    const blocks = chain(flow, state.name, placed);
    if (root && blocks.at(-1)?.exits) blocks.push(textBlock("◉ fim", "end", false));
    sides.push(stack(blocks));
  }
  if (sides.length === 0) return mainStack;
  const rows: Block[] = [];
  let current: Block[] = [];
  let used = 0;
  for (const side of sides) {
    if (current.length > 0 && used + side.w > MAX_ROW_WIDTH) {
      rows.push(row(current));
      current = [];
      used = 0;
    }
    current.push(side);
    used += side.w + 4;
  }
  rows.push(row(current));
  const heading = textBlock(root ? "desvios (Catch/Choice):" : "desvios:", "heading", false);
  const all = stack([mainStack, heading, ...rows], false);
  return { ...all, anchor: mainStack.anchor, exits: mainStack.exits };
}

/** Lays out a diagram on the character grid. */
export function layoutDiagram(diagram: Diagram): Layout {
  const block = flowBlock(diagram.root, new Set(), true);
  return { width: block.w, height: block.h, primitives: block.primitives };
}
