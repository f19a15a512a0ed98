// Bucket and key of an S3 request: virtual-host style (`bucket.localhost:PORT`,
// `bucket.s3.localhost…`, `bucket.s3.us-east-1.amazonaws.com`) or path style (`/bucket/key`).
import { isDirectoryBucketName } from "./names.js";

export interface S3Address {
  bucket?: string;
  key: string;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The bucket named by the Host header, if the request is virtual-host style. */
export function bucketFromHost(host: string): string | undefined {
  let name = host.toLowerCase();
  if (name.startsWith("[")) return undefined; // IPv6 literal
  const colon = name.lastIndexOf(":");
  if (colon >= 0) name = name.slice(0, colon);
  if (name === "" || IPV4.test(name) || !name.includes(".")) return undefined;
  // bucket.s3.<anything>, bucket.s3-<region>.<anything>, bucket.s3express-….<anything>
  const s3 = /^(.+?)\.s3(?:express)?(?:[.-][^.]*)?\.(?:.+)$/.exec(name);
  if (s3 && !s3[1].startsWith("s3")) return s3[1];
  if (/^s3[.-]/.test(name) || name.startsWith("s3express")) return undefined;
  // bucket.localhost / bucket.<engine host>
  const dot = name.indexOf(".");
  const rest = name.slice(dot + 1);
  if (rest === "localhost" || rest.startsWith("localhost")) return name.slice(0, dot);
  return undefined;
}

/**
 * Directory buckets get one extra "/" after the bucket from the SDK with a custom endpoint
 * (`/bucket//key`, `/bucket//?session`); it is not part of the key.
 */
export function s3Address(host: string, path: string): S3Address {
  const hostBucket = bucketFromHost(host);
  let bucket: string | undefined;
  let key: string;
  if (hostBucket) {
    bucket = hostBucket;
    key = path.startsWith("/") ? path.slice(1) : path;
  } else {
    const rest = path.startsWith("/") ? path.slice(1) : path;
    const slash = rest.indexOf("/");
    bucket = slash < 0 ? rest : rest.slice(0, slash);
    key = slash < 0 ? "" : rest.slice(slash + 1);
  }
  if (bucket && isDirectoryBucketName(bucket) && key.startsWith("/")) key = key.slice(1);
  return { bucket: bucket || undefined, key };
}
