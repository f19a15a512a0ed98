/**
 * ValidateStateMachineDefinition: asl-validator for structure, then the semantic checks
 * AWS makes. Codes are AWS's (API_ValidateStateMachineDefinitionDiagnostic).
 */
import aslValidator from "asl-validator";
import { isJsonataExpression, jsonataSyntaxError } from "./jsonata.js";
import type { Diagnostic, QueryLanguage } from "./types.js";

// biome-ignore lint/suspicious/noExplicitAny: raw ASL JSON
type Raw = Record<string, any>;

/** Fields that exist only in JSONPath states (AWS rejects them in JSONata states). */
const JSONPATH_ONLY = [
  "InputPath",
  "Parameters",
  "ResultSelector",
  "ResultPath",
  "OutputPath",
  "ItemsPath",
  "SecondsPath",
  "TimestampPath",
  "TimeoutSecondsPath",
  "HeartbeatSecondsPath",
  "ErrorPath",
  "CausePath",
  "Iterator",
];
/** Fields that exist only in JSONata states. */
const JSONATA_ONLY = ["Arguments", "Output", "Items"];

const VALID_TYPES = new Set([
  "Pass",
  "Task",
  "Choice",
  "Wait",
  "Succeed",
  "Fail",
  "Parallel",
  "Map",
]);

function err(code: string, message: string, location?: string): Diagnostic {
  return location === undefined
    ? { severity: "ERROR", code, message }
    : { severity: "ERROR", code, message, location };
}

function collectJsonata(value: unknown, where: string, out: Diagnostic[]): void {
  if (isJsonataExpression(value)) {
    const e = jsonataSyntaxError(value);
    if (e !== undefined) {
      out.push(
        err(
          "SCHEMA_VALIDATION_FAILED",
          `The value for the field is not a valid JSONata expression: ${e}`,
          where,
        ),
      );
    }
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) collectJsonata(v, `${where}[${i}]`, out);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) collectJsonata(v, `${where}/${k}`, out);
  }
}

/** States.ALL must be alone in its ErrorEquals and in the last retrier/catcher (ASL spec). */
function checkStatesAll(list: unknown, where: string, out: Diagnostic[]): void {
  if (!Array.isArray(list)) return;
  list.forEach((r: Raw, i: number) => {
    const eq: unknown[] = Array.isArray(r?.ErrorEquals) ? r.ErrorEquals : [];
    if (!eq.includes("States.ALL")) return;
    if (eq.length > 1 || i !== list.length - 1) {
      out.push(
        err(
          "SCHEMA_VALIDATION_FAILED",
          "States.ALL must appear alone in ErrorEquals and only in the last element",
          `${where}[${i}]/ErrorEquals`,
        ),
      );
    }
  });
}

