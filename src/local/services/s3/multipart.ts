// Multipart uploads: Create, UploadPart, Complete, Abort. Parts are files under
// <home>/s3/uploads/<uploadId>/; the upload's description is a JSON document beside them.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html
import { createHash, randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { AwsError } from "../../errors.js";
import { readJson, writeFileAtomic } from "../../store.js";
import type { EngineContext } from "../../types.js";
import { getBucket } from "./buckets.js";
import { writeObject } from "./objects.js";

interface Upload {
  Bucket: string;
  Key: string;
  ContentType: string;
  Metadata: Record<string, string>;
  Headers: Record<string, string>;
  Initiated: string;
}

const MIN_PART = 5 * 1024 * 1024;

function uploadDir(ctx: Pick<EngineContext, "home">, uploadId: string): string {
  return join(ctx.home, "s3", "uploads", uploadId);
}

function noSuchUpload(uploadId: string): AwsError {
  return new AwsError(
    "NoSuchUpload",
    "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
    404,
    { UploadId: uploadId },
  );
}

async function loadUpload(
  ctx: EngineContext,
  bucket: string,
  key: string,
  uploadId: string,
): Promise<Upload> {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(uploadId)) throw noSuchUpload(uploadId);
  const upload = await readJson<Upload | undefined>(
    join(uploadDir(ctx, uploadId), "upload.json"),
    undefined,
  );
  if (!upload || upload.Bucket !== bucket || upload.Key !== key) throw noSuchUpload(uploadId);
  return upload;
}

export async function createMultipartUpload(
  ctx: EngineContext,
  input: {
    bucket: string;
    key: string;
    contentType?: string;
    metadata?: Record<string, string>;
    headers?: Record<string, string>;
  },
): Promise<{ UploadId: string }> {
  await getBucket(ctx, input.bucket);
  const uploadId = randomBytes(24).toString("base64url");
  const upload: Upload = {
    Bucket: input.bucket,
    Key: input.key,
    ContentType: input.contentType || "binary/octet-stream",
    Metadata: input.metadata ?? {},
    Headers: input.headers ?? {},
    Initiated: new Date().toISOString(),
  };
  await writeFileAtomic(join(uploadDir(ctx, uploadId), "upload.json"), JSON.stringify(upload));
  return { UploadId: uploadId };
}

export async function uploadPart(
  ctx: EngineContext,
  input: { bucket: string; key: string; uploadId: string; partNumber: number; body: Buffer },
): Promise<{ ETag: string }> {
  await getBucket(ctx, input.bucket);
  await loadUpload(ctx, input.bucket, input.key, input.uploadId);
  if (!Number.isInteger(input.partNumber) || input.partNumber < 1 || input.partNumber > 10000) {
    throw new AwsError(
      "InvalidArgument",
      "Part number must be an integer between 1 and 10000, inclusive",
      400,
      {
        ArgumentName: "partNumber",
        ArgumentValue: String(input.partNumber),
      },
    );
  }
  await writeFileAtomic(
    join(uploadDir(ctx, input.uploadId), `part-${input.partNumber}`),
    input.body,
  );
  return { ETag: `"${createHash("md5").update(input.body).digest("hex")}"` };
}

export async function completeMultipartUpload(
  ctx: EngineContext,
  input: {
    bucket: string;
    key: string;
    uploadId: string;
    parts: { PartNumber: number; ETag: string }[];
  },
): Promise<{ ETag: string }> {
  await getBucket(ctx, input.bucket);
  const upload = await loadUpload(ctx, input.bucket, input.key, input.uploadId);
  if (input.parts.length === 0) {
    throw new AwsError(
      "MalformedXML",
      "The XML you provided was not well-formed or did not validate against our published schema",
    );
  }
  const invalidPart = () =>
    new AwsError(
      "InvalidPart",
      "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
    );
  const bodies: Buffer[] = [];
  const digests: Buffer[] = [];
  let previous = 0;
  for (const [i, part] of input.parts.entries()) {
    if (!(part.PartNumber > previous)) {
      throw new AwsError(
        "InvalidPartOrder",
        "The list of parts was not in ascending order. The parts list must be specified in order by part number.",
      );
    }
    previous = part.PartNumber;
    let body: Buffer;
    try {
      body = await readFile(join(uploadDir(ctx, input.uploadId), `part-${part.PartNumber}`));
    } catch {
      throw invalidPart();
    }
    const md5 = createHash("md5").update(body).digest();
    if (part.ETag.replace(/"/g, "") !== md5.toString("hex")) throw invalidPart();
    if (i < input.parts.length - 1 && body.length < MIN_PART) {
      throw new AwsError(
        "EntityTooSmall",
        "Your proposed upload is smaller than the minimum allowed object size.",
      );
    }
    bodies.push(body);
    digests.push(md5);
  }
  const etag = `"${createHash("md5").update(Buffer.concat(digests)).digest("hex")}-${digests.length}"`;
  const stored = await writeObject(
    ctx,
    input.bucket,
    {
      Key: upload.Key,
      ContentType: upload.ContentType,
      Metadata: upload.Metadata,
      Headers: upload.Headers,
    },
    Buffer.concat(bodies),
    etag,
  );
  await rm(uploadDir(ctx, input.uploadId), { recursive: true, force: true });
  return { ETag: stored.ETag };
}

export async function abortMultipartUpload(
  ctx: EngineContext,
  input: { bucket: string; key: string; uploadId: string },
): Promise<void> {
  await getBucket(ctx, input.bucket);
  await loadUpload(ctx, input.bucket, input.key, input.uploadId);
  await rm(uploadDir(ctx, input.uploadId), { recursive: true, force: true });
}
