// runBatch and existingIds against the local engine with the real workflow deployed: how many
// registrations run at once, an account registered behind the pre-check's back, throttled
// StartExecution calls retried, and the pre-check itself.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SFNClient } from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { existingIds, type PlannedAccount, runBatch } from "../../src/app/batch.js";
import type { ResourceNames } from "../../src/app/definition.js";
import { validateAccount } from "../../src/domain/index.js";
import { account } from "../support/accounts.js";
import { useEngine } from "../support/engine.js";
import { awsError, beforeEachCommand } from "../support/sdk.js";
import { deployStage } from "../support/stage.js";

const engine = useEngine({ prefix: "contabanco-batch-" });
let stateMachineArn: string;
let names: ResourceNames;

beforeAll(async () => {
  ({ stateMachineArn, names } = await deployStage({ endpoint: engine.url }));
});

function planned(from: number, count: number): PlannedAccount[] {
  return Array.from({ length: count }, (_, i) => {
    const result = validateAccount(account(from + i));
    if (!result.ok) throw new Error(`account ${from + i} is invalid`);
    return { line: i + 2, account: result.account };
  });
}

const fastRetry = { sleep: async () => {}, random: () => 0 };

describe("runBatch", () => {
  it("never has more registrations in flight than --concorrencia, and does run them together", async () => {
    const sfn = engine.client(SFNClient);
    let inFlight = 0;
    let most = 0;
    beforeEachCommand(sfn, ({ command }) => {
      if (command === "StartExecutionCommand") most = Math.max(most, ++inFlight);
    });
    const outcomes = await runBatch({
      sfn,
      stateMachineArn,
      accounts: planned(100, 12),
      concurrency: 3,
      onOutcome: () => {
        inFlight -= 1;
      },
    });
    expect(outcomes.map((o) => o.status)).toEqual(Array(12).fill("cadastrada"));
    expect(outcomes.map((o) => o.line)).toEqual(planned(100, 12).map((p) => p.line));
    expect(most).toBe(3);
  });

  it("an account registered after the pre-check: the workflow's ContaJaCadastrada counts as já existente", async () => {
    const sfn = engine.client(SFNClient);
    const accounts = planned(200, 2);
    const first = await runBatch({ sfn, stateMachineArn, accounts: accounts.slice(0, 1) });
    expect(first[0].status).toBe("cadastrada");
    // The pre-check did not see it (empty `existing`): an execution runs and ends in ContaJaCadastrada.
    const again = await runBatch({ sfn, stateMachineArn, accounts, existing: new Set() });
    expect(again.map((o) => o.status)).toEqual(["ja-existente", "cadastrada"]);
    expect(again[0].executionArn).toMatch(/:execution:/);
    expect(again[0].executionArn).not.toBe(first[0].executionArn);
    expect(again[0].message).toContain("já está cadastrada");
  });

  it("retries a throttled StartExecution with backoff instead of failing the line", async () => {
    const sfn = engine.client(SFNClient);
    let refused = 0;
    beforeEachCommand(sfn, ({ command }) => {
      if (command === "StartExecutionCommand" && refused < 3) {
        refused += 1;
        // What Step Functions answers over its StartExecution quota.
        throw awsError("ThrottlingException", "Rate exceeded");
      }
    });
    const outcomes = await runBatch({
      sfn,
      stateMachineArn,
      accounts: planned(300, 2),
      concurrency: 1,
      retry: fastRetry,
    });
    expect(refused).toBe(3);
    expect(outcomes.map((o) => o.status)).toEqual(["cadastrada", "cadastrada"]);
  });

  it("a line whose StartExecution keeps failing is a falha with the error named, the rest go on", async () => {
    const sfn = engine.client(SFNClient);
    const accounts = planned(400, 2);
    beforeEachCommand(sfn, ({ command, input }) => {
      if (
        command === "StartExecutionCommand" &&
        String(input.name).startsWith(accounts[0].account.id)
      ) {
        throw awsError(
          "AccessDeniedException",
          "User is not authorized to perform: states:StartExecution",
        );
      }
    });
    const outcomes = await runBatch({ sfn, stateMachineArn, accounts, retry: fastRetry });
    expect(outcomes[0]).toMatchObject({ status: "falha", id: accounts[0].account.id });
    expect(outcomes[0].message).toContain("AccessDeniedException");
    expect(outcomes[1].status).toBe("cadastrada");
  });
});

describe("existingIds", () => {
  it("finds the registered ids among more than one BatchGetItem's 100 keys", async () => {
    const sfn = engine.client(SFNClient);
    const registered = planned(500, 3);
    await runBatch({ sfn, stateMachineArn, accounts: registered });
    const doc = DynamoDBDocumentClient.from(engine.client(DynamoDBClient));
    const ids = [
      ...planned(600, 240).map((p) => p.account.id),
      ...registered.map((p) => p.account.id),
    ];
    const found = await existingIds(doc, names.table, ids);
    expect([...found].sort()).toEqual(registered.map((p) => p.account.id).sort());
  });
});
