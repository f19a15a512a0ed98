// Malformed requests thrown at every route: each gets a 2xx or an AWS-shaped 4xx/5xx error, and
// the engine keeps serving.
import { Agent, request } from "node:http";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/local/server.js";
import { credentials, region, startEngine, tempHome } from "./helpers.js";

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<Reply> {
  // Explicit framing: Node sends DELETE/OPTIONS bodies unframed otherwise.
  headers["content-length"] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, method, path, headers, agent, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error(`sem resposta: ${method} ${path}`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** An AWS error in one of the wire formats (or S3's empty HEAD error). */
function awsShaped(method: string, r: Reply): boolean {
  if (r.headers["x-amzn-errortype"]) return true;
  if (method === "HEAD") return r.body === "";
  const text = r.body.trim();
  if (/^(<\?xml[^>]*>\s*)?<(Error|ErrorResponse)\b[\s\S]*<Code>[^<]+<\/Code>/.test(text))
    return true;
  if (text === "<UnknownOperationException/>") return true;
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    return typeof json.__type === "string" || typeof json.code === "string";
  } catch {
    return false;
  }
}

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
  const tmp = tempHome();
  let engine: RunningServer;
  beforeAll(async () => {
    engine = await startEngine(tmp.home);
  });
  afterAll(async () => {
    agent.destroy();
    await engine?.close();
    tmp.cleanup();
  });

  it("answers every malformed request with a 2xx or an AWS-shaped error", async () => {
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
          const reply = await send(
            engine.port,
            method,
            p,
            headers,
            method === "GET" || method === "HEAD" ? "" : b,
          );
          expect(reply.status).toBeGreaterThanOrEqual(200);
          expect(reply.status).toBeLessThan(600);
          if (reply.status >= 300) {
            expect(awsShaped(method, reply), `${method} ${p} → ${reply.status} ${reply.body}`).toBe(
              true,
            );
          }
        },
      ),
      { numRuns: 200 },
    );
    const sts = new STSClient({ endpoint: engine.url, region, credentials });
    const id = await sts.send(new GetCallerIdentityCommand({}));
    expect(id.Account).toBe("000000000000");
  });
});
