// S3 over HTTP (restXml): request → typed action input, action output → S3's response.
import { AwsError } from "../../errors.js";
import { S3_XMLNS, xmlResponse } from "../../protocols/rest-xml.js";
import { parseXml, XML_DECL, xmlEscape } from "../../protocols/xml.js";
import type { EngineContext, LocalRequest, LocalResponse } from "../../types.js";
import { getBucket } from "./buckets.js";
import { decodeAwsChunked, isAwsChunked } from "./chunked.js";
import { copyObject } from "./copy-object.js";
import { type CreateBucketInput, createBucket } from "./create-bucket.js";
import { createSession } from "./create-session.js";
import { deleteBucket } from "./delete-bucket.js";
import { deleteObject } from "./delete-object.js";
import { deleteObjects } from "./delete-objects.js";
import { getObject } from "./get-object.js";
import { headBucket } from "./head-bucket.js";
import { headObject } from "./head-object.js";
import { listBuckets, listDirectoryBuckets } from "./list-buckets.js";
import { listObjectsV2 } from "./list-objects-v2.js";
import type { StoredObject } from "./objects.js";
import { putObject } from "./put-object.js";

/** Object headers S3 stores and returns as they were sent. */
const KEPT_HEADERS = [
  "cache-control",
  "content-disposition",
  "content-language",
  "expires",
  "x-amz-checksum-crc32",
  "x-amz-checksum-crc32c",
  "x-amz-checksum-crc64nvme",
  "x-amz-checksum-sha1",
  "x-amz-checksum-sha256",
  "x-amz-storage-class",
  "x-amz-website-redirect-location",
];

function ok(headers: Record<string, string> = {}, status = 200): LocalResponse {
  return { status, headers: { "content-length": "0", ...headers }, body: "" };
}

export async function createBucketHttp(
  ctx: EngineContext,
  req: LocalRequest,
  bucket: string,
): Promise<LocalResponse> {
  let configuration: CreateBucketInput["configuration"];
  const text = req.body.toString("utf8").trim();
  if (text !== "") {
    const doc = parseXml(text);
    const root = doc.CreateBucketConfiguration;
    if (root === undefined) {
      throw new AwsError(
        "MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published schema",
      );
    }
    configuration = (typeof root === "object" && root !== null ? root : {}) as typeof configuration;
  }
  const out = await createBucket(ctx, { bucket, region: req.region, configuration });
  return ok({ location: out.location });
}

export async function headBucketHttp(ctx: EngineContext, bucket: string): Promise<LocalResponse> {
  const out = await headBucket(ctx, { bucket });
  return ok({
    "x-amz-bucket-region": out.BucketRegion,
    ...(out.BucketLocationType
      ? {
          "x-amz-bucket-location-type": out.BucketLocationType,
          "x-amz-bucket-location-name": out.BucketLocationName ?? "",
        }
      : {}),
  });
}

export async function deleteBucketHttp(ctx: EngineContext, bucket: string): Promise<LocalResponse> {
  await deleteBucket(ctx, { bucket });
  return ok({}, 204);
}

export async function listBucketsHttp(ctx: EngineContext): Promise<LocalResponse> {
  const out = await listBuckets(ctx);
  return xmlResponse("ListAllMyBucketsResult", {
    Owner: out.Owner,
    Buckets: { Bucket: out.Buckets },
  });
}

export async function listDirectoryBucketsHttp(ctx: EngineContext): Promise<LocalResponse> {
  const out = await listDirectoryBuckets(ctx);
  return xmlResponse("ListAllMyDirectoryBucketsResult", { Buckets: { Bucket: out.Buckets } });
}

export async function createSessionHttp(
  ctx: EngineContext,
  req: LocalRequest,
  bucket: string,
): Promise<LocalResponse> {
  const mode = req.headers["x-amz-create-session-mode"];
  const out = await createSession(ctx, { bucket, sessionMode: mode });
  return xmlResponse("CreateSessionResult", { Credentials: { ...out.Credentials } });
}

export async function getBucketLocationHttp(
  ctx: EngineContext,
  bucket: string,
): Promise<LocalResponse> {
  const b = await getBucket(ctx, bucket);
  // us-east-1 is the empty LocationConstraint.
  const region = b.Region === "us-east-1" ? "" : xmlEscape(b.Region);
  return {
    status: 200,
    headers: { "content-type": "application/xml" },
    body: `${XML_DECL}<LocationConstraint xmlns="${S3_XMLNS}">${region}</LocationConstraint>`,
  };
}

function urlEncodeKey(s: string): string {
  return encodeURIComponent(s).replace(/%2F/g, "/");
}

