// The graph of a state machine, as every diagram format draws it: flows (the machine, each
// Parallel branch, a Map's item processor) holding states, and the edges between them.

export type StateType =
  | "Task"
  | "Pass"
  | "Choice"
  | "Wait"
  | "Succeed"
  | "Fail"
  | "Parallel"
  | "Map";

export type EdgeKind = "next" | "catch" | "choice" | "default";

export interface DiagramState {
  name: string;
  type: StateType;
  /** A short second line: the resource of a Task, the error of a Fail… */
  detail: string;
  /** The largest MaxAttempts of its Retry rules (0 when none). */
  retries: number;
  /** Ends its flow successfully (End: true, or a Succeed state). */
  end: boolean;
  /** Parallel branches, or the single item processor of a Map. */
  branches: Flow[];
}

export interface Edge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Catch: the errors; Choice: the rule. */
  label?: string;
}

export interface Flow {
  /** Unique among flows: "raiz", "Paralelo/1", … */
  id: string;
  label: string;
  startAt: string;
  /** States in walk order (from StartAt, following Next, then Choice and Catch targets). */
  states: DiagramState[];
  edges: Edge[];
}

export interface Diagram {
  comment?: string;
  root: Flow;
}

export class DiagramError extends Error {
  override name = "DiagramError";
}

interface RawState {
  Type?: string;
  Next?: string;
  End?: boolean;
  Resource?: string;
  Error?: string;
  Choices?: { Next?: string; Condition?: string; Variable?: string }[];
  Default?: string;
  Catch?: { ErrorEquals?: string[]; Next?: string }[];
  Retry?: { MaxAttempts?: number }[];
  Branches?: RawFlow[];
  ItemProcessor?: RawFlow;
  Iterator?: RawFlow;
}

interface RawFlow {
  StartAt?: string;
  States?: Record<string, RawState>;
}

const TYPES = new Set<string>([
  "Task",
  "Pass",
  "Choice",
  "Wait",
  "Succeed",
  "Fail",
  "Parallel",
  "Map",
]);

/** `arn:aws:states:::aws-sdk:s3:createSession` → `s3:createSession`; Lambda ARNs → their name. */
export function shortResource(resource: string): string {
  const integration = /^arn:[^:]+:states:::(?:aws-sdk:)?(.+)$/.exec(resource);
  if (integration) return integration[1];
  const lambda = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(resource);
  if (lambda) return `lambda:${lambda[1]}`;
  return resource;
}

function detailOf(state: RawState, type: StateType): string {
  switch (type) {
    case "Task":
      return shortResource(state.Resource ?? "");
    case "Fail":
      return `falha: ${state.Error && !state.Error.startsWith("{%") ? state.Error : "erro"}`;
    case "Parallel":
      return `paralelo: ${state.Branches?.length ?? 0} ramos`;
    case "Map":
      return "para cada item";
    case "Choice":
      return "escolha";
    case "Wait":
      return "espera";
    case "Succeed":
      return "sucesso";
    default:
      return "passagem";
  }
}

function choiceLabel(rule: { Condition?: string; Variable?: string }, index: number): string {
  const text = rule.Condition ?? rule.Variable;
  if (!text) return `regra ${index + 1}`;
  const clean = text.replace(/^\{%\s*|\s*%\}$/g, "");
  return clean.length > 40 ? `${clean.slice(0, 39)}…` : clean;
}

function buildFlow(raw: RawFlow, id: string, label: string): Flow {
  const states = raw.States;
  if (!raw.StartAt || !states || typeof states !== "object") {
    throw new DiagramError(`definição sem StartAt ou States em ${label}`);
  }
  for (const [name, state] of Object.entries(states)) {
    if (!state || typeof state !== "object" || Array.isArray(state)) {
      throw new DiagramError(`o estado "${name}" não é um objeto`);
    }
  }
  if (!states[raw.StartAt]) {
    throw new DiagramError(`StartAt aponta para um estado inexistente: ${raw.StartAt}`);
  }
  const order: string[] = [];
  const queue = [raw.StartAt];
  const seen = new Set<string>();
  // Depth-first along Next so a chain stays together; branches off it (Choice, Catch) after.
  while (queue.length > 0) {
    let name: string | undefined = queue.shift();
    while (name && !seen.has(name) && states[name]) {
      seen.add(name);
      order.push(name);
      const state: RawState = states[name];
      for (const rule of state.Choices ?? []) if (rule.Next) queue.push(rule.Next);
      if (state.Default) queue.push(state.Default);
      for (const c of state.Catch ?? []) if (c.Next) queue.push(c.Next);
      name = state.Next;
    }
  }
  for (const name of Object.keys(states)) if (!seen.has(name)) order.push(name);

  const edges: Edge[] = [];
  const built = order.map((name): DiagramState => {
    const state = states[name];
    const type = (TYPES.has(state.Type ?? "") ? state.Type : "Pass") as StateType;
    if (state.Next) edges.push({ from: name, to: state.Next, kind: "next" });
    (state.Choices ?? []).forEach((rule, i) => {
      if (rule.Next)
        edges.push({ from: name, to: rule.Next, kind: "choice", label: choiceLabel(rule, i) });
    });
    if (state.Default)
      edges.push({ from: name, to: state.Default, kind: "default", label: "padrão" });
    for (const c of state.Catch ?? []) {
      if (c.Next) {
        edges.push({
          from: name,
          to: c.Next,
          kind: "catch",
          label: (c.ErrorEquals ?? []).join(", "),
        });
      }
    }
    let branches: Flow[] = [];
    if (type === "Parallel") {
      branches = (state.Branches ?? []).map((b, i) =>
        buildFlow(b, `${name}/${i + 1}`, `${name} · ramo ${i + 1}`),
      );
    } else if (type === "Map") {
      const processor = state.ItemProcessor ?? state.Iterator;
      if (processor) branches = [buildFlow(processor, `${name}/1`, `${name} · cada item`)];
    }
    return {
      name,
      type,
      detail: detailOf(state, type),
      retries: Math.max(0, ...(state.Retry ?? []).map((r) => r.MaxAttempts ?? 3)),
      end: state.End === true || type === "Succeed",
      branches,
    };
  });
  return { id, label, startAt: raw.StartAt, states: built, edges };
}

/** The diagram of a parsed definition (throws DiagramError when it is not a state machine). */
export function buildDiagram(definition: unknown): Diagram {
  if (!definition || typeof definition !== "object") {
    throw new DiagramError("a definição não é um objeto JSON");
  }
  const raw = definition as RawFlow & { Comment?: string };
  return { comment: raw.Comment, root: buildFlow(raw, "raiz", "máquina de estados") };
}

/** Every state of the diagram, nested ones included, with the flow it belongs to. */
export function allStates(flow: Flow): { state: DiagramState; flow: Flow }[] {
  return flow.states.flatMap((state) => [
    { state, flow },
    ...state.branches.flatMap((branch) => allStates(branch)),
  ]);
}
