import type { EngineContext } from "../../types.js";
import { getBucket } from "./buckets.js";
import { removeObject } from "./objects.js";

export interface DeleteObjectsOutput {
  Deleted: { Key: string }[];
  Errors: { Key: string; Code: string; Message: string }[];
}

/** DeleteObjects: up to 1000 keys; a missing key counts as deleted, as S3 reports it. */
export async function deleteObjects(
  ctx: EngineContext,
  input: { bucket: string; keys: string[] },
): Promise<DeleteObjectsOutput> {
  await getBucket(ctx, input.bucket);
  const out: DeleteObjectsOutput = { Deleted: [], Errors: [] };
  for (const key of input.keys) {
    if (key === "") {
      out.Errors.push({ Key: key, Code: "InvalidArgument", Message: "Invalid key" });
      continue;
    }
    await removeObject(ctx, input.bucket, key);
    out.Deleted.push({ Key: key });
  }
  return out;
}
