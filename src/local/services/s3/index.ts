// S3 and S3 Express One Zone (restXml): buckets (general purpose and directory), sessions and
// objects. Served for both the "s3" and "s3express" credential scopes.
import { AwsError } from "../../errors.js";
import { xmlErrorResponse } from "../../protocols/rest-xml.js";
import type { EngineContext, LocalRequest, LocalResponse, Service } from "../../types.js";
import { s3Address } from "./addressing.js";
import { forgetBuckets } from "./buckets.js";
import { copyObject } from "./copy-object.js";
import { createBucket } from "./create-bucket.js";
import { createSession } from "./create-session.js";
import { deleteBucket } from "./delete-bucket.js";
import { deleteObject } from "./delete-object.js";
import { deleteObjects } from "./delete-objects.js";
import { getObject } from "./get-object.js";
import { headBucket } from "./head-bucket.js";
import { headObject } from "./head-object.js";
import * as http from "./http.js";
import * as mpu from "./http-multipart.js";
import { listBuckets, listDirectoryBuckets } from "./list-buckets.js";
import { listObjectsV2 } from "./list-objects-v2.js";
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  uploadPart,
} from "./multipart.js";
import { forgetObjects } from "./objects.js";
import { putObject } from "./put-object.js";
import { methodNotAllowed, unsupportedSubresource } from "./unsupported.js";

/** The actions, for in-process callers (the Step Functions task runner). */
export const s3Actions = {
  createBucket,
  headBucket,
  deleteBucket,
  listBuckets,
  listDirectoryBuckets,
  createSession,
  putObject,
  getObject,
  headObject,
  deleteObject,
  deleteObjects,
  copyObject,
  listObjectsV2,
  createMultipartUpload,
  uploadPart,
  completeMultipartUpload,
  abortMultipartUpload,
};

async function route(req: LocalRequest, ctx: EngineContext): Promise<LocalResponse> {
  const { bucket, key } = s3Address(req.host, req.path);
  const q = req.query;
  const m = req.method;
  if (bucket && key === "" && m === "POST" && q.has("delete")) {
    return http.deleteObjectsHttp(ctx, req, bucket);
  }
  if (bucket && key !== "") {
    if (m === "POST" && q.has("uploads"))
      return mpu.createMultipartUploadHttp(ctx, req, bucket, key);
    if (q.has("uploadId")) {
      // UploadPart checks its partNumber (InvalidArgument when missing).
      if (m === "PUT") return mpu.uploadPartHttp(ctx, req, bucket, key);
      if (m === "POST") return mpu.completeMultipartUploadHttp(ctx, req, bucket, key);
      if (m === "DELETE") return mpu.abortMultipartUploadHttp(ctx, req, bucket, key);
    }
  }
  if (bucket) {
    const unsupported = unsupportedSubresource(m, q, key === "" ? "BUCKET" : "OBJECT");
    if (unsupported) throw unsupported;
  }
  if (!bucket) {
    if (m !== "GET") throw methodNotAllowed(m, "SERVICE");
    if (req.service === "s3express" || q.get("x-id") === "ListDirectoryBuckets") {
      return http.listDirectoryBucketsHttp(ctx);
    }
    return http.listBucketsHttp(ctx);
  }
  if (key === "") {
    if (m === "GET" && q.has("session")) return http.createSessionHttp(ctx, req, bucket);
    if (m === "GET" && q.has("location")) return http.getBucketLocationHttp(ctx, bucket);
    if (m === "GET")
      return http.listObjectsHttp(ctx, req, bucket, q.get("list-type") === "2" ? 2 : 1);
    if (m === "PUT") return http.createBucketHttp(ctx, req, bucket);
    if (m === "HEAD") return http.headBucketHttp(ctx, bucket);
    if (m === "DELETE") return http.deleteBucketHttp(ctx, bucket);
    throw methodNotAllowed(m, "BUCKET");
  }
  if (m === "PUT") {
    if (req.headers["x-amz-copy-source"]) return http.copyObjectHttp(ctx, req, bucket, key);
    return http.putObjectHttp(ctx, req, bucket, key);
  }
  if (m === "GET") return http.getObjectHttp(ctx, req, bucket, key);
  if (m === "HEAD") return http.headObjectHttp(ctx, bucket, key);
  if (m === "DELETE") return http.deleteObjectHttp(ctx, bucket, key);
  throw methodNotAllowed(m, "OBJECT");
}

export function createS3Service(): Service {
  let home: string | undefined;
  return {
    name: "s3",
    async start(ctx) {
      home = ctx.home;
    },
    async stop() {
      if (home) {
        forgetBuckets(home);
        forgetObjects(home);
      }
    },
    async handle(req, ctx) {
      try {
        return await route(req, ctx);
      } catch (err) {
        if (!(err instanceof AwsError)) ctx.log(`s3: ${(err as Error)?.stack ?? String(err)}`);
        return xmlErrorResponse(err, { head: req.method === "HEAD" });
      }
    },
  };
}
