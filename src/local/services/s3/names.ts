// Bucket naming rules: general purpose buckets and directory buckets (S3 Express One Zone).
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/directory-bucket-naming-rules.html
import { AwsError } from "../../errors.js";

const DIRECTORY = /^([a-z0-9][a-z0-9-]*[a-z0-9]|[a-z0-9])--([a-z0-9]+-az\d+)--x-s3$/;

export function isDirectoryBucketName(name: string): boolean {
  return name.endsWith("--x-s3");
}

/** The availability zone id of a directory bucket name (`base--use1-az4--x-s3` → use1-az4). */
export function zoneIdOf(name: string): string | undefined {
  return DIRECTORY.exec(name)?.[2];
}

export function invalidBucketName(name: string): AwsError {
  return new AwsError("InvalidBucketName", "The specified bucket is not valid.", 400, {
    BucketName: name,
  });
}

/** Throws InvalidBucketName unless `name` follows the rules of its bucket type. */
export function checkBucketName(name: string): void {
  if (name.length < 3 || name.length > 63) throw invalidBucketName(name);
  if (isDirectoryBucketName(name)) {
    if (!DIRECTORY.test(name)) throw invalidBucketName(name);
    return;
  }
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) throw invalidBucketName(name);
  if (name.includes("..") || /^\d+\.\d+\.\d+\.\d+$/.test(name)) throw invalidBucketName(name);
  if (name.startsWith("xn--") || name.startsWith("sthree-") || name.endsWith("-s3alias")) {
    throw invalidBucketName(name);
  }
}
