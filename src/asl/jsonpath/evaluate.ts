import { isPlainObject } from "./equal.js";
import { renderPath } from "./parse.js";
import type { CompiledPath, PathContext, PathResult, Segment } from "./types.js";

/**
 * Evaluates a compiled path the way Step Functions' JSONPath engine (Jayway JsonPath over
 * Jackson trees) does:
 * - a definite path (only names and indexes) selects one node, or fails with Jayway's message
 *   (`No results for path: $['x']`, `Missing property in path $['a']`, …);
 * - an out-of-range index selects `null` (Jackson's `ArrayNode.get`), unless `strictIndex`
 *   (intrinsic function arguments treat it as a miss, as AWS does);
 * - any other path selects a list of every match, possibly empty.
 * Values are returned by reference: callers must not mutate them.
 */
export function queryCompiled(
  compiled: CompiledPath,
  input: unknown,
  ctx: PathContext | undefined,
  strictIndex: boolean,
): PathResult {
  let base: unknown;
  let prefix = "$";
  if (compiled.root === "input") {
    base = input;
  } else if (compiled.root === "context") {
    base = ctx?.context;
  } else {
    const variables = ctx?.variables;
    if (variables === undefined || !Object.hasOwn(variables, compiled.variable)) {
      return { found: false, message: `The variable '$${compiled.variable}' is not defined` };
    }
    base = variables[compiled.variable];
    prefix = `$${compiled.variable}`;
  }
  const segments = compiled.segments;
  if (segments.length === 0) return { found: true, value: base };
  if (compiled.definite) return walkDefinite(segments, base, prefix, strictIndex);
  const last = segments[segments.length - 1];
  if (last.kind === "function") {
    const body = segments.slice(0, -1);
    const inner = body.every((s) => s.kind === "prop" || s.kind === "index")
      ? walkDefinite(body, base, prefix, strictIndex)
      : { found: true as const, value: collect(body, base) };
    if (!inner.found) return inner;
    return applyFunction(last.name, inner.value, compiled.source);
  }
  return { found: true, value: collect(segments, base) };
}

function walkDefinite(
  segments: readonly Segment[],
  base: unknown,
  prefix: string,
  strictIndex: boolean,
): PathResult {
  let cur = base;
  const lastIndex = segments.length - 1;
  for (let i = 0; i <= lastIndex; i++) {
    const seg = segments[i];
    if (seg.kind === "prop") {
      if (!isPlainObject(cur)) {
        return {
          found: false,
          message:
            `Expected to find an object with property ['${seg.name}'] in path ` +
            `${renderPath(prefix, segments, i)} but found '${javaClassName(cur)}'. ` +
            "This is not a json object according to the JsonProvider: " +
            "'com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider'.",
        };
      }
      if (!Object.hasOwn(cur, seg.name)) {
        return {
          found: false,
          message:
            i === lastIndex
              ? `No results for path: ${renderPath(prefix, segments, segments.length)}`
              : `Missing property in path ${renderPath(prefix, segments, i + 1)}`,
        };
      }
      cur = cur[seg.name];
    } else if (seg.kind === "index") {
      if (!Array.isArray(cur)) {
        return {
          found: false,
          message: `Filter: [${seg.index}] can only be applied to arrays. Current context is: ${jsonText(cur)}`,
        };
      }
      const idx = seg.index < 0 ? cur.length + seg.index : seg.index;
      if (idx < 0 || idx >= cur.length) {
        if (strictIndex) {
          return {
            found: false,
            message: `No results for path: ${renderPath(prefix, segments, segments.length)}`,
          };
        }
        cur = null;
      } else {
        cur = cur[idx];
      }
    }
  }
  return { found: true, value: cur };
}

function collect(segments: readonly Segment[], base: unknown): unknown[] {
  const out: unknown[] = [];
  walk(segments, 0, base, base, out);
  return out;
}

function walk(
  segments: readonly Segment[],
  i: number,
  node: unknown,
  root: unknown,
  out: unknown[],
) {
  if (i === segments.length) {
    out.push(node);
    return;
  }
  step(segments[i], node, root, (child) => walk(segments, i + 1, child, root, out));
}

