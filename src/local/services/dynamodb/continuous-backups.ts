// Describe/UpdateContinuousBackups (point-in-time recovery), which dynalite lacks. The setting
// is kept per table in <home>/dynamodb-pitr.json; the table itself is checked through dynalite.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeContinuousBackups.html
import { join } from "node:path";
import { AwsError } from "../../errors.js";
import { JsonDocument } from "../../store.js";
import type { DynamoDbStore } from "./dynalite-thread.js";

interface PitrDoc {
  tables: Record<string, { enabled: boolean; days?: number; since: number }>;
}

const docs = new Map<string, JsonDocument<PitrDoc>>();

function pitrDoc(home: string): JsonDocument<PitrDoc> {
  let doc = docs.get(home);
  if (!doc) {
    doc = new JsonDocument(join(home, "dynamodb-pitr.json"), () => ({ tables: {} }));
    docs.set(home, doc);
  }
  return doc;
}

export function forgetPitr(home: string): void {
  docs.delete(home);
}

export const EXTRA_OPERATIONS = ["DescribeContinuousBackups", "UpdateContinuousBackups"];

async function tableCreatedAt(engine: DynamoDbStore, name: unknown): Promise<number> {
  if (typeof name !== "string" || name.length < 3 || name.length > 255) {
    throw new AwsError(
      "com.amazon.coral.validate#ValidationException",
      `1 validation error detected: Value '${String(name)}' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3`,
    );
  }
  const out = await engine.call("DescribeTable", { TableName: name });
  if (!out.ok) {
    throw new AwsError(
      "com.amazonaws.dynamodb.v20120810#TableNotFoundException",
      `Table not found: ${name}`,
    );
  }
  const table = (out.body as { Table?: { CreationDateTime?: number } }).Table;
  return table?.CreationDateTime ?? Date.now() / 1000;
}

function describe(entry: PitrDoc["tables"][string] | undefined) {
  const now = Date.now() / 1000;
  const enabled = entry?.enabled === true;
  return {
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: "ENABLED",
      PointInTimeRecoveryDescription: enabled
        ? {
            PointInTimeRecoveryStatus: "ENABLED",
            RecoveryPeriodInDays: entry?.days ?? 35,
            EarliestRestorableDateTime: entry?.since ?? now,
            LatestRestorableDateTime: now,
          }
        : { PointInTimeRecoveryStatus: "DISABLED" },
    },
  };
}

export async function extraOperation(
  engine: DynamoDbStore,
  home: string,
  op: string,
  data: Record<string, unknown>,
): Promise<unknown> {
  await tableCreatedAt(engine, data.TableName);
  const name = data.TableName as string;
  const doc = pitrDoc(home);
  if (op === "DescribeContinuousBackups") return describe((await doc.get()).tables[name]);
  const spec = data.PointInTimeRecoverySpecification as
    | { PointInTimeRecoveryEnabled?: unknown; RecoveryPeriodInDays?: unknown }
    | undefined;
  if (!spec || typeof spec.PointInTimeRecoveryEnabled !== "boolean") {
    throw new AwsError(
      "com.amazon.coral.validate#ValidationException",
      "1 validation error detected: Value null at 'pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled' failed to satisfy constraint: Member must not be null",
    );
  }
  const days = spec.RecoveryPeriodInDays;
  if (days !== undefined && (typeof days !== "number" || days < 1 || days > 35)) {
    throw new AwsError(
      "com.amazon.coral.validate#ValidationException",
      "RecoveryPeriodInDays must be between 1 and 35",
    );
  }
  const enabled = spec.PointInTimeRecoveryEnabled;
  const entry = await doc.update((d) => {
    const previous = d.tables[name];
    d.tables[name] = {
      enabled,
      ...(typeof days === "number" ? { days } : {}),
      since: previous?.enabled ? previous.since : Date.now() / 1000,
    };
    return d.tables[name];
  });
  return describe(entry);
}

/** A deleted table loses its point-in-time recovery setting, as on AWS. */
export async function clearPitr(home: string, name: unknown): Promise<void> {
  if (typeof name !== "string") return;
  const doc = pitrDoc(home);
  if ((await doc.get()).tables[name] === undefined) return;
  await doc.update((d) => {
    delete d.tables[name];
  });
}
