import type { IntrinsicArg } from "./parse.js";

/** A failure inside one intrinsic; evaluateIntrinsic reports it as `States.IntrinsicFailure`. */
export class IntrinsicError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = "IntrinsicError";
  }
}

/** One intrinsic: receives its evaluated arguments, its name and the argument syntax. */
export type IntrinsicImpl = (args: unknown[], name: string, nodes: IntrinsicArg[]) => unknown;

const ORDINALS = ["", "1st", "2nd", "3rd"];

export function ordinal(position: number): string {
  return ORDINALS[position] ?? `${position}th`;
}

/** A JSON type name for messages: string, number, boolean, null, array, object. */
export function jsonType(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function wrongType(value: unknown, position: number, name: string, expected: string): never {
  throw new IntrinsicError(
    `The ${ordinal(position)} argument of ${name} must be ${expected}, but was ${jsonType(value)}: ${JSON.stringify(value) ?? "null"}`,
  );
}

export function expectArray(value: unknown, position: number, name: string): unknown[] {
  if (!Array.isArray(value)) wrongType(value, position, name, "an array");
  return value;
}

export function expectString(value: unknown, position: number, name: string): string {
  if (typeof value !== "string") wrongType(value, position, name, "a string");
  return value;
}

export function expectObject(
  value: unknown,
  position: number,
  name: string,
): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    wrongType(value, position, name, "a JSON object");
  }
  return value as Record<string, unknown>;
}

/**
 * An integer argument. AWS: "If you specify a non-integer value … Step Functions will round it
 * off to the nearest integer" — Java's `Math.round`, halves toward positive infinity, which is
 * also JavaScript's `Math.round` (`+ 0` turns -0 into 0).
 */
export function expectInteger(value: unknown, position: number, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    wrongType(value, position, name, "a number");
  }
  return Math.round(value) + 0;
}

/** Rejects strings longer than `limit` characters (Base64 and Hash inputs: 10,000). */
export function expectMaxLength(text: string, limit: number, position: number, name: string) {
  if (text.length > limit) {
    throw new IntrinsicError(
      `The ${ordinal(position)} argument of ${name} can't exceed ${limit.toLocaleString("en-US")} characters, but has ${text.length}`,
    );
  }
}
