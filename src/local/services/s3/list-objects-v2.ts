import { AwsError } from "../../errors.js";
import type { EngineContext } from "../../types.js";
import { getBucket } from "./buckets.js";
import { objectIndex, type StoredObject } from "./objects.js";

export interface ListObjectsV2Input {
  bucket: string;
  prefix?: string;
  delimiter?: string;
  maxKeys?: number;
  continuationToken?: string;
  startAfter?: string;
}

export interface ListObjectsV2Output {
  Contents: StoredObject[];
  CommonPrefixes: string[];
  IsTruncated: boolean;
  KeyCount: number;
  NextContinuationToken?: string;
}

/** ListObjectsV2 in UTF-8 binary key order, with prefix/delimiter grouping and paging. */
export async function listObjectsV2(
  ctx: EngineContext,
  input: ListObjectsV2Input,
): Promise<ListObjectsV2Output> {
  await getBucket(ctx, input.bucket);
  const maxKeys = input.maxKeys ?? 1000;
  if (!Number.isInteger(maxKeys) || maxKeys < 0) {
    throw new AwsError(
      "InvalidArgument",
      "Provided max-keys not an integer or within integer range",
    );
  }
  let after = input.startAfter ?? "";
  if (input.continuationToken !== undefined) {
    try {
      after = Buffer.from(input.continuationToken, "base64url").toString("utf8");
    } catch {
      throw new AwsError("InvalidArgument", "The continuation token provided is incorrect");
    }
  }
  const prefix = input.prefix ?? "";
  const index = await objectIndex(ctx, input.bucket).get();
  // Resuming after a common prefix skips the rest of its group.
  let skipGroup: string | undefined;
  if (input.continuationToken !== undefined && input.delimiter) {
    const d = after.indexOf(input.delimiter, prefix.length);
    if (d >= 0) skipGroup = after.slice(0, d + input.delimiter.length);
  }
  const keys = Object.keys(index.objects)
    .filter((k) => k.startsWith(prefix) && k > after && !(skipGroup && k.startsWith(skipGroup)))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const contents: StoredObject[] = [];
  const prefixes: string[] = [];
  let last: string | undefined;
  let truncated = false;
  for (const key of keys) {
    const d = input.delimiter ? key.indexOf(input.delimiter, prefix.length) : -1;
    const common = d >= 0 ? key.slice(0, d + input.delimiter!.length) : undefined;
    if (common && prefixes[prefixes.length - 1] === common) {
      last = key;
      continue;
    }
    if (contents.length + prefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    if (common) prefixes.push(common);
    else contents.push(index.objects[key]);
    last = key;
  }
  return {
    Contents: contents,
    CommonPrefixes: prefixes,
    IsTruncated: truncated,
    KeyCount: contents.length + prefixes.length,
    ...(truncated && last
      ? { NextContinuationToken: Buffer.from(last).toString("base64url") }
      : {}),
  };
}
