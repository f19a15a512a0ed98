import { AwsError } from "../../errors.js";
import type { EngineContext } from "../../types.js";
import { bucketsDoc, noSuchBucket } from "./buckets.js";
import { countObjects, removeBucketData } from "./objects.js";

/** DeleteBucket: refused with BucketNotEmpty (409) while the bucket holds objects. */
export async function deleteBucket(ctx: EngineContext, input: { bucket: string }): Promise<void> {
  const name = input.bucket;
  await bucketsDoc(ctx).update(async (doc) => {
    if (!Object.hasOwn(doc.buckets, name)) throw noSuchBucket(name);
    if ((await countObjects(ctx, name)) > 0) {
      throw new AwsError("BucketNotEmpty", "The bucket you tried to delete is not empty", 409, {
        BucketName: name,
      });
    }
    delete doc.buckets[name];
  });
  await removeBucketData(ctx, name);
}
