import { createHash, randomUUID } from "node:crypto";
import { arrayFunctions } from "./arrays.js";
import {
  expectInteger,
  expectMaxLength,
  expectObject,
  expectString,
  IntrinsicError,
  type IntrinsicImpl,
  jsonType,
} from "./checks.js";
import { JavaRandom } from "./java-random.js";

/** Base64Encode, Base64Decode and Hash accept at most this many characters (AWS docs). */
export const TEXT_INPUT_LIMIT = 10_000;

const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: "md5",
  "SHA-1": "sha1",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
};

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export const intrinsicFunctions: Record<string, IntrinsicImpl> = {
  ...arrayFunctions,
  "States.Format": format,

  "States.StringToJson": (args, name) => {
    const text = expectString(args[0], 1, name);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new IntrinsicError(`The argument of ${name} is not a valid JSON string: ${text}`);
    }
  },

  "States.JsonToString": (args) => JSON.stringify(args[0]) ?? "null",

  "States.Base64Encode": (args, name) => {
    const text = expectString(args[0], 1, name);
    expectMaxLength(text, TEXT_INPUT_LIMIT, 1, name);
    return Buffer.from(text, "utf8").toString("base64");
  },

  "States.Base64Decode": (args, name) => {
    const text = expectString(args[0], 1, name);
    expectMaxLength(text, TEXT_INPUT_LIMIT, 1, name);
    // MIME Base64 (AWS docs): line breaks are ignored, padding is optional.
    const compact = text.replace(/\r?\n/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
      throw new IntrinsicError(`The argument of ${name} is not a valid Base64 string: ${text}`);
    }
    return Buffer.from(compact, "base64").toString("utf8");
  },

  /** Hex digest; algorithms MD5, SHA-1, SHA-256, SHA-384, SHA-512 (exact spelling). */
  "States.Hash": (args, name) => {
    const data = expectString(args[0], 1, name);
    const algorithm = expectString(args[1], 2, name);
    const nodeName = HASH_ALGORITHMS[algorithm];
    if (nodeName === undefined) {
      throw new IntrinsicError(
        `The hash algorithm (2nd argument) of ${name} must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was '${algorithm}'`,
      );
    }
    expectMaxLength(data, TEXT_INPUT_LIMIT, 1, name);
    return createHash(nodeName).update(data, "utf8").digest("hex");
  },

  /** Shallow merge, the second object winning; the deep flag must be `false` (AWS docs). */
  "States.JsonMerge": (args, name) => {
    const left = expectObject(args[0], 1, name);
    const right = expectObject(args[1], 2, name);
    if (args[2] !== false) {
      throw new IntrinsicError(
        args[2] === true
          ? `${name} supports only a shallow merge: the 3rd argument must be false`
          : `The 3rd argument of ${name} must be the boolean false, but was ${jsonType(args[2])}`,
      );
    }
    return { ...left, ...right };
  },

  /**
   * A random integer from `start` (inclusive) to `end` (exclusive), drawn with Java's
   * `Random.nextInt(end - start)` so that a seed (3rd argument) reproduces the same number.
   */
  "States.MathRandom": (args, name) => {
    const start = expectInteger(args[0], 1, name);
    const end = expectInteger(args[1], 2, name);
    const seed = args.length > 2 ? expectInteger(args[2], 3, name) : undefined;
    const bound = end - start;
    if (bound <= 0 || bound > INT_MAX) {
      throw new IntrinsicError(
        `The end (2nd argument) of ${name} must be greater than the start (1st argument): start ${start}, end ${end}`,
      );
    }
    return start + new JavaRandom(seed).nextInt(bound);
  },

  /** Sum of two integers in Java's int range; non-integers are rounded first (AWS docs). */
  "States.MathAdd": (args, name) => {
    const a = expectInteger(args[0], 1, name);
    const b = expectInteger(args[1], 2, name);
    for (const [value, position] of [
      [a, 1],
      [b, 2],
    ]) {
      if (value < INT_MIN || value > INT_MAX) {
        throw new IntrinsicError(
          `The ${position === 1 ? "1st" : "2nd"} argument of ${name} must be an integer between ${INT_MIN} and ${INT_MAX}, but was ${value}`,
        );
      }
    }
    return a + b;
  },

  /**
   * Splits on every character of the splitter, dropping empty pieces, like Java's
   * `StringTokenizer` (AWS example: "This.is+a,test=string" split by ".+,=" → 5 words).
   */
  "States.StringSplit": (args, name) => {
    const text = expectString(args[0], 1, name);
    const splitter = expectString(args[1], 2, name);
    const parts: string[] = [];
    let current = "";
    for (const ch of text) {
      if (splitter.includes(ch)) {
        if (current !== "") parts.push(current);
        current = "";
      } else {
        current += ch;
      }
    }
    if (current !== "") parts.push(current);
    return parts;
  },

  "States.UUID": () => randomUUID(),
};

/**
 * `States.Format('Hello, my name is {}.', $.name)`: each `{}` takes the next argument. In a
 * literal template `\{` and `\}` are plain braces. Strings are inserted as they are, other
 * values as JSON, except arrays and objects, which the JVM writes as `[a, b]` and `{k=v}`.
 */
function format(args: unknown[], name: string, nodes: Parameters<IntrinsicImpl>[2]): string {
  const template = expectString(args[0], 1, name);
  const first = nodes[0];
  const escapes = first.kind === "literal" && first.raw !== undefined;
  const source = escapes ? (first.raw as string) : template;
  const values = args.slice(1);
  let out = "";
  let used = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (escapes && ch === "\\") {
      out += source[i + 1] ?? "";
      i++;
    } else if (ch === "{" && source[i + 1] === "}") {
      if (used >= values.length) break;
      out += formatValue(values[used++]);
      i++;
    } else {
      out += ch;
    }
  }
  const placeholders = countPlaceholders(source, escapes);
  if (placeholders !== values.length) {
    throw new IntrinsicError(
      `The number of arguments (${values.length}) of ${name} does not match the number of '{}' placeholders (${placeholders}) in its template`,
    );
  }
  return out;
}

function countPlaceholders(source: string, escapes: boolean): number {
  let count = 0;
  for (let i = 0; i < source.length; i++) {
    if (escapes && source[i] === "\\") i++;
    else if (source[i] === "{" && source[i + 1] === "}") {
      count++;
      i++;
    }
  }
  return count;
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${k}=${formatValue(v)}`);
    return `{${entries.join(", ")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