export async function listObjectsHttp(
  ctx: EngineContext,
  req: LocalRequest,
  bucket: string,
  version: 1 | 2,
): Promise<LocalResponse> {
  const q = req.query;
  const maxKeysText = q.get("max-keys");
  const maxKeys = maxKeysText === null ? undefined : Number(maxKeysText);
  if (maxKeys !== undefined && (!Number.isInteger(maxKeys) || maxKeys < 0)) {
    throw new AwsError(
      "InvalidArgument",
      "Provided max-keys not an integer or within integer range",
      400,
      {
        ArgumentName: "max-keys",
        ArgumentValue: maxKeysText,
      },
    );
  }
  const encodingType = q.get("encoding-type") ?? undefined;
  if (encodingType !== undefined && encodingType !== "url") {
    throw new AwsError("InvalidArgument", "Invalid Encoding Method specified in Request", 400, {
      ArgumentName: "encoding-type",
      ArgumentValue: encodingType,
    });
  }
  const enc = (s: string) => (encodingType === "url" ? urlEncodeKey(s) : s);
  const prefix = q.get("prefix") ?? "";
  const delimiter = q.get("delimiter") || undefined;
  const out = await listObjectsV2(ctx, {
    bucket,
    prefix,
    delimiter,
    maxKeys,
    continuationToken: version === 2 ? (q.get("continuation-token") ?? undefined) : undefined,
    startAfter:
      version === 2 ? (q.get("start-after") ?? undefined) : (q.get("marker") ?? undefined),
  });
  const contents = out.Contents.map((o) => ({
    Key: enc(o.Key),
    LastModified: o.LastModified,
    ETag: o.ETag,
    Size: o.Size,
    StorageClass: "STANDARD",
  }));
  const common = out.CommonPrefixes.map((p) => ({ Prefix: enc(p) }));
  const head =
    version === 2
      ? {
          Name: bucket,
          Prefix: enc(prefix),
          ...(delimiter ? { Delimiter: enc(delimiter) } : {}),
          MaxKeys: maxKeys ?? 1000,
          KeyCount: out.KeyCount,
          IsTruncated: out.IsTruncated,
          ...(q.get("continuation-token") !== null
            ? { ContinuationToken: q.get("continuation-token") }
            : {}),
          ...(out.NextContinuationToken
            ? { NextContinuationToken: out.NextContinuationToken }
            : {}),
          ...(q.get("start-after") !== null ? { StartAfter: enc(q.get("start-after") ?? "") } : {}),
        }
      : {
          Name: bucket,
          Prefix: enc(prefix),
          Marker: enc(q.get("marker") ?? ""),
          ...(delimiter ? { Delimiter: enc(delimiter) } : {}),
          MaxKeys: maxKeys ?? 1000,
          IsTruncated: out.IsTruncated,
          ...(out.IsTruncated && delimiter
            ? {
                NextMarker: enc(
                  common.length > 0 && contents.length === 0
                    ? out.CommonPrefixes[out.CommonPrefixes.length - 1]
                    : (out.Contents[out.Contents.length - 1]?.Key ?? ""),
                ),
              }
            : {}),
        };
  return xmlResponse("ListBucketResult", {
    ...head,
    ...(encodingType ? { EncodingType: encodingType } : {}),
    Contents: contents,
    CommonPrefixes: common,
  });
}

export async function putObjectHttp(
  ctx: EngineContext,
  req: LocalRequest,
  bucket: string,
  key: string,
): Promise<LocalResponse> {
  let body = req.body;
  const headers: Record<string, string> = {};
  if (isAwsChunked(req.headers)) {
    const decoded = decodeAwsChunked(body);
    body = decoded.payload;
    for (const [k, v] of Object.entries(decoded.trailers)) {
      if (KEPT_HEADERS.includes(k)) headers[k] = v;
    }
  }
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (k.startsWith("x-amz-meta-")) metadata[k.slice("x-amz-meta-".length)] = v;
    else if (KEPT_HEADERS.includes(k)) headers[k] = v;
  }
  const contentEncoding = (req.headers["content-encoding"] ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "" && e !== "aws-chunked")
    .join(",");
  if (contentEncoding) headers["content-encoding"] = contentEncoding;
  const out = await putObject(ctx, {
    bucket,
    key,
    body,
    contentType: req.headers["content-type"],
    contentMd5: req.headers["content-md5"],
    metadata,
    headers,
  });
  const checksums = Object.fromEntries(
    Object.entries(out.headers).filter(([k]) => k.startsWith("x-amz-checksum-")),
  );
  return ok({ etag: out.ETag, ...checksums });
}

