// The diagram in Graphviz DOT. A Parallel state is a cluster: its own node forks into one
// cluster per branch, whose ends meet at a join point; the state's outgoing edges leave from it.
import { allStates, type Diagram, type DiagramState, type Flow } from "./model.js";

function q(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

function joinName(state: DiagramState): string {
  return `${state.name} · fim`;
}

function nodeAttributes(state: DiagramState): string {
  const label = `label=${q(`${state.name}\n${state.detail}`)}`;
  switch (state.type) {
    case "Fail":
      return `[${label}, fillcolor="#fdecea", color="#c0392b"]`;
    case "Succeed":
      return `[${label}, fillcolor="#e9f7ef", color="#1e8449"]`;
    case "Choice":
      return `[${label}, shape=diamond, style=filled]`;
    default:
      return `[${label}]`;
  }
}

export function renderDot(diagram: Diagram): string {
  const parallel = new Map(
    allStates(diagram.root)
      .filter(({ state }) => state.branches.length > 0)
      .map(({ state }) => [state.name, state]),
  );
  /** Edges leave a Parallel from its join point. */
  const source = (name: string) => {
    const state = parallel.get(name);
    return state ? joinName(state) : name;
  };
  const lines = [
    `digraph ${q("contabanco")} {`,
    `  graph [rankdir=TB, fontname="Helvetica", fontsize=11];`,
    `  node [shape=box, style="rounded,filled", fillcolor="#eaf2fb", color="#4a6fa5", fontname="Helvetica", fontsize=11];`,
    `  edge [fontname="Helvetica", fontsize=9];`,
    `  ${q("início")} [shape=circle, label="", width=0.18, style=filled, fillcolor=black];`,
    `  ${q("fim")} [shape=doublecircle, label="", width=0.14, style=filled, fillcolor=black];`,
  ];

  function declare(flow: Flow, indent: string): void {
    for (const state of flow.states) {
      if (state.branches.length === 0) {
        lines.push(`${indent}${q(state.name)} ${nodeAttributes(state)};`);
        continue;
      }
      lines.push(`${indent}subgraph ${q(`cluster_${state.name}`)} {`);
      lines.push(`${indent}  label=${q(`${state.name} · ${state.detail}`)}; style=dashed;`);
      lines.push(`${indent}  ${q(state.name)} [label=${q(state.name)}, shape=box];`);
      state.branches.forEach((branch, i) => {
        lines.push(`${indent}  subgraph ${q(`cluster_${branch.id}`)} {`);
        lines.push(`${indent}    label=${q(`ramo ${i + 1}`)}; style=dotted;`);
        declare(branch, `${indent}    `);
        lines.push(`${indent}  }`);
      });
      lines.push(`${indent}  ${q(joinName(state))} [shape=point, width=0.08];`);
      lines.push(`${indent}}`);
    }
  }

  function connect(flow: Flow, root: boolean): void {
    if (root) lines.push(`  ${q("início")} -> ${q(flow.startAt)};`);
    for (const edge of flow.edges) {
      const from = q(source(edge.from));
      const to = q(edge.to);
      if (edge.kind === "next") lines.push(`  ${from} -> ${to};`);
      else if (edge.kind === "catch") {
        lines.push(
          `  ${from} -> ${to} [style=dashed, color="#c0392b", label=${q(edge.label ?? "")}];`,
        );
      } else lines.push(`  ${from} -> ${to} [label=${q(edge.label ?? "")}];`);
    }
    for (const state of flow.states) {
      if (root && state.end) lines.push(`  ${q(source(state.name))} -> ${q("fim")};`);
      for (const branch of state.branches) {
        lines.push(`  ${q(state.name)} -> ${q(branch.startAt)};`);
        for (const inner of branch.states) {
          if (inner.end) lines.push(`  ${q(source(inner.name))} -> ${q(joinName(state))};`);
        }
        connect(branch, false);
      }
    }
  }

  declare(diagram.root, "  ");
  connect(diagram.root, true);
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
