import { createHash } from "node:crypto";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  NoSuchUpload,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { useEngine } from "../support/engine.js";

describe("s3 multipart uploads on the local engine", () => {
  const engine = useEngine();
  const client = () => engine.client(S3Client, { forcePathStyle: true });

  it("assembles multipart uploads and refuses bad parts with S3's errors", async () => {
    const s3 = client();
    const Bucket = "partes";
    await s3.send(new CreateBucketCommand({ Bucket }));
    const first = Buffer.alloc(5 * 1024 * 1024, 1);
    const last = Buffer.from("fim");
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket, Key: "grande", ContentType: "application/zip" }),
    );
    const p1 = await s3.send(
      new UploadPartCommand({ Bucket, Key: "grande", UploadId, PartNumber: 1, Body: first }),
    );
    const p2 = await s3.send(
      new UploadPartCommand({ Bucket, Key: "grande", UploadId, PartNumber: 2, Body: last }),
    );
    const wrong = await s3
      .send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: "grande",
          UploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 1, ETag: p2.ETag },
              { PartNumber: 2, ETag: p2.ETag },
            ],
          },
        }),
      )
      .catch((e) => e);
    expect(wrong.name).toBe("InvalidPart");
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key: "grande",
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: p1.ETag },
            { PartNumber: 2, ETag: p2.ETag },
          ],
        },
      }),
    );
    const digests = Buffer.concat([first, last].map((b) => createHash("md5").update(b).digest()));
    expect(done.ETag).toBe(`"${createHash("md5").update(digests).digest("hex")}-2"`);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: "grande" }));
    const bytes = Buffer.from((await got.Body?.transformToByteArray()) ?? []);
    expect(bytes.equals(Buffer.concat([first, last]))).toBe(true);
    expect(got.ContentType).toBe("application/zip");

    const small = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: "pequeno" }));
    const a = await s3.send(
      new UploadPartCommand({
        Bucket,
        Key: "pequeno",
        UploadId: small.UploadId,
        PartNumber: 1,
        Body: "a",
      }),
    );
    const b = await s3.send(
      new UploadPartCommand({
        Bucket,
        Key: "pequeno",
        UploadId: small.UploadId,
        PartNumber: 2,
        Body: "b",
      }),
    );
    const tooSmall = await s3
      .send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: "pequeno",
          UploadId: small.UploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 1, ETag: a.ETag },
              { PartNumber: 2, ETag: b.ETag },
            ],
          },
        }),
      )
      .catch((e) => e);
    expect(tooSmall.name).toBe("EntityTooSmall");
    await s3.send(
      new AbortMultipartUploadCommand({ Bucket, Key: "pequeno", UploadId: small.UploadId }),
    );
    const aborted = await s3
      .send(
        new UploadPartCommand({
          Bucket,
          Key: "pequeno",
          UploadId: small.UploadId,
          PartNumber: 3,
          Body: "c",
        }),
      )
      .catch((e) => e);
    expect(aborted).toBeInstanceOf(NoSuchUpload);
  });
});
