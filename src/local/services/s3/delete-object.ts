import type { EngineContext } from "../../types.js";
import { getBucket } from "./buckets.js";
import { removeObject } from "./objects.js";

/** DeleteObject: 204 whether or not the key existed, as S3 answers. */
export async function deleteObject(
  ctx: EngineContext,
  input: { bucket: string; key: string },
): Promise<void> {
  await getBucket(ctx, input.bucket);
  await removeObject(ctx, input.bucket, input.key);
}
