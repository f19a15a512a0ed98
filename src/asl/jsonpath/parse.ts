import { parseFilter } from "./filter.js";
import type { CompiledPath, PathRoot, Segment } from "./types.js";

/**
 * JSONPath as Step Functions reads it (Jayway JsonPath syntax, AWS Developer Guide "Paths"):
 * `$` the state input, `$$` the context object, `$name` a variable (JSONPath states reading
 * `Assign` variables); then `.name`, `['name']`, `[0]`, `[-1]`, `[0,1]`, `['a','b']`, `[1:3]`,
 * `*`, `..` deep scan, `[?(@.x > 1)]` filters and a trailing `.length()`.
 */
export class PathSyntaxError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(detail);
    this.name = "PathSyntaxError";
  }
}

const cache = new Map<string, CompiledPath>();
const CACHE_LIMIT = 10_000;

/** Parses a path once; later calls with the same string reuse the compiled form. */
export function compilePath(path: string): CompiledPath {
  let compiled = cache.get(path);
  if (compiled === undefined) {
    compiled = parsePath(path);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(path, compiled);
  }
  return compiled;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const FUNCTIONS = new Set(["length", "size", "min", "max", "avg", "sum", "keys", "first", "last"]);

function parsePath(source: string): CompiledPath {
  const path = source.trim();
  if (!path.startsWith("$")) throw new PathSyntaxError(source, "Path must start with '$'");
  let root: PathRoot = "input";
  let variable = "";
  let pos = 1;
  if (path[1] === "$") {
    root = "context";
    pos = 2;
  } else if (path.length > 1 && IDENT_START.test(path[1])) {
    const match = IDENT.exec(path.slice(1));
    root = "variable";
    variable = match![0];
    pos = 1 + variable.length;
  }
  const segments: Segment[] = [];
  while (pos < path.length) {
    const ch = path[pos];
    if (ch === ".") {
      if (path[pos + 1] === ".") {
        pos += 2;
        const [then, next] = readAfterScan(path, pos, source);
        segments.push({ kind: "scan", then });
        pos = next;
        continue;
      }
      pos += 1;
      if (path[pos] === "[") continue; // Jayway also accepts `$.['a']`
      if (path[pos] === "*") {
        segments.push({ kind: "wildcard" });
        pos += 1;
        continue;
      }
      const [segment, next] = readDotName(path, pos, source);
      segments.push(segment);
      pos = next;
    } else if (ch === "[") {
      const [segment, next] = readBracket(path, pos, source);
      segments.push(segment);
      pos = next;
    } else {
      throw new PathSyntaxError(source, `Unexpected character '${ch}' at position ${pos}`);
    }
  }
  const fnIndex = segments.findIndex((s) => s.kind === "function");
  if (fnIndex !== -1 && fnIndex !== segments.length - 1) {
    throw new PathSyntaxError(source, "A function must be the last segment of a path");
  }
  const definite = segments.every((s) => s.kind === "prop" || s.kind === "index");
  return { source, root, variable, segments, definite };
}

function readAfterScan(path: string, pos: number, source: string): [Segment, number] {
  if (path[pos] === "*") return [{ kind: "wildcard" }, pos + 1];
  if (path[pos] === "[") return readBracket(path, pos, source);
  return readDotName(path, pos, source);
}

function readDotName(path: string, pos: number, source: string): [Segment, number] {
  let end = pos;
  while (end < path.length && path[end] !== "." && path[end] !== "[") end++;
  let name = path.slice(pos, end);
  if (name.endsWith("()")) {
    name = name.slice(0, -2);
    if (!FUNCTIONS.has(name)) throw new PathSyntaxError(source, `Function ${name}() not supported`);
    return [{ kind: "function", name }, end];
  }
  if (name.length === 0) throw new PathSyntaxError(source, `Empty property name at ${pos}`);
  return [{ kind: "prop", name }, end];
}

function readBracket(path: string, pos: number, source: string): [Segment, number] {
  let i = pos + 1;
  const skipSpaces = () => {
    while (path[i] === " ") i++;
  };
  skipSpaces();
  if (path[i] === "*") {
    i++;
    skipSpaces();
    expect(path, i, "]", source);
    return [{ kind: "wildcard" }, i + 1];
  }
  if (path[i] === "?") {
    i++;
    skipSpaces();
    expect(path, i, "(", source);
    const close = findClosingParen(path, i, source);
    const expr = path.slice(i + 1, close);
    i = close + 1;
    skipSpaces();
    expect(path, i, "]", source);
    const test = parseFilter(expr, source);
    return [{ kind: "filter", source: expr, test }, i + 1];
  }
  if (path[i] === "'" || path[i] === '"') {
    const names: string[] = [];
    for (;;) {
      const [name, next] = readQuoted(path, i, source);
      names.push(name);
      i = next;
      skipSpaces();
      if (path[i] === ",") {
        i++;
        skipSpaces();
        continue;
      }
      expect(path, i, "]", source);
      break;
    }
    const segment: Segment =
      names.length === 1 ? { kind: "prop", name: names[0] } : { kind: "props", names };
    return [segment, i + 1];
  }
  const close = path.indexOf("]", i);
  if (close === -1) throw new PathSyntaxError(source, "Unterminated '['");
  const body = path.slice(i, close).trim();
  const next = close + 1;
  if (body.includes(":")) {
    const parts = body.split(":").map((p) => p.trim());
    if (parts.length > 3) throw new PathSyntaxError(source, `Invalid slice [${body}]`);
    const num = (p: string | undefined): number | null => {
      if (p === undefined || p === "") return null;
      return toInt(p, source);
    };
    const step = num(parts[2]) ?? 1;
    if (step === 0) throw new PathSyntaxError(source, "Slice step cannot be 0");
    return [{ kind: "slice", start: num(parts[0]), end: num(parts[1]), step }, next];
  }
  const indexes = body.split(",").map((p) => toInt(p.trim(), source));
  if (indexes.length === 1) return [{ kind: "index", index: indexes[0] }, next];
  return [{ kind: "indexes", indexes }, next];
}

function toInt(text: string, source: string): number {
  if (!/^-?\d+$/.test(text)) throw new PathSyntaxError(source, `Invalid array index '${text}'`);
  return Number(text);
}

function expect(path: string, pos: number, ch: string, source: string): void {
  if (path[pos] !== ch) {
    throw new PathSyntaxError(source, `Expected '${ch}' at position ${pos}`);
  }
}

/** Reads a quoted name starting at `pos` (the quote); returns the name and the index after it. */
export function readQuoted(text: string, pos: number, source: string): [string, number] {
  const quote = text[pos];
  let out = "";
  let i = pos + 1;
  while (i < text.length && text[i] !== quote) {
    if (text[i] === "\\" && i + 1 < text.length) {
      out += text[i + 1];
      i += 2;
    } else {
      out += text[i];
      i++;
    }
  }
  if (i >= text.length) throw new PathSyntaxError(source, "Unterminated quoted name");
  return [out, i + 1];
}

function findClosingParen(text: string, open: number, source: string): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      i = readQuoted(text, i, source)[1] - 1;
    } else if (ch === "/" && depth > 0 && /=~\s*$/.test(text.slice(open, i))) {
      const end = text.indexOf("/", i + 1);
      if (end === -1) throw new PathSyntaxError(source, "Unterminated regular expression");
      i = end;
    } else if (ch === "(") {
      depth++;
    } else if (ch === ")") {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new PathSyntaxError(source, "Unterminated filter expression");
}

/** Jayway's rendering of one segment, as it appears in its error messages (`['a']`, `[0]`). */
export function renderSegment(segment: Segment): string {
  switch (segment.kind) {
    case "prop":
      return `['${segment.name}']`;
    case "index":
      return `[${segment.index}]`;
    case "props":
      return `[${segment.names.map((n) => `'${n}'`).join(",")}]`;
    case "indexes":
      return `[${segment.indexes.join(",")}]`;
    case "slice":
      return `[${segment.start ?? ""}:${segment.end ?? ""}]`;
    case "wildcard":
      return "[*]";
    case "scan":
      return `..${renderSegment(segment.then)}`;
    case "filter":
      return "[?]";
    case "function":
      return `.${segment.name}()`;
  }
}

/** Jayway's rendering of a whole path: `$['a']['b'][0]`. */
export function renderPath(prefix: string, segments: readonly Segment[], upTo: number): string {
  let out = prefix;
  for (let i = 0; i < upTo; i++) out += renderSegment(segments[i]);
  return out;
}