function objectHeaders(o: StoredObject, withChecksums: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": o.ContentType,
    etag: o.ETag,
    "last-modified": new Date(o.LastModified).toUTCString(),
    "accept-ranges": "bytes",
  };
  for (const [k, v] of Object.entries(o.Headers)) {
    if (k.startsWith("x-amz-checksum-") && !withChecksums) continue;
    headers[k] = v;
  }
  for (const [k, v] of Object.entries(o.Metadata)) headers[`x-amz-meta-${k}`] = v;
  return headers;
}

export async function getObjectHttp(
  ctx: EngineContext,
  req: LocalRequest,
  bucket: string,
  key: string,
): Promise<LocalResponse> {
  const range = req.headers.range;
  const out = await getObject(ctx, { bucket, key, range });
  const headers = objectHeaders(out.object, !out.contentRange);
  if (out.contentRange) headers["content-range"] = out.contentRange;
  headers["content-length"] = String(out.body.length);
  return { status: out.contentRange ? 206 : 200, headers, body: out.body };
}

export async function headObjectHttp(
  ctx: EngineContext,
  bucket: string,
  key: string,
): Promise<LocalResponse> {
  const o = await headObject(ctx, { bucket, key });
  return { status: 200, headers: { ...objectHeaders(o, true), "content-length": String(o.Size) } };
}

export async function deleteObjectHttp(
  ctx: EngineContext,
  bucket: string,
  key: string,
): Promise<LocalResponse> {
  await deleteObject(ctx, { bucket, key });
  return ok({}, 204);
}

const malformedXml = () =>
  new AwsError(
    "MalformedXML",
    "The XML you provided was not well-formed or did not validate against our published schema",
  );

/**
 * The keys of a DeleteObjects body, checked against S3's schema before anything is deleted:
 * 1 to 1000 <Object> elements, each with one text <Key> (and optionally a text <VersionId>), and
 * an optional <Quiet> true|false. Anything else is MalformedXML, as S3 answers it.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
 */
function deleteRequest(body: string): { keys: string[]; quiet: boolean } {
  const root = parseXml(body).Delete;
  if (!root || typeof root !== "object" || Array.isArray(root)) throw malformedXml();
  const { Object: object, Quiet: quiet } = root as { Object?: unknown; Quiet?: unknown };
  const objects = Array.isArray(object) ? object : object === undefined ? [] : [object];
  if (objects.length === 0 || objects.length > 1000) throw malformedXml();
  if (quiet !== undefined && quiet !== "true" && quiet !== "false") throw malformedXml();
  const keys = objects.map((o) => {
    if (!o || typeof o !== "object" || Array.isArray(o)) throw malformedXml();
    const { Key: key, VersionId: versionId } = o as { Key?: unknown; VersionId?: unknown };
    if (typeof key !== "string") throw malformedXml();
    if (versionId !== undefined && typeof versionId !== "string") throw malformedXml();
    return key;
  });
  return { keys, quiet: quiet === "true" };
}

export async function deleteObjectsHttp(
  ctx: EngineContext,
  req: LocalRequest,
  bucket: string,
): Promise<LocalResponse> {
  const { keys, quiet } = deleteRequest(req.body.toString("utf8"));
  const out = await deleteObjects(ctx, { bucket, keys });
  return xmlResponse("DeleteResult", {
    Deleted: quiet ? [] : out.Deleted,
    Error: out.Errors,
  });
}

/** `x-amz-copy-source`: "bucket/key" or "/bucket/key", URL-encoded, optional ?versionId. */
function parseCopySource(source: string): { bucket: string; key: string } {
  let s = source.split("?")[0];
  try {
    s = decodeURIComponent(s);
  } catch {
    throw new AwsError("InvalidArgument", "Invalid copy source encoding", 400);
  }
  if (s.startsWith("/")) s = s.slice(1);
  const slash = s.indexOf("/");
  if (slash <= 0 || slash === s.length - 1) {
    throw new AwsError(
      "InvalidArgument",
      "Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
      400,
      {
        ArgumentName: "x-amz-copy-source",
        ArgumentValue: source,
      },
    );
  }
  return { bucket: s.slice(0, slash), key: s.slice(slash + 1) };
}

export async function copyObjectHttp(
  ctx: EngineContext,
  req: LocalRequest,
  bucket: string,
  key: string,
): Promise<LocalResponse> {
  const source = parseCopySource(req.headers["x-amz-copy-source"] ?? "");
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (k.startsWith("x-amz-meta-")) metadata[k.slice("x-amz-meta-".length)] = v;
  }
  const out = await copyObject(ctx, {
    bucket,
    key,
    sourceBucket: source.bucket,
    sourceKey: source.key,
    metadataDirective: req.headers["x-amz-metadata-directive"],
    contentType: req.headers["content-type"],
    metadata,
  });
  return xmlResponse("CopyObjectResult", { ETag: out.ETag, LastModified: out.LastModified });
}
