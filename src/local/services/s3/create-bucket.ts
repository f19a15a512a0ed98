import { AwsError } from "../../errors.js";
import type { EngineContext } from "../../types.js";
import { type Bucket, bucketsDoc } from "./buckets.js";
import { checkBucketName, isDirectoryBucketName, zoneIdOf } from "./names.js";

export interface CreateBucketInput {
  bucket: string;
  region?: string;
  /** CreateBucketConfiguration, as parsed from the request body. */
  configuration?: {
    LocationConstraint?: string;
    Location?: { Type?: string; Name?: string };
    Bucket?: { Type?: string; DataRedundancy?: string };
  };
}

/**
 * CreateBucket, general purpose and directory buckets. Re-creating a general purpose bucket you
 * own in us-east-1 answers 200 (legacy behaviour); elsewhere BucketAlreadyOwnedByYou (409).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
 */
export async function createBucket(
  ctx: EngineContext,
  input: CreateBucketInput,
): Promise<{ location: string }> {
  const name = input.bucket;
  checkBucketName(name);
  const directory = isDirectoryBucketName(name);
  const config = input.configuration ?? {};
  let region = input.region ?? ctx.defaultRegion;
  if (directory) {
    const zone = zoneIdOf(name);
    if (config.Location?.Name && config.Location.Name !== zone) {
      throw new AwsError(
        "InvalidBucketName",
        "The name of the bucket does not match the availability zone of the bucket location.",
        400,
        { BucketName: name },
      );
    }
    if (config.Bucket?.Type && config.Bucket.Type !== "Directory") {
      throw new AwsError("InvalidRequest", "Bucket type must be Directory for directory buckets.");
    }
  } else if (config.LocationConstraint) {
    if (config.LocationConstraint !== region && region !== "us-east-1") {
      throw new AwsError(
        "IllegalLocationConstraintException",
        `The ${config.LocationConstraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      );
    }
    region = config.LocationConstraint;
  }
  await bucketsDoc(ctx).update((doc) => {
    const existing = Object.hasOwn(doc.buckets, name) ? doc.buckets[name] : undefined;
    if (existing) {
      if (!directory && existing.Region === "us-east-1" && region === "us-east-1") return;
      throw new AwsError(
        "BucketAlreadyOwnedByYou",
        "Your previous request to create the named bucket succeeded and you already own it.",
        409,
        { BucketName: name },
      );
    }
    const bucket: Bucket = {
      Name: name,
      CreationDate: new Date().toISOString(),
      Region: region,
      Type: directory ? "directory" : "general",
      ...(directory ? { ZoneId: zoneIdOf(name) } : {}),
    };
    doc.buckets[name] = bucket;
  });
  return { location: directory ? `/${name}` : `/${name}` };
}
