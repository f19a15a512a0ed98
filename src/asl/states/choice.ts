/** Choice: JSONPath rules (every comparison operator, And/Or/Not) or JSONata `Condition`. */
import type { Raw } from "../definition.js";
import { StatesError, StatesErrors } from "../errors.js";
import { finishJsonata, jsonataScope, pathCtx } from "../flow.js";
import { evalTemplate, QueryEvaluationError } from "../jsonata.js";
import { queryPath } from "../jsonpath/index.js";
import { assignPaths, inputPath, outputPath, type PathCtx } from "../paths.js";
import { type Entry, type Exec, type Frame, runtimeError, type StateResult } from "../runtime.js";
import { parseTimestamp } from "./simple.js";

type Lookup = { found: boolean; value?: unknown };

function lookup(path: string, data: unknown, ctx: PathCtx): Lookup {
  const r = queryPath(path, data, ctx);
  return r.found ? { found: true, value: r.value } : { found: false };
}

/** `*` matches any run of characters; `\*` a literal star, `\\` a backslash. */
const matchCache = new Map<string, RegExp>();
function stringMatches(value: string, pattern: string): boolean {
  let re = matchCache.get(pattern);
  if (re === undefined) {
    let src = "";
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === "\\" && i + 1 < pattern.length) {
        src += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      } else if (c === "*") src += "[\\s\\S]*";
      else src += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }
    re = new RegExp(`^${src}$`);
    matchCache.set(pattern, re);
  }
  return re.test(value);
}

const OPS = [
  "StringEquals",
  "StringLessThan",
  "StringGreaterThan",
  "StringLessThanEquals",
  "StringGreaterThanEquals",
  "NumericEquals",
  "NumericLessThan",
  "NumericGreaterThan",
  "NumericLessThanEquals",
  "NumericGreaterThanEquals",
  "BooleanEquals",
  "TimestampEquals",
  "TimestampLessThan",
  "TimestampGreaterThan",
  "TimestampLessThanEquals",
  "TimestampGreaterThanEquals",
] as const;

function compare(op: string, a: unknown, b: unknown): boolean {
  const kind = op.startsWith("String")
    ? "s"
    : op.startsWith("Numeric")
      ? "n"
      : op.startsWith("Boolean")
        ? "b"
        : "t";
  let x: string | number | boolean;
  let y: string | number | boolean;
  if (kind === "s") {
    if (typeof a !== "string" || typeof b !== "string") return false;
    x = a;
    y = b;
  } else if (kind === "n") {
    if (typeof a !== "number" || typeof b !== "number") return false;
    x = a;
    y = b;
  } else if (kind === "b") {
    return typeof a === "boolean" && a === b;
  } else {
    const ta = parseTimestamp(a);
    const tb = parseTimestamp(b);
    if (ta === undefined || tb === undefined) return false;
    x = ta;
    y = tb;
  }
  const rel = op.slice(kind === "s" ? 6 : kind === "n" ? 7 : 9);
  switch (rel) {
    case "Equals":
      return x === y;
    case "LessThan":
      return x < y;
    case "GreaterThan":
      return x > y;
    case "LessThanEquals":
      return x <= y;
    default:
      return x >= y;
  }
}

export function evaluateRule(rule: Raw, data: unknown, ctx: PathCtx, entry: Entry): boolean {
  if (rule.And !== undefined)
    return (rule.And as Raw[]).every((r) => evaluateRule(r, data, ctx, entry));
  if (rule.Or !== undefined)
    return (rule.Or as Raw[]).some((r) => evaluateRule(r, data, ctx, entry));
  if (rule.Not !== undefined) return !evaluateRule(rule.Not, data, ctx, entry);
  const v = lookup(rule.Variable, data, ctx);
  if (rule.IsPresent !== undefined) return v.found === rule.IsPresent;
  if (!v.found) {
    throw runtimeError(
      entry,
      `Invalid path '${rule.Variable}': The choice state's condition path references an invalid value.`,
    );
  }
  const value = v.value;
  if (rule.IsNull !== undefined) return (value === null) === rule.IsNull;
  if (rule.IsNumeric !== undefined) return (typeof value === "number") === rule.IsNumeric;
  if (rule.IsString !== undefined) return (typeof value === "string") === rule.IsString;
  if (rule.IsBoolean !== undefined) return (typeof value === "boolean") === rule.IsBoolean;
  if (rule.IsTimestamp !== undefined) {
    return (parseTimestamp(value) !== undefined) === rule.IsTimestamp;
  }
  if (rule.StringMatches !== undefined) {
    return typeof value === "string" && stringMatches(value, rule.StringMatches);
  }
  for (const op of OPS) {
    if (rule[op] !== undefined) return compare(op, value, rule[op]);
    const p = rule[`${op}Path`];
    if (p !== undefined) {
      const other = lookup(p, data, ctx);
      if (!other.found) {
        throw runtimeError(
          entry,
          `Invalid path '${p}': The choice state's condition path references an invalid value.`,
        );
      }
      return compare(op, value, other.value);
    }
  }
  throw runtimeError(entry, "Invalid choice rule: no comparison operator");
}

function noMatch(entry: Entry): StatesError {
  return new StatesError(
    StatesErrors.NoChoiceMatched,
    `An error occurred while executing the state '${entry.state.name}' (entered at the event id #${entry.entered.id}). No Choice rule matched and no Default was specified.`,
  );
}

export async function choice(_exec: Exec, entry: Entry, frame: Frame): Promise<StateResult> {
  const st = entry.state;
  const rules = st.choices ?? [];
  if (st.ql === "JSONata") {
    const scope = jsonataScope(entry, frame);
    for (const [i, c] of rules.entries()) {
      const ok = c.condition !== undefined ? await evalTemplate(c.condition, scope) : false;
      if (typeof ok !== "boolean") {
        throw new QueryEvaluationError(
          `Choices[${i}]/Condition`,
          `The JSONata expression '${String(c.rule.Condition).slice(2, -2).trim()}' specified for the field 'Choices[${i}]/Condition' returned an unexpected data type.`,
        );
      }
      if (!ok) continue;
      // A matched rule brings its own Assign/Output; the state's apply to Default only.
      const assigned =
        c.assign !== undefined
          ? ((await evalTemplate(c.assign, scope)) as Record<string, unknown>)
          : undefined;
      const output = c.output !== undefined ? await evalTemplate(c.output, scope) : entry.input;
      return { output, assigned, next: c.next };
    }
    if (st.raw.Default === undefined) throw noMatch(entry);
    return finishJsonata(entry, frame, undefined, false, st.raw.Default);
  }
  const ctx = pathCtx(entry, frame);
  const eff = inputPath(st, entry.input, ctx);
  let next: string | undefined;
  let ruleAssign: Raw | undefined;
  let matched = false;
  for (const c of rules) {
    if (evaluateRule(c.rule, eff, ctx, entry)) {
      next = c.next;
      ruleAssign = c.rule.Assign;
      matched = true;
      break;
    }
  }
  if (next === undefined) {
    if (st.raw.Default === undefined) throw noMatch(entry);
    next = st.raw.Default;
  }
  // The state's Assign applies when Default is taken; a matched rule's own Assign otherwise.
  const assigned = assignPaths(matched ? ruleAssign : st.raw.Assign, eff, ctx);
  return { output: outputPath(st, eff, ctx), assigned, next };
}
