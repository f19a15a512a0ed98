// What the states actions share: parameter checks with Step Functions' error codes, epoch-second
// timestamps (awsJson), pagination tokens.
import { AwsError } from "../../errors.js";

/** awsJson timestamps: epoch seconds, with milliseconds as the fraction. */
export function epoch(ms: number): number {
  return ms / 1000;
}

export function required<T>(value: T | undefined | null, field: string): T {
  if (value === undefined || value === null) {
    throw new AwsError(
      "ValidationException",
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new AwsError("SerializationException", `Expected string for '${field}'`);
  }
  return value;
}

export function requiredString(value: unknown, field: string): string {
  return required(optionalString(value, field), field);
}

/** maxResults: 0 or absent → the default page size (100, like AWS); at most 1000. */
export function pageSize(value: unknown, field = "maxResults"): number {
  if (value === undefined || value === null || value === 0) return 100;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 1000) {
    throw new AwsError(
      "ValidationException",
      `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must have value less than or equal to 1000`,
    );
  }
  return value;
}

/** nextToken: an opaque base64 offset. */
export function decodeToken(token: unknown): number {
  if (token === undefined || token === null) return 0;
  if (typeof token !== "string") throw new AwsError("InvalidToken", "Invalid Token: 'null'");
  const n = Number(Buffer.from(token, "base64url").toString("utf8").replace(/^o:/, ""));
  if (!Number.isInteger(n) || n < 0 || !token) {
    throw new AwsError("InvalidToken", `Invalid Token: '${token}'`);
  }
  return n;
}

export function encodeToken(offset: number): string {
  return Buffer.from(`o:${offset}`, "utf8").toString("base64url");
}

/** One page of `items` from a nextToken and maxResults. */
export function page<T>(
  items: T[],
  input: { nextToken?: unknown; maxResults?: unknown },
): { items: T[]; nextToken?: string } {
  const start = decodeToken(input.nextToken);
  const size = pageSize(input.maxResults);
  const slice = items.slice(start, start + size);
  const end = start + slice.length;
  return end < items.length ? { items: slice, nextToken: encodeToken(end) } : { items: slice };
}
