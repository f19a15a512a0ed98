/** Parsing and compiling a definition: every JSONata expression is compiled once here. */
import { StatesError, StatesErrors } from "./errors.js";
import { compileTemplate, isJsonataExpression, type Template } from "./jsonata.js";
import type { Diagnostic, QueryLanguage } from "./types.js";
import { validateDefinition } from "./validate.js";

/** Thrown by `StateMachine.compile` for an invalid definition. */
export class DefinitionError extends StatesError {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(
      "States.Runtime",
      diagnostics
        .map((d) => `${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ""}`)
        .join("; "),
    );
    this.name = "DefinitionError";
    this.diagnostics = diagnostics;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: raw ASL JSON
export type Raw = Record<string, any>;

export interface CompiledRetrier {
  errorEquals: string[];
  intervalSeconds: number;
  maxAttempts: number;
  backoffRate: number;
  maxDelaySeconds?: number;
  jitter: "FULL" | "NONE";
}

export interface CompiledCatcher {
  errorEquals: string[];
  next: string;
  resultPath?: string | null;
  output?: Template;
  assign?: Template;
  rawAssign?: Raw;
}

export interface CompiledState {
  name: string;
  type: string;
  ql: QueryLanguage;
  raw: Raw;
  next?: string;
  end: boolean;
  /** JSONata: compiled templates by field name (Arguments, Output, Assign, Items, …). */
  t: Record<string, Template>;
  retry: CompiledRetrier[];
  catch: CompiledCatcher[];
  /** Parallel branches / Map item processor. */
  branches?: CompiledScope[];
  processor?: CompiledScope;
  /** Choice rules with their Next. */
  choices?: {
    rule: Raw;
    condition?: Template;
    next: string;
    assign?: Template;
    output?: Template;
  }[];
}

export interface CompiledScope {
  startAt: string;
  states: Map<string, CompiledState>;
  timeoutSeconds?: number;
}

const JSONATA_FIELDS = [
  "Arguments",
  "Output",
  "Assign",
  "Items",
  "ItemSelector",
  "Seconds",
  "Timestamp",
  "TimeoutSeconds",
  "HeartbeatSeconds",
  "Error",
  "Cause",
  "MaxConcurrency",
  "ToleratedFailureCount",
  "ToleratedFailurePercentage",
];

function compileState(name: string, raw: Raw, inherited: QueryLanguage): CompiledState {
  const ql: QueryLanguage = raw.QueryLanguage ?? inherited;
  const t: Record<string, Template> = {};
  if (ql === "JSONata") {
    for (const f of JSONATA_FIELDS) {
      if (raw[f] !== undefined) t[f] = compileTemplate(raw[f], f);
    }
  }
  const st: CompiledState = {
    name,
    type: raw.Type,
    ql,
    raw,
    next: raw.Next,
    end: raw.End === true,
    t,
    retry: (raw.Retry ?? []).map((r: Raw) => ({
      errorEquals: r.ErrorEquals,
      intervalSeconds: r.IntervalSeconds ?? 1,
      maxAttempts: r.MaxAttempts ?? 3,
      backoffRate: r.BackoffRate ?? 2,
      maxDelaySeconds: r.MaxDelaySeconds,
      jitter: r.JitterStrategy === "FULL" ? "FULL" : "NONE",
    })),
    catch: (raw.Catch ?? []).map((c: Raw) => ({
      errorEquals: c.ErrorEquals,
      next: c.Next,
      resultPath: c.ResultPath,
      output:
        ql === "JSONata" && c.Output !== undefined
          ? compileTemplate(c.Output, "Output")
          : undefined,
      assign:
        ql === "JSONata" && c.Assign !== undefined
          ? compileTemplate(c.Assign, "Assign")
          : undefined,
      rawAssign: c.Assign,
    })),
  };
  if (raw.Type === "Parallel") {
    st.branches = (raw.Branches ?? []).map((b: Raw) => compileScope(b, ql));
  }
  if (raw.Type === "Map") {
    st.processor = compileScope(raw.ItemProcessor ?? raw.Iterator, ql);
  }
  if (raw.Type === "Choice") {
    st.choices = (raw.Choices ?? []).map((rule: Raw, i: number) => {
      const cql: QueryLanguage = ql;
      return {
        rule,
        next: rule.Next,
        condition:
          cql === "JSONata" && rule.Condition !== undefined
            ? compileTemplate(rule.Condition, `Choices[${i}]/Condition`)
            : undefined,
        assign:
          cql === "JSONata" && rule.Assign !== undefined
            ? compileTemplate(rule.Assign, `Choices[${i}]/Assign`)
            : undefined,
        output:
          cql === "JSONata" && rule.Output !== undefined
            ? compileTemplate(rule.Output, `Choices[${i}]/Output`)
            : undefined,
      };
    });
  }
  return st;
}

export function compileScope(raw: Raw, inherited: QueryLanguage): CompiledScope {
  const ql: QueryLanguage = raw.QueryLanguage ?? inherited;
  const states = new Map<string, CompiledState>();
  for (const [name, s] of Object.entries(raw.States ?? {})) {
    states.set(name, compileState(name, s as Raw, ql));
  }
  return { startAt: raw.StartAt, states, timeoutSeconds: raw.TimeoutSeconds };
}

export function parseDefinition(definition: string | object): Raw {
  if (typeof definition !== "string") return definition as Raw;
  try {
    return JSON.parse(definition);
  } catch (err) {
    throw new DefinitionError([
      {
        severity: "ERROR",
        code: "INVALID_JSON_DESCRIPTION",
        message: `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${(err as Error).message}'`,
      },
    ]);
  }
}

/** A compiled, validated state machine definition. */
export class StateMachine {
  readonly definition: Raw;
  readonly root: CompiledScope;
  readonly queryLanguage: QueryLanguage;

  private constructor(definition: Raw) {
    this.definition = definition;
    this.queryLanguage = definition.QueryLanguage ?? "JSONPath";
    this.root = compileScope(definition, "JSONPath");
  }

  /** Validates and compiles; throws a DefinitionError carrying the diagnostics. */
  static compile(definition: string | object): StateMachine {
    const raw = parseDefinition(definition);
    const errors = validateDefinition(raw).filter((d) => d.severity === "ERROR");
    if (errors.length > 0) throw new DefinitionError(errors);
    try {
      return new StateMachine(raw);
    } catch (err) {
      if (err instanceof StatesError) throw err;
      throw new StatesError(StatesErrors.Runtime, (err as Error).message);
    }
  }
}

export { isJsonataExpression };
