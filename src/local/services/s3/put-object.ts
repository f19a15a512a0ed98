import { createHash } from "node:crypto";
import { AwsError } from "../../errors.js";
import type { EngineContext } from "../../types.js";
import { getBucket } from "./buckets.js";
import { writeObject } from "./objects.js";

export interface PutObjectInput {
  bucket: string;
  key: string;
  body: Buffer;
  contentType?: string;
  /** Content-MD5 (base64); a mismatch is BadDigest. */
  contentMd5?: string;
  metadata?: Record<string, string>;
  /** Other headers kept with the object (cache-control, content-disposition, checksums…). */
  headers?: Record<string, string>;
}

export async function putObject(
  ctx: EngineContext,
  input: PutObjectInput,
): Promise<{ ETag: string; headers: Record<string, string> }> {
  await getBucket(ctx, input.bucket);
  if (input.key === "") throw new AwsError("InvalidArgument", "Key must not be empty");
  if (input.key.length > 1024) {
    throw new AwsError("KeyTooLongError", "Your key is too long", 400);
  }
  if (input.contentMd5 !== undefined) {
    const md5 = createHash("md5").update(input.body).digest("base64");
    if (md5 !== input.contentMd5) {
      throw new AwsError(
        "BadDigest",
        "The Content-MD5 you specified did not match what we received.",
        400,
      );
    }
  }
  const stored = await writeObject(
    ctx,
    input.bucket,
    {
      Key: input.key,
      ContentType: input.contentType || "binary/octet-stream",
      Metadata: input.metadata ?? {},
      Headers: input.headers ?? {},
    },
    input.body,
  );
  return { ETag: stored.ETag, headers: stored.Headers };
}
