// DynamoDB tables for tests that need one before they start.
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";

/** Polls DescribeTable until the table is ACTIVE (tables start CREATING, as on AWS). */
export async function waitTableActive(db: DynamoDBClient, TableName: string): Promise<void> {
  for (;;) {
    const t = await db.send(new DescribeTableCommand({ TableName }));
    if (t.Table?.TableStatus === "ACTIVE") return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** An on-demand table keyed by a string `id`, ACTIVE once this resolves. */
export async function createIdTable(db: DynamoDBClient, TableName: string): Promise<void> {
  await db.send(
    new CreateTableCommand({
      TableName,
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  await waitTableActive(db, TableName);
}
