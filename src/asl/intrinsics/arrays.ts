import { canonicalJson, deepEqual } from "../jsonpath/equal.js";
import { expectArray, expectInteger, IntrinsicError, type IntrinsicImpl } from "./checks.js";

/** Intrinsics for arrays (AWS Developer Guide, "Intrinsics for arrays"). */

/** The largest array States.ArrayRange may build. */
export const ARRAY_RANGE_LIMIT = 1000;

export const arrayFunctions: Record<string, IntrinsicImpl> = {
  /** Its arguments, in order, as an array. */
  "States.Array": (args) => args,

  /** `[1..9]` by 4 → `[[1,2,3,4],[5,6,7,8],[9]]`; the chunk size is rounded and must be > 0. */
  "States.ArrayPartition": (args, name) => {
    const array = expectArray(args[0], 1, name);
    const size = expectInteger(args[1], 2, name);
    if (size <= 0) {
      throw new IntrinsicError(
        `The chunk size (2nd argument) of ${name} must be a positive integer, but was ${size}`,
      );
    }
    const chunks: unknown[][] = [];
    for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
    return chunks;
  },

  /** Whether the array holds a value equal (as JSON) to the second argument. */
  "States.ArrayContains": (args, name) => {
    const array = expectArray(args[0], 1, name);
    return array.some((item) => deepEqual(item, args[1]));
  },

  /** `(1, 9, 2)` → `[1,3,5,7,9]`; integers (rounded), a non-zero step, at most 1000 items. */
  "States.ArrayRange": (args, name) => {
    const start = expectInteger(args[0], 1, name);
    const end = expectInteger(args[1], 2, name);
    const step = expectInteger(args[2], 3, name);
    if (step === 0) {
      throw new IntrinsicError(`The step (3rd argument) of ${name} must be a non-zero integer`);
    }
    const count = Math.floor((end - start) / step) + 1;
    if (count > ARRAY_RANGE_LIMIT) {
      throw new IntrinsicError(
        `${name} can't create an array of more than ${ARRAY_RANGE_LIMIT} items, but ${count} were requested`,
      );
    }
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(start + i * step);
    return out;
  },

  /** The item at a zero-based index; an index outside the array is an error. */
  "States.ArrayGetItem": (args, name) => {
    const array = expectArray(args[0], 1, name);
    const index = expectInteger(args[1], 2, name);
    if (index < 0 || index >= array.length) {
      throw new IntrinsicError(
        `The index (2nd argument) of ${name} is out of bounds: ${index} for an array of length ${array.length}`,
      );
    }
    return array[index];
  },

  "States.ArrayLength": (args, name) => expectArray(args[0], 1, name).length,

  /** Removes duplicate values (compared as JSON), keeping the first occurrence of each. */
  "States.ArrayUnique": (args, name) => {
    const array = expectArray(args[0], 1, name);
    const seen = new Set<string>();
    const out: unknown[] = [];
    for (const item of array) {
      const key = canonicalJson(item);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(item);
      }
    }
    return out;
  },
};
