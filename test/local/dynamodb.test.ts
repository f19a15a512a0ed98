import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  TableNotFoundException,
  UpdateContinuousBackupsCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { AwsError } from "../../src/local/errors.js";
import { startServer } from "../../src/local/server.js";
import { createDynamoDbService, dynamodbCall } from "../../src/local/services/dynamodb/index.js";
import { createServices } from "../../src/local/services/index.js";
import { waitTableActive } from "../support/dynamodb.js";
import { credentials, region, startEngine, tempHome, useEngine } from "../support/engine.js";
import { raw, scopeAuth } from "../support/http.js";

const table = {
  TableName: "contas",
  AttributeDefinitions: [
    { AttributeName: "id", AttributeType: "S" as const },
    { AttributeName: "documento", AttributeType: "S" as const },
  ],
  KeySchema: [{ AttributeName: "id", KeyType: "HASH" as const }],
  GlobalSecondaryIndexes: [
    {
      IndexName: "documento",
      KeySchema: [{ AttributeName: "documento", KeyType: "HASH" as const }],
      Projection: { ProjectionType: "ALL" as const },
    },
  ],
  BillingMode: "PAY_PER_REQUEST" as const,
};

describe("dynamodb on the local engine", () => {
  const engine = useEngine();
  let db: DynamoDBClient;
  beforeAll(async () => {
    db = engine.client(DynamoDBClient);
    const created = await db.send(new CreateTableCommand(table));
    expect(created.TableDescription?.TableArn).toBe(
      "arn:aws:dynamodb:us-east-1:000000000000:table/contas",
    );
    await waitTableActive(db, "contas");
  });

  it("puts, gets, updates and queries items through the SDK", async () => {
    await db.send(
      new PutItemCommand({
        TableName: "contas",
        Item: { id: { S: "341-2545-02366-1" }, documento: { S: "52998224725" } },
      }),
    );
    const got = await db.send(
      new GetItemCommand({ TableName: "contas", Key: { id: { S: "341-2545-02366-1" } } }),
    );
    expect(got.Item?.documento.S).toBe("52998224725");
    const q = await db.send(
      new QueryCommand({
        TableName: "contas",
        IndexName: "documento",
        KeyConditionExpression: "documento = :d",
        ExpressionAttributeValues: { ":d": { S: "52998224725" } },
      }),
    );
    expect(q.Items?.map((i) => i.id.S)).toEqual(["341-2545-02366-1"]);
    const listed = await db.send(new ListTablesCommand({}));
    expect(listed.TableNames).toContain("contas");
  });

  it("raises ConditionalCheckFailedException for a conditional write that fails", async () => {
    const put = () =>
      db.send(
        new UpdateItemCommand({
          TableName: "contas",
          Key: { id: { S: "001-0001-1-1" } },
          UpdateExpression: "SET titular = :t",
          ConditionExpression: "attribute_not_exists(id)",
          ExpressionAttributeValues: { ":t": { S: "Maria" } },
        }),
      );
    await put();
    await expect(put()).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });

  it("raises ResourceNotFoundException for a missing table", async () => {
    const err = await db
      .send(new GetItemCommand({ TableName: "nada", Key: { id: { S: "x" } } }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.name).toBe("ResourceNotFoundException");
  });

  it("raises ResourceInUseException creating a table that exists", async () => {
    const err = await db.send(new CreateTableCommand(table)).catch((e) => e);
    expect(err).toBeInstanceOf(ResourceInUseException);
    expect(err.name).toBe("ResourceInUseException");
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toBe("Table already exists: contas");
  });

  it("raises ValidationException for a too-short table name", async () => {
    const err = await db.send(new DescribeTableCommand({ TableName: "ab" })).catch((e) => e);
    expect(err.name).toBe("ValidationException");
  });

  it("answers malformed bodies and unknown operations like DynamoDB", async () => {
    const headers = {
      authorization: scopeAuth("dynamodb"),
      "content-type": "application/x-amz-json-1.0",
    };
    const bad = await raw(engine.url, {
      headers: { ...headers, "x-amz-target": "DynamoDB_20120810.GetItem" },
      body: "{nope",
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).__type).toBe("com.amazon.coral.service#SerializationException");
    const unknown = await raw(engine.url, {
      headers: { ...headers, "x-amz-target": "DynamoDB_20120810.Frobnicate" },
      body: "{}",
    });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text).__type).toBe(
      "com.amazon.coral.service#UnknownOperationException",
    );
  });

  it("answers a null table in BatchGetItem's RequestItems with a ValidationException", async () => {
    const r = await raw(engine.url, {
      headers: {
        authorization: scopeAuth("dynamodb"),
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": "DynamoDB_20120810.BatchGetItem",
      },
      body: '{"RequestItems":{"contas":null}}',
    });
    expect(r.status).toBe(400);
    const body = JSON.parse(r.text);
    expect(body.__type).toBe("com.amazon.coral.validate#ValidationException");
    expect(body.message).toBe(
      "1 validation error detected: Value null at 'requestItems.contas.member.keys' failed to satisfy constraint: Member must not be null",
    );
  });

  it("describes and updates point-in-time recovery (continuous backups)", async () => {
    const before = await db.send(new DescribeContinuousBackupsCommand({ TableName: "contas" }));
    expect(
      before.ContinuousBackupsDescription?.PointInTimeRecoveryDescription
        ?.PointInTimeRecoveryStatus,
    ).toBe("DISABLED");
    const updated = await db.send(
      new UpdateContinuousBackupsCommand({
        TableName: "contas",
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
    const pitr = updated.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
    expect(pitr?.PointInTimeRecoveryStatus).toBe("ENABLED");
    expect(pitr?.EarliestRestorableDateTime).toBeInstanceOf(Date);
    const missing = await db
      .send(new DescribeContinuousBackupsCommand({ TableName: "nao-existe" }))
      .catch((e) => e);
    expect(missing).toBeInstanceOf(TableNotFoundException);
  });

  it("offers an in-process call with DynamoDB's error codes", async () => {
    await dynamodbCall("PutItem", {
      TableName: "contas",
      Item: { id: { S: "in-process" }, documento: { S: "1" } },
    });
    const out = await dynamodbCall("DynamoDB_20120810.GetItem", {
      TableName: "contas",
      Key: { id: { S: "in-process" } },
    });
    expect(out.Item).toEqual({ id: { S: "in-process" }, documento: { S: "1" } });
    const err = await dynamodbCall(
      "PutItem",
      {
        TableName: "contas",
        Item: { id: { S: "in-process" } },
        ConditionExpression: "attribute_not_exists(id)",
      },
      engine.server.ctx,
    ).catch((e) => e);
    expect(err).toBeInstanceOf(AwsError);
    expect(err.code).toBe("ConditionalCheckFailedException");
  });

  it("answers the same condition expression the same way on every call", async () => {
    const put = (id: string, ConditionExpression: string) =>
      dynamodbCall(
        "PutItem",
        {
          TableName: "contas",
          Item: { id: { S: id }, documento: { S: "2" } },
          ConditionExpression,
        },
        engine.server.ctx,
      ).then(
        () => "ok",
        (e: AwsError) => `${e.code}: ${e.message}`,
      );
    const outcomes: string[] = [];
    for (const id of ["cond-1", "cond-2", "cond-1", "cond-2"]) {
      outcomes.push(await put(id, "attribute_not_exists(id)"));
      outcomes.push(await put(id, "attribute_exists(id) AND attribute_exists(documento)"));
      outcomes.push(await put(id, "attribute_not_exists(size)"));
      outcomes.push(await put(id, "attribute_not_exists(id"));
    }
    const reserved =
      "ValidationException: Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: size";
    const failed = "ConditionalCheckFailedException: The conditional request failed";
    const round = (first: boolean) => [
      first ? "ok" : failed,
      "ok",
      reserved,
      expect.stringMatching(/^ValidationException: Invalid ConditionExpression: Syntax error/),
    ];
    expect(outcomes).toEqual([...round(true), ...round(true), ...round(false), ...round(false)]);
  });

  it("keeps tables and items across a restart on the same data directory", async () => {
    await engine.restart();
    db = engine.client(DynamoDBClient);
    const got = await db.send(
      new GetItemCommand({ TableName: "contas", Key: { id: { S: "341-2545-02366-1" } } }),
    );
    expect(got.Item?.documento.S).toBe("52998224725");
    const pitr = await db.send(new DescribeContinuousBackupsCommand({ TableName: "contas" }));
    expect(
      pitr.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus,
    ).toBe("ENABLED");
    await db.send(new DeleteTableCommand({ TableName: "contas" }));
  });

  it("finishes a table left CREATING by an engine that stopped mid-way", async () => {
    const other = tempHome();
    try {
      const services = await createServices();
      services.dynamodb = createDynamoDbService({ createTableMs: 2_000 });
      let e = await startServer({ port: 0, home: other.home, services });
      let client = new DynamoDBClient({ endpoint: e.url, region, credentials });
      const created = await client.send(new CreateTableCommand({ ...table, TableName: "lenta" }));
      expect(created.TableDescription?.TableStatus).toBe("CREATING");
      await e.close();
      e = await startEngine(other.home);
      client = new DynamoDBClient({ endpoint: e.url, region, credentials });
      const t = await client.send(new DescribeTableCommand({ TableName: "lenta" }));
      expect(t.Table?.TableStatus).toBe("ACTIVE");
      expect(t.Table?.GlobalSecondaryIndexes?.[0].IndexStatus).toBe("ACTIVE");
      await e.close();
    } finally {
      other.cleanup();
    }
  });
});
