// The DynamoDB thread of the engine, through DynaliteThread: a thread that dies (simulated by
// terminating it: no request is known to kill dynalite) fails only what it was doing, and the
// next request runs on a new thread over the same LevelDB store, data intact.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { DynaliteThread } from "../../src/local/services/dynamodb/dynalite-thread.js";

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

const TABLE = {
  TableName: "contas",
  BillingMode: "PAY_PER_REQUEST",
  KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
  AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
};
const KEY = { id: { S: "341-2545-02366-1" } };

/** Ends the current thread as a crash would (the class keeps it private). */
async function killThread(store: DynaliteThread): Promise<void> {
  const worker = (store as unknown as { worker: Worker }).worker;
  await worker.terminate();
}

describe("DynaliteThread", () => {
  it("answers InternalFailure for what a dead thread had, then serves the same store again", async () => {
    const home = mkdtempSync(join(tmpdir(), "contabanco-ddb-thread-"));
    homes.push(home);
    const store = await DynaliteThread.at(home, { createTableMs: 0 });
    try {
      expect((await store.call("CreateTable", TABLE)).ok).toBe(true);
      for (;;) {
        const d = await store.call("DescribeTable", { TableName: "contas" });
        if (
          (d as { body: { Table?: { TableStatus?: string } } }).body.Table?.TableStatus === "ACTIVE"
        )
          break;
        await new Promise((r) => setTimeout(r, 10));
      }
      const put = await store.call("PutItem", {
        TableName: "contas",
        Item: { ...KEY, n: { N: "1" } },
      });
      expect(put.ok).toBe(true);

      const inFlight = store.callJson("GetItem", JSON.stringify({ TableName: "contas", Key: KEY }));
      await killThread(store);
      const lost = await inFlight;
      // Answered by the dead thread before it went, or failed with it: never left hanging.
      if (lost.status !== 200) {
        expect(lost.status).toBe(500);
        expect(JSON.parse(lost.json).__type).toBe(
          "com.amazonaws.dynamodb.v20120810#InternalFailure",
        );
      }
      expect(store.restarts).toBe(1);

      const again = await store.call("GetItem", { TableName: "contas", Key: KEY });
      expect(again).toEqual({ ok: true, body: { Item: { ...KEY, n: { N: "1" } } } });
      const after = await store.call("UpdateItem", {
        TableName: "contas",
        Key: KEY,
        UpdateExpression: "SET n = :n",
        ExpressionAttributeValues: { ":n": { N: "2" } },
        ReturnValues: "ALL_NEW",
      });
      expect(after).toEqual({ ok: true, body: { Attributes: { ...KEY, n: { N: "2" } } } });
    } finally {
      await store.close();
    }
  });
});
