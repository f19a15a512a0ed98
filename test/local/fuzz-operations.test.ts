// Structured fuzzing: known operations of every service with random inputs — deeper than random
// bytes. Each request gets a 2xx or an AWS-shaped 4xx error (S3's 501 only for the operations of
// S3_NOT_IMPLEMENTED), the engine keeps serving, and state the fuzzer never names is untouched.
import { Agent } from "node:http";
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdTable } from "../support/dynamodb.js";
import { useEngine } from "../support/engine.js";
import { fuzzRuns, scopeAuth, sendRaw } from "../support/http.js";
import { operationRequests, type FuzzRequest as Req, replyProblem } from "./fuzz-requests.js";

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

function send(port: number, r: Req) {
  const headers = { ...r.headers, authorization: scopeAuth(r.service) };
  return sendRaw(port, { ...r, headers }, agent, 15_000);
}

describe("fuzzing every operation with random inputs", () => {
  const engine = useEngine();
  let db: DynamoDBClient;
  beforeAll(async () => {
    db = engine.client(DynamoDBClient);
    await createIdTable(db, "intocada");
    await db.send(
      new PutItemCommand({ TableName: "intocada", Item: { id: { S: "1" }, v: { S: "ok" } } }),
    );
  });
  afterAll(() => agent.destroy());

  it("answers each with a 2xx or a 4xx AWS error and keeps its other state intact", async () => {
    await fc.assert(
      fc.asyncProperty(operationRequests, async (r) => {
        const reply = await send(
          engine.port,
          r.method === "GET" || r.method === "HEAD" ? { ...r, body: "" } : r,
        );
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
  });
});
