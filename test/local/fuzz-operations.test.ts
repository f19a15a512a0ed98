// Structured fuzzing: known operations of every service with random inputs — deeper than random
// bytes. Each request gets a 2xx or an AWS-shaped 4xx error (S3's 501 only for the operations of
// S3_NOT_IMPLEMENTED), the engine keeps serving, and state the fuzzer never names is untouched.
import { Agent } from "node:http";
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdTable } from "../support/dynamodb.js";
import { useEngine } from "../support/engine.js";
import { awsShaped, FUZZ_TIMEOUT, fuzzRuns, scopeAuth, sendRaw } from "../support/http.js";
import { operationRequests, type FuzzRequest as Req, replyProblem } from "./fuzz-requests.js";

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

function send(port: number, r: Req) {
  const headers = { ...r.headers, authorization: scopeAuth(r.service) };
  return sendRaw(port, { ...r, headers }, agent, 15_000);
}

describe("fuzzing every operation with random inputs", () => {
  const engine = useEngine();
  let db: DynamoDBClient;
  let s3: S3Client;
  let uploadId = "";
  beforeAll(async () => {
    // A bucket the fuzzer names, with an object it cannot name (its keys are short): a
    // DeleteObjects body whose <Key> is not text must delete nothing, not "[object Object]".
    s3 = engine.client(S3Client, { forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: "lotes" }));
    await s3.send(new PutObjectCommand({ Bucket: "lotes", Key: "[object Object]", Body: "ok" }));
    const upload = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: "lotes", Key: "fixo" }),
    );
    uploadId = upload.UploadId ?? "";
    db = engine.client(DynamoDBClient);
    await createIdTable(db, "intocada");
    await db.send(
      new PutItemCommand({ TableName: "intocada", Item: { id: { S: "1" }, v: { S: "ok" } } }),
    );
  });
  afterAll(() => agent.destroy());

  it(
    "answers each with a 2xx or a 4xx AWS error and keeps its other state intact",
    async () => {
      await fc.assert(
        fc.asyncProperty(operationRequests, async (r) => {
          const path = r.path.replace("UPLOAD", uploadId);
          const reply = await send(engine.port, {
            ...r,
            path,
            body: r.method === "GET" || r.method === "HEAD" ? "" : r.body,
          });
          expect(
            replyProblem(r.method, r.path, reply),
            `${r.service} ${r.method} ${r.path} ${r.body} → ${reply.status} ${reply.body}`,
          ).toBeUndefined();
        }),
        { numRuns: fuzzRuns(300) },
      );
      const got = await db.send(
        new GetItemCommand({ TableName: "intocada", Key: { id: { S: "1" } } }),
      );
      expect(got.Item).toEqual({ id: { S: "1" }, v: { S: "ok" } });
      const kept = await s3.send(new GetObjectCommand({ Bucket: "lotes", Key: "[object Object]" }));
      expect(await kept.Body?.transformToString()).toBe("ok");
    },
    FUZZ_TIMEOUT,
  );
});

describe("fuzzing every operation with strict SigV4 on", () => {
  const engine = useEngine({ credentials: { AKIALOCAL: "segredo" } });
  afterAll(() => agent.destroy());

  it(
    "refuses every request signed with a wrong signature or an unknown key with a 4xx AWS error",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          operationRequests,
          fc.constantFrom("AKIALOCAL", "test", ""),
          async (r, key) => {
            const authorization = `AWS4-HMAC-SHA256 Credential=${key}/20260101/us-east-1/${r.service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`;
            const reply = await sendRaw(
              engine.port,
              {
                ...r,
                headers: { ...r.headers, authorization, "x-amz-date": "20260101T000000Z" },
                body: r.method === "GET" || r.method === "HEAD" ? "" : r.body,
              },
              agent,
            );
            const what = `${r.service} ${r.method} ${r.path} → ${reply.status} ${reply.body}`;
            expect(reply.status, what).toBeGreaterThanOrEqual(400);
            expect(reply.status, what).toBeLessThan(500);
            expect(awsShaped(r.method, reply), what).toBe(true);
          },
        ),
        { numRuns: fuzzRuns(150) },
      );
    },
    FUZZ_TIMEOUT,
  );
});