function checkScope(scope: Raw, path: string, inherited: QueryLanguage, out: Diagnostic[]): void {
  const ql: QueryLanguage = scope.QueryLanguage ?? inherited;
  const states: Raw = scope.States ?? {};
  const names = Object.keys(states);
  if (typeof scope.StartAt !== "string" || !(scope.StartAt in states)) {
    out.push(
      err(
        "MISSING_TRANSITION_TARGET",
        `Missing 'StartAt' target: ${scope.StartAt}`,
        `${path}/StartAt`,
      ),
    );
  }
  let hasTerminal = false;
  const targets = new Map<string, string[]>();
  for (const name of names) {
    const s: Raw = states[name] ?? {};
    const loc = `${path}/States/${name}`;
    if (name.length > 80) out.push(err("INVALID_STATE_NAME", `State name too long: ${name}`, loc));
    const sql: QueryLanguage = s.QueryLanguage ?? ql;
    if (ql === "JSONata" && s.QueryLanguage === "JSONPath") {
      out.push(
        err(
          "SCHEMA_VALIDATION_FAILED",
          "A state cannot use JSONPath when the state machine uses JSONata",
          `${loc}/QueryLanguage`,
        ),
      );
    }
    if (!VALID_TYPES.has(s.Type)) {
      out.push(err("SCHEMA_VALIDATION_FAILED", `Invalid state type: ${s.Type}`, `${loc}/Type`));
      continue;
    }
    const next: string[] = [];
    if (typeof s.Next === "string") next.push(s.Next);
    if (s.Type === "Choice") {
      for (const c of s.Choices ?? []) if (typeof c.Next === "string") next.push(c.Next);
      if (typeof s.Default === "string") next.push(s.Default);
    }
    for (const c of s.Catch ?? []) if (typeof c.Next === "string") next.push(c.Next);
    targets.set(name, next);
    for (const t of next) {
      if (!(t in states)) {
        out.push(err("MISSING_TRANSITION_TARGET", `Missing 'Next' target: ${t}`, `${loc}/Next`));
      }
    }
    const terminal = s.Type === "Succeed" || s.Type === "Fail" || s.End === true;
    if (terminal) hasTerminal = true;
    const needsTransition = !["Choice", "Succeed", "Fail"].includes(s.Type);
    if (needsTransition && s.End !== true && typeof s.Next !== "string") {
      out.push(err("SCHEMA_VALIDATION_FAILED", "The field 'Next' or 'End' is required", loc));
    }
    if (needsTransition && s.End === true && typeof s.Next === "string") {
      out.push(
        err("SCHEMA_VALIDATION_FAILED", "The fields 'Next' and 'End' are mutually exclusive", loc),
      );
    }
    const wrong = sql === "JSONata" ? JSONPATH_ONLY : JSONATA_ONLY;
    for (const f of wrong) {
      if (s[f] !== undefined) {
        out.push(
          err(
            "SCHEMA_VALIDATION_FAILED",
            `The field '${f}' is not supported by Step Functions with the ${sql} query language`,
            `${loc}/${f}`,
          ),
        );
      }
    }
    if (sql === "JSONata") {
      for (const [k, v] of Object.entries(s)) {
        if (k !== "States" && k !== "Branches" && k !== "ItemProcessor")
          collectJsonata(v, `${loc}/${k}`, out);
      }
    }
    if (
      s.Type === "Task" &&
      typeof s.HeartbeatSeconds === "number" &&
      typeof s.TimeoutSeconds === "number" &&
      s.HeartbeatSeconds >= s.TimeoutSeconds
    ) {
      out.push(
        err(
          "SCHEMA_VALIDATION_FAILED",
          "The value of HeartbeatSeconds must be smaller than the value of TimeoutSeconds",
          `${loc}/HeartbeatSeconds`,
        ),
      );
    }
    checkStatesAll(s.Retry, `${loc}/Retry`, out);
    checkStatesAll(s.Catch, `${loc}/Catch`, out);
    if (s.Type === "Parallel") {
      for (const [i, b] of (s.Branches ?? []).entries()) {
        checkScope(b, `${loc}/Branches[${i}]`, sql, out);
      }
    }
    if (s.Type === "Map") {
      const p = s.ItemProcessor ?? s.Iterator;
      if (p) checkScope(p, `${loc}/${s.ItemProcessor ? "ItemProcessor" : "Iterator"}`, sql, out);
    }
  }
  if (!hasTerminal && names.length > 0) {
    out.push(err("MISSING_END_STATE", "Workflow has no terminal state", path || "/"));
  }
  // Reachability from StartAt (AWS rejects unreachable states).
  const seen = new Set<string>();
  const stack = typeof scope.StartAt === "string" ? [scope.StartAt] : [];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n) || !(n in states)) continue;
    seen.add(n);
    stack.push(...(targets.get(n) ?? []));
  }
  for (const name of names) {
    if (!seen.has(name) && name !== undefined && VALID_TYPES.has(states[name]?.Type)) {
      out.push(
        err(
          "SCHEMA_VALIDATION_FAILED",
          `State "${name}" is not reachable.`,
          `${path}/States/${name}`,
        ),
      );
    }
  }
}

const cache = new Map<string, Diagnostic[]>();

/**
 * AWS accepts any JSON value as a JSONata `Output` (true, "literal", [..] — recorded
 * histories show them), where asl-validator's schema wants an expression or an object:
 * give the schema check an equivalent object instead.
 */
function relaxOutputs(node: unknown): void {
  if (Array.isArray(node)) {
    for (const v of node) relaxOutputs(v);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const o = node as Raw;
  if ("Output" in o) {
    const out = o.Output;
    const isObject = out !== null && typeof out === "object" && !Array.isArray(out);
    if (!isObject && !isJsonataExpression(out)) o.Output = {};
  }
  for (const [k, v] of Object.entries(o)) if (k !== "Output") relaxOutputs(v);
}

/** Validates a definition; an empty list means valid. */
export function validateDefinition(definition: string | object): Diagnostic[] {
  let raw: Raw;
  if (typeof definition === "string") {
    if (definition.trim() === "") return [err("MISSING_DESCRIPTION", "Definition is empty")];
    try {
      raw = JSON.parse(definition);
    } catch (e) {
      return [err("INVALID_JSON_DESCRIPTION", (e as Error).message)];
    }
  } else {
    raw = definition as Raw;
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return [err("INVALID_JSON_DESCRIPTION", "The definition must be a JSON object")];
  }
  // asl-validator builds a new Ajv per call (~100 ms) and writes QueryLanguage into the
  // states it checks: validate a copy, and remember results per definition text.
  const key = JSON.stringify(raw);
  const cached = cache.get(key);
  if (cached !== undefined) return cached.map((d) => ({ ...d }));
  const out: Diagnostic[] = [];
  const copy = structuredClone(raw);
  relaxOutputs(copy);
  const structural = aslValidator(copy as never);
  for (const e of structural.errors as unknown as Raw[]) {
    const code = String(e["Error code"] ?? "SCHEMA_VALIDATION_FAILED");
    // asl-validator's own transition/terminal checks are redone below with locations.
    if (code === "MISSING_TRANSITION_TARGET" || code === "MISSING_TERMINAL_STATE") continue;
    const message = String(e.Message ?? code);
    const at = /^(\/\S*) is invalid/.exec(message)?.[1];
    out.push(err("SCHEMA_VALIDATION_FAILED", message, e.path ?? at));
  }
  checkScope(raw, "", "JSONPath", out);
  if (cache.size >= 256) cache.delete(cache.keys().next().value as string);
  cache.set(key, out);
  return out.map((d) => ({ ...d }));
}
