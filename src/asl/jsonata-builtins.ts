/**
 * The pure jsonata built-in functions the synchronous evaluator answers itself ($merge, $keys,
 * $lookup, $join, $type, $string; $map is compiled in jsonata-rich.ts, its lambda being code),
 * on evaluated arguments, with FALLBACK wherever jsonata's answer could differ (an error, a
 * sequence, a value these cannot format).
 */
import { FALLBACK, isPlainObject, str } from "./jsonata-operators.js";

/** Accepted argument counts, by function name (without the `$`). */
export const ARITY: Readonly<Record<string, readonly [number, number]>> = {
  merge: [1, 1],
  keys: [1, 1],
  lookup: [2, 2],
  join: [1, 2],
  map: [2, 2],
  type: [1, 1],
  string: [1, 1],
};

/** A function's result as jsonata hands it on: a sequence of one is its item; none → FALLBACK. */
export function flatten(seq: unknown[]): unknown {
  if (seq.length === 0) return FALLBACK;
  return seq.length === 1 ? seq[0] : seq;
}

/** An `a`-typed argument: a single value stands for an array of one. */
export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

/** `$name(argv…)` for the functions of ARITY but `map`; argv holds no undefined nor FALLBACK. */
export function builtin(name: string, argv: unknown[]): unknown {
  switch (name) {
    case "merge": {
      const out: Record<string, unknown> = Object.create(null);
      for (const o of asArray(argv[0])) {
        if (!isPlainObject(o)) return FALLBACK;
        for (const k of Object.keys(o)) out[k] = o[k];
      }
      return out;
    }
    case "keys":
      return isPlainObject(argv[0]) ? Object.keys(argv[0]) : FALLBACK;
    case "lookup": {
      const [o, k] = argv;
      if (!isPlainObject(o) || typeof k !== "string" || !Object.hasOwn(o, k)) return FALLBACK;
      const v = o[k];
      return Array.isArray(v) || v === undefined ? FALLBACK : v;
    }
    case "join": {
      const items = asArray(argv[0]);
      const sep = argv.length > 1 ? argv[1] : "";
      if (typeof sep !== "string" || !items.every((s) => typeof s === "string")) return FALLBACK;
      return items.join(sep);
    }
    case "type": {
      const v = argv[0];
      if (v === null) return "null";
      if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") {
        return typeof v;
      }
      return FALLBACK;
    }
    case "string":
      return str(argv[0]);
    default:
      return FALLBACK;
  }
}
