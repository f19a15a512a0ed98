// Multipart uploads over HTTP (restXml).
import { AwsError } from "../../errors.js";
import { xmlResponse } from "../../protocols/rest-xml.js";
import { parseXml } from "../../protocols/xml.js";
import type { EngineContext, LocalRequest, LocalResponse } from "../../types.js";
import { decodeAwsChunked, isAwsChunked } from "./chunked.js";
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  uploadPart,
} from "./multipart.js";

const malformed = () =>
  new AwsError(
    "MalformedXML",
    "The XML you provided was not well-formed or did not validate against our published schema",
  );

export async function createMultipartUploadHttp(
  ctx: EngineContext,
  req: LocalRequest,
  bucket: string,
  key: string,
): Promise<LocalResponse> {
  const metadata: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (k.startsWith("x-amz-meta-")) metadata[k.slice("x-amz-meta-".length)] = v;
    else if (["cache-control", "content-disposition", "content-language", "expires"].includes(k)) {
      headers[k] = v;
    }
  }
  const out = await createMultipartUpload(ctx, {
    bucket,
    key,
    contentType: req.headers["content-type"],
    metadata,
    headers,
  });
  return xmlResponse("InitiateMultipartUploadResult", {
    Bucket: bucket,
    Key: key,
    UploadId: out.UploadId,
  });
}

export async function uploadPartHttp(
  ctx: EngineContext,
  req: LocalRequest,
  bucket: string,
  key: string,
): Promise<LocalResponse> {
  const body = isAwsChunked(req.headers) ? decodeAwsChunked(req.body).payload : req.body;
  const out = await uploadPart(ctx, {
    bucket,
    key,
    uploadId: req.query.get("uploadId") ?? "",
    partNumber: Number(req.query.get("partNumber")),
    body,
  });
  return { status: 200, headers: { etag: out.ETag, "content-length": "0" }, body: "" };
}

export async function completeMultipartUploadHttp(
  ctx: EngineContext,
  req: LocalRequest,
  bucket: string,
  key: string,
): Promise<LocalResponse> {
  const doc = parseXml(req.body.toString("utf8"));
  const root = doc.CompleteMultipartUpload as { Part?: unknown } | undefined;
  if (!root || typeof root !== "object") throw malformed();
  const raw = Array.isArray(root.Part) ? root.Part : root.Part ? [root.Part] : [];
  const parts = raw.map((p) => {
    const part = (p ?? {}) as { PartNumber?: unknown; ETag?: unknown };
    const n = Number(part.PartNumber);
    if (!Number.isInteger(n) || typeof part.ETag !== "string") throw malformed();
    return { PartNumber: n, ETag: part.ETag };
  });
  const out = await completeMultipartUpload(ctx, {
    bucket,
    key,
    uploadId: req.query.get("uploadId") ?? "",
    parts,
  });
  return xmlResponse("CompleteMultipartUploadResult", {
    Location: `${ctx.endpoint}/${bucket}/${encodeURIComponent(key).replace(/%2F/g, "/")}`,
    Bucket: bucket,
    Key: key,
    ETag: out.ETag,
  });
}

export async function abortMultipartUploadHttp(
  ctx: EngineContext,
  req: LocalRequest,
  bucket: string,
  key: string,
): Promise<LocalResponse> {
  await abortMultipartUpload(ctx, { bucket, key, uploadId: req.query.get("uploadId") ?? "" });
  return { status: 204, headers: { "content-length": "0" }, body: "" };
}
