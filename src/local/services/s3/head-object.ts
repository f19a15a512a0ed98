import type { EngineContext } from "../../types.js";
import { getBucket } from "./buckets.js";
import { findObject, noSuchKey, type StoredObject } from "./objects.js";

export async function headObject(
  ctx: EngineContext,
  input: { bucket: string; key: string },
): Promise<StoredObject> {
  await getBucket(ctx, input.bucket);
  const object = await findObject(ctx, input.bucket, input.key);
  if (!object) throw noSuchKey(input.key);
  return object;
}
