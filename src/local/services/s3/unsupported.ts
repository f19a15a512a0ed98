// Real S3 operations the engine does not implement, by subresource and method: answered with
// 501 NotImplemented. Any other method on such a subresource is not an S3 operation at all, and
// S3 answers 405 MethodNotAllowed (e.g. POST /bucket?acl, HEAD /bucket?acl).
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
import { AwsError } from "../../errors.js";

/** Subresource → method → the S3 operation the engine does not implement. */
export const S3_NOT_IMPLEMENTED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  accelerate: { GET: "GetBucketAccelerateConfiguration", PUT: "PutBucketAccelerateConfiguration" },
  acl: { GET: "GetBucketAcl/GetObjectAcl", PUT: "PutBucketAcl/PutObjectAcl" },
  analytics: {
    GET: "GetBucketAnalyticsConfiguration",
    PUT: "PutBucketAnalyticsConfiguration",
    DELETE: "DeleteBucketAnalyticsConfiguration",
  },
  attributes: { GET: "GetObjectAttributes" },
  cors: { GET: "GetBucketCors", PUT: "PutBucketCors", DELETE: "DeleteBucketCors" },
  encryption: {
    GET: "GetBucketEncryption",
    PUT: "PutBucketEncryption",
    DELETE: "DeleteBucketEncryption",
  },
  "intelligent-tiering": {
    GET: "GetBucketIntelligentTieringConfiguration",
    PUT: "PutBucketIntelligentTieringConfiguration",
    DELETE: "DeleteBucketIntelligentTieringConfiguration",
  },
  inventory: {
    GET: "GetBucketInventoryConfiguration",
    PUT: "PutBucketInventoryConfiguration",
    DELETE: "DeleteBucketInventoryConfiguration",
  },
  "legal-hold": { GET: "GetObjectLegalHold", PUT: "PutObjectLegalHold" },
  lifecycle: {
    GET: "GetBucketLifecycleConfiguration",
    PUT: "PutBucketLifecycleConfiguration",
    DELETE: "DeleteBucketLifecycle",
  },
  logging: { GET: "GetBucketLogging", PUT: "PutBucketLogging" },
  metrics: {
    GET: "GetBucketMetricsConfiguration",
    PUT: "PutBucketMetricsConfiguration",
    DELETE: "DeleteBucketMetricsConfiguration",
  },
  notification: {
    GET: "GetBucketNotificationConfiguration",
    PUT: "PutBucketNotificationConfiguration",
  },
  "object-lock": { GET: "GetObjectLockConfiguration", PUT: "PutObjectLockConfiguration" },
  ownershipControls: {
    GET: "GetBucketOwnershipControls",
    PUT: "PutBucketOwnershipControls",
    DELETE: "DeleteBucketOwnershipControls",
  },
  policy: { GET: "GetBucketPolicy", PUT: "PutBucketPolicy", DELETE: "DeleteBucketPolicy" },
  policyStatus: { GET: "GetBucketPolicyStatus" },
  publicAccessBlock: {
    GET: "GetPublicAccessBlock",
    PUT: "PutPublicAccessBlock",
    DELETE: "DeletePublicAccessBlock",
  },
  replication: {
    GET: "GetBucketReplication",
    PUT: "PutBucketReplication",
    DELETE: "DeleteBucketReplication",
  },
  requestPayment: { GET: "GetBucketRequestPayment", PUT: "PutBucketRequestPayment" },
  restore: { POST: "RestoreObject" },
  retention: { GET: "GetObjectRetention", PUT: "PutObjectRetention" },
  select: { POST: "SelectObjectContent" },
  tagging: {
    GET: "GetBucketTagging/GetObjectTagging",
    PUT: "PutBucketTagging/PutObjectTagging",
    DELETE: "DeleteBucketTagging/DeleteObjectTagging",
  },
  torrent: { GET: "GetObjectTorrent" },
  versioning: { GET: "GetBucketVersioning", PUT: "PutBucketVersioning" },
  versions: { GET: "ListObjectVersions" },
  website: { GET: "GetBucketWebsite", PUT: "PutBucketWebsite", DELETE: "DeleteBucketWebsite" },
  // Multipart listings (creating, uploading, completing and aborting are implemented).
  uploads: { GET: "ListMultipartUploads" },
  uploadId: { GET: "ListParts" },
};

export function notImplemented(): AwsError {
  return new AwsError(
    "NotImplemented",
    "A header you provided implies functionality that is not implemented",
    501,
  );
}

export function methodNotAllowed(
  method: string,
  resourceType: "SERVICE" | "BUCKET" | "OBJECT",
): AwsError {
  return new AwsError(
    "MethodNotAllowed",
    "The specified method is not allowed against this resource.",
    405,
    { Method: method, ResourceType: resourceType },
  );
}

/**
 * The error for a request naming a subresource of `S3_NOT_IMPLEMENTED` (called after the
 * implemented subresource operations were routed): 501 for a real operation, 405 for a method
 * S3 has no operation for; undefined when the query names none of them.
 */
export function unsupportedSubresource(
  method: string,
  query: URLSearchParams,
  resourceType: "BUCKET" | "OBJECT",
): AwsError | undefined {
  for (const name of query.keys()) {
    if (!Object.hasOwn(S3_NOT_IMPLEMENTED, name)) continue;
    return Object.hasOwn(S3_NOT_IMPLEMENTED[name], method)
      ? notImplemented()
      : methodNotAllowed(method, resourceType);
  }
  return undefined;
}
