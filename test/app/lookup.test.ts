// lookup.ts over real SDK clients against the local engine's DynamoDB: GetItem, the documento
// index (a Query, seen on the wire: never a Scan), and Scan pages with continuation tokens
// (filtered pages cut inside a DynamoDB page).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  decodeToken,
  encodeToken,
  findByBanco,
  findByDocumento,
  getAccount,
  listAccounts,
  TokenError,
} from "../../src/app/lookup.js";
import { type RunningServer, startServer } from "../../src/local/server.js";
import { sdkConfig } from "../support/engine.js";
import { recordCommands } from "../support/sdk.js";

const TABLE = "contabanco-t-contas";
let server: RunningServer;
let home: string;
let client: DynamoDBClient;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), "contabanco-lookup-"));
  server = await startServer({ port: 0, home });
  client = new DynamoDBClient({
    region: "us-east-1",
    endpoint: server.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  doc = DynamoDBDocumentClient.from(client);
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: "id", AttributeType: "S" },
        { AttributeName: "documento", AttributeType: "S" },
      ],
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      GlobalSecondaryIndexes: [
        {
          IndexName: "documento-index",
          KeySchema: [{ AttributeName: "documento", KeyType: "HASH" }],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    }),
  );
  for (;;) {
    const t = await client.send(new DescribeTableCommand({ TableName: TABLE }));
    if (
      t.Table?.TableStatus === "ACTIVE" &&
      t.Table.GlobalSecondaryIndexes?.[0]?.IndexStatus === "ACTIVE"
    )
      break;
    await new Promise((r) => setTimeout(r, 50));
  }
  // 250 accounts: banco 341 every 5th, documento "D<i mod 7>".
  const items = Array.from({ length: 250 }, (_, i) => ({
    id: `${i % 5 === 0 ? "341" : "237"}-0001-${String(i).padStart(5, "0")}-0`,
    banco: i % 5 === 0 ? "341" : "237",
    documento: `5299822472${i % 7}`,
    titular: `Cliente ${i}`,
  }));
  for (let i = 0; i < items.length; i += 25) {
    await doc.send(
      new BatchWriteCommand({
        RequestItems: { [TABLE]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await server?.close();
  rmSync(home, { recursive: true, force: true });
});

describe("lookup", () => {
  it("GetItem by id, undefined when absent", async () => {
    expect(await getAccount(doc, TABLE, "341-0001-00005-0")).toMatchObject({
      titular: "Cliente 5",
    });
    expect(await getAccount(doc, TABLE, "341-0001-99999-0")).toBeUndefined();
  });

  it("queries the documento index with the documento normalized first", async () => {
    const found = await findByDocumento(doc, TABLE, "documento-index", "529.982.247-23");
    expect(found).toHaveLength(36);
    expect(found.every((a) => a.documento === "52998224723")).toBe(true);
  });

  it("--documento is one Query on the documento index and never a Scan (operations on the wire)", async () => {
    // The same kind of client, recording each operation the SDK sends.
    const watched = new DynamoDBClient(sdkConfig(server.url));
    const { sent } = recordCommands(watched);
    try {
      const found = await findByDocumento(
        DynamoDBDocumentClient.from(watched),
        TABLE,
        "documento-index",
        "529.982.247-24",
      );
      expect(found).toHaveLength(36);
      expect(sent.map((s) => s.command)).toEqual(["QueryCommand"]);
      expect(sent[0].input).toMatchObject({ TableName: TABLE, IndexName: "documento-index" });
      // The recorder sees what it should: a page of all is a Scan.
      await listAccounts(DynamoDBDocumentClient.from(watched), TABLE, { limit: 1 });
      expect(sent.map((s) => s.command)).toEqual(["QueryCommand", "ScanCommand"]);
    } finally {
      watched.destroy();
    }
  });

  it("pages through every account with tokens, each record exactly once", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await listAccounts(doc, TABLE, { limit: 40, token });
      expect(page.items.length).toBeLessThanOrEqual(40);
      seen.push(...page.items.map((a) => a.id));
      token = page.next;
      pages++;
    } while (token);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    expect(pages).toBeGreaterThanOrEqual(7);
  });

  it("filters by banco (padded), cutting inside DynamoDB pages and resuming after the last record", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await findByBanco(doc, TABLE, "341", { limit: 7, token });
      for (const a of page.items) expect(a.banco).toBe("341");
      seen.push(...page.items.map((a) => a.id));
      token = page.next;
    } while (token);
    expect(new Set(seen).size).toBe(50);
    expect(seen).toHaveLength(50);
    expect((await findByBanco(doc, TABLE, "1", { limit: 5 })).items).toEqual([]);
  });

  it("tokens round-trip; anything else is a TokenError", () => {
    expect(decodeToken(encodeToken({ id: "341-0001-00005-0" }))).toEqual({
      id: "341-0001-00005-0",
    });
    expect(() => decodeToken("!!")).toThrow(TokenError);
    expect(() => decodeToken(Buffer.from("[1]").toString("base64url"))).toThrow(TokenError);
    expect(() => decodeToken(Buffer.from('{"x":1}').toString("base64url"))).toThrow(TokenError);
  });
});
