// Malformed requests thrown at every route: each gets a 2xx or an AWS-shaped 4xx error (or S3's
// 501 for an operation the engine does not implement, see S3_NOT_IMPLEMENTED), and the engine
// keeps serving. CONTABANCO_FUZZ_RUNS=5000 digs deeper than CI's default.
import { Agent } from "node:http";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { useEngine } from "../support/engine.js";
import { FUZZ_TIMEOUT, fuzzRuns, sendRaw } from "../support/http.js";
import { replyProblem } from "./fuzz-requests.js";

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

const services = [
  "dynamodb",
  "s3",
  "s3express",
  "glacier",
  "sts",
  "iam",
  "states",
  "lambda",
  "kinesis",
];

const authorization = fc.oneof(
  fc
    .constantFrom(...services)
    .map(
      (s) =>
        `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${s}/aws4_request, SignedHeaders=host, Signature=00`,
    ),
  fc.constant(""),
  fc.string({ maxLength: 40 }),
);

const segment = fc.oneof(
  fc.constantFrom(
    "",
    "-",
    "vaults",
    "access-policy",
    "2015-03-31",
    "functions",
    "invocations",
    "bucket",
    "b--use1-az4--x-s3",
    "000000000000",
    "%zz",
    "%2F",
    "..",
    "a+b",
  ),
  fc.string({ maxLength: 8 }).map(encodeURIComponent),
);

const path = fc
  .tuple(
    fc.array(segment, { maxLength: 5 }),
    fc.constantFrom(
      "",
      "?session",
      "?list-type=2",
      "?location",
      "?Action=GetCallerIdentity",
      "?x-id=PutObject",
      "?max-keys=abc",
      "?limit=0",
      "?acl",
      "?delete",
      "?uploads",
      "?uploadId=x&partNumber=1",
      "?tagging&versionId=1",
    ),
  )
  .map(([segs, q]) => `/${segs.join("/")}${q}`);

const target = fc.oneof(
  fc.constantFrom(
    "DynamoDB_20120810.GetItem",
    "DynamoDB_20120810.PutItem",
    "DynamoDB_20120810.Query",
    "DynamoDB_20120810.CreateTable",
    "DynamoDB_20120810.DescribeContinuousBackups",
    "DynamoDB_20120810.Nope",
    "AWSStepFunctions.StartExecution",
    "AWSStepFunctions.DescribeExecution",
    "AWSStepFunctions.CreateStateMachine",
    "Nope.Nope",
    "",
  ),
  fc.string({ maxLength: 20 }),
);

const body = fc.oneof(
  fc.constant(""),
  fc.string({ maxLength: 60 }),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom(
    "{",
    "null",
    "[]",
    '{"TableName":"t"}',
    '{"TableName":"contas","Key":{"id":{"S":"x"}}}',
    '{"Policy":"{"}',
    '{"name":"x","definition":"{","roleArn":"arn:aws:iam::000000000000:role/r"}',
    "<CreateBucketConfiguration><LocationConstraint>eu-west-1",
    "<CreateBucketConfiguration/>",
    "Action=CreateRole&RoleName=r&AssumeRolePolicyDocument=%7B",
    "Action=GetRole&RoleName=",
    "Action=Nope",
    "5\r\nabc\r\n0\r\n\r\n",
  ),
);

const contentType = fc.constantFrom(
  "",
  "application/x-amz-json-1.0",
  "application/json",
  "application/xml",
  "application/x-www-form-urlencoded",
  "text/plain",
);

describe("fuzzing every route", () => {
  const engine = useEngine();
  afterAll(() => agent.destroy());

  it(
    "answers every malformed request with a 2xx or an AWS-shaped 4xx error",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom("GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "OPTIONS"),
          path,
          authorization,
          target,
          contentType,
          body,
          fc.option(fc.constantFrom("aws-chunked", "gzip"), { nil: undefined }),
          fc.constantFrom(
            "127.0.0.1",
            "bucket.localhost",
            "b--use1-az4--x-s3.s3.localhost",
            "localhost",
          ),
          async (method, p, auth, tgt, ct, b, encoding, host) => {
            const headers: Record<string, string> = { host };
            if (auth) headers.authorization = auth.replace(/[^\x20-\x7e]/g, "");
            if (tgt) headers["x-amz-target"] = tgt.replace(/[^\x20-\x7e]/g, "");
            if (ct) headers["content-type"] = ct;
            if (encoding) headers["content-encoding"] = encoding;
            const body = method === "GET" || method === "HEAD" ? "" : b;
            const reply = await sendRaw(engine.port, { method, path: p, headers, body }, agent);
            const problem = replyProblem(method, p, reply);
            expect(problem, `${method} ${p} ${b} → ${reply.status} ${reply.body}`).toBeUndefined();
          },
        ),
        { numRuns: fuzzRuns(200) },
      );
      const sts = engine.client(STSClient);
      const id = await sts.send(new GetCallerIdentityCommand({}));
      expect(id.Account).toBe("000000000000");
    },
    FUZZ_TIMEOUT,
  );
});
