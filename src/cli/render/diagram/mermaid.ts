// The diagram as a Mermaid flowchart: Parallel states become subgraphs holding one subgraph per
// branch; Catch edges are dotted and labelled with their errors.
import { allStates, type Diagram, type DiagramState, type Flow } from "./model.js";

/** Mermaid's entity for a double quote inside a quoted label. */
function quote(text: string): string {
  return `"${text.replace(/"/g, "#quot;")}"`;
}

function shape(id: string, state: DiagramState): string {
  const label = quote(`${state.name}<br/>${state.detail}`);
  switch (state.type) {
    case "Fail":
      return `${id}{{${label}}}:::falha`;
    case "Succeed":
      return `${id}([${label}]):::sucesso`;
    case "Choice":
      return `${id}{${label}}`;
    default:
      return `${id}[${label}]`;
  }
}

export function renderMermaid(diagram: Diagram): string {
  const ids = new Map<string, string>();
  allStates(diagram.root).forEach(({ state }, i) => {
    ids.set(state.name, `s${i}`);
  });
  const id = (name: string) => ids.get(name) ?? `s_${name.replace(/\W/g, "_")}`;
  const lines = ["flowchart TD", "  inicio((início))", "  fim((fim))"];

  function declare(flow: Flow, indent: string): void {
    for (const state of flow.states) {
      if (state.branches.length === 0) {
        lines.push(`${indent}${shape(id(state.name), state)}`);
        continue;
      }
      lines.push(
        `${indent}subgraph ${id(state.name)} [${quote(`${state.name} · ${state.detail}`)}]`,
      );
      lines.push(`${indent}  direction TB`);
      state.branches.forEach((branch, i) => {
        lines.push(`${indent}  subgraph ${id(state.name)}_r${i + 1} [${quote(`ramo ${i + 1}`)}]`);
        declare(branch, `${indent}    `);
        lines.push(`${indent}  end`);
      });
      lines.push(`${indent}end`);
    }
  }

  function connect(flow: Flow, root: boolean): void {
    if (root) lines.push(`  inicio --> ${id(flow.startAt)}`);
    for (const edge of flow.edges) {
      const from = id(edge.from);
      const to = id(edge.to);
      if (edge.kind === "next") lines.push(`  ${from} --> ${to}`);
      else if (edge.kind === "catch")
        lines.push(`  ${from} -.->|${quote(edge.label ?? "")}| ${to}`);
      else lines.push(`  ${from} -->|${quote(edge.label ?? "")}| ${to}`);
    }
    for (const state of flow.states) {
      if (root && state.end) lines.push(`  ${id(state.name)} --> fim`);
      for (const branch of state.branches) connect(branch, false);
    }
  }

  declare(diagram.root, "  ");
  connect(diagram.root, true);
  lines.push("  classDef falha fill:#fdecea,stroke:#c0392b,color:#7b241c");
  lines.push("  classDef sucesso fill:#e9f7ef,stroke:#1e8449");
  return `${lines.join("\n")}\n`;
}
