// Structured fuzzing: known operations of every service with random inputs — deeper than random
// bytes. Each request gets a 2xx or an AWS-shaped error, the engine keeps serving, and state the
// fuzzer never names is untouched.
import { Agent, request } from "node:http";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/local/server.js";
import { operationRequests, type FuzzRequest as Req } from "./fuzz-requests.js";
import { credentials, region, startEngine, tempHome } from "./helpers.js";

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

function send(
  port: number,
  r: Req,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const headers = {
    ...r.headers,
    authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${r.service}/aws4_request, SignedHeaders=host, Signature=00`,
    "content-length": String(Buffer.byteLength(r.body)),
  };
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, method: r.method, path: r.path, headers, agent, timeout: 15_000 },
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
    req.on("timeout", () => req.destroy(new Error(`sem resposta: ${r.method} ${r.path}`)));
    req.on("error", reject);
    req.end(r.body);
  });
}

function awsShaped(method: string, r: { headers: Record<string, unknown>; body: string }): boolean {
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

describe("fuzzing every operation with random inputs", () => {
  const tmp = tempHome();
  let engine: RunningServer;
  let db: DynamoDBClient;
  beforeAll(async () => {
    engine = await startEngine(tmp.home);
    db = new DynamoDBClient({ endpoint: engine.url, region, credentials });
    await db.send(
      new CreateTableCommand({
        TableName: "intocada",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    while (
      (await db.send(new DescribeTableCommand({ TableName: "intocada" }))).Table?.TableStatus !==
      "ACTIVE"
    ) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await db.send(
      new PutItemCommand({ TableName: "intocada", Item: { id: { S: "1" }, v: { S: "ok" } } }),
    );
  });
  afterAll(async () => {
    agent.destroy();
    await engine?.close();
    tmp.cleanup();
  });

  it("answers each with a 2xx or an AWS error and keeps its other state intact", async () => {
    await fc.assert(
      fc.asyncProperty(operationRequests, async (r) => {
        const reply = await send(
          engine.port,
          r.method === "GET" || r.method === "HEAD" ? { ...r, body: "" } : r,
        );
        expect(reply.status).toBeGreaterThanOrEqual(200);
        expect(reply.status).toBeLessThan(600);
        if (reply.status >= 300) {
          expect(
            awsShaped(r.method, reply),
            `${r.service} ${r.method} ${r.path} ${r.body} → ${reply.status} ${reply.body}`,
          ).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    const got = await db.send(
      new GetItemCommand({ TableName: "intocada", Key: { id: { S: "1" } } }),
    );
    expect(got.Item).toEqual({ id: { S: "1" }, v: { S: "ok" } });
  });
});
