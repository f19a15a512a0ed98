// Bucket state: one JSON document per data directory; objects live in objects.ts.
import { join } from "node:path";
import { AwsError } from "../../errors.js";
import { JsonDocument } from "../../store.js";
import type { EngineContext } from "../../types.js";

export interface Bucket {
  Name: string;
  CreationDate: string;
  Region: string;
  Type: "general" | "directory";
  /** Directory buckets: the availability zone id. */
  ZoneId?: string;
}

interface BucketsDoc {
  buckets: Record<string, Bucket>;
}

const docs = new Map<string, JsonDocument<BucketsDoc>>();

export function bucketsDoc(ctx: Pick<EngineContext, "home">): JsonDocument<BucketsDoc> {
  let doc = docs.get(ctx.home);
  if (!doc) {
    doc = new JsonDocument(join(ctx.home, "s3", "buckets.json"), () => ({ buckets: {} }));
    docs.set(ctx.home, doc);
  }
  return doc;
}

export function forgetBuckets(home: string): void {
  docs.delete(home);
}

export function noSuchBucket(name: string): AwsError {
  return new AwsError("NoSuchBucket", "The specified bucket does not exist", 404, {
    BucketName: name,
  });
}

/** The bucket, or NoSuchBucket. */
export async function getBucket(ctx: Pick<EngineContext, "home">, name: string): Promise<Bucket> {
  const doc = await bucketsDoc(ctx).get();
  const bucket = Object.hasOwn(doc.buckets, name) ? doc.buckets[name] : undefined;
  if (!bucket) throw noSuchBucket(name);
  return bucket;
}
