import { AwsError } from "../../errors.js";
import type { EngineContext } from "../../types.js";
import { getBucket } from "./buckets.js";
import { findObject, noSuchKey, readObjectBody, writeObject } from "./objects.js";

export interface CopyObjectInput {
  bucket: string;
  key: string;
  sourceBucket: string;
  sourceKey: string;
  /** COPY (default) keeps the source's metadata; REPLACE takes the given one. */
  metadataDirective?: string;
  contentType?: string;
  metadata?: Record<string, string>;
}

export async function copyObject(
  ctx: EngineContext,
  input: CopyObjectInput,
): Promise<{ ETag: string; LastModified: string }> {
  await getBucket(ctx, input.sourceBucket);
  await getBucket(ctx, input.bucket);
  const source = await findObject(ctx, input.sourceBucket, input.sourceKey);
  if (!source) throw noSuchKey(input.sourceKey);
  const directive = input.metadataDirective ?? "COPY";
  if (directive !== "COPY" && directive !== "REPLACE") {
    throw new AwsError("InvalidArgument", "Unknown metadata directive.", 400, {
      ArgumentName: "x-amz-metadata-directive",
      ArgumentValue: directive,
    });
  }
  if (
    directive === "COPY" &&
    input.bucket === input.sourceBucket &&
    input.key === input.sourceKey
  ) {
    throw new AwsError(
      "InvalidRequest",
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const body = await readObjectBody(ctx, input.sourceBucket, source);
  const replace = directive === "REPLACE";
  const stored = await writeObject(
    ctx,
    input.bucket,
    {
      Key: input.key,
      ContentType: replace ? input.contentType || "binary/octet-stream" : source.ContentType,
      Metadata: replace ? (input.metadata ?? {}) : source.Metadata,
      Headers: source.Headers,
    },
    body,
  );
  return { ETag: stored.ETag, LastModified: stored.LastModified };
}
