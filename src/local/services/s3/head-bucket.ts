import type { EngineContext } from "../../types.js";
import { getBucket } from "./buckets.js";

export interface HeadBucketOutput {
  BucketRegion: string;
  BucketLocationType?: string;
  BucketLocationName?: string;
}

export async function headBucket(
  ctx: EngineContext,
  input: { bucket: string },
): Promise<HeadBucketOutput> {
  const b = await getBucket(ctx, input.bucket);
  return {
    BucketRegion: b.Region,
    ...(b.Type === "directory"
      ? { BucketLocationType: "AvailabilityZone", BucketLocationName: b.ZoneId }
      : {}),
  };
}