/** Applies one segment to `node`, calling `emit` for every node it selects. */
function step(seg: Segment, node: unknown, root: unknown, emit: (value: unknown) => void): void {
  switch (seg.kind) {
    case "prop":
      if (isPlainObject(node) && Object.hasOwn(node, seg.name)) emit(node[seg.name]);
      return;
    case "props":
      if (isPlainObject(node)) {
        for (const name of seg.names) if (Object.hasOwn(node, name)) emit(node[name]);
      }
      return;
    case "index":
    case "indexes":
      if (Array.isArray(node)) {
        const indexes = seg.kind === "index" ? [seg.index] : seg.indexes;
        for (const index of indexes) {
          const idx = index < 0 ? node.length + index : index;
          if (idx >= 0 && idx < node.length) emit(node[idx]);
        }
      }
      return;
    case "slice":
      if (Array.isArray(node)) for (const idx of sliceIndexes(node.length, seg)) emit(node[idx]);
      return;
    case "wildcard":
      if (Array.isArray(node)) for (const el of node) emit(el);
      else if (isPlainObject(node)) for (const key of Object.keys(node)) emit(node[key]);
      return;
    case "scan":
      scan(seg.then, node, root, emit);
      return;
    case "filter":
      if (Array.isArray(node)) {
        for (const el of node) if (seg.test(el, root)) emit(el);
      } else if (isPlainObject(node) && seg.test(node, root)) {
        emit(node);
      }
      return;
    case "function":
      return;
  }
}

function scan(then: Segment, node: unknown, root: unknown, emit: (value: unknown) => void): void {
  step(then, node, root, emit);
  if (Array.isArray(node)) {
    for (const el of node) if (typeof el === "object" && el !== null) scan(then, el, root, emit);
  } else if (isPlainObject(node)) {
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (typeof child === "object" && child !== null) scan(then, child, root, emit);
    }
  }
}

function sliceIndexes(
  length: number,
  seg: { start: number | null; end: number | null; step: number },
): number[] {
  const norm = (n: number) => (n < 0 ? Math.max(0, length + n) : Math.min(n, length));
  const out: number[] = [];
  if (seg.step > 0) {
    const start = seg.start === null ? 0 : norm(seg.start);
    const end = seg.end === null ? length : norm(seg.end);
    for (let i = start; i < end; i += seg.step) out.push(i);
  } else {
    const start = seg.start === null ? length - 1 : Math.min(norm(seg.start), length - 1);
    const end = seg.end === null ? -1 : norm(seg.end);
    const back = -seg.step;
    for (let i = start; i > end; i -= back) out.push(i);
  }
  return out;
}

function applyFunction(name: string, value: unknown, source: string): PathResult {
  const numbers = Array.isArray(value) ? value.filter((v) => typeof v === "number") : [];
  switch (name) {
    case "length":
    case "size":
      if (Array.isArray(value) || typeof value === "string") {
        return { found: true, value: value.length };
      }
      if (isPlainObject(value)) return { found: true, value: Object.keys(value).length };
      break;
    case "keys":
      if (isPlainObject(value)) return { found: true, value: Object.keys(value) };
      break;
    case "first":
    case "last":
      if (Array.isArray(value) && value.length > 0) {
        return { found: true, value: name === "first" ? value[0] : value[value.length - 1] };
      }
      break;
    case "min":
    case "max":
    case "sum":
    case "avg":
      if (numbers.length > 0) {
        const sum = numbers.reduce((a, b) => a + b, 0);
        const results = {
          min: Math.min(...numbers),
          max: Math.max(...numbers),
          sum,
          avg: sum / numbers.length,
        };
        return { found: true, value: results[name] };
      }
      break;
  }
  return { found: false, message: `Function ${name}() could not be applied in path ${source}` };
}

/** JSON text of a value as Jackson's `toString` writes it (used in Jayway messages). */
export function jsonText(value: unknown): string {
  return value === undefined ? "null" : JSON.stringify(value);
}

/** The class Jayway names in its messages for a node of each JSON type. */
function javaClassName(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "com.fasterxml.jackson.databind.node.ArrayNode";
  switch (typeof value) {
    case "string":
      return "com.fasterxml.jackson.databind.node.TextNode";
    case "boolean":
      return "com.fasterxml.jackson.databind.node.BooleanNode";
    case "number":
      return Number.isInteger(value)
        ? "com.fasterxml.jackson.databind.node.IntNode"
        : "com.fasterxml.jackson.databind.node.DoubleNode";
    default:
      return "com.fasterxml.jackson.databind.node.ObjectNode";
  }
}
