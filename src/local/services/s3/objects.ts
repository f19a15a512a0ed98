// Object storage: each object's bytes in its own file (written atomically), and a JSON index
// per bucket with its metadata. A new version gets a new file, so concurrent writes of a key
// never mix one request's bytes with another's metadata.
import { createHash, randomBytes } from "node:crypto";
import { readFile, rm, unlink } from "node:fs/promises";
import { join } from "node:path";
import { AwsError } from "../../errors.js";
import { JsonDocument, writeFileAtomic } from "../../store.js";
import type { EngineContext } from "../../types.js";

export interface StoredObject {
  Key: string;
  /** File name under the bucket's data directory. */
  File: string;
  Size: number;
  /** Quoted MD5, as S3 returns it. */
  ETag: string;
  LastModified: string;
  ContentType: string;
  /** x-amz-meta-* (names without the prefix, lower-case). */
  Metadata: Record<string, string>;
  /** Other stored headers: cache-control, content-disposition, checksums… */
  Headers: Record<string, string>;
}

interface ObjectIndex {
  objects: Record<string, StoredObject>;
}

const indexes = new Map<string, JsonDocument<ObjectIndex>>();

function bucketDir(ctx: Pick<EngineContext, "home">, bucket: string): string {
  return join(ctx.home, "s3", "objects", bucket);
}

export function objectIndex(
  ctx: Pick<EngineContext, "home">,
  bucket: string,
): JsonDocument<ObjectIndex> {
  const file = join(ctx.home, "s3", "index", `${bucket}.json`);
  let doc = indexes.get(file);
  if (!doc) {
    doc = new JsonDocument(file, () => ({ objects: {} }));
    indexes.set(file, doc);
  }
  return doc;
}

export function forgetObjects(home: string): void {
  for (const key of [...indexes.keys()]) if (key.startsWith(home)) indexes.delete(key);
}

export function noSuchKey(key: string): AwsError {
  return new AwsError("NoSuchKey", "The specified key does not exist.", 404, { Key: key });
}

export async function findObject(
  ctx: Pick<EngineContext, "home">,
  bucket: string,
  key: string,
): Promise<StoredObject | undefined> {
  const index = await objectIndex(ctx, bucket).get();
  return Object.hasOwn(index.objects, key) ? index.objects[key] : undefined;
}

export async function countObjects(
  ctx: Pick<EngineContext, "home">,
  bucket: string,
): Promise<number> {
  return Object.keys((await objectIndex(ctx, bucket).get()).objects).length;
}

export async function writeObject(
  ctx: Pick<EngineContext, "home">,
  bucket: string,
  object: Omit<StoredObject, "File" | "ETag" | "Size" | "LastModified">,
  body: Buffer,
  /** Multipart uploads: the ETag of the assembled object ("md5-of-md5s-N"). */
  etag?: string,
): Promise<StoredObject> {
  const hash = createHash("sha256").update(object.Key).digest("hex");
  const file = `${hash}-${randomBytes(6).toString("hex")}`;
  await writeFileAtomic(join(bucketDir(ctx, bucket), file), body);
  const stored: StoredObject = {
    ...object,
    File: file,
    Size: body.length,
    ETag: etag ?? `"${createHash("md5").update(body).digest("hex")}"`,
    LastModified: new Date().toISOString(),
  };
  const old = await objectIndex(ctx, bucket).update((index) => {
    const previous = Object.hasOwn(index.objects, object.Key)
      ? index.objects[object.Key]
      : undefined;
    index.objects[object.Key] = stored;
    return previous;
  });
  if (old) await unlink(join(bucketDir(ctx, bucket), old.File)).catch(() => {});
  return stored;
}

export async function readObjectBody(
  ctx: Pick<EngineContext, "home">,
  bucket: string,
  object: StoredObject,
): Promise<Buffer> {
  return readFile(join(bucketDir(ctx, bucket), object.File));
}

export async function removeObject(
  ctx: Pick<EngineContext, "home">,
  bucket: string,
  key: string,
): Promise<void> {
  const old = await objectIndex(ctx, bucket).update((index) => {
    const previous = Object.hasOwn(index.objects, key) ? index.objects[key] : undefined;
    delete index.objects[key];
    return previous;
  });
  if (old) await unlink(join(bucketDir(ctx, bucket), old.File)).catch(() => {});
}

/** Removes a (now empty) bucket's index and data directory. */
export async function removeBucketData(
  ctx: Pick<EngineContext, "home">,
  bucket: string,
): Promise<void> {
  const index = objectIndex(ctx, bucket);
  indexes.delete(index.file);
  await rm(index.file, { force: true });
  await rm(bucketDir(ctx, bucket), { recursive: true, force: true });
}
