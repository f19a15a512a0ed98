import { AwsError } from "../../errors.js";
import type { EngineContext } from "../../types.js";
import { getBucket } from "./buckets.js";
import { findObject, noSuchKey, readObjectBody, type StoredObject } from "./objects.js";

export interface GetObjectOutput {
  object: StoredObject;
  body: Buffer;
  /** Set for a satisfied Range request: "bytes a-b/size". */
  contentRange?: string;
}

/** Parses a single `bytes=a-b` / `bytes=a-` / `bytes=-n` range; others are ignored, as S3 does. */
function parseRange(range: string, size: number): [number, number] | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  let start: number;
  let end: number;
  if (m[1] === "") {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) {
    throw new AwsError("InvalidRange", "The requested range is not satisfiable", 416, {
      RangeRequested: range,
      ActualObjectSize: size,
    });
  }
  return [start, end];
}

export async function getObject(
  ctx: EngineContext,
  input: { bucket: string; key: string; range?: string },
): Promise<GetObjectOutput> {
  await getBucket(ctx, input.bucket);
  const object = await findObject(ctx, input.bucket, input.key);
  if (!object) throw noSuchKey(input.key);
  const body = await readObjectBody(ctx, input.bucket, object);
  const range = input.range ? parseRange(input.range, body.length) : undefined;
  if (!range) return { object, body };
  return {
    object,
    body: body.subarray(range[0], range[1] + 1),
    contentRange: `bytes ${range[0]}-${range[1]}/${body.length}`,
  };
}
