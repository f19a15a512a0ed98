/** What a JSONPath expression can read besides the state input. */
export interface PathContext {
  /** The context object, read by `$$` paths. */
  context: unknown;
  /** Variables set by `Assign`, read by `$name` paths in JSONPath states. */
  variables?: Record<string, unknown>;
}

/** Where a path starts: the input (`$`), the context object (`$$`) or a variable (`$name`). */
export type PathRoot = "input" | "context" | "variable";

export type Segment =
  | { kind: "prop"; name: string }
  | { kind: "index"; index: number }
  | { kind: "props"; names: string[] }
  | { kind: "indexes"; indexes: number[] }
  | { kind: "slice"; start: number | null; end: number | null; step: number }
  | { kind: "wildcard" }
  | { kind: "scan"; then: Segment }
  | { kind: "filter"; source: string; test: FilterTest }
  | { kind: "function"; name: string };

/** A compiled filter predicate: `@` is the candidate node, `root` the document. */
export type FilterTest = (node: unknown, root: unknown) => boolean;

export interface CompiledPath {
  source: string;
  root: PathRoot;
  /** The variable name when `root` is "variable". */
  variable: string;
  segments: Segment[];
  /** True when the path can select at most one node (Jayway's "definite" paths). */
  definite: boolean;
}

/** Outcome of evaluating a path without throwing. */
export type PathResult = { found: true; value: unknown } | { found: false; message: string };
